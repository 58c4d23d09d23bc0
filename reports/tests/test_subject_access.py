"""The subject-access export (GDPR art. 15): everything held about one person, as JSON and as a PDF,
for whoever works the case, audited, in a fixed number of queries."""

import datetime
import json

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from activities.tests.factories import AttendanceFactory, EnrollmentFactory
from activities.tests.referral_factories import ReferralFactory
from activities.tests.support_factories import IndividualSupportFactory, InternshipFactory, VolunteerAgreementFactory
from conftest import make_user
from contracts.tests.factories import ContractReviewFactory, ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import signed_contract
from kis.audit import log_event
from kis.models import AuditEvent
from kis.roles import Role
from kis.tests.emblems import pdf_text
from participants.models import Consent, StandIn
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory
from participation.tests.factories import ParticipationFactory
from programmes.tests.factories import ProgrammeLinkFactory
from reports.subject_access import FORMAT
from usefulwork.tests.factories import PlacementFactory, WorkDayFactory

DAY = datetime.timedelta(days=1)
SECTIONS = [
    "record",
    "household",
    "consents",
    "stand_ins",
    "contracts",
    "contract_family_members",
    "contract_amendments",
    "contract_tasks",
    "contract_reviews",
    "participations",
    "participation_events",
    "eligibility_evidence",
    "declarations",
    "enrollments",
    "attendance",
    "individual_support",
    "internships",
    "volunteering",
    "referrals",
    "appointments",
    "useful_work",
    "useful_work_days",
    "programme_links",
    "files",
    "access_log",
]


@pytest.fixture
def viewer(db):
    return make_user(Role.COORDINATOR, first_name="Halina", last_name="Przeglądająca")


@pytest.fixture
def person(social_worker, other_social_worker, viewer):
    """A hand-built person with one of each: a signed contract with a task and a review, a
    participation, an attendance, a support note, a referral, a consent, a stand-in, useful work, a
    programme link, and a view of the record by a coordinator."""
    person = ParticipantFactory(social_worker=social_worker, first_name="Maria", last_name="Zielińska")
    HouseholdMemberFactory(participant=person, first_name="Zosia")
    Consent.objects.create(
        participant=person, purpose="image", scope="zdjęcia z warsztatów", given_on=timezone.localdate()
    )
    StandIn.objects.create(
        participant=person,
        worker=other_social_worker,
        starts_on=timezone.localdate() - 9 * DAY,
        ends_on=timezone.localdate() - DAY,
    )
    contract = signed_contract(participant=person, period_start=timezone.localdate() - 20 * DAY)
    ContractReviewFactory(contract=contract, findings="Zadania realizowane terminowo.")
    ParticipationFactory(participant=person, eligibility_note="Osoba długotrwale bezrobotna.")
    AttendanceFactory(enrollment=EnrollmentFactory(participant=person), status="excused")
    IndividualSupportFactory(participant=person, confidential_note="Rozmowa o sytuacji mieszkaniowej.")
    ReferralFactory(participant=person, reason="Objawy wypalenia, prośba o wsparcie psychologa.")
    InternshipFactory(participant=person, position="pomocnik magazyniera")
    VolunteerAgreementFactory(participant=person)
    WorkDayFactory(placement=PlacementFactory(participant=person, kind_of_work="pielęgnacja zieleni"))
    ProgrammeLinkFactory(participant=person, note="Program wychodzenia z bezdomności")
    log_event(user=viewer, action=AuditEvent.Action.VIEW, obj=person)
    return person


def rows_of(export: dict, key: str) -> list[dict]:
    return next(section["rows"] for section in export["sections"] if section["key"] == key)


