"""Data the browser tests set up alike: the weekly group of the attendance-grid tests."""

import datetime

from django.utils import timezone

from activities.models import Activity, ServiceType, Session

GROUP = "Trening kompetencji społecznych — grupa wtorkowa"


def group_meeting_today(location, *, name: str = GROUP, topic: str = "") -> tuple[Activity, Session]:
    """A social-competence group at ``location`` running from a fortnight ago for two months, with
    a session today from 10:00 to 12:00."""
    today = timezone.localdate()
    activity = Activity.objects.create(
        name=name,
        service_type=ServiceType.objects.get(name="Trening kompetencji społecznych"),
        project=None,
        location=location,
        trainer="Marta Wiśniewska",
        start_date=today - datetime.timedelta(days=14),
        end_date=today + datetime.timedelta(days=60),
        capacity=12,
        planned_hours=40,
    )
    session = Session.objects.create(
        activity=activity, date=today, start_time=datetime.time(10), end_time=datetime.time(12), topic=topic
    )
    return activity, session
