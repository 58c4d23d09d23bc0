"""Factories of the programme tests: the catalogue, activities, sessions, enrolment and attendance."""

import datetime

import factory

from activities import counters
from activities.models import Activity, Attendance, Enrollment, ServiceType, Session, Track
from kis.tests.factories import LocationFactory
from participants.tests.factories import ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationProjectFactory, today

Status = ProjectParticipation.Status
DAY = datetime.timedelta(days=1)


class ServiceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceType
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Warsztaty umiejętności {n}")
    track = Track.VOCATIONAL
    mode = ServiceType.Mode.GROUP


class ActivityFactory(factory.django.DjangoModelFactory):
    """A group activity of a running project, from a month ago to two months ahead."""

    class Meta:
        model = Activity

    name = factory.Sequence(lambda n: f"Warsztaty komputerowe, grupa {n}")
    service_type = factory.SubFactory(ServiceTypeFactory)
    project = factory.SubFactory(ParticipationProjectFactory)
    trainer = "Ewa Trenerska"
    location = factory.SubFactory(LocationFactory, name="KIS Śródmieście")
    start_date = factory.LazyFunction(lambda: today() - DAY * 30)
    end_date = factory.LazyFunction(lambda: today() + DAY * 60)
    capacity = 12
    planned_hours = 40
    completion_attendance = 80


class SessionFactory(factory.django.DjangoModelFactory):
    """A session on the activity's first day, 10:00–12:00 (give ``date`` for more than one)."""

    class Meta:
        model = Session

    activity = factory.SubFactory(ActivityFactory)
    date = factory.LazyAttribute(lambda o: o.activity.start_date)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """An enrollment made directly (no capacity or project check: use ``programme.enroll`` for those)."""

    class Meta:
        model = Enrollment

    activity = factory.SubFactory(ActivityFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = Enrollment.Status.ENROLLED
    enrolled_on = factory.LazyAttribute(lambda o: o.activity.start_date)


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A mark saved directly, with the counters of its session and enrolment recounted as the
    attendance service does (``services.mark_attendance`` for the service's own checks)."""

    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    enrollment = factory.SubFactory(EnrollmentFactory, activity=factory.SelfAttribute("..session.activity"))
    status = Attendance.Status.PRESENT

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        mark = super()._create(model_class, *args, **kwargs)
        counters.recount_sessions([mark.session_id])
        counters.recount_enrollments([mark.enrollment_id])
        return mark
