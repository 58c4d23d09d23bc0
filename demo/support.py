"""Support records of the demo programme (used by ``demo.programme``): care for participants'
dependants during sessions, volunteer agreements, individual support after referral and internships,
each within the path of the person it is for, topped up to its figures. Saved as the pages save
them: the care through ``session_care_set``, the records through their forms (``demo.forms``).
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Q

from activities import services
from activities.forms import IndividualSupportForm, InternshipForm, VolunteerAgreementForm
from activities.models import Attendance, Enrollment, IndividualSupport, Internship, Session, VolunteerAgreement
from demo.calendar import monday_on_or_after, working_day, working_days
from demo.data.running import RUNNING_INTERNSHIPS
from demo.data.support import INTERNSHIP_DAYS, SUPPORT_SPECS
from demo.data.zawiercie import (
    INTERNSHIPS_FROM,
    INTERNSHIPS_UNTIL,
    ZAWIERCIE_INTERNSHIPS,
    ZAWIERCIE_INTERNSHIPS_NOT_COMPLETED,
    Z,
)
from demo.forms import save_through_form
from participants.models import HouseholdMember, LabourMarketStatus, Participant, Sex
from participation.models import ProjectParticipation

if TYPE_CHECKING:
    from demo.programme import Context

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
PathStatus = ProjectParticipation.Status


def fits(who: str, person: Participant, on: datetime.date) -> bool:
    if not who:
        return True
    if who == "parents":
        return any(
            m.relationship == HouseholdMember.Relationship.CHILD
            and m.date_of_birth
            and on - datetime.timedelta(days=365 * 16) < m.date_of_birth <= on
            for m in person.household_members.all()
        )
    if who == "seniors":
        return person.age_on(on) >= 50
    if who == "seniors60":
        return person.age_on(on) >= 60
    if who == "women":
        return person.sex == Sex.FEMALE
    if who == "young":
        return person.age_on(on) < 35
    if who == "unemployed":
        return person.labour_market_status in (
            LabourMarketStatus.REGISTERED_UNEMPLOYED,
            LabourMarketStatus.UNREGISTERED_UNEMPLOYED,
        )
    raise ValueError(who)


def care_for_dependants(ctx: Context, activities) -> int:
    """At sessions of activities with care, the dependants who need care of the people present
    (those born by then) are recorded as cared for."""
    care = [activity.pk for spec, activity in activities if spec.care]
    Cared = Session.cared_dependants.through
    existing = set(Cared.objects.filter(session__activity_id__in=care).values_list("session_id", "householdmember_id"))
    dependants = defaultdict(list)
    for member in HouseholdMember.objects.filter(
        needs_care=True, participant__enrollments__activity_id__in=care
    ).distinct():
        dependants[member.participant_id].append(member)
    present = Attendance.objects.filter(
        session__activity_id__in=care, status=Attendance.Status.PRESENT, session__date__lt=ctx.today
    ).values_list("session_id", "session__date", "enrollment__participant_id")
    cared = defaultdict(set)
    for session_id, day, participant_id in present.order_by("session_id", "enrollment__participant_id"):
        for member in dependants.get(participant_id, ()):
            born_by_then = member.date_of_birth is None or member.date_of_birth <= day - 365 * DAY
            if born_by_then and (session_id, member.pk) not in existing:
                cared[session_id].add(member.pk)
    sessions = Session.objects.in_bulk(cared)
    already = defaultdict(set)
    for session_id, member_id in existing:
        already[session_id].add(member_id)
    added = 0
    for session_id, members in sorted(cared.items()):
        kept = services.session_care_set(session=sessions[session_id], member_ids=already[session_id] | members)
        added += len(kept) - len(already[session_id])
    return added


def volunteer_agreements(ctx: Context, activities) -> int:
    """A signed agreement for everyone in a volunteer group, for the time they took part, with the
    hours of the meetings they came to and of their actions between them."""
    rng, to_create = ctx.rng, []
    for spec, activity in activities:
        if not spec.agreements:
            continue
        partner_key, prefix, scopes = spec.agreements
        host = ctx.partners[partner_key] if partner_key else None
        enrollments = (
            activity.enrollments.exclude(status=Enrollment.Status.WAITING)
            .annotate(present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)))
            .select_related("participant")
            .order_by("enrolled_on", "id")
        )
        signed = set(VolunteerAgreement.objects.filter(organisation=host).values_list("participant_id", flat=True))
        session_hours = float(activity.planned_hours) / max(1, activity.sessions.count())
        for enrollment in enrollments:
            if enrollment.participant_id in signed:
                continue
            year = enrollment.enrolled_on.year
            numbered = VolunteerAgreement.objects.filter(number__startswith=f"{prefix}/{year}/").count()
            numbered += sum(1 for a in to_create if a.number.startswith(f"{prefix}/{year}/"))
            end = enrollment.finished_on or min(enrollment.enrolled_on + 364 * DAY, activity.end_date)
            hours = enrollment.present * session_hours + rng.randint(2, 30) * 2
            to_create.append(
                save_through_form(
                    VolunteerAgreementForm,
                    participant=enrollment.participant,
                    user=ctx.marker[spec.project],
                    organisation=host,
                    number=f"{prefix}/{year}/{numbered + 1:02d}",
                    start_date=enrollment.enrolled_on,
                    end_date=max(end, enrollment.enrolled_on),
                    scope=rng.choice(scopes),
                    hours=Decimal(str(round(hours))),
                )
            )
    return len(to_create)


def individual_support(ctx: Context) -> int:
    """One-to-one meetings after referral, within each person's path, topped up to the figures."""
    rng, today = ctx.rng, ctx.today
    existing = defaultdict(set)
    for project_id, kind, specialist, participant_id in IndividualSupport.objects.values_list(
        "project_id", "kind", "specialist", "participant_id"
    ):
        existing[project_id, kind, specialist].add(participant_id)
    to_create = []
    for spec in SUPPORT_SPECS:
        project = ctx.projects[spec.project]
        have = existing[project.pk, spec.kind, spec.specialist]
        needed = spec.people - len(have)
        candidates = [
            path
            for path in ctx.paths.get(project.pk, [])
            if path.participant_id not in have and fits(spec.who, path.participant, path.start_date)
        ]
        rng.shuffle(candidates)
        for path in candidates:
            if needed <= 0:
                break
            # Whether a person's meetings fit their path does not depend on who was tried before,
            # so a top-up that falls short tries the same people the same way again.
            own = person_rng(spec.specialist, path)
            last = min(path.end_date or today - DAY, today - DAY, project.end_date)
            day = working_day(path.start_date + DAY * own.randint(*spec.referral_days))
            meetings = []
            for _ in range(own.randint(*spec.meetings)):
                if day > last:
                    break
                meetings.append(day)
                day = working_day(day + DAY * own.randint(*spec.gap_days))
            if not meetings:
                continue
            needed -= 1
            worker = path.participant.social_worker or ctx.marker[spec.project]
            for number, day in enumerate(meetings):
                note = spec.notes[0] if number == 0 else rng.choice(spec.notes)
                to_create.append(
                    save_through_form(
                        IndividualSupportForm,
                        participant=path.participant,
                        user=worker,
                        recorded_by=worker,
                        project=project,
                        kind=spec.kind,
                        date=day,
                        specialist=spec.specialist,
                        hours=spec.hours,
                        confidential_note=note,
                    )
                )
    return len(to_create)


