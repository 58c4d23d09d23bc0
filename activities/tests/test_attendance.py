"""The attendance grid of a session: one tap per person saved at once (htmx), "everyone not yet
marked: present", a full-form save that keeps marks others made meanwhile, the headcount of
others present and the dependants cared for; and the attendance list to sign, read back from the
PDF with pdftotext."""

import datetime
import html
import re
import subprocess
from html.parser import HTMLParser

import pytest
from django.utils import translation

from activities.models import Attendance, Enrollment
from activities.tests.factories import ActivityFactory, AttendanceFactory, EnrollmentFactory, SessionFactory
from kis.models import AuditEvent
from participants.models import HouseholdMember
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory
from participation.tests.factories import today

pytestmark = pytest.mark.django_db

Status = Enrollment.Status
Mark = Attendance.Status


@pytest.fixture
def session(social_worker):
    """Today's session of a group with three people enrolled, one who completed, one waiting and
    one who dropped out, all on ``social_worker``'s caseload (who marks only their own people: see
    test_need_to_know). (No surname starts with Ą, Ę, Ł, Ó, Ś, Ź: SQLite sorts those after Z.)"""
    activity = ActivityFactory(name="Trening kompetencji społecznych", trainer="Ewa Trenerska")
    session = SessionFactory(activity=activity, date=today(), topic="Komunikacja bez przemocy")
    for first, last, status in [
        ("Łucja", "Żółkiewska", Status.ENROLLED),
        ("Grzegorz", "Brzęczyszczykiewicz", Status.ENROLLED),
        ("Zenon", "Ćwikła", Status.ENROLLED),
        ("Ścibor", "Adamczyk", Status.COMPLETED),
        ("Jan", "Oczekujący", Status.WAITING),
        ("Olga", "Zrezygnowana", Status.DROPPED),
    ]:
        EnrollmentFactory(
            activity=activity,
            status=status,
            participant=ParticipantFactory(first_name=first, last_name=last, social_worker=social_worker),
        )
    return session


def person(session, last_name) -> Enrollment:
    return session.activity.enrollments.get(participant__last_name=last_name)


def marks(session) -> dict[str, str]:
    return dict(session.attendances.values_list("enrollment__participant__last_name", "status"))


def url(session) -> str:
    return f"/activities/sessions/{session.pk}/attendance/"


def text(response) -> str:
    return html.unescape(response.content.decode())


class AttendanceForm(HTMLParser):
    """What a browser submits from the attendance form as the page shows it: hidden and number
    inputs, and the radios and checkboxes that are checked. ``inputs`` holds every input's
    attributes by id."""

    def __init__(self, page: str):
        super().__init__()
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self.inputs: dict[str, dict] = {}
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and "id" in attrs:
            self.inputs[attrs["id"]] = attrs
        if tag == "form" and attrs.get("id") == "attendance-form":
            self.inside = True
        elif self.inside and tag == "input" and "name" in attrs:
            if attrs.get("type") in ("radio", "checkbox") and "checked" not in attrs:
                return
            self.fields.setdefault(attrs["name"], []).append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False

    def choose(self, name: str, value: str):
        self.fields[name] = [value]


def checked(inputs: dict[str, dict], enrollment_id: int) -> list[str]:
    """The marks shown checked in one person's row."""
    return [
        attrs["value"]
        for attrs in inputs.values()
        if attrs.get("name") == f"mark-{enrollment_id}" and "checked" in attrs
    ]


