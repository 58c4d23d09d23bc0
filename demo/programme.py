"""Demo programme (used by ``manage.py seed_demo`` through ``demo.participation``): activities of the
three tracks with their weekly sessions, enrollments and attendance, individual support,
internships and volunteer agreements, for the closed Zawiercie partnership and the running projects.

The closed project (2016–2017) holds what it delivered: social-competence training groups,
self-help groups, the computer course „ECDL Base” (12 people certified), health days „Białe Soboty”,
the local activity programmes for osiedle Stary Rynek and ul. Nowa in Kromołów, a volunteer group
under signed agreements, psychological and legal counselling, family assistants and 13 completed
internships with employers. The running projects (Wejherowo, Knurów, Bielsko-Biała) have their
current activities: sessions around today and in the coming weeks, attendance marked for past
sessions only, a few people with three absences in a row, two under-filled activities.

Activities are created with ``activity_create`` and their sessions added with ``session_add``,
which checks each against the activity's dates and the trainer's other sessions. Enrollments,
attendance and results go through the programme services as far as they take them
(``demo.attendance``). The people are chosen here by the programme's rules: only people recruited
into an activity's project are enrolled, on a day their participation ran (for an activity still
running: people active in the project today); attendance is marked only while they took part; a
session's dependants in care belong to people present at it. The
names of the trainers, specialists and animators are invented; the programmes are the real ones
(DESIGN §1).

Idempotent: activities are keyed by (name, project), sessions by (activity, date, start),
enrollments by (activity, participant) — people are chosen only for an activity that has none —
attendance by (session, enrollment), cared dependants by (session, person); individual support,
internships and volunteer agreements are topped up to their figures.
"""

from __future__ import annotations

import datetime
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from activities import services
from activities.models import Activity, Attendance, Enrollment, ServiceType, Session
from activities.services import CONSECUTIVE_ABSENCES_FLAG, HOLDING_A_PLACE
from demo import attendance
from demo.calendar import is_day_off
from demo.data import organisation
from demo.data.activities import Spec
from demo.data.running import BB, FEPM, FESL, KIS_SR, STOPPED_COMING_IN, running_specs
from demo.data.zawiercie import ECDL_CERTIFIED, ECDL_NAME, Z, zawiercie_specs
from demo.support import care_for_dependants, fits, individual_support, internships, volunteer_agreements
from kis.models import Location
from participation.models import ProjectParticipation
from projects.models import Partner, Project

DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(weeks=1)
PathStatus = ProjectParticipation.Status
FILLED = 0.75  # ActivityQuerySet.under_filled(): fewer enrolled than this share of the places


@dataclass
class Context:
    today: datetime.date
    rng: random.Random
    projects: dict[str, Project]
    partners: dict[str, Partner]
    locations: dict[str, Location]
    services: dict[str, ServiceType]
    paths: dict[int, list[ProjectParticipation]]  # recruited, by project id
    marker: dict[str, object]  # who marks attendance, by project code
    # (project id, service type id, participant id) of everyone enrolled: nobody takes the same
    # kind of course or training twice in a project.
    taken: set[tuple[int, int, int]] = field(default_factory=set)


@dataclass
class NewEnrollment:
    enrollment: Enrollment
    spec: Spec
    path: ProjectParticipation
    stop: datetime.date | None  # the last day they could take part (their path ended, or they drop out)
    dropout: bool = False
    must_complete: bool = False
    marks: list = field(default_factory=list)  # [session, owner, status], shared with the list of new marks


