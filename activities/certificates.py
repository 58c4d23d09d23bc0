"""What the programme puts on a KIS certificate: the support a person received in one
participation — the hours present at each activity's sessions, individual support by kind and
internships — counted in the participation's project from its recorded start to its end."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.models import Enrollment, IndividualSupport, Internship
from participation.documents import SupportReceived
from participation.models import ProjectParticipation
from participation.signals import certificate_support

HOURS = Decimal("0.01")


def _hours(duration: datetime.timedelta | None) -> Decimal:
    if not duration:
        return Decimal(0)
    return (Decimal(duration.total_seconds()) / 3600).quantize(HOURS)


def support_received(participation: ProjectParticipation) -> list[SupportReceived]:
    """The support recorded for this participation: one line per activity attended (sessions marked
    present, by their length), per kind of individual support and per internship begun. Three
    queries, whatever the number of activities, sessions and records; none for a participation
    never started, which had no support."""
    since = participation.planned_start or participation.start_date
    if since is None:
        return []
    until = min(participation.end_date or timezone.localdate(), timezone.localdate())
    in_it = Q(participant_id=participation.participant_id, project_id=participation.project_id)
    activities = (
        Enrollment.objects.filter(
            participant_id=participation.participant_id, activity__project_id=participation.project_id
        )
        .exclude(status=Enrollment.Status.WAITING)
        .with_time_present(since=since, until=until)
        .select_related("activity__service_type")
        .order_by("activity__start_date", "activity__name", "pk")
    )
    lines = [
        SupportReceived(
            name=enrollment.activity.name,
            form=f"{enrollment.activity.service_type.get_track_display()}, {enrollment.activity.service_type}",
            hours=_hours(enrollment.time_present),
        )
        for enrollment in activities
        if enrollment.time_present
    ]
    meetings = (
        IndividualSupport.objects.filter(in_it, date__gte=since, date__lte=until)
        .values("kind")
        .annotate(hours=Sum("hours"), meetings=Count("pk"))
        .order_by("kind")
    )
    for row in meetings:
        count = ngettext("(%(count)s meeting)", "(%(count)s meetings)", row["meetings"]) % {"count": row["meetings"]}
        lines.append(
            SupportReceived(
                name=f"{IndividualSupport.Kind(row['kind']).label} {count}",
                form=_("individual support"),
                hours=row["hours"].quantize(HOURS),
            )
        )
    internships = Internship.objects.filter(in_it, start_date__gte=since, start_date__lte=until)
    for internship in internships.select_related("employer").order_by("start_date"):
        lines.append(
            SupportReceived(
                name=", ".join(part for part in (str(internship.employer), internship.position) if part),
                form=_("internship"),
                hours=internship.hours.quantize(HOURS),
            )
        )
    return [line for line in lines if line.hours]


@receiver(certificate_support)
def list_the_support_on_the_certificate(sender, participation, **kwargs):
    return support_received(participation)
