"""Factories of the report tests, and ``hand_built()``: a small project whose every figure is
known in advance (the answers are worked out by hand in the tables below, not by the code under test).

Project P runs 01.01.2024 – 31.12.2025 (targets: 10 recruited, 5 completed; thresholds: social
34%, employment 56%). The sub-period is H1 2025 (01.01.2025 – 30.06.2025).

=== ====================== === === ========== ========== =========== ============ ===================
    person                 sex age qualified  started    ended       status       risk factors
=== ====================== === === ========== ========== =========== ============ ===================
A   Alicja Adamska         K   30  20.02.2024 01.03.2024 15.12.2024  completed    poverty, unemployment
B   Bogdan Bąk             M   24  01.04.2024 10.04.2024 31.03.2025  completed    unemployment
C   Celina Całka (no PESEL) K  58  20.01.2025 01.02.2025 15.06.2025  completed    poverty, drugs,
                                                                                   homelessness
D   Dariusz Dąbrowski      M   54  10.01.2025 15.01.2025 05.05.2025  dropped out  drugs
                                                                      (found a job)
E   Ewa Ęmielska           K   17  25.02.2025 01.03.2025 —           active       —
F   Filip Fąfara           M   25  20.10.2024 01.11.2024 10.07.2025  dropped out  poverty
                                                                      (health)
G   Grażyna Gołąb          K   55  20.05.2024 01.06.2024 30.09.2024  dropped out  unemployment
                                                                      (moved)
H   Henryk Hołownia        M   —   10.02.2025 —          01.03.2025  dropped out  poverty
                                                                      before starting (resigned)
I   Irena Iłowska          K   —   (rejected) —          —           rejected     —
J   Joanna Jóźwiak         K   18  20.04.2025 01.05.2025 30.09.2025  completed    unemployment, poverty
K   Kamil Kłos             M   —   01.06.2025 —          —           qualified    —
                                       (reserve list from 15.12.2024)
=== ====================== === === ========== ========== =========== ============ ===================

Locations: A B E F J at "KIS Śródmieście", C D G at "Punkt Wsparcia Kromołów" (H I K at the first).
Situation on leaving (each recorded on the day of leaving): A, D employed; B social progress; C
education; G looking for work; J other; F none. Labour-market status at entry: A registered
unemployed, B long-term unemployed, C inactive, D registered unemployed, J unregistered unemployed.
Follow-up within three months: A employed; B social progress; C started education (social
progress) *and* employed; D employed; J not followed up.

Effectiveness by the guidelines (base: completed, plus those who left early for a job; employment
among those out of work at entry — here all of them):
- whole project: base A B C D J = 5; social B C = 2/5 = 40.0% (threshold 34%: met); employment
  A C D = 3/5 = 60.0% (threshold 56%: met). Counting only those who completed, as before, gave
  2/4 = 50% employment, "not met".
- H1 2025: base B C D = 3 (A ended in 2024, J in September); social B C = 2/3 = 66.7%;
  employment C D = 2/3 = 66.7%.

Programme of P:
- "Trening kompetencji społecznych" (social track). Sessions 06.05.2024 10:00–12:00 (2 h),
  03.02.2025 10:00–13:30 (3.5 h), 03.03.2025 09:00–10:30 (1.5 h). Enrolled: A (01.05.2024,
  completed 10.12.2024), B (01.05.2024, still enrolled), C (01.02.2025, dropped 15.03.2025), E
  (waiting list). Marks: s1 A present, B excused (not present); s2 B present, C present; s3 B present, C absent.
- "Kurs ECDL Base" (vocational track). Sessions 20.01.2025 08:00–16:00 (8 h), 30.06.2025
  08:00–12:00 (4 h), 01.07.2025 08:00–12:00 (4 h). Enrolled: D (15.01.2025, dropped 05.05.2025),
  F (15.01.2025, completed 01.07.2025, certificate ECDL-0124), J (01.05.2025, completed
  30.06.2025, certificate ECDL-0123). Marks: s1 D present, F present; s2 J present, F absent; s3
  J present, F present.
- "Doradztwo zawodowe" (vocational track): no sessions, nobody enrolled.
Internships of P: A completed 30.09.2024; J completed 15.06.2025; F not completed (01.05.2025).

Project Q (01.06.2025 – 31.12.2026): D recruited again on 01.08.2025 (active), with an activity,
a session, a certificate and a completed internship inside P's dates that must not leak into P.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import factory

from activities import counters
from activities.models import Activity, Attendance, Enrollment, Internship, Session, Track
from activities.tests.factories import ServiceTypeFactory
from kis.models import Location
from kis.tests.factories import LocationFactory
from participants.models import DisabilityDegree, LabourMarketStatus, Participant, RiskFactor, YesNoRefused
from participants.tests.factories import ParticipantFactory
from participation.models import ExitSituation, ParticipationEvent, ProjectParticipation
from projects.models import Project
from projects.tests.factories import PartnerFactory, ProjectFactory, ProjectPartnerFactory

Status = ProjectParticipation.Status
Reason = ProjectParticipation.DropoutReason
Mark = Attendance.Status
DAY = datetime.timedelta(days=1)

WHOLE = (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
H1_2025 = (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))


def d(text: str) -> datetime.date:
    """A date written the Polish way, DD.MM.YYYY, as in the tables above."""
    return datetime.datetime.strptime(text, "%d.%m.%Y").date()


class ReportProjectFactory(ProjectFactory):
    """A 2021–2027 project with small targets."""

    title = factory.Sequence(lambda n: f"Aktywna integracja w Zawierciu {n}")
    code = factory.Sequence(lambda n: f"FESL.07.03-IZ.01-{n:04d}/24")
    programme = "FE SL 2021–2027, 7.3"
    funder = "Urząd Marszałkowski Województwa Śląskiego"
    start_date = WHOLE[0]
    end_date = WHOLE[1]
    status = Project.Status.RUNNING
    target_recruited = 10
    target_completed = 5
    esf_layout = Project.EsfLayout.CST2021


def person(first_name: str, last_name: str, *, female: bool, location: Location, risks=(), **fields) -> Participant:
    """A participant with the given exclusion-risk factors (codes of the reference list)."""
    participant = ParticipantFactory(
        first_name=first_name, last_name=last_name, female=female, location=location, **fields
    )
    if risks:
        participant.risk_factors.set(RiskFactor.objects.filter(code__in=risks))
    return participant


def participation(
    project: Project,
    participant: Participant,
    *,
    status: str,
    qualified: datetime.date | None = None,
    started: datetime.date | None = None,
    ended: datetime.date | None = None,
    age: int | None = None,
    reason: str = "",
    exit_code: str | None = None,
    reserve: datetime.date | None = None,
    **fields,
) -> ProjectParticipation:
    """A participation with the dated events of its path, written directly (the services refuse
    dates that are not around today; the report reads only the rows). With ``reserve``, the
    person was first put on the reserve list (the decision date) and qualified later."""
    first = reserve or qualified or started or ended or project.start_date
    applied_on = first - DAY * 7
    row = ProjectParticipation.objects.create(
        project=project,
        participant=participant,
        status=status,
        applied_on=applied_on,
        decided_on=reserve or qualified,
        start_date=started,
        age_at_start=age,
        end_date=ended,
        dropout_reason=reason,
        completed_as_planned={Status.COMPLETED: True, Status.DROPPED_OUT: False}.get(status),
        exit_situation=ExitSituation.objects.get(code=exit_code) if exit_code else None,
        exit_situation_on=ended if exit_code else None,
        sex_at_start=participant.sex if started else "",
        exit_result_counts=bool(exit_code),  # recorded on the day of leaving
        **fields,
    )
    if started:  # the risk factors recorded at the start, as the start records them
        row.risk_factors_at_start.set(participant.risk_factors.all())
    events = [("", Status.APPLIED, applied_on)]
    if status == Status.REJECTED:
        events.append((Status.APPLIED, Status.REJECTED, applied_on + DAY))
    if reserve:
        events.append((Status.APPLIED, Status.RESERVE, reserve))
    if qualified:
        events.append((events[-1][1], Status.QUALIFIED, qualified))
    if started:
        events.append((Status.QUALIFIED, Status.ACTIVE, started))
    if ended:
        events.append((events[-1][1], status, ended))
    ParticipationEvent.objects.bulk_create(
        ParticipationEvent(participation=row, from_status=src, to_status=dst, date=on) for src, dst, on in events
    )
    return row


def activity(project: Project, name: str, track: str, sessions=()) -> Activity:
    """An activity of ``project`` with sessions given as (DD.MM.YYYY, "HH:MM", "HH:MM")."""
    service_type = ServiceTypeFactory(name=f"Usługa: {name}", track=track)
    location = LocationFactory(name="KIS Śródmieście")
    row = Activity.objects.create(
        name=name,
        service_type=service_type,
        project=project,
        location=location,
        start_date=project.start_date,
        end_date=project.end_date,
        capacity=12,
    )
    for day, start, end in sessions:
        Session.objects.create(
            activity=row,
            date=d(day),
            start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end),
        )
    return row


def enroll(activity_: Activity, participant: Participant, on: str, status=Enrollment.Status.ENROLLED, **fields):
    finished = fields.pop("finished", None)
    return Enrollment.objects.create(
        activity=activity_,
        participant=participant,
        enrolled_on=d(on),
        status=status,
        finished_on=d(finished) if finished else None,
        **fields,
    )


def mark(enrollment: Enrollment, day: str, status: str) -> Attendance:
    """A mark at the activity's session of ``day``, with the counters recounted as the attendance
    service does."""
    session = Session.objects.get(activity=enrollment.activity, date=d(day))
    saved = Attendance.objects.create(session=session, enrollment=enrollment, status=status)
    counters.recount_sessions([session.pk])
    counters.recount_enrollments([enrollment.pk])
    return saved


@dataclass
class HandBuilt:
    project: Project
    other_project: Project
    people: dict[str, Participant] = field(default_factory=dict)
    participations: dict[str, ProjectParticipation] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    activities: dict[str, Activity] = field(default_factory=dict)

    def names(self, *letters: str) -> set[str]:
        return {self.people[letter].full_name for letter in letters}


def hand_built() -> HandBuilt:
    """Projects P and Q of the module docstring."""
    project = ReportProjectFactory(
        title="Aktywna integracja w Zawierciu — ścieżka próbna",
        code="FESL.07.03-IZ.01-0042/25",
        social_effectiveness_threshold=34,
        employment_effectiveness_threshold=56,
    )
    other = ReportProjectFactory(
        title="Drugi projekt", start_date=d("01.06.2025"), end_date=d("31.12.2026"), target_recruited=3
    )
    centre = LocationFactory(name="KIS Śródmieście")
    point = LocationFactory(name="Punkt Wsparcia Kromołów")
    built = HandBuilt(project=project, other_project=other, locations={"centre": centre, "point": point})
    people = built.people
    people["A"] = person("Alicja", "Adamska", female=True, location=centre, risks=["poverty", "unemployment"])
    people["B"] = person("Bogdan", "Bąk", female=False, location=centre, risks=["unemployment"])
    people["C"] = person(
        "Celina",
        "Całka",
        female=True,
        location=point,
        risks=["poverty", "drug-addiction", "homelessness"],
        pesel=None,
        no_pesel_reason="Cudzoziemka bez numeru PESEL",
        date_of_birth=d("03.03.1966"),
        disability=DisabilityDegree.REFUSED,
        citizenship="ukraińskie",
        citizenship_group="non_eu",
        foreign_origin=YesNoRefused.REFUSED,
        third_country_national=YesNoRefused.REFUSED,
        minority=YesNoRefused.REFUSED,
    )
    people["D"] = person("Dariusz", "Dąbrowski", female=False, location=point, risks=["drug-addiction"])
    people["E"] = person("Ewa", "Ęmielska", female=True, location=centre)
    people["F"] = person("Filip", "Fąfara", female=False, location=centre, risks=["poverty"])
    people["G"] = person("Grażyna", "Gołąb", female=True, location=point, risks=["unemployment"])
    people["H"] = person("Henryk", "Hołownia", female=False, location=centre, risks=["poverty"])
    people["I"] = person("Irena", "Iłowska", female=True, location=centre, risks=["poverty"])
    people["J"] = person("Joanna", "Jóźwiak", female=True, location=centre, risks=["unemployment", "poverty"])
    people["K"] = person("Kamil", "Kłos", female=False, location=centre, risks=["poverty"])

    p = built.participations
    p["A"] = participation(
        project,
        people["A"],
        labour_status_at_start=LabourMarketStatus.REGISTERED_UNEMPLOYED,
        status=Status.COMPLETED,
        qualified=d("20.02.2024"),
        started=d("01.03.2024"),
        ended=d("15.12.2024"),
        age=30,
        exit_code="employed",
        followup_on=d("10.03.2025"),
        followup_employed=True,
    )
    p["B"] = participation(
        project,
        people["B"],
        labour_status_at_start=LabourMarketStatus.REGISTERED_UNEMPLOYED,
        long_term_unemployed_esf=True,
        long_term_unemployed_pup=True,
        status=Status.COMPLETED,
        qualified=d("01.04.2024"),
        started=d("10.04.2024"),
        ended=d("31.03.2025"),
        age=24,
        exit_code="social-progress",
        followup_on=d("30.06.2025"),
        followup_social_progress=True,
    )
    p["C"] = participation(
        project,
        people["C"],
        labour_status_at_start=LabourMarketStatus.INACTIVE,
        followup_social_progress=True,
        followup_social_progress_kinds=["education"],
        status=Status.COMPLETED,
        qualified=d("20.01.2025"),
        started=d("01.02.2025"),
        ended=d("15.06.2025"),
        age=58,
        exit_code="education",
        followup_on=d("15.09.2025"),
        followup_in_education=True,
        followup_employed=True,
    )
    p["D"] = participation(
        project,
        people["D"],
        labour_status_at_start=LabourMarketStatus.REGISTERED_UNEMPLOYED,
        status=Status.DROPPED_OUT,
        qualified=d("10.01.2025"),
        started=d("15.01.2025"),
        ended=d("05.05.2025"),
        age=54,
        reason=Reason.FOUND_JOB,
        exit_code="employed",
        followup_on=d("05.08.2025"),
        followup_employed=True,
    )
    p["E"] = participation(
        project, people["E"], status=Status.ACTIVE, qualified=d("25.02.2025"), started=d("01.03.2025"), age=17
    )
    p["F"] = participation(
        project,
        people["F"],
        status=Status.DROPPED_OUT,
        qualified=d("20.10.2024"),
        started=d("01.11.2024"),
        ended=d("10.07.2025"),
        age=25,
        reason=Reason.HEALTH,
    )
    p["G"] = participation(
        project,
        people["G"],
        status=Status.DROPPED_OUT,
        qualified=d("20.05.2024"),
        started=d("01.06.2024"),
        ended=d("30.09.2024"),
        age=55,
        reason=Reason.MOVED,
        exit_code="looking-for-work",
    )
    p["H"] = participation(
        project,
        people["H"],
        status=Status.DROPPED_OUT,
        qualified=d("10.02.2025"),
        ended=d("01.03.2025"),
        reason=Reason.RESIGNED,
    )
    p["I"] = participation(project, people["I"], status=Status.REJECTED)
    p["J"] = participation(
        project,
        people["J"],
        labour_status_at_start=LabourMarketStatus.UNREGISTERED_UNEMPLOYED,
        status=Status.COMPLETED,
        qualified=d("20.04.2025"),
        started=d("01.05.2025"),
        ended=d("30.09.2025"),
        age=18,
        exit_code="other",
    )
    p["K"] = participation(
        project, people["K"], status=Status.QUALIFIED, reserve=d("15.12.2024"), qualified=d("01.06.2025")
    )
    p["D in Q"] = participation(
        other, people["D"], status=Status.ACTIVE, qualified=d("20.07.2025"), started=d("01.08.2025"), age=54
    )

    social = activity(
        project,
        "Trening kompetencji społecznych",
        Track.SOCIAL,
        [("06.05.2024", "10:00", "12:00"), ("03.02.2025", "10:00", "13:30"), ("03.03.2025", "09:00", "10:30")],
    )
    ecdl = activity(
        project,
        "Kurs ECDL Base",
        Track.VOCATIONAL,
        [("20.01.2025", "08:00", "16:00"), ("30.06.2025", "08:00", "12:00"), ("01.07.2025", "08:00", "12:00")],
    )
    counselling = activity(project, "Doradztwo zawodowe", Track.VOCATIONAL)
    built.activities = {"social": social, "ecdl": ecdl, "counselling": counselling}
    Completed, Dropped, Waiting = Enrollment.Status.COMPLETED, Enrollment.Status.DROPPED, Enrollment.Status.WAITING

    a = enroll(social, people["A"], "01.05.2024", Completed, finished="10.12.2024")
    b = enroll(social, people["B"], "01.05.2024")
    c = enroll(social, people["C"], "01.02.2025", Dropped, finished="15.03.2025")
    enroll(social, people["E"], "01.03.2025", Waiting)
    mark(a, "06.05.2024", Mark.PRESENT)
    mark(b, "06.05.2024", Mark.EXCUSED)
    mark(b, "03.02.2025", Mark.PRESENT)
    mark(c, "03.02.2025", Mark.PRESENT)
    mark(b, "03.03.2025", Mark.PRESENT)
    mark(c, "03.03.2025", Mark.ABSENT)

    d_ = enroll(ecdl, people["D"], "15.01.2025", Dropped, finished="05.05.2025")
    f = enroll(ecdl, people["F"], "15.01.2025", Completed, finished="01.07.2025", certificate_number="ECDL-0124")
    j = enroll(ecdl, people["J"], "01.05.2025", Completed, finished="30.06.2025", certificate_number="ECDL-0123")
    mark(d_, "20.01.2025", Mark.PRESENT)
    mark(f, "20.01.2025", Mark.PRESENT)
    mark(j, "30.06.2025", Mark.PRESENT)
    mark(f, "30.06.2025", Mark.ABSENT)
    mark(j, "01.07.2025", Mark.PRESENT)
    mark(f, "01.07.2025", Mark.PRESENT)

    employer = PartnerFactory(name="Wejherowska Spółdzielnia Socjalna „Dobrodziejki”")
    for letter, start, end, completed in (
        ("A", "01.07.2024", "30.09.2024", True),
        ("J", "15.05.2025", "15.06.2025", True),
        ("F", "01.03.2025", "01.05.2025", False),
    ):
        Internship.objects.create(
            participant=people[letter],
            project=project,
            employer=employer,
            start_date=d(start),
            end_date=d(end),
            hours=120,
            completed=completed,
        )
    ProjectPartnerFactory(
        project=project, partner=PartnerFactory(name="Powiatowy Urząd Pracy w Zawierciu"), agreement_number="UP/7/2024"
    )

    # Q's programme, inside P's dates: none of it may count for P.
    q_course = activity(other, "Kurs w innym projekcie", Track.VOCATIONAL, [("01.06.2025", "08:00", "18:00")])
    q_enrollment = enroll(
        q_course, people["D"], "01.06.2025", Completed, finished="02.06.2025", certificate_number="Q-1"
    )
    mark(q_enrollment, "01.06.2025", Mark.PRESENT)
    Internship.objects.create(
        participant=people["D"],
        project=other,
        employer=employer,
        start_date=d("01.06.2025"),
        end_date=d("20.06.2025"),
        completed=True,
    )
    return built
