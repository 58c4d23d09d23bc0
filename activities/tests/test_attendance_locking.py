"""Two people marking one session at once: a mark someone else changed after the grid was loaded
is not overwritten, the person saving is told whose marks those are and sees the current ones, and
the rest of their marks are saved."""

import re

import pytest
from django.contrib.messages import get_messages
from django.db.models import F
from django.test import Client
from django.utils.translation import gettext, ngettext

from activities import services
from activities.models import Attendance
from activities.tests.factories import ActivityFactory, AttendanceFactory, EnrollmentFactory, SessionFactory
from conftest import make_user
from kis.roles import Role
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import today

pytestmark = pytest.mark.django_db

Mark = Attendance.Status


@pytest.fixture
def session():
    """Today's session of three people: Bednarek marked present already, the others not yet."""
    session = SessionFactory(activity=ActivityFactory(), date=today())
    for first, last in [("Anna", "Bednarek"), ("Celina", "Cieślak"), ("Adam", "Albrecht")]:
        EnrollmentFactory(activity=session.activity, participant=ParticipantFactory(first_name=first, last_name=last))
    AttendanceFactory(session=session, enrollment=person(session, "Bednarek"), status=Mark.PRESENT)
    return session


@pytest.fixture
def two_coordinators(client, coordinator):
    other = Client()
    other.force_login(make_user(Role.COORDINATOR, username="drugi_koordynator"))
    client.force_login(coordinator)
    return client, other


def person(session, last_name):
    return session.activity.enrollments.get(participant__last_name=last_name)


def url(session) -> str:
    return f"/activities/sessions/{session.pk}/attendance/"


def stored_marks(session) -> dict[str, str]:
    return dict(session.attendances.values_list("enrollment__participant__last_name", "status"))


def loaded_grid(client, session) -> dict[str, str]:
    """What the grid posts as the page showed it: each row's mark and version shown, its mark."""
    page = client.get(url(session)).content.decode()
    data = dict(re.findall(r'<input type="hidden" name="((?:initial|seen)-[0-9]+)" value="([^"]*)"', page))
    data |= {f"mark-{key[8:]}": value for key, value in data.items() if key.startswith("initial-") and value}
    return data


def marked(data: dict, session, **marks) -> dict:
    return {**data, **{f"mark-{person(session, last).pk}": mark for last, mark in marks.items()}}


def test_a_mark_changed_meanwhile_is_kept_and_its_person_named_while_the_others_save(two_coordinators, session):
    first, second = two_coordinators
    loaded_first, loaded_second = loaded_grid(first, session), loaded_grid(second, session)

    first.post(url(session), marked(loaded_first, session, Albrecht=Mark.PRESENT, Bednarek=Mark.ABSENT))
    response = second.post(
        url(session), marked(loaded_second, session, Albrecht=Mark.ABSENT, Bednarek=Mark.EXCUSED, Cieślak=Mark.PRESENT)
    )

    assert stored_marks(session) == {"Albrecht": Mark.PRESENT, "Bednarek": Mark.ABSENT, "Cieślak": Mark.PRESENT}
    assert response.status_code == 302 and response["Location"] == url(session)
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert (
        gettext(
            "Someone else marked %(names)s meanwhile: those marks were not overwritten. "
            "The current marks are shown below."
        )
        % {"names": "Adam Albrecht, Anna Bednarek"}
        in told
    )
    # What is stored now: Albrecht and Cieślak present, Bednarek absent.
    saved = ngettext(
        "Attendance saved: %(marked)s of %(people)s person marked, %(present)s present.",
        "Attendance saved: %(marked)s of %(people)s people marked, %(present)s present.",
        3,
    )
    assert saved % {"marked": 3, "people": 3, "present": 2} in told


def test_the_grid_after_the_refusal_shows_the_current_marks(two_coordinators, session):
    first, second = two_coordinators
    loaded_first, loaded_second = loaded_grid(first, session), loaded_grid(second, session)
    first.post(url(session), marked(loaded_first, session, Albrecht=Mark.PRESENT))
    second.post(url(session), marked(loaded_second, session, Albrecht=Mark.ABSENT))

    shown = loaded_grid(second, session)

    albrecht = person(session, "Albrecht").pk
    assert shown[f"initial-{albrecht}"] == Mark.PRESENT
    assert shown[f"seen-{albrecht}"] == str(session.attendances.get(enrollment_id=albrecht).version)


def test_a_mark_the_page_showed_is_saved_again_once_seen(two_coordinators, session):
    first, second = two_coordinators
    loaded_first = loaded_grid(first, session)
    first.post(url(session), marked(loaded_first, session, Bednarek=Mark.ABSENT))

    second.post(url(session), marked(loaded_grid(second, session), session, Bednarek=Mark.EXCUSED))

    assert stored_marks(session)["Bednarek"] == Mark.EXCUSED


def test_a_tap_on_a_mark_changed_meanwhile_shows_the_current_mark_and_saves_nothing(two_coordinators, session):
    first, second = two_coordinators
    loaded_second = loaded_grid(second, session)
    albrecht = person(session, "Albrecht").pk
    first.post(url(session), marked(loaded_grid(first, session), session, Albrecht=Mark.PRESENT))

    row = second.post(
        url(session),
        {f"mark-{albrecht}": Mark.ABSENT, f"seen-{albrecht}": loaded_second[f"seen-{albrecht}"]},
        HTTP_HX_REQUEST="true",
    )

    assert row.status_code == 200
    content = row.content.decode()
    assert re.search(rf'value="{Mark.PRESENT}" autocomplete="off"\s+checked', content)
    assert gettext("marked meanwhile by someone else: the current mark is shown") in content
    assert stored_marks(session)["Albrecht"] == Mark.PRESENT


def test_a_mark_changed_and_changed_back_meanwhile_is_still_not_overwritten(coordinator, session):
    bednarek = person(session, "Bednarek")
    shown = session.attendances.get(enrollment=bednarek).version
    # Someone marks Bednarek absent, then present again: the same mark as shown, but not the same save.
    Attendance.objects.filter(enrollment=bednarek).update(version=F("version") + 2)

    saved, changed = services.mark_attendance_as_seen(
        session=session, marks={bednarek.pk: Mark.EXCUSED}, seen={bednarek.pk: shown}, user=coordinator
    )

    assert (saved, changed) == (0, [bednarek])
    assert stored_marks(session)["Bednarek"] == Mark.PRESENT


def test_a_mark_made_meanwhile_as_this_page_asks_is_not_reported(coordinator, session):
    albrecht = person(session, "Albrecht")
    AttendanceFactory(session=session, enrollment=albrecht, status=Mark.PRESENT)

    saved, changed = services.mark_attendance_as_seen(
        session=session, marks={albrecht.pk: Mark.PRESENT}, seen={albrecht.pk: None}, user=coordinator
    )

    assert (saved, changed) == (0, [])


def test_every_saved_change_of_a_mark_moves_its_version_on(coordinator, session):
    bednarek = person(session, "Bednarek")

    services.mark_attendance(session=session, marks={bednarek.pk: Mark.ABSENT}, user=coordinator)

    assert session.attendances.get(enrollment=bednarek).version == 2
