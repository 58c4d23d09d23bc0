"""Anonymisation after the retention period: personal data goes, every figure stays.

Who: a person all of whose participations are in projects whose retention date
(``Project.retention_until``, from the grant agreement) has passed and none of which is on legal
hold — a person in two projects waits for the later date. A person with no participation is never
chosen here (their record is not kept for a project), nor is one still supported: with a social
contract in force or an open programme link.

What: names become a random token ("Osoba 7F3A2C1B", the same in every record of the person, not
derived from their data); the PESEL goes (with "anonymised" as the reason for none); the address
below the town, contacts, citizenship text, occupation and employer go, and so does every free text
about the person — confidential notes, support notes, referral reasons, eligibility
justifications, contract texts, signatures, scans of signed papers; household and contract family
members get tokens too. The date of birth keeps only its year. What the reports count stays: sex,
the situation recorded at the start (age, labour-market status, risk factors, disability), the
statuses and dates of every participation, enrolment and attendance, hours, certificates and
commune, county, voivodeship and DEGURBA. Signed contracts keep a masked text whose hash is
verifiable (``contracts.masking``). Older audit entries of the person's records lose the names
they quoted; each person gets one audit entry of the anonymisation, naming only the token.

Why here: anonymisation writes to every app that holds a person's data — participants,
programmes, contracts, participation, activities, useful work — and only ``reports`` may import
all of them (kis/tests/test_layout.py). Its promise is also stated in the reports' own terms, the
figures before and after are the same, and its tests compare exactly those. ``reports`` stays
read-only towards the pages: this module is reached only from the ``anonymise_expired`` command.
"""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from activities.models import IndividualSupport
from activities.referrals.models import Referral
from contracts.masking import contract_anonymise
from contracts.models import SocialContract
from kis.audit import log_event
from kis.models import AuditEvent
from kis.storage import private_storage
from participants.models import Consent, HouseholdMember, Participant, StandIn
from participation.models import Declaration, EligibilityEvidence, ParticipationEvent, ProjectParticipation
from programmes.models import ProgrammeLink
from projects.models import Project
from usefulwork.models import Placement

# A 1×1 transparent PNG: a declaration must keep a signature or a scan (``declaration_signed_somehow``).
BLANK_SIGNATURE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNgAAIAAAUAAen63NgAAAAASUVORK5CYII="
)
# What the start of a participation recorded that names where exactly the person lived or worked.
ENTRY_PERSONAL = ("street", "house_number", "flat_number", "postal_code", "citizenship", "occupation", "employer")


@dataclass
class Outcome:
    """What a run did (or, dry, would do): people per project code, and the people themselves."""

    per_project: Counter = field(default_factory=Counter)
    people: list[Participant] = field(default_factory=list)


def expired(on: datetime.date) -> QuerySet:
    """The people to anonymise on ``on`` (see the module's docstring), not yet anonymised."""
    kept = Q(project__retention_until__isnull=True) | Q(project__retention_until__gte=on) | Q(project__legal_hold=True)
    still_supported = SocialContract.objects.in_force(on).values("participant")
    open_links = ProgrammeLink.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on)).values("participant")
    # Subqueries rather than a join and DISTINCT: the rows are locked (FOR UPDATE), which
    # PostgreSQL refuses together with DISTINCT.
    return (
        Participant.objects.filter(
            anonymised_on__isnull=True, pk__in=ProjectParticipation.objects.values("participant")
        )
        .exclude(pk__in=ProjectParticipation.objects.filter(kept).values("participant"))
        .exclude(pk__in=still_supported)
        .exclude(pk__in=open_links)
        .order_by("pk")
    )


def anonymise_expired(*, on: datetime.date, dry_run: bool = False) -> Outcome:
    """Anonymise everyone whose retention has passed on ``on``, in one transaction (a dry run
    counts them and changes nothing)."""
    outcome = Outcome()
    with transaction.atomic():
        people = list(expired(on).select_for_update())
        codes = ProjectParticipation.objects.filter(participant__in=people).values_list("project__code", "participant")
        outcome.per_project.update(code for code, _person in set(codes))
        outcome.people = people
        if not dry_run:
            taken = set()
            for person in people:
                person_anonymise(person=person, on=on, taken=taken)
    return outcome


def new_token(taken: set[str]) -> tuple[str, str]:
    """A random name ("Osoba", "7F3A2C1B") no other anonymised person bears."""
    with translation.override(settings.LANGUAGE_CODE):
        word = _("Person")
    while True:
        code = secrets.token_hex(4).upper()
        if code not in taken and not Participant.objects.filter(last_name=code, first_name=word).exists():
            taken.add(code)
            return word, code


