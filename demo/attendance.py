"""Write the demo programme's enrollments, attendance and results through the programme services
(used by ``demo.programme``, once the people, their marks and their results are chosen).

In the order a club would record them: the enrollments first, in the order the people were chosen,
as enrolled or on the waiting list; then the marks of each session with ``mark_attendance``, while
every enrollment is still open; then the results with ``enrollment_finish`` (a certificate number
for a certified course).

``enroll`` takes only a person active in the activity's project today, so it enrols the people
whose path is still running; the others (the 2016–2017 participants, club members who have left
since) are saved directly, as enrolled or waiting exactly as ``enroll`` would have placed them
(the places are counted the same way), and checked to agree. A mark for an enrollment of an earlier
run that has ended since is saved directly too: ``mark_attendance`` refuses marks for it.
"""

from __future__ import annotations

from collections import defaultdict

from activities import services
from activities.models import Attendance, Enrollment
from participation.models import ProjectParticipation

OPEN = services.HOLDING_A_PLACE
FINISHED = (Enrollment.Status.COMPLETED, Enrollment.Status.DROPPED)


def write(plans, marks, marker) -> None:
    """Save new enrollments (``plans``), marks (session, owner, status) and results; ``marker``
    gives who records them, by activity id."""
    saved: dict[int, Enrollment] = {}
    for plan in plans:
        planned = plan.enrollment
        user = marker[planned.activity.pk]
        expected = Enrollment.Status.WAITING if planned.status == Enrollment.Status.WAITING else OPEN[0]
        if plan.path.status == ProjectParticipation.Status.ACTIVE:
            enrollment = services.enroll(
                activity=planned.activity, participant=planned.participant, user=user, on=planned.enrolled_on
            )
        else:
            enrollment = Enrollment.objects.create(
                activity=planned.activity,
                participant=planned.participant,
                status=expected,
                enrolled_on=planned.enrolled_on,
            )
        if enrollment.status != expected:
            raise RuntimeError(f"Demo enrollment of {planned.participant} in {planned.activity}: {enrollment.status}")
        saved[id(plan)] = enrollment

    by_session: dict = defaultdict(dict)
    direct = []
    for session, owner, status in marks:
        enrollment = owner if isinstance(owner, Enrollment) else saved[id(owner)]
        if enrollment.status in OPEN:
            by_session[session][enrollment.pk] = status
        else:
            direct.append(
                Attendance(session=session, enrollment=enrollment, status=status, marked_by=marker[session.activity_id])
            )
    for session, session_marks in by_session.items():
        services.mark_attendance(session=session, marks=session_marks, user=marker[session.activity_id])
    Attendance.objects.bulk_create(direct, batch_size=1000)

    for plan in plans:
        planned = plan.enrollment
        if planned.status in FINISHED:
            services.enrollment_finish(
                enrollment=saved[id(plan)],
                user=marker[planned.activity.pk],
                status=planned.status,
                on=planned.finished_on,
                certificate_number=planned.certificate_number,
            )
