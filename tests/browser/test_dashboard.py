"""The dashboard and the outcome report, in a real browser.

A coordinator signs in and the home page shows the dashboard: the recruitment chart is drawn by
the vendored Chart.js (no request leaves the live server), its pixels are not blank, its series
are the cumulative recruitment month by month computed from the database and the target, and the
table in <details> gives the same figures. Choosing another project in the select and pressing the
button draws that project's chart instead. A manager opens a project's outcome report, follows the
number of people recruited and lands on the list of exactly those people. A social worker's home
page has no dashboard (and loads no chart code). axe-core checks every page on the way.

Selectors use names, ids and URLs, never translated text, so the test passes whether or not the
Polish catalogue has been compiled.
"""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kis.roles import Role
from kis.tests.factories import LocationFactory
from participants.tests.factories import ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationFactory
from projects.models import Project
from projects.tests.factories import ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"
Status = ProjectParticipation.Status
D = datetime.date

# Two projects in the past, so that their months (start to end) do not depend on today's date.
# Starts of the first support (one participation each), and the series they give.
RUNNING_STARTS = [D(2024, 1, 15), D(2024, 1, 31), D(2024, 3, 1), D(2024, 3, 3), D(2024, 3, 31), D(2024, 6, 30)]
RUNNING_LABELS = ["01.2024", "02.2024", "03.2024", "04.2024", "05.2024", "06.2024"]
RUNNING_SERIES = [2, 2, 5, 5, 5, 6]
RUNNING_TARGET = 10
CLOSED_STARTS = [D(2016, 2, 10), D(2016, 4, 1), D(2016, 4, 30)]
CLOSED_LABELS = ["01.2016", "02.2016", "03.2016", "04.2016"]
CLOSED_SERIES = [0, 1, 1, 3]
CLOSED_TARGET = 4

# The colours dashboard.js gives the two lines (recruited, target), as RGB.
LINE_COLOURS = {"recruited": (0x0B, 0x4F, 0x6C), "target": (0xB0, 0x00, 0x20)}

CHART_STATE = """(canvas) => {
  const chart = Chart.getChart(canvas);
  return {
    version: Chart.version,
    rendered: canvas.dataset.rendered || null,
    labels: chart ? chart.data.labels : null,
    recruited: chart ? chart.data.datasets[0].data : null,
    target: chart && chart.data.datasets[1] ? chart.data.datasets[1].data : null,
    axes: chart ? [chart.options.scales.x.title.text, chart.options.scales.y.title.text] : null,
    subtitle: chart && chart.options.plugins.subtitle.display ? chart.options.plugins.subtitle.text : null,
    width: canvas.width,
    height: canvas.height,
    pngLength: canvas.toDataURL("image/png").length,
    blankPngLength: (() => {
      const blank = document.createElement("canvas");
      blank.width = canvas.width;
      blank.height = canvas.height;
      return blank.toDataURL("image/png").length;
    })(),
  };
}"""

# Where Chart.js put each point of each line (CSS px) and the colour of the canvas pixel there.
CHART_POINTS = """(canvas) => {
  const chart = Chart.getChart(canvas);
  const ratio = chart.currentDevicePixelRatio;
  const context = canvas.getContext("2d");
  return chart.data.datasets.map((_, index) =>
    chart.getDatasetMeta(index).data.map(({x, y}) => ({
      y: y,
      rgba: Array.from(context.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data),
    })));
}"""

# How many pixels are painted at all, and how many in (nearly) each line's colour.
CANVAS_PIXELS = """(canvas, colours) => {
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const counts = {painted: 0};
  for (const name of Object.keys(colours)) counts[name] = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) continue;
    counts.painted++;
    if (pixels[i + 3] < 250) continue;
    for (const [name, [r, g, b]] of Object.entries(colours)) {
      if (Math.abs(pixels[i] - r) <= 6 && Math.abs(pixels[i + 1] - g) <= 6 && Math.abs(pixels[i + 2] - b) <= 6) {
        counts[name]++;
      }
    }
  }
  return counts;
}"""


def user_in(role: str, username: str, first_name: str, last_name: str):
    # live_server needs a transactional database; the roles come from data migrations (put back
    # by the harness), so check rather than assume.
    group = Group.objects.filter(name=role).first()
    assert group is not None, f"The {role} group (created by a data migration) is missing."
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=first_name, last_name=last_name
    )
    user.groups.add(group)
    return user


