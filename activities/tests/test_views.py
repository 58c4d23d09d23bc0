"""The activity pages: the list and its filters, an activity with its sessions and people, creating
an activity with a weekly schedule (all sessions or none, with a message when refused), adding a
session, enrolling (with the waiting list) and recording results."""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.utils import translation

from activities.models import Activity, Attendance, Enrollment, Session, Track
from activities.tests.conftest import WEDNESDAY, WEEK
from activities.tests.factories import (
    ActivityFactory,
    EnrollmentFactory,
    ServiceTypeFactory,
    SessionFactory,
)
from kis.models import AuditEvent
from kis.tests.factories import LocationFactory
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import ParticipationProjectFactory, today

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
Status = Enrollment.Status
Mark = Attendance.Status


def text(response) -> str:
    """The page with entities decoded (messages quote names and dates)."""
    return html.unescape(response.content.decode())


def table_row(content: str, marker: str) -> str:
    """The table row (``<tr>…</tr>``) containing ``marker``."""
    (row,) = [row for row in re.findall(r"<tr[ >].*?</tr>", content, re.S) if marker in row]
    return row


def listed(response) -> list[str]:
    return sorted(a.name for a in response.context["object_list"])


# --- The list and its filters --------------------------------------------------------------------


@pytest.fixture
def catalogue():
    """Two activities that differ in every filtered respect."""
    past = ActivityFactory(
        name="Szkoła dla rodziców",
        service_type=ServiceTypeFactory(name="Szkoła dla rodziców (test)", track=Track.SOCIAL),
        project=ParticipationProjectFactory(code="FEPM.05.11-IZ.00-0001/24"),
        location=LocationFactory(name="KIS Śródmieście"),
        trainer="Ewa Trenerska",
        start_date=today() - 100 * DAY,
        end_date=today() - 40 * DAY,
        capacity=4,
    )
    EnrollmentFactory.create_batch(3, activity=past)  # 3 of 4: not under-filled
    current = ActivityFactory(
        name="Kurs spawacza",
        service_type=ServiceTypeFactory(name="Kurs zawodowy (test)", track=Track.VOCATIONAL),
        project=ParticipationProjectFactory(code="FEPM.05.11-IZ.00-0002/24"),
        location=LocationFactory(name="KIS Zachód"),
        trainer="Jan Spawacz",
        start_date=today() - 10 * DAY,
        end_date=today() + 50 * DAY,
        capacity=12,
    )
    EnrollmentFactory(activity=current)
    EnrollmentFactory.create_batch(3, activity=current, status=Status.WAITING)  # waiting: no place
    return {"past": past, "current": current}


PAST, CURRENT = "Szkoła dla rodziców", "Kurs spawacza"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda c: {}, [CURRENT, PAST]),
        (lambda c: {"track": Track.SOCIAL}, [PAST]),
        (lambda c: {"track": Track.VOCATIONAL}, [CURRENT]),
        (lambda c: {"service_type": c["current"].service_type_id}, [CURRENT]),
        (lambda c: {"project": c["past"].project_id}, [PAST]),
        (lambda c: {"location": c["current"].location_id}, [CURRENT]),
        (lambda c: {"date_from": f"{today() - 30 * DAY:%Y-%m-%d}"}, [CURRENT]),
        (lambda c: {"date_to": f"{today() - 20 * DAY:%Y-%m-%d}"}, [PAST]),
        (
            lambda c: {"date_from": f"{today() - 50 * DAY:%Y-%m-%d}", "date_to": f"{today() - 5 * DAY:%Y-%m-%d}"},
            [CURRENT, PAST],
        ),
        (lambda c: {"date_from": f"{today() + 60 * DAY:%Y-%m-%d}"}, []),
        (lambda c: {"under_filled": "true"}, [CURRENT]),
        (lambda c: {"under_filled": "false"}, [PAST]),
        (lambda c: {"q": "spawacz"}, [CURRENT]),
        (lambda c: {"q": "Trenerska"}, [PAST]),
    ],
    ids=[
        "no filter",
        "social track",
        "vocational track",
        "service type",
        "project",
        "location",
        "running from",
        "running until",
        "running within a range",
        "nothing running then",
        "under-filled",
        "not under-filled",
        "name",
        "trainer",
    ],
)
def test_the_activity_list_filters(client, coordinator, catalogue, query, expected):
    client.force_login(coordinator)

    response = client.get("/activities/", query(catalogue))

    assert response.status_code == 200
    assert listed(response) == expected