def seed(*, stdout, rng: random.Random, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["coordinator", "pracownik4"])}
    codes = [Z, FEPM, KIS_SR, FESL, BB]
    projects = {p.code: p for p in Project.objects.filter(code__in=codes).prefetch_related("locations")}
    partner_keys = {partner.nip: partner.key for partner in organisation.PARTNERS}
    ctx = Context(
        today=today,
        rng=rng,
        projects=projects,
        partners={partner_keys[p.nip]: p for p in Partner.objects.filter(nip__in=partner_keys)},
        locations={location.name: location for location in Location.objects.all()},
        services={service.name: service for service in ServiceType.objects.all()},
        paths=defaultdict(list),
        marker={code: users.get("pracownik4" if code == Z else "coordinator") for code in codes},
    )
    for path in (
        ProjectParticipation.objects.filter(project__in=projects.values(), start_date__isnull=False)
        .select_related("project", "participant", "participant__social_worker")
        .prefetch_related("participant__household_members")
        .order_by("id")
    ):
        ctx.paths[path.project_id].append(path)

    specs = zawiercie_specs() + running_specs(today)
    activities, new_activities = ensure_activities(ctx, specs)
    new_sessions = ensure_sessions(ctx, activities)
    sessions = {activity.pk: [] for _spec, activity in activities}
    for session in Session.objects.filter(activity_id__in=sessions).order_by("date", "start_time", "id"):
        sessions[session.activity_id].append(session)
    new_enrollments, new_marks = enroll_and_mark(ctx, activities, sessions)
    new_care = care_for_dependants(ctx, activities)
    new_agreements = volunteer_agreements(ctx, activities)
    new_support = individual_support(ctx)
    new_internships = internships(ctx)

    stdout.write(
        f"activities: programme of {len(activities)} activities ({new_activities} new), "
        f"{sum(map(len, sessions.values()))} sessions ({new_sessions} new), {new_enrollments} new enrollments, "
        f"{new_marks} new attendance marks, {new_care} dependants in care at sessions, "
        f"{new_support} new individual meetings, {new_internships} new internships, "
        f"{new_agreements} new volunteer agreements"
    )


def schedule(spec: Spec, first: datetime.date) -> list[tuple[datetime.date, datetime.time, datetime.time]]:
    """The meetings of ``spec`` when it starts on ``first`` (the stored start of an existing activity)."""
    until = spec.until + (first - spec.first) if spec.until else None
    monday = first - first.weekday() * DAY
    meetings = []
    for repetition in range(10_000):
        week = monday + repetition * spec.every * WEEK
        if (until is None and repetition >= spec.weeks) or (until is not None and week > until):
            break
        for weekday, start, end in spec.slots:
            day = week + weekday * DAY
            if day >= first and (until is None or day <= until) and not is_day_off(day):
                meetings.append((day, datetime.time.fromisoformat(start), datetime.time.fromisoformat(end)))
    return meetings


def hours_of(meetings) -> Decimal:
    minutes = sum(
        (datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)).seconds // 60
        for day, start, end in meetings
    )
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def ensure_activities(ctx: Context, specs: list[Spec]) -> tuple[list[tuple[Spec, Activity]], int]:
    """The demo activities, created when missing (capacity set later, when the people are chosen)."""
    project_ids = [project.pk for project in ctx.projects.values()]
    existing = {(a.name, a.project_id): a for a in Activity.objects.filter(project_id__in=project_ids)}
    result, created = [], 0
    for spec in specs:
        project = ctx.projects[spec.project]
        activity = existing.get((spec.name, project.pk))
        if activity is None:
            meetings = schedule(spec, spec.first)
            if not meetings:
                continue  # a one-day action dated from today that falls on a public holiday
            location = ctx.locations[spec.location]
            if location not in project.locations.all():
                raise RuntimeError(f"Demo activity {spec.name}: {location} is not a site of {project.code}")
            end = meetings[-1][0]
            if not (project.start_date <= spec.first <= end <= project.end_date):
                continue  # the running projects' activities are dated from today: none after a project ends
            activity = Activity(
                name=spec.name,
                service_type=ctx.services[spec.service],
                project=project,
                provider=ctx.partners[spec.provider] if spec.provider else None,
                trainer=spec.trainer,
                location=location,
                start_date=spec.first,
                end_date=end,
                capacity=spec.capacity,
                planned_hours=hours_of(meetings),
                certificate_body=spec.certificate_body,
                description=spec.description,
            )
            # No schedule: the demo's meetings (several a week, every few weeks, holidays skipped)
            # are added one by one below, each checked by session_add.
            services.activity_create(activity=activity, schedule=None, user=ctx.marker[spec.project])
            created += 1
        result.append((spec, activity))
    return result, created


