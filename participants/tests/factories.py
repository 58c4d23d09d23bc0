import datetime
import random

import factory

from kis.tests.factories import LocationFactory, UserFactory
from participants import pesel as pesel_rules
from participants.models import AreaType, Consent, HouseholdMember, Participant, Sex, Voivodeship


def make_pesel(born: datetime.date, female: bool, serial: int) -> str:
    """A valid PESEL for the given date and sex (serial 0–999 makes it unique)."""
    offset = {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[born.year // 100]
    sex_digit = (serial % 5) * 2 + (0 if female else 1)
    first_ten = f"{born.year % 100:02d}{born.month + offset:02d}{born.day:02d}{serial % 1000:03d}{sex_digit}"
    return first_ten + str(pesel_rules.check_digit(first_ten))


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant
        skip_postgeneration_save = True

    class Params:
        female = factory.LazyFunction(lambda: random.random() < 0.5)

    first_name = factory.LazyAttribute(lambda o: "Maria" if o.female else "Jan")
    last_name = factory.Faker("last_name", locale="pl_PL")
    date_of_birth = factory.LazyFunction(
        lambda: datetime.date(1960, 1, 1) + datetime.timedelta(days=random.randint(0, 40 * 365))
    )
    sex = factory.LazyAttribute(lambda o: Sex.FEMALE if o.female else Sex.MALE)
    pesel = factory.LazyAttributeSequence(lambda o, n: make_pesel(o.date_of_birth, o.female, n))
    street = "ul. Sobieskiego"
    house_number = factory.Sequence(lambda n: str(n % 200 + 1))
    postal_code = "84-200"
    town = "Wejherowo"
    commune = "Wejherowo"
    county = "wejherowski"
    voivodeship = Voivodeship.POMORSKIE
    area_type = AreaType.CITY
    social_worker = factory.SubFactory(UserFactory)
    location = factory.SubFactory(LocationFactory, name="KIS Śródmieście")

    @factory.post_generation
    def risk_factors(self, create, extracted, **kwargs):
        if create and extracted:
            self.risk_factors.set(extracted)


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    participant = factory.SubFactory(ParticipantFactory)
    first_name = "Zosia"
    last_name = factory.LazyAttribute(lambda o: o.participant.last_name)
    relationship = HouseholdMember.Relationship.CHILD
    date_of_birth = datetime.date(2018, 5, 1)
    needs_care = True


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    purpose = Consent.Purpose.IMAGE
    scope = "zdjęcia z warsztatów na stronie ośrodka"
    given_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
