"""Factories of a person's own programme: individual support, internships, volunteering."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from activities.models import IndividualSupport, Internship, VolunteerAgreement
from participants.tests.factories import ParticipantFactory
from projects.models import Partner
from projects.tests.factories import PartnerFactory

DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


class IndividualSupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndividualSupport

    participant = factory.SubFactory(ParticipantFactory)
    kind = IndividualSupport.Kind.PSYCHOLOGIST
    date = factory.LazyFunction(lambda: today() - DAY * 3)
    specialist = "mgr Joanna Wierzbicka"
    hours = Decimal("1.5")


class EmployerFactory(PartnerFactory):
    name = factory.Sequence(lambda n: f"Przedsiębiorstwo Usług Komunalnych „Czystość” {n} sp. z o.o.")
    kind = Partner.Kind.EMPLOYER


class InternshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Internship

    participant = factory.SubFactory(ParticipantFactory)
    employer = factory.SubFactory(EmployerFactory)
    position = "pomocnik magazyniera"
    start_date = factory.LazyFunction(lambda: today() - DAY * 60)
    end_date = factory.LazyFunction(lambda: today() + DAY * 30)
    hours = Decimal("160")


class VolunteerAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerAgreement

    participant = factory.SubFactory(ParticipantFactory)
    organisation = factory.SubFactory(PartnerFactory)
    number = factory.Sequence(lambda n: f"W/{n + 1}/2026")
    start_date = factory.LazyFunction(lambda: today() - DAY * 30)
    end_date = factory.LazyFunction(lambda: today() + DAY * 60)
    scope = "Pomoc w jadłodajni dla osób w kryzysie bezdomności"
    hours = Decimal("24")