def test_the_json_export_holds_every_part_of_the_record(client, social_worker, person):
    client.force_login(social_worker)

    response = client.get(f"/reports/participants/{person.pk}/export.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    export = json.loads(response.content)
    assert (export["format"], export["version"], export["participant_id"]) == (FORMAT, 1, person.pk)
    assert [section["key"] for section in export["sections"]] == SECTIONS
    record = rows_of(export, "record")[0]
    assert (record["last_name"], record["date_of_birth"]) == ("Zielińska", person.date_of_birth.isoformat())
    assert record["social_worker"] == "Anna Nowak"
    labels = export["sections"][0]["labels"]
    with translation.override("pl"):
        assert labels["last_name"] == capfirst(_("surname"))  # in the language of documents
    assert rows_of(export, "household")[0]["first_name"] == "Zosia"
    assert rows_of(export, "consents")[0]["scope"] == "zdjęcia z warsztatów"
    assert rows_of(export, "stand_ins")[0]["worker"] == "Piotr Wójcik"
    contract = rows_of(export, "contracts")[0]
    assert contract["status"] == "signed" and contract["signed_text"]["main_goal"] == "Podjęcie zatrudnienia."
    assert "udział w warsztatach" in rows_of(export, "contract_tasks")[0]["description"]
    assert rows_of(export, "contract_reviews")[0]["findings"] == "Zadania realizowane terminowo."
    assert rows_of(export, "participations")[0]["eligibility_note"] == "Osoba długotrwale bezrobotna."
    assert rows_of(export, "enrollments")
    assert rows_of(export, "attendance")[0]["status"] == "excused"
    assert rows_of(export, "individual_support")[0]["confidential_note"] == "Rozmowa o sytuacji mieszkaniowej."
    assert rows_of(export, "referrals")[0]["reason"] == "Objawy wypalenia, prośba o wsparcie psychologa."
    assert rows_of(export, "internships")[0]["position"] == "pomocnik magazyniera"
    assert rows_of(export, "volunteering")
    assert rows_of(export, "useful_work")[0]["kind_of_work"] == "pielęgnacja zieleni"
    assert rows_of(export, "useful_work_days")[0]["date"]
    assert rows_of(export, "programme_links")[0]["note"] == "Program wychodzenia z bezdomności"
    assert any(row["file"] == "" and row["what"] for row in rows_of(export, "files"))  # the drawn signature
    viewed = [row for row in rows_of(export, "access_log") if row["user"] == "Halina Przeglądająca"]
    assert [row["action"] for row in viewed] == ["view"]
    assert datetime.datetime.fromisoformat(viewed[0]["timestamp"]).date() == timezone.localdate()
    export_event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT, user=social_worker)
    assert (export_event.object_id, export_event.details) == (
        str(person.pk),
        {"export": "subject_access", "file": "json"},
    )


def test_the_pdf_names_its_sections_and_who_viewed_the_record(client, social_worker, person, tmp_path):
    client.force_login(social_worker)

    response = client.get(f"/reports/participants/{person.pk}/export.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    with translation.override("pl"):
        for title in ["Personal record", "Social contracts", "Attendance", "Individual support", "Referrals"]:
            assert _(title) in text
        assert _("Who viewed or changed the record") in text
    assert "Maria Zielińska" in text
    assert "Halina Przeglądająca" in text
    assert "Rozmowa o sytuacji mieszkaniowej." in text
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, details__file="pdf").count() == 1


def test_only_whoever_works_the_case_exports_it(client, person, other_social_worker, viewer, manager):
    for user, status in [(other_social_worker, 404), (manager, 403), (viewer, 200)]:
        client.force_login(user)
        assert client.get(f"/reports/participants/{person.pk}/export.json").status_code == status, user

    client.force_login(manager)
    page = client.get(f"/participants/{person.pk}/").content.decode()
    assert "/export.json" not in page  # a manager reads the record; the centre hands it over
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, user__in=[other_social_worker, manager])


@pytest.mark.parametrize("rows", [1, 5])
def test_the_export_makes_the_same_queries_for_1_and_5_rows_of_each_part(
    client, social_worker, other_social_worker, rows, django_assert_num_queries
):
    person = ParticipantFactory(social_worker=social_worker)
    for index in range(rows):
        HouseholdMemberFactory(participant=person)
        Consent.objects.create(participant=person, purpose="contact", given_on=timezone.localdate())
        StandIn.objects.create(
            participant=person,
            worker=other_social_worker,
            starts_on=timezone.localdate() - 9 * DAY,
            ends_on=timezone.localdate() - DAY,
        )
        contract = SocialContractFactory(participant=person)
        ContractTaskFactory(contract=contract)
        ContractReviewFactory(contract=contract)
        ParticipationFactory(participant=person)
        AttendanceFactory(enrollment=EnrollmentFactory(participant=person))
        IndividualSupportFactory(participant=person)
        ReferralFactory(participant=person)
        InternshipFactory(participant=person)
        VolunteerAgreementFactory(participant=person)
        WorkDayFactory(placement=PlacementFactory(participant=person, referral_number=f"PSU/{rows}{index}"))
        ProgrammeLinkFactory(participant=person)
        log_event(user=other_social_worker, action=AuditEvent.Action.VIEW, obj=person)
    client.force_login(social_worker)

    # 1 session, 2 user, 3 the user's roles and permissions, 4 the person from those the user may
    # edit; the export: 5 the record with worker, location and creator, 6 its risk factors, 7
    # household, 8 consents, 9 stand-ins, 10 contracts, 11 family members, 12 amendments, 13 tasks,
    # 14 reviews, 15 participations, 16 their events, 17 evidence, 18 declarations, 19 enrolments,
    # 20 attendance, 21 individual support, 22 internships, 23 volunteering, 24 referrals, 25
    # appointments, 26 useful-work placements, 27 their days, 28 programme links the user sees, 29
    # the audit entries of the person and their records (the files come from rows read already);
    # 30 INSERT of the "export" audit entry.
    with django_assert_num_queries(30):
        response = client.get(f"/reports/participants/{person.pk}/export.json")

    export = json.loads(response.content)
    assert len(rows_of(export, "attendance")) == len(rows_of(export, "contract_tasks")) == rows
    assert len(rows_of(export, "access_log")) == rows
