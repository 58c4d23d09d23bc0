"""The recruitment search for a person goes by POST, as the participant list's: a PESEL searched
for is kept in the session under a token and never appears in an address."""

import pytest

from participants.tests.factories import ParticipantFactory
from participation.tests.factories import ParticipationProjectFactory

pytestmark = pytest.mark.django_db

PESEL = "44051401359"


@pytest.fixture
def person(social_worker):
    return ParticipantFactory(last_name="Kowalski", pesel=PESEL, social_worker=social_worker)


def test_the_recruitment_search_goes_by_post_too(client, social_worker, person):
    project = ParticipationProjectFactory()
    client.force_login(social_worker)

    posted = client.post("/activities/participations/new/", {"project": project.pk, "q": PESEL})
    found = client.get(posted["Location"])
    bookmarked = client.get(f"/activities/participations/new/?project={project.pk}&q={PESEL}")

    assert posted.status_code == 303 and bookmarked.status_code == 303
    assert PESEL not in posted["Location"] and PESEL not in bookmarked["Location"]
    assert [p.pk for p in found.context["candidates"]] == [person.pk]
