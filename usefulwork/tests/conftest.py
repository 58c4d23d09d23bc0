"""Fixtures of the socially useful work tests: English messages, the limits of hours set as the
tests assume (whatever the installation's environment says), and a registered unemployed person on
``social_worker``'s caseload."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from usefulwork.tests.factories import LabourOfficeFactory, OrganisationFactory, registered_unemployed


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def limits(settings):
    """8 hours a day, 40 a month, no weekly limit (each test may change them)."""
    settings.KIS_USEFUL_WORK_MAX_HOURS_PER_DAY = Decimal(8)
    settings.KIS_USEFUL_WORK_MAX_HOURS_PER_WEEK = None
    settings.KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH = Decimal(40)
    return settings


@pytest.fixture
def unemployed(social_worker):
    """Łucja Żółkiewska, on ``social_worker``'s caseload, registered unemployed at the start of her
    participation."""
    return registered_unemployed(social_worker=social_worker, first_name="Łucja", last_name="Żółkiewska").participant


@pytest.fixture
def labour_office():
    return LabourOfficeFactory(name="Powiatowy Urząd Pracy w Bielsku-Białej")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Przedsiębiorstwo Usługowe „Zieleń Miejska” sp. z o.o.", street="ul. Cechowa 7")


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