def project_with_starts(starts, **kwargs) -> Project:
    project = ProjectFactory(**kwargs)
    for start in starts:
        ParticipationFactory(project=project, status=Status.ACTIVE, applied_on=start, start_date=start)
    # Applied but never started: not recruited, on the chart or in the report.
    ParticipationFactory(project=project, status=Status.APPLIED, applied_on=starts[-1])
    return project


@pytest.fixture
def setting(db):
    """A coordinator, a manager, a social worker, a running project and a closed one."""
    coordinator = user_in(Role.COORDINATOR, "ewa.koordynator", "Ewa", "Zielińska")
    LocationFactory(name="KIS Śródmieście").coordinators.add(coordinator)  # the factories' location
    manager = user_in(Role.MANAGER, "piotr.kierownik", "Piotr", "Mazur")
    worker = user_in(Role.SOCIAL_WORKER, "anna.nowak", "Anna", "Nowak")
    ParticipantFactory(social_worker=worker)  # something on the worker's own home page
    running = project_with_starts(
        RUNNING_STARTS,
        title="Aktywna integracja w Wejherowie",
        status=Project.Status.RUNNING,
        start_date=D(2024, 1, 1),
        end_date=D(2024, 6, 30),
        target_recruited=RUNNING_TARGET,
        target_completed=5,
    )
    closed = project_with_starts(
        CLOSED_STARTS,
        title="Partnerstwo na rzecz aktywnej integracji",
        status=Project.Status.CLOSED,
        start_date=D(2016, 1, 1),
        end_date=D(2016, 4, 30),
        target_recruited=CLOSED_TARGET,
        target_completed=2,
    )
    return coordinator, manager, worker, running, closed


