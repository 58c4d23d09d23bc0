"""The demo registry: users, sites, people, contracts, partners and projects of the real clubs."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from localflavor.pl.forms import PLNIPField, PLREGONField

from contracts.models import (
    AmendmentStatus,
    ContractAmendment,
    ContractReview,
    ContractStatus,
    ContractTask,
    SocialContract,
)
from demo import organisation
from demo.organisation import PASSWORD
from demo.tests.helpers import DEMO_LOGINS
from kis.models import Location
from participants import pesel as pesel_rules
from participants.models import Consent, HouseholdMember, Participant, RiskFactor, Sex
from projects.models import Partner, Project, ProjectCriterion, ProjectPartner

User = get_user_model()


@pytest.mark.django_db
def test_demo_users_log_in_with_the_demo_password_and_have_their_roles(client, demo):
    assert PASSWORD in demo
    for username in DEMO_LOGINS:
        assert username in demo
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [username]
        # The administrator reaches the Django admin, but as no superuser: it reads no case file.
        assert (user.is_staff, user.is_superuser) == (username == "admin", False)
        response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(user.pk)
        client.logout()
    social_workers = User.objects.filter(groups__name="social_worker", is_active=True)
    assert social_workers.count() >= 5


@pytest.mark.django_db
def test_demo_locations_are_the_programmes_sites(demo):

    assert Location.objects.get(name="KIS „Śródmieście”").address == "ul. Kopernika 22, 84-200 Wejherowo"
    assert Location.objects.get(name="Centrum Wsparcia i Inicjatyw Społecznych").address == (
        "ul. Dworcowa 33, 44-190 Knurów"
    )
    assert Location.objects.get(name="Punkt Wsparcia MOPS Bielsko-Biała").address == (
        "ul. Karola Miarki 11, 43-300 Bielsko-Biała"
    )
    assert Location.objects.filter(town="Zawiercie").exists()


@pytest.mark.django_db
def test_every_demo_participant_is_valid_and_plausible(demo):
    people = list(Participant.objects.prefetch_related("risk_factors"))
    assert len(people) == 300

    for person in people:
        person.full_clean()
        if person.pesel:
            assert pesel_rules.validate(person.pesel) == person.date_of_birth
            assert pesel_rules.is_female(person.pesel) == (person.sex == Sex.FEMALE)
            assert person.no_pesel_reason == ""
        else:
            assert person.no_pesel_reason
        assert 1950 <= person.date_of_birth.year <= 2006
        assert person.registered_on <= datetime.date.today()
        assert 1 <= len(person.risk_factors.all()) <= 3
        assert re.fullmatch(r"\d{2}-\d{3}", person.postal_code)
        assert person.town and person.commune and person.county and person.house_number
        assert person.email == "" or person.email.endswith("@example.pl")
        assert person.phone == "" or re.fullmatch(r"[5-8]\d{2} \d{3} \d{3}", person.phone)
        if person.information_given_on:
            assert person.registered_on <= person.information_given_on <= datetime.date.today()
        # Adjectival surnames agree with the person's sex: Kowalska, Kowalski.
        if person.sex == Sex.FEMALE:
            assert not person.last_name.endswith(("ski", "cki", "dzki")), person.last_name
        else:
            assert not person.last_name.endswith(("ska", "cka", "dzka")), person.last_name

    assert any(not person.pesel for person in people), "some demo people have no PESEL"
    image = Consent.objects.filter(purpose=Consent.Purpose.IMAGE)
    assert 0 < image.count() < len(people), "some demo people agreed to their photos being published"
    assert any(any(c in person.last_name for c in "ąćęłńóśźż") for person in people), "Polish diacritics"
    assert any(person.last_name.endswith("ska") for person in people)
    assert any(person.last_name.endswith("ski") for person in people)


@pytest.mark.django_db
def test_demo_participants_are_spread_over_workers_and_locations_and_have_households(demo):

    assert Participant.objects.values("social_worker").distinct().count() >= 5
    assert Participant.objects.values("location").distinct().count() >= 4
    assert Participant.objects.values("location__town").distinct().count() >= 3
    assert HouseholdMember.objects.filter(needs_care=True).exists()
    assert HouseholdMember.objects.filter(relationship=HouseholdMember.Relationship.CHILD).exists()
    assert Participant.objects.exclude(confidential_notes="").exists()
    assert RiskFactor.objects.filter(participants__isnull=False).distinct().count() >= 5
    for member in HouseholdMember.objects.select_related("participant"):
        member.full_clean()
        if member.relationship == HouseholdMember.Relationship.CHILD:
            assert member.date_of_birth > member.participant.date_of_birth + datetime.timedelta(days=365 * 17)


@pytest.mark.django_db
@pytest.mark.django_db
def test_default_demo_has_about_300_participants(demo):
    assert Participant.objects.count() == 300
    assert Participant.objects.filter(pesel__isnull=True).count() >= 5
    assert "300 in the demo (300 new)" in demo


@pytest.mark.django_db
def test_demo_has_contracts_in_every_state_with_tasks_reviews_and_an_amendment(demo):
    # Today's contracts (the 2016–2017 ones are all completed or terminated, with tasks).
    current = SocialContract.objects.filter(period_start__year__gt=2017)
    states = set(current.values_list("status", flat=True))
    assert states == {ContractStatus.DRAFT, ContractStatus.SIGNED, ContractStatus.COMPLETED, ContractStatus.TERMINATED}
    signed = SocialContract.objects.exclude(status=ContractStatus.DRAFT)
    assert all(contract.snapshot_matches_hash() for contract in signed)
    assert ContractTask.objects.filter(contract__in=current).exists()
    assert ContractReview.objects.filter(contract__in=current).exists()
    assert ContractAmendment.objects.filter(status=AmendmentStatus.SIGNED).exists()
    assert SocialContract.objects.review_overdue().exists()
    assert SocialContract.objects.review_due().exists()


@pytest.mark.django_db
def test_demo_partners_and_projects_are_the_real_programmes(demo):

    assert Partner.objects.count() == len(organisation.PARTNERS) >= 10
    for partner in Partner.objects.all():
        assert PLNIPField().clean(partner.nip) == partner.nip, partner.name
        assert PLREGONField().clean(partner.regon) == partner.regon, partner.name
        assert partner.email.endswith("@example.pl") and partner.contact_person and partner.phone
        partner.full_clean()
    for name in (
        "Wejherowska Spółdzielnia Socjalna „Dobrodziejki”",
        "Powiatowy Urząd Pracy w Wejherowie",
        "Powiatowe Centrum Pomocy Rodzinie w Zawierciu",
        "Chrześcijańskie Stowarzyszenie Dobroczynne w Kluczach",
        "Powiatowy Urząd Pracy w Zawierciu",
    ):
        assert Partner.objects.filter(name=name).exists(), name
    kinds = set(Partner.objects.values_list("kind", flat=True))
    assert {Partner.Kind.TRAINING, Partner.Kind.EMPLOYER, Partner.Kind.HEALTH, Partner.Kind.OHP} <= kinds

    assert Project.objects.count() == 5
    for project in Project.objects.prefetch_related("project_partners", "locations", "indicators", "criteria"):
        project.full_clean()
        assert project.project_partners.all(), project.code
        assert project.locations.all(), project.code
        assert project.indicators.all() and project.criteria.all(), project.code
        assert project.retention_until and project.retention_until > project.end_date - datetime.timedelta(days=1)
        for link in project.project_partners.all():
            link.full_clean()
            assert link.agreement_number and link.agreement_start <= link.agreement_end
    roles = set(ProjectPartner.objects.values_list("role", flat=True))
    assert roles == set(ProjectPartner.Role.values)

    zawiercie = Project.objects.get(code=organisation.ZAWIERCIE_PROJECT)
    assert zawiercie.title == "Partnerstwo na rzecz aktywnej integracji w powiecie zawierciańskim"
    assert (zawiercie.start_date, zawiercie.end_date) == (datetime.date(2016, 1, 1), datetime.date(2017, 12, 31))
    assert zawiercie.status == Project.Status.CLOSED and zawiercie.legal_hold
    assert (zawiercie.target_recruited, zawiercie.target_completed) == (145, 96)
    assert list(zawiercie.locations.values_list("town", flat=True)) == ["Zawiercie"]
    assert zawiercie.indicators.filter(name__contains="ECDL Base", target=12).exists()
    assert zawiercie.indicators.filter(name__contains="staże", target=13).exists()
    assert set(zawiercie.partners.values_list("name", flat=True)) >= {
        "Powiatowe Centrum Pomocy Rodzinie w Zawierciu",
        "Chrześcijańskie Stowarzyszenie Dobroczynne w Kluczach",
    }
    wejherowo = Project.objects.get(code=organisation.WEJHEROWO_PROJECT)
    assert wejherowo.criteria.filter(kind=ProjectCriterion.Kind.STREET, value__contains="Kopernika").exists()
    assert Project.objects.exclude(social_effectiveness_threshold=34).count() == 1
    assert Project.objects.filter(status=Project.Status.RUNNING).count() == 4