def ensure_sessions(ctx: Context, activities) -> int:
    keys = set(
        Session.objects.filter(activity_id__in=[a.pk for _s, a in activities]).values_list(
            "activity_id", "date", "start_time"
        )
    )
    rng, created = ctx.rng, 0
    for spec, activity in activities:
        meetings = schedule(spec, activity.start_date)
        for number, (day, start, end) in enumerate(meetings):
            if (activity.pk, day, start) in keys:
                continue
            topics = spec.topics or ("",)
            topic = topics[number % len(topics)] if spec.cycle_topics else topics[number * len(topics) // len(meetings)]
            headcount = rng.randint(*spec.headcount) if spec.headcount and day < ctx.today else 0
            session = Session(
                activity=activity, date=day, start_time=start, end_time=end, topic=topic, headcount_others=headcount
            )
            # Within the activity's dates, and no trainer with two sessions at once.
            services.session_add(session=session, user=ctx.marker[spec.project])
            created += 1
    return created


def choose(ctx: Context, spec: Spec, activity: Activity, meetings: list[Session]) -> list[NewEnrollment]:
    """People for a new activity: recruited into its project and taking part while it runs (for an
    activity still running, active in the project today), those there from the start first."""
    rng, today = ctx.rng, ctx.today
    running = activity.end_date >= today
    days = [session.date for session in meetings]
    full, partial = [], []
    for path in ctx.paths.get(activity.project_id, []):
        first, last = path.start_date, path.end_date or today
        if running and path.status != PathStatus.ACTIVE and not spec.rolling:
            continue  # a running course takes people active in the project; a club also had those who left
        if not fits(spec.who, path.participant, activity.start_date):
            continue
        if not spec.rolling and (activity.project_id, activity.service_type_id, path.participant_id) in ctx.taken:
            continue
        inside = [day for day in days if first <= day <= last]
        if not inside and not (running and activity.start_date > today and path.status == PathStatus.ACTIVE):
            continue
        if not spec.rolling and not running and first > activity.start_date + WEEK:
            continue  # a course or a closed group is joined in its first week
        if spec.rolling and path.status != PathStatus.ACTIVE and len(inside) < min(3, len(days)):
            continue
        stays = path.end_date is None or path.end_date >= activity.end_date
        (full if first <= activity.start_date and stays else partial).append(path)
    rng.shuffle(full)
    rng.shuffle(partial)
    chosen = (full + partial)[: spec.enrol]
    must = []
    if spec.name == ECDL_NAME:
        # The people certified are those whose path ended with the qualification (demo.zawiercie).
        # (a smaller demo may have fewer of them whose path spans the course).
        must = [
            path
            for path in ctx.paths.get(activity.project_id, [])
            if path.followup_qualification
            and path.status == PathStatus.COMPLETED
            and path.start_date <= activity.start_date
            and path.end_date >= activity.end_date
        ][:ECDL_CERTIFIED]
        others = [path for path in full + partial if path not in must]
        chosen = must + others[: max(0, spec.enrol - len(must))]
    plans = []
    for number, path in enumerate(chosen):
        waiting = number >= spec.capacity
        if waiting:
            on = min(max(activity.start_date + DAY * rng.randint(1, 10), path.start_date), today)
        else:
            on = min(max(activity.start_date - DAY * rng.randint(2, 10), path.start_date), today)
        if path.start_date > activity.start_date:  # joined later, with their start in the project
            on = min(path.start_date + DAY * rng.randint(0, 3), today)
        if path.end_date:
            on = min(on, path.end_date)
        plan = NewEnrollment(
            enrollment=Enrollment(
                activity=activity,
                participant=path.participant,
                status=Enrollment.Status.WAITING if waiting else Enrollment.Status.ENROLLED,
                enrolled_on=on,
            ),
            spec=spec,
            path=path,
            stop=path.end_date,
            must_complete=path in must,
        )
        held = [day for day in days if on <= day < today and (plan.stop is None or day <= plan.stop)]
        leaves = (spec.name == ECDL_NAME and not plan.must_complete) or (
            not spec.rolling and not plan.must_complete and spec.enrol <= spec.capacity and rng.random() < 0.07
        )
        if not waiting and leaves and len(held) >= 5:
            plan.dropout, plan.stop = True, held[rng.randint(2, len(held) - 3)]
        plans.append(plan)
        ctx.taken.add((activity.project_id, activity.service_type_id, path.participant_id))
    return plans


def fit_capacity(spec: Spec, activity: Activity, plans: list[NewEnrollment]) -> bool:
    """The places offered match the people there are, so only the activities meant to be
    under-filled show so (and those ended with people who dropped out). Returns whether it changed."""
    statuses = [plan.enrollment.status for plan in plans]
    if spec.under_filled or Enrollment.Status.WAITING in statuses:
        return False
    taking_part = sum(1 for status in statuses if status != Enrollment.Status.WAITING)
    holding = sum(1 for status in statuses if status in HOLDING_A_PLACE)
    capacity = max(1, min(spec.capacity, max(taking_part, math.floor(holding / FILLED))))
    changed, activity.capacity = capacity != activity.capacity, capacity
    return changed


# --- Enrollments and attendance -------------------------------------------------------------------


def enroll_and_mark(ctx: Context, activities, sessions) -> tuple[int, int]:
    today = ctx.today
    existing = defaultdict(list)
    for enrollment in Enrollment.objects.filter(activity_id__in=sessions).exclude(status=Enrollment.Status.WAITING):
        existing[enrollment.activity_id].append(enrollment)
    marked = set(
        Attendance.objects.filter(session__activity_id__in=sessions).values_list("session_id", "enrollment_id")
    )
    with_people = set(Enrollment.objects.filter(activity_id__in=sessions).values_list("activity_id", flat=True))
    ctx.taken.update(
        Enrollment.objects.values_list("activity__project_id", "activity__service_type_id", "participant_id")
    )

    plans: list[NewEnrollment] = []
    for spec, activity in activities:
        if activity.pk not in with_people:
            plans += choose(ctx, spec, activity, sessions[activity.pk])

    # Every mark to make, person by person in the order of the sessions: (session, owner).
    todo = defaultdict(list)
    for plan in plans:
        e = plan.enrollment
        if e.status == Enrollment.Status.WAITING:
            continue
        for session in sessions[e.activity.pk]:
            if e.enrolled_on <= session.date < today and (plan.stop is None or session.date <= plan.stop):
                todo[e.participant.pk].append((session, plan))
    for _spec, activity in activities:
        for e in existing[activity.pk]:
            last = e.finished_on or today - DAY
            for session in sessions[activity.pk]:
                if e.enrolled_on <= session.date <= last and session.date < today and (session.pk, e.pk) not in marked:
                    todo[e.participant_id].append((session, e))
    specs = {activity.pk: spec for spec, activity in activities}
    rng = ctx.rng
    new_marks = []  # [session, owner, status]
    for participant_id in sorted(todo):
        runs = defaultdict(int)  # a run of absences is counted per enrolment (Enrollment.absence_streak)
        for session, owner in sorted(todo[participant_id], key=lambda item: (item[0].date, item[0].start_time)):
            presence = specs[session.activity_id].presence
            draw = rng.random()
            if draw < presence or runs[id(owner)] >= CONSECUTIVE_ABSENCES_FLAG - 1:  # never flagged by chance
                status = Attendance.Status.PRESENT
            elif draw < presence + (1 - presence) / 2:
                status = Attendance.Status.EXCUSED
            else:
                status = Attendance.Status.ABSENT
            runs[id(owner)] = runs[id(owner)] + 1 if status == Attendance.Status.ABSENT else 0
            mark = [session, owner, status]
            new_marks.append(mark)
            if isinstance(owner, NewEnrollment):
                owner.marks.append(mark)

    for plan in plans:
        settle(ctx, plan, sessions[plan.enrollment.activity.pk])
    stop_coming(ctx, plans)
    number_certificates(plans)
    by_activity = defaultdict(list)
    for plan in plans:
        by_activity[plan.enrollment.activity.pk].append(plan)
    resized = [
        activity
        for spec, activity in activities
        if activity.pk in by_activity and fit_capacity(spec, activity, by_activity[activity.pk])
    ]
    Activity.objects.bulk_update(resized, ["capacity"])

    marker = {activity.pk: ctx.marker[spec.project] for spec, activity in activities}
    attendance.write(plans, new_marks, marker)
    return len(plans), len(new_marks)


def settle(ctx: Context, plan: NewEnrollment, meetings: list[Session]) -> None:
    """The result of a new enrollment: still enrolled, completed (with the attendance the activity
    asks for; the people certified always reach it) or dropped out."""
    e, spec, activity = plan.enrollment, plan.spec, plan.enrollment.activity
    if e.status == Enrollment.Status.WAITING:
        return
    if plan.dropout:
        for mark in plan.marks[-2:]:
            mark[2] = Attendance.Status.ABSENT
    if plan.must_complete:
        needed = math.ceil(activity.completion_attendance / 100 * len(meetings))
        for mark in plan.marks:
            if sum(1 for m in plan.marks if m[2] == Attendance.Status.PRESENT) >= needed:
                break
            mark[2] = Attendance.Status.PRESENT
    ended_early = plan.stop is not None and plan.stop < activity.end_date
    if plan.must_complete:
        e.status = Enrollment.Status.COMPLETED
        e.finished_on = min(activity.end_date, max(plan.stop or activity.end_date, e.enrolled_on))
    elif ended_early and plan.stop < ctx.today:
        path_completed = plan.path.status == PathStatus.COMPLETED and plan.path.end_date == plan.stop
        e.status = Enrollment.Status.COMPLETED if spec.rolling and path_completed else Enrollment.Status.DROPPED
        e.finished_on = max(plan.stop, e.enrolled_on)
    elif activity.end_date >= ctx.today:
        e.status = Enrollment.Status.ENROLLED
    else:
        present = sum(1 for m in plan.marks if m[2] == Attendance.Status.PRESENT)
        rate = 100 * present / len(meetings) if meetings else 0
        completed = spec.rolling or rate >= activity.completion_attendance
        if spec.name == ECDL_NAME:
            completed = False  # the certified are the people whose path ended with the qualification
        e.status = Enrollment.Status.COMPLETED if completed else Enrollment.Status.DROPPED
        e.finished_on = activity.end_date


def stop_coming(ctx: Context, plans: list[NewEnrollment]) -> None:
    """In each of some running projects one person stopped coming: in every activity they are
    enrolled in, their last three marks are absences after a presence (the dashboard flags them;
    a run of absences is counted per enrolment)."""
    recent = ctx.today - 60 * DAY
    by_person = defaultdict(list)  # (project, person): the recent marks of each running enrolment
    for plan in plans:
        if plan.enrollment.status == Enrollment.Status.ENROLLED and plan.spec.project in STOPPED_COMING_IN:
            by_person[plan.spec.project, plan.path.participant_id].append(
                sorted((m for m in plan.marks if m[0].date >= recent), key=lambda m: (m[0].date, m[0].start_time))
            )
    for code in STOPPED_COMING_IN:
        candidates = sorted(
            person
            for (project, person), enrolments in by_person.items()
            if project == code and all(len(marks) > CONSECUTIVE_ABSENCES_FLAG for marks in enrolments)
        )
        if not candidates:
            continue
        for marks in by_person[code, ctx.rng.choice(candidates)]:
            marks[-(CONSECUTIVE_ABSENCES_FLAG + 1)][2] = Attendance.Status.PRESENT
            for mark in marks[-CONSECUTIVE_ABSENCES_FLAG:]:
                mark[2] = Attendance.Status.ABSENT


def number_certificates(plans: list[NewEnrollment]) -> None:
    """Certificate numbers for those who completed a certified course, in order of the names."""
    certified = [
        plan for plan in plans if plan.spec.certificate_body and plan.enrollment.status == Enrollment.Status.COMPLETED
    ]
    certified.sort(key=lambda plan: (plan.spec.name, plan.path.participant.last_name, plan.path.participant_id))
    taken = set(Enrollment.objects.exclude(certificate_number="").values_list("certificate_number", flat=True))
    sequence = defaultdict(lambda: 412)
    for plan in certified:
        while True:
            sequence[plan.spec.name] += 1
            number = f"{plan.spec.certificate_prefix}{sequence[plan.spec.name]:05d}"
            if number not in taken:
                break
        taken.add(number)
        plan.enrollment.certificate_number = number
        plan.enrollment.certificate_body = plan.spec.certificate_body
