import datetime

import factory

from participants.tests.factories import ParticipantFactory
from programmes.models import Programme, ProgrammeKind, ProgrammeLink


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Program gminny {n}")
    kind = ProgrammeKind.OTHER


class ProgrammeLinkFactory(factory.django.DjangoModelFactory):
    """A link as a test needs it, written directly (the services are tested on their own)."""

    class Meta:
        model = ProgrammeLink

    programme = factory.SubFactory(ProgrammeFactory)
    participant = factory.SubFactory(ParticipantFactory)
    worker = factory.LazyAttribute(lambda o: o.participant.social_worker)
    started_on = datetime.date(2025, 3, 3)


def niebieska_karta() -> Programme:
    """The Niebieska Karta programme the data migration puts on the list."""
    return Programme.objects.get(kind=ProgrammeKind.NIEBIESKA_KARTA)


def programme_of(kind: str) -> Programme:
    return Programme.objects.filter(kind=kind).order_by("pk").first()
