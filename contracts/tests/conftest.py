"""Fixtures of the contract tests."""

import pytest
from django.conf import settings
from django.utils import translation

from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import signed_contract
from participants.tests.factories import ParticipantFactory


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English, so the tests hold when the Polish catalogue grows
    (the PDF is rendered in Polish whatever the language: see test_pdf)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def participant(social_worker):
    """A participant on ``social_worker``'s caseload, with Polish diacritics in the name."""
    return ParticipantFactory(social_worker=social_worker, first_name="Łucja", last_name="Żółkiewska", female=True)


@pytest.fixture
def draft(participant):
    """A complete draft of ``social_worker`` with one task, ready to be signed."""
    contract = SocialContractFactory(participant=participant)
    ContractTaskFactory(contract=contract, description="Udział w warsztatach kompetencji społecznych")
    return contract


@pytest.fixture
def signed(participant):
    """A contract of ``social_worker`` in force, signed today, with one task."""
    return signed_contract(participant=participant)
