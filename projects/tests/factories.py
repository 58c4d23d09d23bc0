import datetime

import factory

from projects.models import Partner, Project, ProjectCriterion, ProjectIndicator, ProjectPartner


def nip_check_digit(first_nine: str) -> int | None:
    """The NIP check digit (weights 6,5,7,2,3,4,5,6,7; sum mod 11), or None when it would be 10."""
    total = sum(int(d) * w for d, w in zip(first_nine, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=True)) % 11
    return None if total == 10 else total


def valid_nip(n: int) -> str:
    """The n-th valid NIP of a series (prefixes whose check digit would be 10 are skipped)."""
    prefix = 526_000_000 + n * 2
    while (check := nip_check_digit(str(prefix))) is None:
        prefix += 1
    return f"{prefix}{check}"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Stowarzyszenie „Wspólna sprawa” {n}")
    kind = Partner.Kind.NGO
    nip = factory.Sequence(valid_nip)
    street = "ul. Dworcowa 33"
    postal_code = "44-190"
    town = "Knurów"
    contact_person = "Koordynator projektu"
    phone = "32 000 00 00"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Partnerstwo na rzecz aktywnej integracji {n}")
    code = factory.Sequence(lambda n: f"RPSL.09.01.01-24-{n:04d}/16")
    programme = "RPO WSL 2014–2020, 9.1.1"
    funder = "Urząd Marszałkowski Województwa Śląskiego"
    lead_organisation = "MOPS Zawiercie"
    start_date = datetime.date(2016, 1, 1)
    end_date = datetime.date(2017, 12, 31)
    status = Project.Status.CLOSED
    target_recruited = 145
    target_completed = 96

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            self.locations.set(extracted)


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = ProjectPartner.Role.PARTNER
    agreement_number = factory.Sequence(lambda n: f"UP/{n}/2016")
    agreement_start = datetime.date(2016, 1, 1)
    agreement_end = datetime.date(2017, 12, 31)
    agreement_scope = "Rekrutacja uczestników i poradnictwo zawodowe"


class ProjectIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectIndicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Liczba osób, które uzyskały kwalifikacje ({n})")
    target = 12
    unit = "osób"


class ProjectCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectCriterion

    project = factory.SubFactory(ProjectFactory)
    kind = ProjectCriterion.Kind.TOWN
    value = "Zawiercie; Kromołów"
    description = factory.Sequence(lambda n: f"Mieszka na terenie gminy Zawiercie ({n})")
