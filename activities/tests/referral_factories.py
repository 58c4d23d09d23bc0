"""Factories of the referral tests: the catalogue's psychologist and lawyer, a specialist's weekly
slot, and referrals and appointments made directly (for reads; moves go through the services)."""

import datetime

import factory
from django.utils import timezone

from activities.models import Appointment, Referral, ServiceType, SpecialistSlot
from kis.tests.factories import LocationFactory, UserFactory
from participants.tests.factories import ParticipantFactory

DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def psychology() -> ServiceType:
    """The catalogue's individual psychological counselling (recorded as meetings with a psychologist)."""
    return ServiceType.objects.get(name="Poradnictwo psychologiczne indywidualne")


def by_referral_only(service: ServiceType) -> ServiceType:
    service.by_referral_only = True
    service.save(update_fields=["by_referral_only"])
    return service


def legal_advice() -> ServiceType:
    return ServiceType.objects.get(name="Poradnictwo prawne")


def next_weekday(weekday: int, *, after: datetime.date | None = None) -> datetime.date:
    """The first day on ``weekday`` (0 = Monday) after ``after`` (tomorrow at the earliest)."""
    start = (after or today()) + DAY
    return start + DAY * ((weekday - start.weekday()) % 7)


class SpecialistSlotFactory(factory.django.DjangoModelFactory):
    """Tuesdays 10:00–12:00 with the psychologist, two people a day."""

    class Meta:
        model = SpecialistSlot

    service = factory.LazyFunction(psychology)
    specialist = "mgr Joanna Wierzbicka (psycholog)"
    location = factory.SubFactory(LocationFactory, name="KIS Śródmieście")
    weekday = 1
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
    capacity = 2


class ReferralFactory(factory.django.DjangoModelFactory):
    """An issued referral to the psychologist, made directly (no checks, no audit entry)."""

    class Meta:
        model = Referral

    participant = factory.SubFactory(ParticipantFactory)
    service = factory.LazyFunction(psychology)
    specialist = "mgr Joanna Wierzbicka"
    issued_on = factory.LazyFunction(lambda: today() - DAY * 3)
    issued_by = factory.SubFactory(UserFactory)
    reason = "Objawy depresji po utracie pracy; myśli rezygnacyjne."


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    referral = factory.SubFactory(ReferralFactory)
    slot = factory.SubFactory(SpecialistSlotFactory)
    date = factory.LazyAttribute(lambda o: next_weekday(o.slot.weekday))
    booked_on = factory.LazyFunction(today)