def test_the_grid_lists_everyone_enrolled_with_three_marks(client, social_worker, session):
    AttendanceFactory(session=session, enrollment=person(session, "Ćwikła"), status=Mark.EXCUSED)
    client.force_login(social_worker)

    response = client.get(url(session))

    assert response.status_code == 200
    content = text(response)
    # Everyone enrolled or who completed, in surname order.
    names = ["Adamczyk Ścibor", "Brzęczyszczykiewicz Grzegorz", "Ćwikła Zenon", "Żółkiewska Łucja"]
    assert [f"{r.participant.last_name} {r.participant.first_name}" for r in response.context["rows"]] == names
    positions = [content.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Oczekujący" not in content and "Zrezygnowana" not in content
    inputs = AttendanceForm(content).inputs
    excused, lucja = person(session, "Ćwikła").pk, person(session, "Żółkiewska").pk
    assert checked(inputs, excused) == ["excused"] and checked(inputs, lucja) == []
    assert inputs[f"mark-{excused}-excused"]["value"] == "excused"
    assert f'name="initial-{excused}" value="excused"' in content
    # Each tap posts that person's mark alone and swaps in their row.
    for mark in ("present", "absent", "excused"):
        radio = inputs[f"mark-{lucja}-{mark}"]
        assert (radio["type"], radio["name"], radio["value"]) == ("radio", f"mark-{lucja}", mark)
        assert (radio["hx-post"], radio["hx-trigger"], radio["hx-target"]) == (url(session), "change", f"#row-{lucja}")
        # With the version of the mark the grid showed, so that a tap never overwrites a mark
        # someone else set meanwhile.
        assert set(radio["hx-params"].split(",")) == {f"mark-{lucja}", f"seen-{lucja}", "csrfmiddlewaretoken"}
    assert "Present: 0 of 4" in content


# --- One tap, saved at once ----------------------------------------------------------------------


def tap(client, session, enrollment, mark):
    return client.post(url(session), {f"mark-{enrollment.pk}": mark}, HTTP_HX_REQUEST="true")


def test_one_tap_saves_the_mark_and_returns_the_row(client, social_worker, session):
    lucja = person(session, "Żółkiewska")
    client.force_login(social_worker)

    response = tap(client, session, lucja, Mark.PRESENT)

    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["activities/includes/attendance_row.html"]
    row = text(response).strip()
    assert row.startswith(f'<tr id="row-{lucja.pk}">') and row.endswith("</tr>")
    assert f'name="initial-{lucja.pk}" value="present"' in row
    assert checked(AttendanceForm(row).inputs, lucja.pk) == ["present"]
    assert '<span class="visually-hidden" role="status">saved</span>' in row
    attendance = session.attendances.get()
    assert (attendance.enrollment, attendance.status, attendance.marked_by) == (lucja, Mark.PRESENT, social_worker)


def test_a_second_tap_corrects_the_mark(client, social_worker, session):
    lucja = person(session, "Żółkiewska")
    client.force_login(social_worker)
    tap(client, session, lucja, Mark.PRESENT)

    tap(client, session, lucja, Mark.EXCUSED)

    assert marks(session) == {"Żółkiewska": Mark.EXCUSED}


def test_a_tap_leaves_the_headcount_and_the_other_marks_alone(client, social_worker, session):
    session.headcount_others = 5
    session.save()
    AttendanceFactory(session=session, enrollment=person(session, "Ćwikła"), status=Mark.ABSENT)
    client.force_login(social_worker)

    tap(client, session, person(session, "Żółkiewska"), Mark.PRESENT)

    session.refresh_from_db()
    assert session.headcount_others == 5
    assert marks(session) == {"Ćwikła": Mark.ABSENT, "Żółkiewska": Mark.PRESENT}


@pytest.mark.parametrize("last_name", ["Oczekujący", "Zrezygnowana"], ids=["waiting list", "dropped out"])
def test_a_tap_for_someone_not_enrolled_is_refused(client, social_worker, session, last_name):
    client.force_login(social_worker)

    response = tap(client, session, person(session, last_name), Mark.PRESENT)

    assert response.status_code == 422
    assert text(response) == (
        '<div class="alert alert-danger" role="alert">'
        "Attendance can only be marked for people enrolled in this activity.</div>\n"
    )
    assert not Attendance.objects.exists()


def test_a_tap_for_someone_enrolled_in_another_activity_is_refused(client, social_worker, session):
    elsewhere = EnrollmentFactory()
    client.force_login(social_worker)

    response = tap(client, session, elsewhere, Mark.PRESENT)

    assert response.status_code == 422
    assert not Attendance.objects.exists()


def test_an_unknown_mark_is_refused(client, social_worker, session):
    client.force_login(social_worker)

    response = tap(client, session, person(session, "Żółkiewska"), "late")

    assert response.status_code == 422
    assert "Unknown attendance mark." in text(response)
    assert not Attendance.objects.exists()


# --- Everyone present ----------------------------------------------------------------------------


def test_everyone_not_yet_marked_is_marked_present_and_existing_marks_stay(client, social_worker, session):
    AttendanceFactory(session=session, enrollment=person(session, "Ćwikła"), status=Mark.ABSENT)
    AttendanceFactory(session=session, enrollment=person(session, "Adamczyk"), status=Mark.EXCUSED)
    client.force_login(social_worker)

    response = client.post(url(session), {"all_present": "1"}, follow=True)

    assert response.redirect_chain == [(url(session), 302)]
    assert marks(session) == {
        "Adamczyk": Mark.EXCUSED,
        "Brzęczyszczykiewicz": Mark.PRESENT,
        "Ćwikła": Mark.ABSENT,
        "Żółkiewska": Mark.PRESENT,
    }
    assert "Attendance saved: 4 of 4 people marked, 2 present." in text(response)
    assert "people not marked yet" not in text(response) and "person not marked yet" not in text(response)
    assert "Present: 2 of 4" in text(response)


def test_everyone_present_from_the_page_keeps_marks_made_after_it_was_loaded(
    client, social_worker, coordinator, session
):
    client.force_login(social_worker)
    form = AttendanceForm(client.get(url(session)).content.decode())
    # Meanwhile, on another tablet:
    AttendanceFactory(session=session, enrollment=person(session, "Ćwikła"), status=Mark.ABSENT, marked_by=coordinator)

    client.post(url(session), {**form.fields, "all_present": "1"})

    assert marks(session)["Ćwikła"] == Mark.ABSENT
    assert marks(session)["Żółkiewska"] == Mark.PRESENT


# --- Saving the whole form -----------------------------------------------------------------------


def test_saving_the_form_saves_only_what_was_changed_on_the_page(client, social_worker, coordinator, session):
    cwikla, lucja, grzegorz = (person(session, n) for n in ("Ćwikła", "Żółkiewska", "Brzęczyszczykiewicz"))
    AttendanceFactory(session=session, enrollment=cwikla, status=Mark.ABSENT)
    AttendanceFactory(session=session, enrollment=lucja, status=Mark.ABSENT)
    client.force_login(social_worker)
    form = AttendanceForm(client.get(url(session)).content.decode())
    assert form.fields[f"mark-{cwikla.pk}"] == ["absent"] and form.fields[f"initial-{cwikla.pk}"] == ["absent"]
    # Meanwhile the coordinator marks Zenon Ćwikła (shown absent on this page) and Grzegorz (not
    # marked on this page) present.
    AttendanceFactory(session=session, enrollment=grzegorz, status=Mark.PRESENT, marked_by=coordinator)
    Attendance.objects.filter(enrollment=cwikla).update(status=Mark.PRESENT, marked_by=coordinator)
    # On this page only Łucja's mark is changed.
    form.choose(f"mark-{lucja.pk}", Mark.EXCUSED)

    response = client.post(url(session), form.fields, follow=True)

    assert marks(session) == {"Ćwikła": Mark.PRESENT, "Brzęczyszczykiewicz": Mark.PRESENT, "Żółkiewska": Mark.EXCUSED}
    assert "Attendance saved: 3 of 4 people marked, 2 present. 1 person not marked yet." in text(response)


def test_saving_the_form_with_someone_not_enrolled_saves_nothing(client, social_worker, session):
    client.force_login(social_worker)
    form = AttendanceForm(client.get(url(session)).content.decode())
    form.choose(f"mark-{person(session, 'Żółkiewska').pk}", Mark.PRESENT)
    form.choose(f"mark-{person(session, 'Oczekujący').pk}", Mark.PRESENT)
    form.choose("headcount_others", "4")

    response = client.post(url(session), form.fields, follow=True)

    assert "Attendance can only be marked for people enrolled in this activity." in text(response)
    assert not Attendance.objects.exists()
    session.refresh_from_db()
    assert session.headcount_others == 0


# --- Others present and dependants cared for -----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("7", 7), ("999", 999), ("", 0), ("dużo", 0), ("-3", 0), ("1000", 0), ("100000", 0), ("²", 0)],
)
def test_the_headcount_of_others_present_is_saved(client, social_worker, session, typed, saved):
    client.force_login(social_worker)
    form = AttendanceForm(client.get(url(session)).content.decode())
    assert form.fields["headcount_others"] == ["0"]
    form.choose("headcount_others", typed)

    client.post(url(session), form.fields)

    session.refresh_from_db()
    assert session.headcount_others == saved