def test_the_list_shows_places_taken_and_people_waiting(client, coordinator, catalogue):
    client.force_login(coordinator)

    response = client.get("/activities/")

    rows = {
        name: re.sub(r"\s+", " ", row)
        for name, row in re.findall(r'<tr>\s*<td><a href="[^"]+">([^<]+)</a></td>(.*?)</tr>', text(response), re.S)
    }
    assert "1 / 12" in rows[CURRENT] and "places free" in rows[CURRENT]
    assert rows[CURRENT].endswith("<td>3</td> ")  # waiting
    assert "3 / 4" in rows[PAST]
    assert "Szkoła dla rodziców (test)" in rows[PAST] and "social activation" in rows[PAST]
    assert "FEPM.05.11-IZ.00-0001/24" in rows[PAST]


def test_people_who_dropped_out_leave_their_places_free(client, coordinator):
    activity = ActivityFactory(name="Grupa wsparcia", capacity=4)
    EnrollmentFactory.create_batch(2, activity=activity)
    EnrollmentFactory.create_batch(2, activity=activity, status=Status.DROPPED)
    client.force_login(coordinator)

    response = client.get("/activities/", {"under_filled": "true"})

    assert listed(response) == ["Grupa wsparcia"]
    assert response.context["object_list"][0].enrolled_count == 2


def test_the_list_is_paginated_with_the_filters_kept(client, coordinator):
    service_type = ServiceTypeFactory()
    ActivityFactory.create_batch(26, service_type=service_type, project=None)
    client.force_login(coordinator)

    response = client.get("/activities/", {"service_type": service_type.pk, "page": 2})

    assert len(response.context["object_list"]) == 1
    assert f"service_type={service_type.pk}" in response.context["query_without_page"]
    assert "page=" not in response.context["query_without_page"]


# --- The activity page ---------------------------------------------------------------------------


def test_the_activity_page_lists_its_sessions(client, coordinator, running_course):
    activity = running_course["activity"]
    client.force_login(coordinator)

    content = text(client.get(f"/activities/{activity.pk}/"))

    sessions = content[content.index('id="sessions"') : content.index('id="people"')]
    assert re.findall(r"Moduł \d|Egzamin", sessions) == [
        "Moduł 4",
        "Moduł 3",
        "Moduł 2",
        "Moduł 1",
        "Moduł 0",
        "Egzamin",
    ]
    for session in activity.sessions.all():
        assert f"{session.date:%d.%m.%Y}" in sessions
        assert f'href="/activities/sessions/{session.pk}/attendance/"' in sessions
        assert f'href="/activities/sessions/{session.pk}/attendance.pdf"' in sessions
    assert "10:00–12:00" in sessions


def test_the_activity_page_lists_the_people_their_attendance_and_the_waiting_list(client, coordinator, running_course):
    activity, regular = running_course["activity"], running_course["regular"]
    client.force_login(coordinator)

    response = client.get(f"/activities/{activity.pk}/")

    content = text(response)
    people = content[content.index('id="people"') :]
    assert "Żółkiewska Łucja" in people
    assert f'href="/participants/{regular.participant.pk}/"' in people
    assert "4/5 (80%)" in people  # Łucja: present at 4 of the 5 sessions held so far
    assert "1/5 (20%)" in people  # Grzegorz
    assert 'Places</dt><dd class="col-sm-9">2 / 2, 1 waiting' in content
    waiting_list = people[people.index("Waiting list") :]
    assert "Oczekujący Jan" in waiting_list
    assert "Oczekujący" not in people[: people.index("Waiting list")]
    # 5 present marks of 10.
    assert 'Attendance rate</dt><dd class="col-sm-9">50%' in content


