"""Factories of the socially useful work tests, and ``registered_unemployed``: a person whose
participation started with the status of a registered unemployed person, as placements require."""

import datetime

import factory
from django.utils import timezone

from participants.models import LabourMarketStatus
from participants.tests.factories import ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationFactory, ParticipationProjectFactory
from projects.models import Partner
from projects.tests.factories import PartnerFactory
from usefulwork.models import Placement, WorkDay

DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def last_month() -> datetime.date:
    """The first day of the previous month: every day of it is in the past."""
    return (today().replace(day=1) - DAY).replace(day=1)


class LabourOfficeFactory(PartnerFactory):
    name = factory.Sequence(lambda n: f"Powiatowy Urząd Pracy nr {n}")
    kind = Partner.Kind.LABOUR_OFFICE


class OrganisationFactory(PartnerFactory):
    name = factory.Sequence(lambda n: f"Zieleń Miejska {n} sp. z o.o.")
    kind = Partner.Kind.EMPLOYER


def started(participant, *, status: str, project=None, on: datetime.date | None = None) -> ProjectParticipation:
    """A participation of ``participant`` that started on ``on`` with labour-market ``status`` recorded."""
    on = on or today() - DAY * 40
    return ParticipationFactory(
        project=project or ParticipationProjectFactory(),
        participant=participant,
        status=ProjectParticipation.Status.ACTIVE,
        applied_on=on - DAY * 20,
        decided_on=on - DAY * 10,
        planned_start=on,
        start_date=on,
        labour_status_at_start=status,
    )


def registered_unemployed(**person) -> ProjectParticipation:
    """A person registered as unemployed at the start of their participation."""
    participant = ParticipantFactory(labour_market_status=LabourMarketStatus.REGISTERED_UNEMPLOYED, **person)
    return started(participant, status=LabourMarketStatus.REGISTERED_UNEMPLOYED)


class PlacementFactory(factory.django.DjangoModelFactory):
    """A placement made directly (for tests of reads); the services' rules are tested on their own."""

    class Meta:
        model = Placement

    participant = factory.LazyFunction(lambda: registered_unemployed().participant)
    referral_number = factory.Sequence(lambda n: f"PSU/{n:04d}/2026")
    referral_date = factory.LazyFunction(lambda: last_month() - DAY * 3)
    labour_office = factory.SubFactory(LabourOfficeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind_of_work = "pielęgnacja zieleni miejskiej"
    schedule = "pon.–czw. 8:00–12:00"
    start_date = factory.LazyFunction(last_month)
    end_date = factory.LazyFunction(lambda: today() + DAY * 60)
    no_unemployment_benefit = True


class WorkDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkDay

    placement = factory.SubFactory(PlacementFactory)
    date = factory.LazyFunction(last_month)
    hours = 4