def person_anonymise(*, person: Participant, on: datetime.date, taken: set[str] | None = None) -> Participant:
    """Replace one person's personal data everywhere (see the module's docstring); one audit entry."""
    if person.anonymised_on:
        return person
    word, code = new_token(set() if taken is None else taken)
    name = f"{word} {code}"
    before = _names_of(person)
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("anonymised")
    files = []
    with transaction.atomic():
        Participant.objects.filter(pk=person.pk).update(
            first_name=word,
            last_name=code,
            pesel=None,
            no_pesel_reason=reason,
            date_of_birth=person.date_of_birth.replace(month=1, day=1),
            citizenship="",
            street="",
            house_number="",
            flat_number="",
            postal_code="",
            phone="",
            email="",
            occupation="",
            employer="",
            disability_certificate="",
            other_risk_factor="",
            confidential_notes="",
            anonymised_on=on,
        )
        for index, member in enumerate(person.household_members.order_by("id"), start=1):
            HouseholdMember.objects.filter(pk=member.pk).update(
                first_name=word,
                last_name=f"{code}-{index}",
                care_notes="",
                date_of_birth=member.date_of_birth.replace(month=1, day=1) if member.date_of_birth else None,
            )
        StandIn.objects.filter(participant=person).update(reason="")
        # A consent's scope may name the partner and the person's circumstances; the purposes and
        # dates stay (a withdrawal is a fact to keep), the texts go.
        Consent.objects.filter(participant=person).update(scope="", withdrawal_note="")
        for contract in SocialContract.objects.filter(participant=person):
            files += contract_anonymise(contract=contract, name=name, on=on)
        files += _participations_anonymise(person)
        IndividualSupport.objects.filter(participant=person).update(confidential_note="")
        Referral.objects.filter(participant=person).update(reason="", outcome="", decline_reason="")
        Placement.objects.filter(participant=person).update(referral_number="")
        ProgrammeLink.objects.filter(participant=person).update(note="", end_reason="", ipwb_number="")
        person.refresh_from_db()
        _audit_scrub(person, before)
        log_event(
            action=AuditEvent.Action.UPDATE,
            obj=person,
            details={"anonymised": on.isoformat(), "command": "anonymise_expired"},
        )
        # Files go only once the database no longer points at them.
        transaction.on_commit(lambda: delete_files(files))
    return person


def delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        if name:
            storage.delete(name)


def _participations_anonymise(person: Participant) -> list[str]:
    """The person's participations, their events, evidence and declarations; the files to delete."""
    rows = ProjectParticipation.objects.filter(participant=person)
    for participation in rows.only("pk", "entry"):
        entry = {key: ("" if key in ENTRY_PERSONAL else value) for key, value in participation.entry.items()}
        ProjectParticipation.objects.filter(pk=participation.pk).update(entry=entry)
    rows.update(eligibility_note="", dropout_note="", followup_evidence="")
    ParticipationEvent.objects.filter(participation__participant=person).update(note="")
    evidence = EligibilityEvidence.objects.filter(participation__participant=person)
    declarations = Declaration.objects.filter(participant=person)
    files = [row.scan.name for row in [*evidence, *declarations] if row.scan]
    evidence.update(number="", scan="")
    declarations.update(signature=BLANK_SIGNATURE, scan="")
    return files


def _names_of(person: Participant) -> list[str]:
    """How the person's records may have quoted them: "First Last", "Last First", the PESEL."""
    names = [person.full_name, f"{person.last_name} {person.first_name}", person.pesel or ""]
    names += [str(member) for member in person.household_members.all()]
    return [name for name in names if name.strip()]


def _records_of(person: Participant) -> Q:
    """The audit entries about the person's own records."""
    related = {
        Participant: [person.pk],
        HouseholdMember: person.household_members.values_list("pk", flat=True),
        SocialContract: SocialContract.objects.filter(participant=person).values_list("pk", flat=True),
        ProjectParticipation: ProjectParticipation.objects.filter(participant=person).values_list("pk", flat=True),
        Declaration: Declaration.objects.filter(participant=person).values_list("pk", flat=True),
        IndividualSupport: IndividualSupport.objects.filter(participant=person).values_list("pk", flat=True),
        Referral: Referral.objects.filter(participant=person).values_list("pk", flat=True),
        Placement: Placement.objects.filter(participant=person).values_list("pk", flat=True),
        ProgrammeLink: ProgrammeLink.objects.filter(participant=person).values_list("pk", flat=True),
    }
    condition = Q(pk__in=[])
    for model, pks in related.items():
        condition |= Q(object_type=model._meta.label_lower, object_id__in=[str(pk) for pk in pks])
    return condition


def _audit_scrub(person: Participant, names: list[str]) -> None:
    """Older entries of the person's records quote their name as it was: put the token in."""
    events = list(AuditEvent.objects.filter(_records_of(person)).only("pk", "object_type", "object_repr"))
    token = person.full_name
    for event in events:
        if event.object_type == Participant._meta.label_lower:
            event.object_repr = token
            continue
        for name in sorted(names, key=len, reverse=True):
            event.object_repr = event.object_repr.replace(name, token)
    AuditEvent.objects.bulk_update(events, ["object_repr"], batch_size=500)


def projects_counted(outcome: Outcome) -> list[tuple[Project, int]]:
    """The projects of the run, with the number of their people (by code)."""
    projects = Project.objects.filter(code__in=outcome.per_project).order_by("code")
    return [(project, outcome.per_project[project.code]) for project in projects]
