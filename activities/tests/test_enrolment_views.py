"""Pages that change an activity's people and sessions: adding a session, enrolling, and recording results."""

import datetime

import pytest
from django.db.models import F

from activities.models import Activity, Enrollment, Session
from activities.tests.conftest import WEDNESDAY, WEEK, Status
from activities.tests.factories import (
    ActivityFactory,
    ServiceTypeFactory,
    SessionFactory,
)
from activities.tests.test_views import text
from kis.locking import EDITED_MEANWHILE
from kis.models import AuditEvent
from kis.tests.helpers import submitted_data
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import active_in, today

pytestmark = pytest.mark.django_db

# --- Adding a session ----------------------------------------------------------------------------


def test_adding_a_session(client, coordinator):
    activity = ActivityFactory()
    client.force_login(coordinator)

    response = client.post(
        f"/activities/{activity.pk}/sessions/new/",
        {"date": f"{today():%Y-%m-%d}", "start_time": "16:00", "end_time": "18:30", "topic": "Rozmowa kwalifikacyjna"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/activities/{activity.pk}/#sessions"
    session = activity.sessions.get()
    assert (session.date, session.start_time, session.end_time, session.topic) == (
        today(),
        datetime.time(16),
        datetime.time(18, 30),
        "Rozmowa kwalifikacyjna",
    )
    assert session.hours == 2.5


def test_a_new_session_starts_at_the_last_sessions_hours(client, coordinator):
    activity = ActivityFactory()
    SessionFactory(activity=activity, start_time=datetime.time(17), end_time=datetime.time(19))
    client.force_login(coordinator)

    form = client.get(f"/activities/{activity.pk}/sessions/new/").context["form"]

    assert (form.initial["start_time"], form.initial["end_time"]) == (datetime.time(17), datetime.time(19))


def test_a_session_outside_the_activitys_dates_is_refused(client, coordinator):
    activity = ActivityFactory(start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 3, 31))
    client.force_login(coordinator)

    response = client.post(
        f"/activities/{activity.pk}/sessions/new/", {"date": "2026-04-01", "start_time": "10:00", "end_time": "12:00"}
    )

    assert response.status_code == 200
    assert not Session.objects.exists()
    assert "The session on 01.04.2026 falls outside the activity's dates (02.03.2026 – 31.03.2026)." in text(response)


def test_an_overlapping_session_of_the_same_trainer_is_refused(client, coordinator):
    busy = ActivityFactory(name="Trening kompetencji", trainer="Ewa Trenerska")
    SessionFactory(activity=busy, date=today())
    activity = ActivityFactory(trainer="")
    client.force_login(coordinator)

    response = client.post(
        f"/activities/{activity.pk}/sessions/new/",
        {"date": f"{today():%Y-%m-%d}", "start_time": "11:00", "end_time": "13:00", "trainer": "Ewa Trenerska"},
    )

    assert response.status_code == 200
    assert not activity.sessions.exists()
    assert "Ewa Trenerska already has a session at that time: Trening kompetencji" in text(response)


# --- Enrolling -----------------------------------------------------------------------------------


def enroll(client, activity, participant):
    return client.post(f"/activities/{activity.pk}/enroll/", {"participant": participant.pk}, follow=True)


def test_a_social_worker_enrolls_a_person_from_their_caseload(client, social_worker):
    activity = ActivityFactory()
    person = active_in(
        activity.project, ParticipantFactory(social_worker=social_worker, first_name="Łucja", last_name="Żółkiewska")
    ).participant
    client.force_login(social_worker)

    response = enroll(client, activity, person)

    assert response.redirect_chain == [(f"/activities/{activity.pk}/#people", 302)]
    assert "Łucja Żółkiewska enrolled." in text(response)
    assert Enrollment.objects.get().participant == person
    assert [row.participant for row in response.context["enrolled"]] == [person]


def test_enrolling_past_capacity_puts_the_person_on_the_waiting_list_with_a_message(client, coordinator):
    activity = ActivityFactory(capacity=1)
    first, second = (active_in(activity.project).participant for _ in range(2))
    client.force_login(coordinator)
    enroll(client, activity, first)

    response = enroll(client, activity, second)

    assert f"All places are taken: {second.full_name} is on the waiting list." in text(response)
    assert Enrollment.objects.get(participant=second).status == Status.WAITING
    assert [row.participant for row in response.context["waiting"]] == [second]


@pytest.mark.parametrize("typed", ["{day:%d.%m.%Y}", "{day:%Y-%m-%d}"])
def test_an_earlier_enrolment_is_entered_with_its_date_and_marked_so_in_the_audit_trail(client, coordinator, typed):
    activity = ActivityFactory()
    person = active_in(activity.project).participant  # took part since 40 days ago
    day = today() - datetime.timedelta(days=20)
    client.force_login(coordinator)

    response = client.post(
        f"/activities/{activity.pk}/enroll/",
        {"participant": person.pk, "enrolled_on": typed.format(day=day)},
        follow=True,
    )

    enrollment = Enrollment.objects.get()
    assert enrollment.enrolled_on == day
    assert f"{person.full_name} enrolled." in text(response)
    entry = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_type="activities.enrollment")
    assert (entry.user, entry.details) == (coordinator, {"back_dated": day.isoformat()})


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.2026", "Enter the date of enrolment as DD.MM.YYYY, or leave it empty for today."),
        ("{tomorrow:%d.%m.%Y}", "The date of enrolment cannot be in the future."),
    ],
    ids=["no such day", "tomorrow"],
)
def test_an_impossible_enrolment_date_is_refused_with_a_message(client, coordinator, typed, message):
    activity = ActivityFactory()
    person = active_in(activity.project).participant
    client.force_login(coordinator)

    response = client.post(
        f"/activities/{activity.pk}/enroll/",
        {"participant": person.pk, "enrolled_on": typed.format(tomorrow=today() + datetime.timedelta(days=1))},
        follow=True,
    )

    assert message in text(response)
    assert not Enrollment.objects.exists()


