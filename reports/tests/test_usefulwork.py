"""Socially useful work in the reports: the hours of a project's placements by month on the outcome
report (page and PDF), for the period chosen only; the club's hours of the last months on the
dashboard; the report's queries do not grow with the placements.

Project P runs 01.01.2024 – 31.12.2025; the report's period is 01.03.2025 – 30.04.2025.

====== ========= ================================= =========================================
person placement hours                             counted in P for the period
====== ========= ================================= =========================================
A      in P      10.03 4 h, 12.03 4 h, 02.04 5 h,  03.2025: 8 h; 04.2025: 5 h (02.05 is after)
                 02.05 3 h
B      in P      15.03 6 h                         03.2025: 6 h
C      no project 20.03 8 h                        —
D      in Q      21.03 7 h                         —
====== ========= ================================= =========================================

So: 03.2025 — 2 people, 14 h; 04.2025 — 1 person, 5 h; 19 h in all.
"""

import datetime
import subprocess
from decimal import Decimal

import pytest

from kis.tests.helpers import SIGNED_IN
from participants.models import LabourMarketStatus
from participants.tests.factories import ParticipantFactory
from reports import usefulwork
from reports.tests.factories import ReportProjectFactory, d
from reports.tests.test_queries import CHART, REPORT
from usefulwork.tests.factories import PlacementFactory, WorkDayFactory, last_month, started

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2025-03-01", "end": "2025-04-30"}


def placement_of(project, start: datetime.date, hours: dict[str, int]):
    person = ParticipantFactory(labour_market_status=LabourMarketStatus.REGISTERED_UNEMPLOYED)
    if project is not None:
        started(person, status=LabourMarketStatus.REGISTERED_UNEMPLOYED, project=project, on=start)
    placement = PlacementFactory(
        participant=person,
        project=project,
        referral_date=start,
        start_date=start,
        end_date=d("30.06.2025"),
    )
    for day, value in hours.items():
        WorkDayFactory(placement=placement, date=d(day), hours=value)
    return placement


@pytest.fixture
def built():
    p, q = ReportProjectFactory(code="FESL/P"), ReportProjectFactory(code="FESL/Q")
    placement_of(p, d("01.03.2025"), {"10.03.2025": 4, "12.03.2025": 4, "02.04.2025": 5, "02.05.2025": 3})
    placement_of(p, d("01.03.2025"), {"15.03.2025": 6})
    placement_of(None, d("01.03.2025"), {"20.03.2025": 8})
    placement_of(q, d("01.03.2025"), {"21.03.2025": 7})
    return p


EXPECTED = [
    usefulwork.MonthHours(datetime.date(2025, 3, 1), 2, Decimal(14)),
    usefulwork.MonthHours(datetime.date(2025, 4, 1), 1, Decimal(5)),
]


def test_the_report_shows_the_project_s_hours_of_socially_useful_work_by_month(client, manager, built):
    client.force_login(manager)

    response = client.get(f"/reports/projects/{built.pk}/", PERIOD)

    hours = response.context["useful_work_hours"]
    assert hours.rows == EXPECTED and hours.total == 19
    page = response.content.decode()
    assert 'id="h-useful-work"' in page
    assert '<th scope="row">03.2025</th><td>2</td><td>14</td>' in page


def test_the_report_pdf_has_the_same_hours(client, manager, built, tmp_path):
    client.force_login(manager)

    response = client.get(f"/reports/projects/{built.pk}/pdf/", PERIOD)

    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in text.splitlines()]
    assert ["03.2025", "2", "14"] in rows and ["04.2025", "1", "5"] in rows


def test_a_project_without_socially_useful_work_has_no_such_section(client, manager):
    project = ReportProjectFactory()
    client.force_login(manager)

    response = client.get(f"/reports/projects/{project.pk}/")

    assert not response.context["useful_work_hours"]
    assert 'id="h-useful-work"' not in response.content.decode()


def test_the_dashboard_counts_the_hours_of_the_last_six_months():
    today = datetime.date(2025, 4, 20)
    placement_of(None, d("01.10.2024"), {"31.10.2024": 6, "01.11.2024": 5, "20.04.2025": 2, "21.04.2025": 1})

    rows = usefulwork.recent_hours(today=today).rows

    # November to April (October is seven months back), up to today.
    assert rows == [
        usefulwork.MonthHours(datetime.date(2024, 11, 1), 1, Decimal(5)),
        usefulwork.MonthHours(datetime.date(2025, 4, 1), 1, Decimal(2)),
    ]


def test_the_coordinator_s_dashboard_shows_the_hours(client, coordinator):
    placement = PlacementFactory()
    WorkDayFactory(placement=placement, date=last_month(), hours=6)
    client.force_login(coordinator)

    response = client.get("/")

    assert response.context["useful_work_hours"].rows == [usefulwork.MonthHours(last_month(), 1, Decimal(6))]
    assert f"<td>{last_month():%m.%Y}</td><td>1</td><td>6</td>" in response.content.decode()


@pytest.mark.parametrize("people", [1, 12])
def test_the_report_makes_the_same_queries_whatever_the_number_of_placements(
    client, manager, people, django_assert_num_queries
):
    project = ReportProjectFactory()
    for index in range(people):
        placement_of(project, d("01.03.2025"), {"10.03.2025": 4, f"{index + 1:02d}.04.2025": 3})
    client.force_login(manager)

    # As reports.tests.test_queries names them: the hours of socially useful work are one query.
    with django_assert_num_queries(SIGNED_IN + REPORT + CHART):
        response = client.get(f"/reports/projects/{project.pk}/", PERIOD)

    assert response.context["useful_work_hours"].total == 7 * people
