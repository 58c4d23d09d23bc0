import pytest

from participants.tests.factories import ParticipantFactory


@pytest.fixture
def person(social_worker):
    """A person on the caseload of ``social_worker``."""
    return ParticipantFactory(social_worker=social_worker, first_name="Halina", last_name="Kubala")
