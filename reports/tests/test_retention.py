"""Anonymisation after the retention date: on the hand-built project P (``reports.tests.factories``),
past its retention date, every figure of the outcome report and every non-personal column of the
ESF sheet is the same after as before, while no name or PESEL of the people anonymised is left in
any row of the database. D, also in the live project Q, is left alone; so is everyone under legal
hold, before the retention date, in a dry run, and anyone with no participation at all."""

from __future__ import annotations

import dataclasses
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Model
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from activities.models import IndividualSupport
from contracts import services
from contracts.models import ContractFamilyMember, ContractScan, SocialContract
from contracts.models.contract import canonical_json, sha256_hex
from contracts.tests.factories import ContractReviewFactory, ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import SIGNATURE
from kis.audit import log_event
from kis.models import AuditEvent
from participants.models import Consent, Participant
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory
from participation.models import Declaration, ProjectParticipation
from projects.models import Project
from reports import esf_sheet, indicators, retention, usefulwork
from reports.esf_columns import ENTRY, FACT, PERSON
from reports.outcomes import Period

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
ANONYMISED = "ABCEFGHIJK"  # everyone of P but D, who takes part in Q too
PERSONAL_COLUMNS = {
    (PERSON, "first_name"),
    (PERSON, "last_name"),
    (PERSON, "pesel"),
    (PERSON, "phone"),
    (PERSON, "email"),
    (FACT, "no_pesel"),
    *((ENTRY, name) for name in retention.ENTRY_PERSONAL),
}


def plain(value):
    """A report as plain data: dataclasses, model instances (with the figures annotated on them),
    lists and dicts, down to numbers and text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Model):
        return {name: plain(item) for name, item in vars(value).items() if not name.startswith("_")}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, Promise):
        return str(value)
    return value


def figures(project: Project) -> dict:
    """Every figure the report page shows, for the whole project and for a sub-period, and the ESF
    sheet's rows without the personal columns."""
    result = {}
    for period in (Period.of_project(project), Period(datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))):
        report = indicators.build(project, period)
        result[str(period.start)] = {
            "report": plain(report),
            "effectiveness_rates": [(g.social.rate, g.employment.rate) for g in report.effectiveness],
            "useful_work": plain(usefulwork.project_hours(project, period)),
        }
        layout = esf_sheet.layout_of(project)
        keep = [i for i, column in enumerate(layout.columns) if (column.source, column.field) not in PERSONAL_COLUMNS]
        rows = esf_sheet.records(project, esf_sheet.Export(layout, period))
        result[f"esf {period.start}"] = [[row[i] for i in keep] for row in rows]
    return result