def test_the_completion_rule_proposes_completed_to_those_who_meet_it(client, coordinator, running_course):
    activity, regular, irregular = (running_course[k] for k in ("activity", "regular", "irregular"))
    client.force_login(coordinator)

    response = client.get(f"/activities/{activity.pk}/")

    rows = {row.pk: row for row in response.context["enrolled"]}
    assert (rows[regular.pk].meets_rule, rows[irregular.pk].meets_rule) == (True, False)
    content = text(response)
    row_of = {e.pk: table_row(content, f'id="result-{e.pk}"') for e in (regular, irregular)}
    assert "meets the completion rule: propose completed" in row_of[regular.pk]
    assert "meets the completion rule" not in row_of[irregular.pk]
    # The rule is a proposal: no result and no date is preselected, for anyone, so one click on
    # "Save" records nothing nobody chose.
    for row in row_of.values():
        assert '<option value="" selected>' in row
        assert '<option value="completed">' in row and '<option value="dropped">' in row
        assert 'name="finished_on" id="finished-' in row and 'value=""' in row


def test_saving_a_result_without_choosing_it_records_nothing(client, coordinator, running_course):
    regular = running_course["regular"]
    client.force_login(coordinator)

    response = client.post(
        f"/activities/enrollments/{regular.pk}/finish/", {"status": "", "finished_on": ""}, follow=True
    )

    assert "Choose the result and its date." in text(response)
    regular.refresh_from_db()
    assert (regular.status, regular.finished_on) == (Status.ENROLLED, None)


def test_the_people_finished_show_their_result_and_certificate(client, coordinator, running_course):
    regular = running_course["regular"]
    Enrollment.objects.filter(pk=regular.pk).update(
        status=Status.COMPLETED, finished_on=today(), certificate_number="CRR/2026/17"
    )
    client.force_login(coordinator)

    content = text(client.get(f"/activities/{running_course['activity'].pk}/"))

    assert "completed — certificate CRR/2026/17" in content
    assert f'id="result-{regular.pk}"' not in content
    assert "meets the completion rule" not in content


def test_the_enrollment_search_finds_only_people_who_can_still_be_enrolled(client, social_worker, running_course):
    activity = running_course["activity"]
    mine = ParticipantFactory(social_worker=social_worker, last_name="Kowalczyk")
    ParticipantFactory(last_name="Kowalczyk")  # on another worker's caseload
    Enrollment.objects.filter(pk=running_course["regular"].pk).update(participant=mine)
    own_free = ParticipantFactory(social_worker=social_worker, last_name="Kowalczykówna")
    client.force_login(social_worker)

    response = client.post(f"/activities/{activity.pk}/", {"q": "Kowalczyk"}, follow=True)

    assert response.context["candidates"] == [own_free]


def test_a_pesel_searched_for_in_the_enrollment_box_stays_out_of_every_address(client, social_worker, running_course):
    activity = running_course["activity"]
    own_free = ParticipantFactory(social_worker=social_worker, last_name="Kowalczykówna")
    client.force_login(social_worker)

    posted = client.post(f"/activities/{activity.pk}/", {"q": own_free.pesel})
    page = client.get(posted["Location"])
    bookmarked = client.get(f"/activities/{activity.pk}/", {"q": own_free.pesel})

    assert posted.status_code == bookmarked.status_code == 303
    assert own_free.pesel not in posted["Location"] and own_free.pesel not in bookmarked["Location"]
    assert page.context["candidates"] == [own_free]


def test_a_manager_reads_the_activity_without_the_forms(client, manager, running_course):
    client.force_login(manager)

    content = text(client.get(f"/activities/{running_course['activity'].pk}/"))

    assert "Żółkiewska Łucja" in content
    assert "/enroll/" not in content and "/finish/" not in content and "/edit/" not in content
    assert "/attendance/" not in content and "/attendance.pdf" in content