@pytest.fixture
def dependants(session):
    """A child of Łucja (enrolled) who needs care, her spouse who does not, and children of
    people waiting or in another activity."""
    lucja = person(session, "Żółkiewska").participant
    return {
        "child": HouseholdMemberFactory(participant=lucja, first_name="Zosia"),
        "spouse": HouseholdMemberFactory(
            participant=lucja, first_name="Marek", relationship=HouseholdMember.Relationship.SPOUSE, needs_care=False
        ),
        "waiting": HouseholdMemberFactory(participant=person(session, "Oczekujący").participant, first_name="Staś"),
        "elsewhere": HouseholdMemberFactory(participant=EnrollmentFactory().participant, first_name="Kuba"),
    }


def test_only_dependants_of_people_enrolled_are_offered(client, social_worker, session, dependants):
    client.force_login(social_worker)

    content = text(client.get(url(session)))

    assert re.findall(r'name="cared" value="(\d+)"', content) == [str(dependants["child"].pk)]
    assert "Zosia Żółkiewska (child)" in content


def test_only_dependants_of_people_enrolled_are_accepted(client, social_worker, session, dependants):
    client.force_login(social_worker)
    form = AttendanceForm(client.get(url(session)).content.decode())
    form.fields["cared"] = [str(member.pk) for member in dependants.values()] + ["x"]

    client.post(url(session), form.fields)

    assert list(session.cared_dependants.all()) == [dependants["child"]]


