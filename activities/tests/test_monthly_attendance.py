"""The monthly attendance list of an activity, read back from the PDF with pdftotext: a landscape
sheet per month with sessions, the people enrolled during it as rows by surname, the month's
session dates as columns, a cell to sign at each — crossed out before the person enrolled or
after they finished — and the activity, place, trainer and a trainer's signature on every sheet;
the months chosen by ``from``/``to`` (this month by default while the activity runs), refused
with a message when they cannot be printed; printing is audited; the queries do not grow."""

import datetime
import html
import re
import subprocess

import pytest
from django.contrib.messages import get_messages
from django.utils import formats, translation

from activities.models import Enrollment
from activities.tests.factories import ActivityFactory, EnrollmentFactory, SessionFactory
from kis.models import AuditEvent
from kis.tests.helpers import SIGNED_IN
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import today

pytestmark = pytest.mark.django_db

Status = Enrollment.Status
DAY = datetime.timedelta(days=1)


def url(activity) -> str:
    return f"/activities/{activity.pk}/monthly-attendance.pdf"


def pdf_pages(response, tmp_path) -> list[list[str]]:
    """Each page's lines as laid out (``-layout`` keeps a table row on one line), runs of spaces
    as one."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "monthly.pdf"
    path.write_bytes(response.content)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return [
        [re.sub(r"\s+", " ", line).strip() for line in page.splitlines() if line.strip()]
        for page in result.stdout.split("\f")[:-1]
    ]


def polish(msgid: str) -> str:
    """The document is in the club's language whatever the interface's."""
    with translation.override("pl"):
        return translation.gettext(msgid)


def month_name(day: datetime.date) -> str:
    with translation.override("pl"):
        return formats.date_format(day, "F Y")


def row(page: list[str], name: str) -> str:
    (line,) = [line for line in page if name in line]
    return line


@pytest.fixture
def course():
    """A course from February to April 2026: two sessions in February, three in March, one in April;
    one person there throughout, one who completed on 5 March, one who joined on 8 March, one
    waiting and one who dropped out (not on the list)."""
    activity = ActivityFactory(
        name="Warsztaty kompetencji cyfrowych",
        trainer="Ewa Trenerska",
        start_date=datetime.date(2026, 2, 2),
        end_date=datetime.date(2026, 4, 30),
    )
    for day in (3, 10):
        SessionFactory(activity=activity, date=datetime.date(2026, 2, day))
    for day in (3, 10, 17):
        SessionFactory(activity=activity, date=datetime.date(2026, 3, day))
    SessionFactory(activity=activity, date=datetime.date(2026, 4, 7))
    for first, last, status, enrolled, finished in [
        ("Łucja", "Żółkiewska", Status.ENROLLED, datetime.date(2026, 2, 2), None),
        ("Grzegorz", "Brzęczyszczykiewicz", Status.COMPLETED, datetime.date(2026, 2, 2), datetime.date(2026, 3, 5)),
        ("Ścibor", "Adamczyk", Status.ENROLLED, datetime.date(2026, 3, 8), None),
        ("Jan", "Oczekujący", Status.WAITING, datetime.date(2026, 2, 2), None),
        ("Olga", "Zrezygnowana", Status.DROPPED, datetime.date(2026, 2, 2), datetime.date(2026, 3, 1)),
    ]:
        EnrollmentFactory(
            activity=activity,
            status=status,
            enrolled_on=enrolled,
            finished_on=finished,
            participant=ParticipantFactory(first_name=first, last_name=last),
        )
    return activity


def test_each_month_has_its_own_sheet_with_a_cell_to_sign_per_person_and_session(client, manager, course, tmp_path):
    client.force_login(manager)

    response = client.get(url(course), {"from": "2026-02", "to": "2026-03"})

    february, march = pdf_pages(response, tmp_path)
    for page, month in ((february, datetime.date(2026, 2, 1)), (march, datetime.date(2026, 3, 1))):
        content = " ".join(page)
        assert f"{polish('MONTHLY ATTENDANCE LIST')} — {month_name(month)}" in content
        assert "Warsztaty kompetencji cyfrowych" in content
        assert "KIS Śródmieście, ul. Kopernika 22, 84-200 Wejherowo" in content  # the place
        assert "Ewa Trenerska" in content
        assert course.project.code in content
        assert content.count(polish("signature of the trainer")) == 1  # on every sheet
        assert "Oczekujący" not in content and "Zrezygnowana" not in content
        assert "07.04" not in content  # April was not asked for
    # The month's session dates as columns, with their times.
    assert "03.02 10.02" in " ".join(february) and "10:00–12:00" in " ".join(february)
    assert "03.03 10.03 17.03" in " ".join(march)
    # People by surname (SQLite sorts Ż after Z, as the session's list does); the one who joined in
    # March is not on February's sheet.
    people = [line for line in february if re.match(r"\d+ \S+ \S+", line)]
    assert people == ["1 Grzegorz Brzęczyszczykiewicz", "2 Łucja Żółkiewska"]
    names = [re.match(r"\d+ (\S+ \S+)", line)[1] for line in march if re.match(r"\d+ \S+ \S+", line)]
    assert names == ["Ścibor Adamczyk", "Grzegorz Brzęczyszczykiewicz", "Łucja Żółkiewska"]
    # A cell to sign at each date, crossed out where the person was not enrolled that day.
    assert "—" not in row(march, "Żółkiewska")
    assert row(march, "Adamczyk").endswith("Ścibor Adamczyk —")  # joined after 3 March
    assert row(march, "Brzęczyszczykiewicz").endswith("Brzęczyszczykiewicz — —")  # completed on 5 March
    assert response["Content-Disposition"] == f'inline; filename="lista-obecnosci-{course.pk}-2026-02_2026-03.pdf"'


def test_the_sheets_are_landscape_a4(client, coordinator, course, tmp_path):
    client.force_login(coordinator)
    path = tmp_path / "monthly.pdf"
    path.write_bytes(client.get(url(course), {"from": "2026-03"}).content)

    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout

    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == (842, 595)


def test_one_month_alone_is_one_sheet(client, coordinator, course, tmp_path):
    client.force_login(coordinator)

    (april,) = pdf_pages(client.get(url(course), {"to": "2026-04"}), tmp_path)

    assert "07.04" in " ".join(april)
    assert [re.match(r"\d+ (\S+ \S+)", line)[1] for line in april if re.match(r"\d+ \S+ \S+", line)] == [
        "Ścibor Adamczyk",
        "Łucja Żółkiewska",
    ]


def test_a_month_with_more_people_than_a_page_holds_takes_more_sheets_each_to_sign(client, coordinator, tmp_path):
    activity = ActivityFactory()
    SessionFactory(activity=activity, date=today())
    for index in range(14):
        EnrollmentFactory(activity=activity, participant=ParticipantFactory(last_name=f"Kowalska{index:02d}"))
    client.force_login(coordinator)

    first, second = pdf_pages(client.get(url(activity)), tmp_path)

    assert len([line for line in first if "Kowalska" in line]) == 12
    assert [line.split()[0] for line in second if "Kowalska" in line] == ["13", "14"]
    for page in (first, second):
        assert " ".join(page).count(polish("signature of the trainer")) == 1
        assert f"{today():%d.%m}" in " ".join(page)


def test_by_default_it_is_this_months_list_while_the_activity_runs(client, coordinator, tmp_path):
    activity = ActivityFactory()  # from a month ago to two months ahead
    SessionFactory(activity=activity, date=today())
    later = SessionFactory(activity=activity, date=today() + 35 * DAY)  # next month or the one after
    EnrollmentFactory(activity=activity)
    client.force_login(coordinator)

    (page,) = pdf_pages(client.get(url(activity)), tmp_path)

    content = " ".join(page)
    assert month_name(today()) in content
    # A session's column is headed by its date and time (a date alone may be part of a project code).
    assert f"{today():%d.%m}" in content and f"{later.date:%d.%m} {later.start_time:%H:%M}" not in content


def test_by_default_an_activity_that_has_ended_prints_all_its_months(client, coordinator, tmp_path):
    activity = ActivityFactory(start_date=datetime.date(2025, 1, 7), end_date=datetime.date(2025, 3, 25))
    for day in (datetime.date(2025, 1, 7), datetime.date(2025, 3, 25)):
        SessionFactory(activity=activity, date=day)
    client.force_login(coordinator)

    january, march = pdf_pages(client.get(url(activity)), tmp_path)  # no sessions in February: no sheet

    assert "07.01" in " ".join(january) and "25.03" in " ".join(march)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-13"}, "“2026-13” is not a month: give it as year and month, e.g. 2026-03."),
        ({"from": "marzec"}, "“marzec” is not a month: give it as year and month, e.g. 2026-03."),
        ({"from": "2026-03", "to": "03.2026"}, "“03.2026” is not a month: give it as year and month, e.g. 2026-03."),
        ({"from": "２０２６-03"}, "“２０２６-03” is not a month: give it as year and month, e.g. 2026-03."),
        ({"from": "2026-03", "to": "2026-02"}, "The first month comes after the last one: swap them."),
        ({"from": "2025-01", "to": "2026-01"}, "Choose at most 12 months at a time."),
        ({"from": "2020-01", "to": "2020-12"}, "This activity has no sessions in the months chosen."),
    ],
)
def test_months_that_cannot_be_printed_send_back_to_the_activity_with_the_reason(
    client, coordinator, course, query, message
):
    client.force_login(coordinator)

    response = client.get(url(course), query)

    assert response.status_code == 302
    assert response["Location"] == f"/activities/{course.pk}/#sessions"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [message]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PRINT).exists()


def test_the_reason_is_shown_on_the_activity_page(client, coordinator, course):
    client.force_login(coordinator)

    response = client.get(url(course), {"from": "2026-03", "to": "2026-02"}, follow=True)

    assert response.status_code == 200
    assert "The first month comes after the last one: swap them." in html.unescape(response.content.decode())


def test_an_activity_that_does_not_exist_is_not_found(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/activities/999999/monthly-attendance.pdf").status_code == 404


def test_printing_the_monthly_list_is_audited(client, coordinator, course):
    client.force_login(coordinator)

    client.get(url(course), {"from": "2026-02", "to": "2026-03"})

    entry = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert (entry.user, entry.object_type, entry.object_id, entry.details) == (
        coordinator,
        "activities.activity",
        str(course.pk),
        {"monthly_list": ["2026-02", "2026-03"]},
    )


def test_the_activity_page_offers_the_months_with_sessions(client, coordinator, course):
    client.force_login(coordinator)

    content = client.get(f"/activities/{course.pk}/").content.decode()

    assert f'action="/activities/{course.pk}/monthly-attendance.pdf"' in content
    for select in ("from", "to"):
        options = re.search(rf'<select[^>]*name="{select}"[^>]*>(.*?)</select>', content, re.S)[1]
        assert re.findall(r'value="([^"]+)"', options) == ["2026-02", "2026-03", "2026-04"]


@pytest.mark.parametrize("size", [1, 20])
def test_the_monthly_list_makes_the_same_queries_for_1_and_20_people_and_sessions(
    client, coordinator, size, django_assert_num_queries
):
    activity = ActivityFactory(start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 12, 31))
    for index in range(size):
        SessionFactory(activity=activity, date=datetime.date(2026, 1 + index % 3, 1 + index))
    EnrollmentFactory.create_batch(size, activity=activity, enrolled_on=datetime.date(2026, 1, 1))
    client.force_login(coordinator)

    # SIGNED_IN + the activity with its project, location, service type and provider + its
    # sessions in the months + the people enrolled + the audit entry.
    with django_assert_num_queries(SIGNED_IN + 4):
        response = client.get(url(activity), {"from": "2026-01", "to": "2026-03"})

    assert response.status_code == 200