def sign_in(page, base, username: str):
    page.goto(f"{base}/accounts/login/")
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def watch(page, base):
    """The URLs the page requests outside the live server, and its uncaught script errors."""
    outside, errors = [], []
    page.on("request", lambda request: None if request.url.startswith(base) else outside.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return outside, errors


def assert_chart_shows(page, project: Project, labels, series, target):
    """The chart on the page is drawn, and shows ``series`` against ``target``; so does the table."""
    canvas = page.locator("main canvas#recruitment-chart")
    assert canvas.is_visible()
    assert page.evaluate("typeof window.Chart") == "function"
    state = canvas.evaluate(CHART_STATE)
    assert state["rendered"] == "true", state
    assert (state["labels"], state["recruited"], state["target"]) == (labels, series, [target] * len(labels))
    assert state["axes"] == ["Miesiąc", "Zrekrutowane osoby"] and state["subtitle"] is None, state
    # Drawn at the size of its box (280 CSS px high), and not an empty bitmap.
    assert state["width"] > 300 and state["height"] >= 280, state
    assert state["pngLength"] > state["blankPngLength"] + 2_000, state
    pixels = canvas.evaluate(CANVAS_PIXELS, LINE_COLOURS)
    assert pixels["painted"] > 2_000, pixels
    assert pixels["recruited"] > 200 and pixels["target"] > 200, pixels
    # Every point is painted in its line's colour where the chart put it, higher for a bigger number.
    points = canvas.evaluate(CHART_POINTS)
    for name, line, values in (("recruited", points[0], series), ("target", points[1], [target] * len(labels))):
        assert [tuple(p["rgba"]) for p in line] == [(*LINE_COLOURS[name], 255)] * len(values), (name, line)
        heights = [p["y"] for p in line]
        for (y1, v1), (y2, v2) in itertools.pairwise(zip(heights, values, strict=True)):
            assert (y2 < y1) if v2 > v1 else (y2 == y1), (name, heights, values)
    assert points[1][0]["y"] < points[0][-1]["y"], "The target line is above the last number recruited."

    # The heading names the project, the select has it chosen.
    assert project.code in page.locator("main #h-recruitment").inner_text()
    assert page.locator("main select#chart-project").input_value() == str(project.pk)

    # The same figures as a table, once the <details> is opened.
    details = page.locator("main section[aria-labelledby=h-recruitment] details")
    table = details.locator("table")
    assert not table.is_visible()
    details.locator("summary").click()
    assert table.is_visible()
    rows = [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in table.locator("tbody tr").all()]
    assert rows == [[label, str(value), str(target)] for label, value in zip(labels, series, strict=True)]


def test_coordinator_sees_the_recruitment_chart_drawn_from_the_database(
    live_server, kis_page, assert_accessible, setting
):
    coordinator, manager, worker, running, closed = setting
    page = kis_page
    base = live_server.url
    outside, errors = watch(page, base)

    sign_in(page, base, coordinator.username)
    assert page.locator("main #h-dashboard").is_visible()
    # Without ?project= the chart is of the running project with the most people.
    assert_chart_shows(page, running, RUNNING_LABELS, RUNNING_SERIES, RUNNING_TARGET)
    assert_accessible(page, "coordinator's home page with the dashboard")

    # Another project: choose it and press the button next to the select.
    form = page.locator("main section[aria-labelledby=h-recruitment] form")
    form.locator("select#chart-project").select_option(str(closed.pk))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == f"{base}/?project={closed.pk}"
    assert_chart_shows(page, closed, CLOSED_LABELS, CLOSED_SERIES, CLOSED_TARGET)
    assert_accessible(page, "coordinator's home page with another project's chart")

    assert not errors, errors
    assert not outside, f"The page asked for something outside the application: {outside}"


def test_manager_follows_a_figure_of_the_report_to_the_people_behind_it(
    live_server, kis_page, assert_accessible, setting
):
    coordinator, manager, worker, running, closed = setting
    page = kis_page
    base = live_server.url

    sign_in(page, base, manager.username)
    page.goto(f"{base}/reports/projects/{running.pk}/")
    assert_accessible(page, "outcome report")
    # The report draws the project's recruitment month by month, as the dashboard does.
    state = page.locator("main canvas#recruitment-chart").evaluate(CHART_STATE)
    assert (state["rendered"], state["labels"], state["recruited"]) == ("true", RUNNING_LABELS, RUNNING_SERIES), state

    href = f"/reports/projects/{running.pk}/people/?start=2024-01-01&end=2024-06-30&figure=recruited"
    link = page.locator(f'main a[href="{href}"]')
    assert link.count() == 1
    assert link.inner_text().strip() == str(len(RUNNING_STARTS))
    link.click()
    page.wait_for_url(f"{base}{href}")

    expected = ProjectParticipation.objects.filter(project=running, start_date__isnull=False)
    rows = page.locator("main table tbody tr")
    assert rows.count() == len(RUNNING_STARTS) == expected.count()
    linked = set(rows.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    assert linked == {p.get_absolute_url() for p in expected}
    assert str(len(RUNNING_STARTS)) in page.locator("main [role=status]").inner_text()
    assert_accessible(page, "people behind a figure")


def test_social_worker_home_page_has_no_dashboard(live_server, kis_page, setting):
    coordinator, manager, worker, running, closed = setting
    page = kis_page
    base = live_server.url

    sign_in(page, base, worker.username)
    assert page.locator("main h1").is_visible()
    assert page.locator("main #h-dashboard").count() == 0
    assert page.locator("canvas, #recruitment-data").count() == 0
    assert page.evaluate("typeof window.Chart") == "undefined"
    # Asking for a project's chart does not bring it either.
    page.goto(f"{base}/?project={running.pk}")
    assert page.locator("main #h-dashboard").count() == 0


def test_a_target_far_above_the_figures_is_said_rather_than_drawn_off_the_scale(live_server, kis_page, setting):
    coordinator, _manager, _worker, _running, _closed = setting
    # 145 to recruit, 3 so far: drawn to scale, the target would press the line flat on the axis.
    far = project_with_starts(
        CLOSED_STARTS, title="Duży projekt", start_date=D(2016, 1, 1), end_date=D(2016, 4, 30), target_recruited=145
    )
    sign_in(kis_page, live_server.url, coordinator.username)
    kis_page.goto(f"{live_server.url}/?project={far.pk}")

    state = kis_page.locator("main canvas#recruitment-chart").evaluate(CHART_STATE)

    assert state["recruited"] == CLOSED_SERIES and state["target"] is None, state
    assert state["subtitle"] == "Cel: 145 osób, powyżej skali wykresu", state
    assert state["axes"] == ["Miesiąc", "Zrekrutowane osoby"], state
