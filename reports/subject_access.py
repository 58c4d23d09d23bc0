"""Everything the club holds about one person, for their right of access (GDPR art. 15).

``gather`` reads the person's record and every record about them in the other apps — household,
consents, stand-ins, contracts with their amendments, tasks and reviews, participations with their
entry situation, events, evidence and declarations, enrolments and attendance, individual support
(with its notes: they are the person's own data), internships, volunteering, referrals and
appointments, socially useful work, links to municipal programmes, the files held — and the audit
entries of who viewed, printed, exported or changed the record. It returns one plain structure
that the JSON and the PDF are both made from, so the two never differ.

The JSON (``as_json``) is stable and documented here:

    {"format": "kis-subject-access", "version": 1,
     "generated_at": ISO datetime, "generated_by": name, "participant_id": int,
     "sections": [{"key": str, "title": str,
                   "labels": {column: label}, "choices": {column: {code: label}},
                   "rows": [{"id": int, column: value, ...}, ...]}, ...]}

Section keys, in this order: record, household, consents, stand_ins, contracts,
contract_family_members, contract_amendments, contract_tasks, contract_reviews, participations,
participation_events, eligibility_evidence, declarations, enrollments, attendance,
individual_support, internships, volunteering, referrals, appointments, useful_work,
useful_work_days, programme_links, files, access_log. Values: dates and times in ISO 8601 (times
in the local zone), decimals as strings, a choice as its code (its label in ``choices``), a
related record by its name, a person on the staff by their full name; a missing value is null.
Contracts and amendments carry ``signed_text``, the text frozen when signed (in the JSON only: the
PDF shows the same text field by field).

Each section is one query, whatever the number of its rows (the record: two, with its risk
factors). Links to the Niebieska Karta procedure appear only to whom ``ProgrammeLink.visible_to``
shows them: that procedure's own confidentiality decides who hands them over.
"""

from __future__ import annotations

import datetime
import decimal
import json
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activities.models import (
    Appointment,
    Attendance,
    Enrollment,
    IndividualSupport,
    Internship,
    Referral,
    VolunteerAgreement,
)
from contracts.models import ContractAmendment, ContractReview, ContractTask, SocialContract
from contracts.models.contract import ContractFamilyMember
from kis.models import AuditEvent
from participants.models import Consent, HouseholdMember, Participant, StandIn
from participation.models import Declaration, EligibilityEvidence, ParticipationEvent, ProjectParticipation
from programmes.models import ProgrammeLink
from usefulwork.models import Placement, WorkDay

FORMAT = "kis-subject-access"
VERSION = 1

# Never shown as a column: the person themselves (every row is theirs), the optimistic-lock counter,
# the search key (the name again, normalised), drawn signatures (images: listed under the files
# held) and the frozen text (``signed_text``).
SKIPPED = {"participant", "version", "search_key", "snapshot", "participant_signature", "signature"}


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: str = "text"  # text, number, bool, date, datetime, choice, object, user, json
    choices: dict = field(default_factory=dict)
    in_pdf: bool = True


@dataclass
class Section:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict]

    @property
    def pdf_columns(self) -> list[Column]:
        return [column for column in self.columns if column.in_pdf]

    @property
    def as_table(self) -> bool:
        """Few columns fit a table; a record with many is printed as label–value pairs."""
        return len(self.pdf_columns) <= 6

    def shown_rows(self) -> list[list[tuple[str, str]]]:
        """Each row as (label, text) pairs for the PDF."""
        columns = self.pdf_columns
        return [[(column.label, shown(column, row.get(column.name))) for column in columns] for row in self.rows]


@dataclass
class SubjectAccess:
    participant: Participant
    generated_at: datetime.datetime
    generated_by: str
    sections: list[Section]

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)


def person_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def kind_of(model_field) -> str:
    if model_field.is_relation:
        return "user" if model_field.related_model._meta.label == settings.AUTH_USER_MODEL else "object"
    if model_field.choices:
        return "choice"
    for field_class, kind in (
        (models.DateTimeField, "datetime"),
        (models.DateField, "date"),
        (models.BooleanField, "bool"),
        (models.JSONField, "json"),
        (models.DecimalField, "number"),
        (models.IntegerField, "number"),
        (models.FloatField, "number"),
    ):
        if isinstance(model_field, field_class):
            return kind
    return "text"


def columns_of(model, exclude=()) -> list[Column]:
    """A column for each field of ``model`` worth showing, labelled with its verbose name."""
    return [
        Column(
            f.name,
            str(capfirst(f.verbose_name)),
            kind_of(f),
            {code: str(label) for code, label in f.flatchoices} if f.choices else {},
        )
        for f in model._meta.concrete_fields
        if not f.primary_key and f.name not in SKIPPED and f.name not in exclude and not isinstance(f, models.FileField)
    ]