def test_unticking_a_dependant_removes_them(client, social_worker, session, dependants):
    session.cared_dependants.set([dependants["child"]])
    client.force_login(social_worker)
    form = AttendanceForm(client.get(url(session)).content.decode())
    assert form.fields["cared"] == [str(dependants["child"].pk)]  # shown ticked
    del form.fields["cared"]

    client.post(url(session), form.fields)

    assert not session.cared_dependants.exists()


# --- The list to sign (PDF) ----------------------------------------------------------------------


def pdf_text(response, tmp_path) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "attendance.pdf"
    path.write_bytes(response.content)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def test_the_attendance_list_names_the_session_and_has_a_row_to_sign_for_each_person(
    client, manager, session, tmp_path
):
    session.start_time, session.end_time = datetime.time(9, 30), datetime.time(12, 45)
    session.save()
    activity = session.activity
    client.force_login(manager)

    response = client.get(f"/activities/sessions/{session.pk}/attendance.pdf")

    lines = [re.sub(r"\s+", " ", line).strip() for line in pdf_text(response, tmp_path).splitlines()]
    content = " ".join(lines)
    assert "Trening kompetencji społecznych" in content
    assert activity.project.code in content and activity.project.title in content
    assert "Urząd Marszałkowski Województwa Pomorskiego" in content  # the funder
    assert f"{today():%d.%m.%Y}, 09:30–12:45" in content
    assert "Ewa Trenerska" in content
    assert "Komunikacja bez przemocy" in content
    # One numbered row per person enrolled (or completed), in surname order; nobody waiting or gone.
    people = [line for line in lines if re.match(r"\d+ \S+ \S+$", line)]
    assert people == ["1 Ścibor Adamczyk", "2 Grzegorz Brzęczyszczykiewicz", "3 Zenon Ćwikła", "4 Łucja Żółkiewska"]
    assert "Oczekujący" not in content and "Zrezygnowana" not in content
    # The list is in the club's language (Polish) whatever the interface language.
    with translation.override("pl"):
        header = [translation.gettext(h) for h in ("No.", "First name and surname", "Signature")]
    assert " ".join(header) in content
    assert response["Content-Disposition"] == f'inline; filename="lista-obecnosci-{today():%Y-%m-%d}.pdf"'


def test_a_sessions_own_trainer_is_on_the_list(client, coordinator, session, tmp_path):
    session.trainer = "Jan Zastępca"
    session.save()
    client.force_login(coordinator)

    content = pdf_text(client.get(f"/activities/sessions/{session.pk}/attendance.pdf"), tmp_path)

    assert "Jan Zastępca" in content and "Ewa Trenerska" not in content


def test_printing_the_attendance_list_is_audited(client, coordinator, session):
    client.force_login(coordinator)

    client.get(f"/activities/sessions/{session.pk}/attendance.pdf")

    entry = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert (entry.user, entry.object_type, entry.object_id, entry.details) == (
        coordinator,
        "activities.activity",
        str(session.activity.pk),
        {"session": session.pk},
    )


def test_after_taps_the_save_button_says_what_the_attendance_now_is(client, social_worker, session):
    client.force_login(social_worker)
    page = client.get(url(session)).content.decode()
    form = AttendanceForm(page)
    # Two taps, each saved at once by htmx; the page's form still holds what it was loaded with.
    tap(client, session, person(session, "Żółkiewska"), Mark.PRESENT)
    tap(client, session, person(session, "Ćwikła"), Mark.ABSENT)
    form.fields[f"initial-{person(session, 'Żółkiewska').pk}"] = ["present"]
    form.choose(f"mark-{person(session, 'Żółkiewska').pk}", Mark.PRESENT)
    form.fields[f"initial-{person(session, 'Ćwikła').pk}"] = ["absent"]
    form.choose(f"mark-{person(session, 'Ćwikła').pk}", Mark.ABSENT)

    response = client.post(url(session), form.fields, follow=True)

    rows = len(re.findall(r'name="initial-\d+"', page))
    # Nothing changed by the button itself: the message says what is saved, not "0 changes".
    assert f"Attendance saved: 2 of {rows} people marked, 1 present." in text(response)
    assert f"{rows - 2} people not marked yet." in text(response)
    assert "changes)" not in text(response)


def test_the_grid_names_everyone_surname_first_in_its_rows_and_its_labels(client, social_worker, session):
    client.force_login(social_worker)

    content = text(client.get(url(session)))

    assert "Żółkiewska Łucja" in content and 'aria-label="Attendance of Żółkiewska Łucja"' in content
    assert "Łucja Żółkiewska" not in content
