"""Write the demo programme's enrollments, attendance and results through the programme services
(used by ``demo.programme``, once the people, their marks and their results are chosen).

In the order a club would record them: the enrollments first, in the order the people were chosen,
as enrolled or on the waiting list; then the marks of each session with ``mark_attendance``, while
every enrollment is still open; then the results with ``enrollment_finish`` (a certificate number
for a certified course).

Everyone is enrolled through ``enroll`` on the day they joined, which the service checks fell
within their participation in the activity's project (the 2016–2017 participants and club members
who have left since included). A mark for an enrollment of an earlier run is made only while
``mark_attendance`` takes it (enrolled or completed): a person who dropped out is not marked after.
"""

from __future__ import annotations

from collections import defaultdict

from activities import services
from activities.models import Enrollment

OPEN = services.HOLDING_A_PLACE
FINISHED = (Enrollment.Status.COMPLETED, Enrollment.Status.DROPPED)
MARKABLE = (Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED)


def write(plans, marks, marker) -> None:
    """Save new enrollments (``plans``), marks (session, owner, status) and results; ``marker``
    gives who records them, by activity id."""
    saved: dict[int, Enrollment] = {}
    for plan in plans:
        planned = plan.enrollment
        user = marker[planned.activity.pk]
        expected = Enrollment.Status.WAITING if planned.status == Enrollment.Status.WAITING else OPEN[0]
        enrollment = services.enroll(
            activity=planned.activity, participant=planned.participant, user=user, on=planned.enrolled_on
        )
        if enrollment.status != expected:
            raise RuntimeError(f"Demo enrollment of {planned.participant} in {planned.activity}: {enrollment.status}")
        saved[id(plan)] = enrollment

    by_session: dict = defaultdict(dict)
    for session, owner, status in marks:
        enrollment = owner if isinstance(owner, Enrollment) else saved[id(owner)]
        if enrollment.status in MARKABLE:
            by_session[session][enrollment.pk] = status
    for session, session_marks in by_session.items():
        services.mark_attendance(session=session, marks=session_marks, user=marker[session.activity_id])

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