def database_text() -> str:
    """Every value of every row of every table, as one text — but the staff's accounts: they are the
    centre's employees, not the people supported, and the factories name them at random (a worker
    may happen to share a surname with a participant)."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table == "auth_user":
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the schema)
            parts.extend(str(cell) for row in cursor.fetchall() for cell in row if cell is not None)
    return "\n".join(parts)


def conclude(contract: SocialContract, on: datetime.date) -> SocialContract:
    signed_at = datetime.datetime.combine(on, datetime.time(10, 0), tzinfo=datetime.UTC)
    return services.contract_conclude(
        contract_id=contract.pk, user=contract.social_worker, signature=SIGNATURE, signed_at=signed_at
    )


@pytest.fixture
def expired(built):
    """P past its retention date, with what a person leaves behind: a signed contract with a family
    member, a review, household, notes, individual support, a declaration and audit entries."""
    Project.objects.filter(pk=built.project.pk).update(retention_until=datetime.date(2026, 6, 30))
    a, b = built.people["A"], built.people["B"]
    Participant.objects.filter(pk=a.pk).update(
        phone="501 234 567", email="alicja.adamska@example.pl", confidential_notes="Alicja Adamska: długi."
    )
    ProjectParticipation.objects.filter(pk=built.participations["A"].pk).update(
        entry={**a.entry_snapshot(datetime.date(2024, 3, 1)), "street": "ul. Adamskiej Rodziny"},
        eligibility_note="Alicja Adamska spełnia kryteria.",
    )
    HouseholdMemberFactory(participant=a, first_name="Zofia", last_name="Adamska")
    draft = SocialContractFactory(
        participant=a, period_start=datetime.date(2024, 2, 1), period_end=datetime.date(2024, 12, 31)
    )
    ContractFamilyMember.objects.create(
        contract=draft, first_name="Zofia", last_name="Adamska", pesel="18250100001", address="ul. Sobieskiego 1"
    )
    ContractTaskFactory(contract=draft, description="Alicja Adamska spłaci zadłużenie.")
    contract = conclude(draft, datetime.date(2024, 2, 1))
    ContractReviewFactory(contract=contract, findings="Pani Adamska realizuje plan.")
    IndividualSupport.objects.create(
        participant=b,
        project=built.project,
        kind=IndividualSupport.Kind.PSYCHOLOGIST,
        date=datetime.date(2025, 2, 10),
        specialist="mgr Ilona Psycholog",
        hours=2,
        confidential_note="Bogdan Bąk mówi o nałogu.",
    )
    Declaration.objects.create(
        project=built.project,
        participant=a,
        kind=Declaration.Kind.PARTICIPATION,
        signed_on=datetime.date(2024, 2, 25),
        signature=SIGNATURE,
    )
    Consent.objects.create(
        participant=a,
        purpose=Consent.Purpose.PARTNER,
        scope="Spółdzielnia „Dobrodziejki” — Alicja Adamska na stażu",
        given_on=datetime.date(2024, 2, 1),
        withdrawn_on=datetime.date(2024, 6, 1),
        withdrawal_note="Alicja Adamska wycofała zgodę telefonicznie.",
    )
    # A scan of the paper original, kept as a version under the name it was uploaded with.
    ContractScan.objects.create(
        contract=contract, number=1, file="contract_scans/x/skan.pdf", sha256="0" * 64, original_name="Adamska.pdf"
    )
    log_event(action=AuditEvent.Action.VIEW, obj=Participant.objects.get(pk=a.pk))
    log_event(action=AuditEvent.Action.VIEW, obj=contract)
    built.contract = contract
    return built


def identities(built, letters: str) -> list[str]:
    people = Participant.objects.filter(pk__in=[built.people[letter].pk for letter in letters])
    return [value for person in people for value in (person.last_name, person.pesel) if value]


def anonymise(**options) -> str:
    out = io.StringIO()
    call_command("anonymise_expired", "--date", TODAY.isoformat(), stdout=out, **options)
    return out.getvalue()


def test_anonymising_leaves_every_figure_of_the_report_and_the_sheet_as_it_was(expired):
    before = figures(expired.project)

    anonymise()

    assert Participant.objects.filter(anonymised_on=TODAY).count() == len(ANONYMISED)
    assert figures(expired.project) == before


def test_no_name_or_pesel_of_an_anonymised_person_is_left_in_any_row(expired):
    identifying = identities(expired, ANONYMISED) + [
        "Alicja Adamska",
        "18250100001",
        "501 234 567",
        "alicja.adamska",
        "Adamska.pdf",
    ]
    text = database_text()
    assert all(value in text for value in identifying)  # the search would find them

    anonymise()

    text = database_text()
    assert [value for value in identifying if value in text] == []


def test_a_person_also_in_a_live_project_keeps_their_data(expired):
    d = Participant.objects.get(pk=expired.people["D"].pk)

    anonymise()

    assert Participant.objects.get(pk=d.pk).full_name == "Dariusz Dąbrowski"
    assert Participant.objects.get(pk=d.pk).pesel == d.pesel
    assert Participant.objects.get(pk=d.pk).anonymised_on is None


def test_the_person_gets_a_random_token_the_pesel_goes_and_the_year_of_birth_stays(expired):
    a = Participant.objects.get(pk=expired.people["A"].pk)

    anonymise()

    after = Participant.objects.get(pk=a.pk)
    with translation.override("pl"):  # stored in the documents' language
        assert after.first_name == gettext("Person")
    assert len(after.last_name) == 8 and after.last_name != a.last_name
    assert after.pesel is None and after.no_pesel_reason
    assert after.date_of_birth == datetime.date(a.date_of_birth.year, 1, 1)
    assert (after.sex, after.county, after.area_type) == (a.sex, a.county, a.area_type)
    assert after.street == after.phone == after.email == after.confidential_notes == ""
    tokens = set(Participant.objects.filter(anonymised_on__isnull=False).values_list("last_name", flat=True))
    assert len(tokens) == len(ANONYMISED)  # one each


@pytest.mark.parametrize(
    "change",
    [{"legal_hold": True}, {"retention_until": datetime.date(2027, 1, 1)}, {"retention_until": None}],
    ids=["legal hold", "retention in the future", "no retention date"],
)
def test_nobody_is_anonymised_under_legal_hold_or_before_the_retention_date(expired, change):
    Project.objects.filter(pk=expired.project.pk).update(**change)
    before = database_text()

    output = anonymise()

    assert Participant.objects.filter(anonymised_on__isnull=False).count() == 0
    assert database_text() == before
    assert expired.project.code not in output


def test_a_dry_run_counts_per_project_and_changes_nothing(expired):
    before = database_text()

    output = anonymise(dry_run=True)

    assert database_text() == before
    assert f"{expired.project.code}: {len(ANONYMISED)}" in output
    assert expired.other_project.code not in output  # D waits for Q, and nobody else is in it


def test_the_run_prints_how_many_people_of_each_project_were_anonymised(expired):
    output = anonymise()

    assert f"{expired.project.code}: {len(ANONYMISED)}" in output


def test_a_person_with_no_participation_is_not_touched(expired):
    loner = ParticipantFactory(first_name="Lech", last_name="Samotny")

    anonymise()

    assert Participant.objects.get(pk=loner.pk).last_name == "Samotny"


def test_a_second_run_changes_nothing_and_the_tokens_stay(expired):
    anonymise()
    tokens = dict(Participant.objects.values_list("pk", "last_name"))
    events = AuditEvent.objects.count()

    output = anonymise()

    assert dict(Participant.objects.values_list("pk", "last_name")) == tokens
    assert AuditEvent.objects.count() == events
    assert expired.project.code not in output


def test_each_person_gets_one_audit_entry_naming_only_the_token(expired):
    a = expired.people["A"]

    anonymise()

    entries = AuditEvent.objects.filter(details__command="anonymise_expired")
    assert entries.count() == len(ANONYMISED)
    token = Participant.objects.get(pk=a.pk).full_name
    entry = entries.get(object_id=str(a.pk))
    assert entry.object_repr == token
    assert "Adamska" not in json.dumps(entry.details)
    # the older entries of A's record and contract now show the token
    older = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW)
    assert {e.object_repr for e in older} == {token, f"{expired.contract.number} — {token}"}


def test_the_masked_contract_verifies_by_the_hash_of_its_masked_form(expired):
    original = SocialContract.objects.get(pk=expired.contract.pk)
    assert original.snapshot_matches_hash() is True

    anonymise()

    contract = SocialContract.objects.get(pk=original.pk)
    data = contract.snapshot_data
    assert contract.snapshot_sha256 == original.snapshot_sha256  # the paper original can still be checked
    assert contract.masked_sha256 == sha256_hex(contract.snapshot)
    assert data["anonymised"]["original_sha256"] == original.snapshot_sha256
    assert data["participant"] == {
        "name": Participant.objects.get(pk=expired.people["A"].pk).full_name,
        "pesel": "",
        "address": "",
    }
    assert data["number"] == original.number and data["period"] == original.snapshot_data["period"]
    assert contract.snapshot_matches_hash() is True


def test_a_change_to_the_masked_contract_text_is_detected(expired):
    anonymise()
    contract = SocialContract.objects.get(pk=expired.contract.pk)
    tampered = contract.snapshot.replace('"place":"Wejherowo"', '"place":"Gdynia"')
    assert tampered != contract.snapshot
    SocialContract._base_manager.filter(pk=contract.pk).update(snapshot=tampered)

    assert SocialContract.objects.get(pk=contract.pk).snapshot_matches_hash() is False


def test_a_masked_text_claiming_another_original_is_detected(expired):
    anonymise()
    contract = SocialContract.objects.get(pk=expired.contract.pk)
    data = {**contract.snapshot_data, "anonymised": {"original_sha256": "0" * 64, "on": "2026-12-01"}}
    text = canonical_json(data)
    SocialContract._base_manager.filter(pk=contract.pk).update(snapshot=text, masked_sha256=sha256_hex(text))

    assert SocialContract.objects.get(pk=contract.pk).snapshot_matches_hash() is False


def test_a_contract_whose_signed_text_was_changed_stops_the_run_and_nothing_changes(expired):
    contract = expired.contract
    SocialContract._base_manager.filter(pk=contract.pk).update(snapshot=contract.snapshot.replace("Adamska", "Nowak"))
    before = database_text()

    with pytest.raises(Exception, match=contract.number):
        anonymise()

    assert database_text() == before