def test_enrolling_a_person_not_active_in_the_project_is_refused_with_a_message(client, coordinator):
    activity = ActivityFactory()
    person = ParticipantFactory(first_name="Jan", last_name="Nieaktywny")
    client.force_login(coordinator)

    response = enroll(client, activity, person)

    assert not Enrollment.objects.exists()
    assert (
        f"Jan Nieaktywny is not an active participant of the project {activity.project.code}, which runs this activity."
        in text(response)
    )


def test_enrolling_the_same_person_twice_is_refused_with_a_message(client, coordinator):
    activity = ActivityFactory()
    person = active_in(activity.project).participant
    client.force_login(coordinator)
    enroll(client, activity, person)

    response = enroll(client, activity, person)

    assert Enrollment.objects.count() == 1
    assert f"{person.full_name} is already enrolled in this activity." in text(response)


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_enrolling_nobody_is_not_found(client, coordinator, value):
    activity = ActivityFactory()
    client.force_login(coordinator)

    response = client.post(f"/activities/{activity.pk}/enroll/", {"participant": value})

    assert response.status_code == 404
    assert not Enrollment.objects.exists()


# --- Results -------------------------------------------------------------------------------------


def finish(client, enrollment, **data):
    return client.post(
        f"/activities/enrollments/{enrollment.pk}/finish/",
        {"status": "completed", "finished_on": f"{today():%Y-%m-%d}", **data},
        follow=True,
    )


def test_recording_completion_with_the_certificate(client, coordinator, running_course):
    regular = running_course["regular"]
    client.force_login(coordinator)

    response = finish(client, regular, certificate_number="CRR/2026/17")

    assert "Result saved for Łucja Żółkiewska." in text(response)
    regular.refresh_from_db()
    assert (regular.status, regular.finished_on, regular.certificate_number, regular.certificate_body) == (
        Status.COMPLETED,
        today(),
        "CRR/2026/17",
        "Cech Rzemiosł Różnych",
    )


def test_completing_a_certified_course_without_the_number_is_refused(client, coordinator, running_course):
    regular = running_course["regular"]
    client.force_login(coordinator)

    response = finish(client, regular)

    assert "This course ends with a certificate issued by Cech Rzemiosł Różnych: enter its number." in text(response)
    regular.refresh_from_db()
    assert (regular.status, regular.finished_on) == (Status.ENROLLED, None)


def test_dropping_out_gives_the_place_to_the_first_person_waiting(client, coordinator, running_course):
    irregular, waiting = running_course["irregular"], running_course["waiting"]
    client.force_login(coordinator)

    response = finish(client, irregular, status="dropped")

    assert Enrollment.objects.get(pk=irregular.pk).status == Status.DROPPED
    assert Enrollment.objects.get(pk=waiting.pk).status == Status.ENROLLED
    assert response.context["waiting"] == []
    assert 'Places</dt><dd class="col-sm-9">2 / 2</dd>' in text(response)


def test_a_result_without_a_date_is_refused(client, coordinator, running_course):
    regular = running_course["regular"]
    client.force_login(coordinator)

    response = finish(client, regular, finished_on="", certificate_number="CRR/1")

    assert "Choose the result and its date." in text(response)
    assert Enrollment.objects.get(pk=regular.pk).status == Status.ENROLLED


def test_editing_an_activity_cannot_leave_its_sessions_outside_its_dates(client, coordinator, form_data):
    client.force_login(coordinator)
    client.post("/activities/new/", form_data)
    activity = Activity.objects.get()
    data = {key: value for key, value in form_data.items() if not key.startswith("schedule-")}
    data["end_date"] = f"{WEDNESDAY + 3 * WEEK:%Y-%m-%d}"  # the last five Tuesdays would fall outside

    response = client.post(f"/activities/{activity.pk}/edit/", data)

    assert response.status_code == 200
    assert "would fall outside these dates" in " ".join(response.context["form"].errors["end_date"])
    activity.refresh_from_db()
    assert activity.end_date == WEDNESDAY + 8 * WEEK


def test_a_withdrawn_service_is_not_offered_for_a_new_activity(client, coordinator):
    withdrawn = ServiceTypeFactory(name="Wycofana usługa", is_active=False)
    client.force_login(coordinator)

    form = client.get("/activities/new/").context["form"]

    assert withdrawn not in form.fields["service_type"].queryset


def test_an_activity_changed_meanwhile_is_not_overwritten(client, coordinator):
    activity = ActivityFactory(name="Warsztaty komputerowe")
    client.force_login(coordinator)
    data = submitted_data(client.get(f"/activities/{activity.pk}/edit/").context["form"])
    # Another coordinator saves it meanwhile (every save through a form moves the version on).
    Activity.objects.filter(pk=activity.pk).update(capacity=20, version=F("version") + 1)

    response = client.post(f"/activities/{activity.pk}/edit/", {**data, "capacity": "8"})

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors())[:1] == [str(EDITED_MEANWHILE)]
    assert Activity.objects.get(pk=activity.pk).capacity == 20