# --- Creating an activity with its schedule ------------------------------------------------------


# A Wednesday: every Tuesday for 8 weeks from it runs from 10.03 to 28.04.2026.


def test_the_new_activity_form_offers_a_weekly_schedule(client, coordinator):
    client.force_login(coordinator)

    content = client.get("/activities/new/").content.decode()

    for field in ("weekday", "start_time", "end_time", "weeks"):
        assert f'name="schedule-{field}"' in content


def test_creating_an_activity_with_a_weekly_schedule_makes_all_its_sessions(client, coordinator, form_data):
    client.force_login(coordinator)

    response = client.post("/activities/new/", form_data, follow=True)

    activity = Activity.objects.get()
    assert response.redirect_chain == [(f"/activities/{activity.pk}/", 302)]
    assert "Activity “ECDL Base — moduł B1” saved." in text(response)
    sessions = list(activity.sessions.all())
    assert [s.date for s in sessions] == [datetime.date(2026, 3, 10) + n * WEEK for n in range(8)]
    assert {(s.start_time, s.end_time) for s in sessions} == {(datetime.time(10), datetime.time(12))}
    assert (activity.trainer, activity.certificate_body, activity.capacity) == ("Jan Trener", "ECDL Polska", 10)


def test_creating_an_activity_without_a_schedule_makes_no_sessions(client, coordinator, form_data):
    client.force_login(coordinator)
    data = {k: v for k, v in form_data.items() if not k.startswith("schedule-")}

    response = client.post("/activities/new/", data)

    assert response.status_code == 302
    assert Activity.objects.get().sessions.count() == 0


def assert_nothing_saved():
    assert not Activity.objects.exists()
    assert not Session.objects.exists()


def test_a_schedule_running_past_the_end_saves_nothing_and_says_why(client, coordinator, form_data):
    client.force_login(coordinator)
    form_data["end_date"] = f"{WEDNESDAY + 6 * WEEK:%Y-%m-%d}"  # 15.04: the 7th Tuesday is 21.04

    response = client.post("/activities/new/", form_data)

    assert response.status_code == 200
    assert_nothing_saved()
    content = text(response)
    assert "The form has errors; nothing was saved." in content
    assert "The session on 21.04.2026 falls outside the activity's dates (04.03.2026 – 15.04.2026)." in content
    # The form comes back filled in, schedule included.
    assert 'value="ECDL Base — moduł B1"' in content
    assert 'name="schedule-weeks" value="8"' in content


def test_a_schedule_clashing_with_the_trainers_other_sessions_saves_nothing_and_says_why(
    client, coordinator, form_data
):
    other = ActivityFactory(name="Kurs Excel", trainer="Jan Trener")
    SessionFactory(activity=other, date=datetime.date(2026, 3, 24), start_time=datetime.time(11, 30))
    client.force_login(coordinator)

    response = client.post("/activities/new/", form_data)

    assert response.status_code == 200
    assert list(Activity.objects.all()) == [other]
    assert Session.objects.count() == 1
    assert "Jan Trener already has a session at that time: Kurs Excel 24.03.2026 11:30." in text(response)


def test_the_refusal_is_shown_in_polish_to_a_polish_user(client, coordinator, form_data):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(coordinator)
    form_data["end_date"] = f"{WEDNESDAY + 6 * WEEK:%Y-%m-%d}"

    response = client.post("/activities/new/", form_data)

    assert_nothing_saved()
    content = text(response)
    assert "Formularz zawiera błędy – niczego nie zapisano." in content
    with translation.override("pl"):
        refusal = translation.gettext(
            "The session on %(date)s falls outside the activity's dates (%(start)s – %(end)s)."
        ) % {"date": "21.04.2026", "start": "04.03.2026", "end": "15.04.2026"}
    assert refusal in content


