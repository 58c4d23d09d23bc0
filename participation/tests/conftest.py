"""Fixtures of the participation tests."""

import datetime

import pytest
from django.conf import settings
from django.utils import translation

from contracts.tests.helpers import signed_contract
from kis.tests.factories import LocationFactory
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import ParticipationProjectFactory, contract_from


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English, so the tests hold when the Polish catalogue grows (the
    certificate is rendered in Polish whatever the language: see test_certificate)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def participant(social_worker):
    """A person on ``social_worker``'s caseload, with Polish diacritics in the name."""
    return ParticipantFactory(
        social_worker=social_worker,
        first_name="Łucja",
        last_name="Żółkiewska",
        female=True,
        date_of_birth=datetime.date(1979, 3, 14),
    )


@pytest.fixture
def project():
    """A project running around today, at one of the club's sites."""
    return ParticipationProjectFactory(
        title="Świętojańska ścieżka aktywizacji",
        code="RPPM.06.01.00-22-0042/25",
        locations=[LocationFactory(name="KIS Śródmieście")],
    )


@pytest.fixture
def contracted(participant):
    """``participant`` with a signed social contract in force from before the start of the path."""
    signed_contract(participant=participant, period_start=contract_from())
    return participant