def section(key, title, model, objects, *, exclude=(), extra=()) -> Section:
    """A section of ``objects`` of ``model``: its fields, then ``extra`` (column, getter) pairs."""
    columns = columns_of(model, exclude)
    rows = [
        {
            "id": obj.pk,
            **{column.name: getattr(obj, column.name) for column in columns},
            **{column.name: get(obj) for column, get in extra},
        }
        for obj in objects
    ]
    return Section(key, str(title), columns + [column for column, _get in extra], rows)


def signed_text(obj):
    return json.loads(obj.snapshot) if obj.snapshot else None


SIGNED_TEXT = Column("signed_text", "", "json", in_pdf=False)


def gather(participant: Participant, *, user) -> SubjectAccess:
    """Everything held about ``participant``, as ``user`` (who may edit the person) hands it over,
    its labels and texts in the language of the documents given to participants.

    Makes one query per section, the record's risk factors one more (see the module docstring)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _gather(participant, user=user)


def _gather(participant: Participant, *, user) -> SubjectAccess:
    person = participant.pk
    record = Participant.objects.select_related("social_worker", "location", "created_by").prefetch_related(
        "risk_factors"
    )
    record = record.get(pk=person)
    contracts = list(
        SocialContract.objects.filter(participant=person).select_related(
            "social_worker", "responsible_worker", "created_by"
        )
    )
    amendments = list(
        ContractAmendment.objects.filter(contract__participant=person).select_related(
            "contract__participant", "new_social_worker", "signed_by", "created_by"
        )
    )
    participations = list(
        ProjectParticipation.objects.filter(participant=person).select_related(
            "project", "decided_by", "exit_situation", "participant"
        )
    )
    evidence = list(
        EligibilityEvidence.objects.filter(participation__participant=person).select_related(
            "participation__project", "participation__participant", "added_by"
        )
    )
    declarations = list(
        Declaration.objects.filter(participant=person).select_related("project", "participant", "recorded_by")
    )
    referrals = list(
        Referral.objects.filter(participant=person).select_related("service", "project", "partner", "issued_by")
    )
    placements = list(
        Placement.objects.filter(participant=person).select_related(
            "participant", "project", "labour_office", "organisation", "created_by"
        )
    )
    links = list(
        ProgrammeLink.objects.visible_to(user)
        .filter(participant=person)
        .select_related("programme", "participant", "worker", "created_by")
    )
    risk_factors = Column("risk_factors", str(capfirst(Participant._meta.get_field("risk_factors").verbose_name)))
    sections = [
        section(
            "record",
            _("Personal record"),
            Participant,
            [record],
            extra=[(risk_factors, lambda p: ", ".join(str(factor) for factor in p.risk_factors.all()))],
        ),
        section("household", _("Household"), HouseholdMember, HouseholdMember.objects.filter(participant=person)),
        section(
            "consents",
            _("Consents"),
            Consent,
            Consent.objects.filter(participant=person).select_related("recorded_by", "withdrawal_recorded_by"),
            extra=[(Column("effect", gettext("Effect of the withdrawal")), lambda c: c.effect)],
        ),
        section(
            "stand_ins",
            _("Stand-ins"),
            StandIn,
            StandIn.objects.filter(participant=person).select_related("worker", "assigned_by"),
        ),
        section("contracts", _("Social contracts"), SocialContract, contracts, extra=[(SIGNED_TEXT, signed_text)]),
        section(
            "contract_family_members",
            _("Family members covered by a contract"),
            ContractFamilyMember,
            ContractFamilyMember.objects.filter(contract__participant=person).select_related("contract__participant"),
        ),
        section(
            "contract_amendments",
            _("Contract amendments"),
            ContractAmendment,
            amendments,
            extra=[(SIGNED_TEXT, signed_text)],
        ),
        section(
            "contract_tasks",
            _("Contract tasks"),
            ContractTask,
            ContractTask.objects.filter(contract__participant=person).select_related(
                "contract__participant", "amendment__contract"
            ),
        ),
        section(
            "contract_reviews",
            _("Contract reviews"),
            ContractReview,
            ContractReview.objects.filter(contract__participant=person).select_related(
                "contract__participant", "reviewed_by"
            ),
        ),
        section("participations", _("Participation in projects"), ProjectParticipation, participations),
        section(
            "participation_events",
            _("Changes of participation status"),
            ParticipationEvent,
            ParticipationEvent.objects.filter(participation__participant=person).select_related(
                "participation__project", "participation__participant", "by"
            ),
        ),
        section("eligibility_evidence", _("Evidence of eligibility"), EligibilityEvidence, evidence),
        section("declarations", _("Signed declarations"), Declaration, declarations),
        section(
            "enrollments",
            _("Enrolments in activities"),
            Enrollment,
            Enrollment.objects.filter(participant=person).select_related("activity"),
        ),
        section(
            "attendance",
            _("Attendance"),
            Attendance,
            Attendance.objects.filter(enrollment__participant=person)
            .select_related("session__activity", "marked_by")
            .order_by("session__date", "session__start_time"),
            exclude=["enrollment"],
        ),
        section(
            "individual_support",
            _("Individual support"),
            IndividualSupport,
            IndividualSupport.objects.filter(participant=person).select_related(
                "project", "recorded_by", "referral__service"
            ),
        ),
        section(
            "internships",
            _("Internships"),
            Internship,
            Internship.objects.filter(participant=person).select_related("project", "employer"),
        ),
        section(
            "volunteering",
            _("Volunteering agreements"),
            VolunteerAgreement,
            VolunteerAgreement.objects.filter(participant=person).select_related("organisation"),
        ),
        section("referrals", _("Referrals"), Referral, referrals),
        section(
            "appointments",
            _("Appointments"),
            Appointment,
            Appointment.objects.filter(referral__participant=person).select_related(
                "referral__service", "slot", "booked_by"
            ),
        ),
        section("useful_work", _("Socially useful work"), Placement, placements),
        section(
            "useful_work_days",
            _("Days of socially useful work"),
            WorkDay,
            WorkDay.objects.filter(placement__participant=person).select_related(
                "placement__participant", "placement__organisation", "recorded_by"
            ),
        ),
        section("programme_links", _("Municipal programmes"), ProgrammeLink, links),
        files_section(contracts, amendments, evidence, declarations),
        access_log(record, contracts, participations, referrals, placements, links),
    ]
    return SubjectAccess(record, timezone.now(), person_name(user), sections)


def files_section(contracts, amendments, evidence, declarations) -> Section:
    """The files and drawn signatures held, by name and date (not their content)."""
    rows = []

    def held(obj, what, name, when):
        rows.append({"id": obj.pk, "what": what, "file": name, "date": when})

    for contract in contracts:
        if contract.scan:
            held(
                contract,
                gettext("scan of contract %(number)s") % {"number": contract.number},
                PurePosixPath(contract.scan.name).name,
                contract.scan_uploaded_at,
            )
        if contract.participant_signature:
            held(
                contract,
                gettext("drawn signature on contract %(number)s") % {"number": contract.number},
                "",
                contract.signed_at,
            )
    for amendment in amendments:
        if amendment.participant_signature:
            held(
                amendment,
                gettext("drawn signature on %(amendment)s") % {"amendment": amendment},
                "",
                amendment.signed_at,
            )
    for document in declarations:
        if document.scan:
            held(document, str(document), PurePosixPath(document.scan.name).name, document.recorded_at)
        if document.signature:
            held(
                document,
                gettext("drawn signature on %(declaration)s") % {"declaration": document},
                "",
                document.recorded_at,
            )
    for item in evidence:
        if item.scan:
            held(item, str(item), PurePosixPath(item.scan.name).name, item.added_at)
    columns = [
        Column("what", gettext("What")),
        Column("file", gettext("File name")),
        Column("date", gettext("Date"), "datetime"),
    ]
    return Section("files", gettext("Files held"), columns, rows)


def access_log(record, contracts, participations, referrals, placements, links) -> Section:
    """Who viewed, printed, exported or changed the person's record and their records in the other
    apps, from the audit trail (one query)."""
    held = Q(object_type=record._meta.label_lower, object_id=str(record.pk))
    for objects in (contracts, participations, referrals, placements, links):
        if objects:
            held |= Q(object_type=objects[0]._meta.label_lower, object_id__in=[str(obj.pk) for obj in objects])
    events = AuditEvent.objects.filter(held).select_related("user").order_by("timestamp", "id")
    columns = [
        Column("timestamp", gettext("Time"), "datetime"),
        Column("user", gettext("User")),
        Column("action", gettext("Action"), "choice", {code: str(label) for code, label in AuditEvent.Action.choices}),
        Column("object", gettext("Record")),
    ]
    rows = [
        {
            "id": event.pk,
            "timestamp": event.timestamp,
            "user": person_name(event.user) if event.user else event.username,
            "action": event.action,
            "object": event.object_repr,
        }
        for event in events
    ]
    return Section("access_log", gettext("Who viewed or changed the record"), columns, rows)


def json_value(column: Column, value):
    if value is None:
        return None
    if column.kind == "user":
        return person_name(value)
    if column.kind == "object":
        return str(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def as_json(export: SubjectAccess) -> dict:
    """The export as the documented JSON structure (see the module docstring)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": timezone.localtime(export.generated_at).isoformat(),
        "generated_by": export.generated_by,
        "participant_id": export.participant.pk,
        "sections": [
            {
                "key": part.key,
                "title": part.title,
                "labels": {column.name: column.label for column in part.columns if column.label},
                "choices": {column.name: column.choices for column in part.columns if column.choices},
                "rows": [
                    {
                        "id": row["id"],
                        **{column.name: json_value(column, row.get(column.name)) for column in part.columns},
                    }
                    for row in part.rows
                ],
            }
            for part in export.sections
        ],
    }


def shown(column: Column, value) -> str:
    """A value as the PDF prints it."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if column.kind == "choice":
        return column.choices.get(value, str(value))
    if column.kind == "user":
        return person_name(value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "d.m.Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d.m.Y")
    if isinstance(value, dict):
        return "; ".join(f"{key}: {shown(Column(key, key), item)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(shown(Column("", ""), item) for item in value)
    return str(value)