def internships(ctx: Context) -> int:
    """The Zawiercie internships (13 completed, two broken off when the person left the project) and
    a few in the running projects, within each person's path; topped up to these figures."""
    rng, today = ctx.rng, ctx.today
    taken = set(Internship.objects.values_list("project_id", "participant_id"))
    to_create = []

    def hours(first, last) -> Decimal:
        return Decimal(working_days(first, last) * 8)

    def add(path, employer, position, first, last, completed) -> None:
        taken.add((path.project_id, path.participant_id))
        to_create.append(
            save_through_form(
                InternshipForm,
                participant=path.participant,
                user=ctx.marker[path_project_code(ctx, path)],
                project=path.project_id,
                employer=ctx.partners[employer],
                position=position,
                start_date=first,
                end_date=last,
                hours=hours(first, min(last, today - DAY)),
                completed=completed,
            )
        )

    zawiercie = ctx.projects[Z]
    done = Internship.objects.filter(project=zawiercie)
    paths = [path for path in ctx.paths.get(zawiercie.pk, []) if (zawiercie.pk, path.participant_id) not in taken]
    rng.shuffle(paths)
    places = []
    for employer, positions, count in ZAWIERCIE_INTERNSHIPS:
        have = done.filter(employer=ctx.partners[employer], completed=True).count()
        places += [(employer, positions)] * max(0, count - have)
    for path in [p for p in paths if p.status == PathStatus.COMPLETED]:
        if not places:
            break
        first = monday_on_or_after(
            max(path.start_date + DAY * person_rng("staż", path).randint(14, 45), INTERNSHIPS_FROM)
        )
        last = first + INTERNSHIP_DAYS * DAY
        if last <= min(path.end_date, INTERNSHIPS_UNTIL):
            employer, positions = places.pop(0)
            add(path, employer, rng.choice(positions), first, last, True)
    broken_off = ZAWIERCIE_INTERNSHIPS_NOT_COMPLETED - done.filter(completed=False).count()
    for path in [p for p in paths if p.status == PathStatus.DROPPED_OUT]:
        if broken_off <= 0:
            break
        first = monday_on_or_after(max(path.start_date + DAY * 14, INTERNSHIPS_FROM))
        if first + 20 * DAY <= path.end_date < first + INTERNSHIP_DAYS * DAY and path.end_date <= INTERNSHIPS_UNTIL:
            employer, positions, _count = ZAWIERCIE_INTERNSHIPS[broken_off % 2]
            add(path, employer, rng.choice(positions), first, path.end_date, False)
            broken_off -= 1

    for code, employer, position, running in RUNNING_INTERNSHIPS:
        project = ctx.projects[code]
        if Internship.objects.filter(project=project, position=position).exists():
            continue
        status = PathStatus.ACTIVE if running else PathStatus.COMPLETED
        for path in ctx.paths.get(project.pk, []):
            if path.status != status or (project.pk, path.participant_id) in taken:
                continue
            if running:
                first = monday_on_or_after(max(path.start_date + 14 * DAY, today - 6 * WEEK))
                if first < today:
                    add(path, employer, position, first, first + INTERNSHIP_DAYS * DAY, False)
                    break
            else:
                first = monday_on_or_after(path.start_date + 14 * DAY)
                last = first + (INTERNSHIP_DAYS - 28) * DAY  # two months
                if last <= path.end_date:
                    add(path, employer, position, first, last, True)
                    break
    return len(to_create)


def path_project_code(ctx: Context, path: ProjectParticipation) -> str:
    return next(code for code, project in ctx.projects.items() if project.pk == path.project_id)


def person_rng(purpose: str, path: ProjectParticipation) -> random.Random:
    # Seeded by who and where, not by database ids, which differ between databases.
    person = path.participant
    return random.Random(f"{purpose}/{path.project.code}/{person.pesel or person.full_name}/{person.date_of_birth}")