@pytest.mark.parametrize(
    "missing",
    ["schedule-weekday", "schedule-start_time", "schedule-end_time", "schedule-weeks"],
)
def test_a_partial_schedule_is_refused(client, coordinator, form_data, missing):
    client.force_login(coordinator)
    form_data[missing] = ""

    response = client.post("/activities/new/", form_data)

    assert response.status_code == 200
    assert_nothing_saved()
    assert "Fill in the whole schedule (day, hours and weeks), or none of it." in text(response)


def test_a_schedule_ending_before_it_starts_is_refused(client, coordinator, form_data):
    client.force_login(coordinator)
    form_data["schedule-end_time"] = "09:00"

    response = client.post("/activities/new/", form_data)

    assert_nothing_saved()
    assert response.context["schedule"].errors["end_time"] == ["A session must end after it starts."]


def test_an_activity_ending_before_it_starts_is_refused(client, coordinator, form_data):
    client.force_login(coordinator)
    form_data["end_date"] = f"{WEDNESDAY - DAY:%Y-%m-%d}"

    response = client.post("/activities/new/", form_data)

    assert_nothing_saved()
    assert response.context["form"].errors["end_date"] == ["The end cannot be before the start."]


def test_a_completion_rule_above_100_percent_is_refused(client, coordinator, form_data):
    client.force_login(coordinator)
    form_data["completion_attendance"] = 120

    response = client.post("/activities/new/", form_data)

    assert_nothing_saved()
    assert response.context["form"].errors["completion_attendance"] == ["A percentage cannot exceed 100."]


def test_editing_an_activity_keeps_its_sessions(client, coordinator, running_course):
    activity = running_course["activity"]
    client.force_login(coordinator)
    page = client.get(f"/activities/{activity.pk}/edit/")
    assert "schedule-weekday" not in page.content.decode()  # the schedule is only for a new activity
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    data["capacity"] = 15

    response = client.post(f"/activities/{activity.pk}/edit/", data)

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.capacity == 15
    assert activity.sessions.count() == 6
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, object_id=str(activity.pk)).exists()


def test_the_project_of_an_activity_with_people_enrolled_cannot_be_changed(client, coordinator, running_course):
    activity = running_course["activity"]
    before = activity.project_id
    client.force_login(coordinator)
    form = client.get(f"/activities/{activity.pk}/edit/").context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data["project"] = ParticipationProjectFactory().pk

    response = client.post(f"/activities/{activity.pk}/edit/", data)

    assert response.context["form"].errors["project"] == [
        "People are enrolled in this activity: its project cannot be changed."
    ]
    activity.refresh_from_db()
    assert activity.project_id == before


def test_the_activity_list_heads_the_column_of_activities_name_as_a_things_name(client, coordinator, catalogue):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"

    page = client.get("/activities/").content.decode()

    assert '<th scope="col">Nazwa</th>' in page and "Imię i nazwisko" not in page


def test_the_activity_page_says_which_sessions_are_marked_and_which_wait(client, coordinator, running_course):
    activity = running_course["activity"]
    unmarked = SessionFactory(activity=activity, date=today() - datetime.timedelta(days=2), topic="Zaległe")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(coordinator)

    content = text(client.get(f"/activities/{activity.pk}/"))

    sessions = content[content.index('id="sessions"') : content.index('id="people"')]
    rows = {
        topic: row
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", sessions, re.S)
        for topic in re.findall(r"Moduł \d|Egzamin|Zaległe", row)
    }
    # Held and marked: two people each (Moduł 0: Łucja absent, Grzegorz present; later ones the other way).
    assert "oznaczono 2 osoby, obecnych: 1" in rows["Moduł 3"]
    assert 'popraw<span class="visually-hidden">' in rows["Moduł 3"]
    # Held, nobody marked: it waits to be marked; the one to come does not.
    assert "nieoznaczona" in rows["Zaległe"] and "oznacz<span" in rows["Zaległe"]
    assert "przed zajęciami" in rows["Egzamin"]
    assert f'oznacz<span class="visually-hidden"> {unmarked.date:%d.%m.%Y}</span>' in rows["Zaległe"]
