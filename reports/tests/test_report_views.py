"""The report pages: the list of projects with their headline figures, one project's report for
the whole project or any period (with quick picks), every figure opening the list of the people
behind it, and bad input answered with a message or a sensible default, never a 500."""

import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from kis.tests.factories import UserFactory
from participants.tests.factories import ParticipantFactory
from reports.tests.factories import H1_2025, WHOLE, ReportProjectFactory, participation

pytestmark = pytest.mark.django_db

PEOPLE_LINK = re.compile(r'<a href="(/reports/projects/\d+/people/\?[^"]*)">(\d+)</a>')


def report_url(project, period=None) -> str:
    url = f"/reports/projects/{project.pk}/"
    if period:
        url += f"?start={period[0]:%Y-%m-%d}&end={period[1]:%Y-%m-%d}"
    return url


def people_links(response) -> list[tuple[str, int]]:
    return [(html.unescape(href), int(number)) for href, number in PEOPLE_LINK.findall(response.content.decode())]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def names_on(response) -> set[str]:
    return {pp.participant.full_name for pp in response.context["participations"]}


# --- The report page -------------------------------------------------------------------------


def test_the_report_shows_the_whole_project_by_default(client, manager, built):
    client.force_login(manager)

    response = client.get(report_url(built.project))

    assert response.status_code == 200
    period = response.context["period"]
    assert (period.start, period.end) == WHOLE
    content = response.content.decode()
    assert "01.01.2024 – 31.12.2025" in content
    assert "8 recruited / 4 completed" in content
    assert built.project.code in content and built.project.funder in content


def test_the_report_shows_the_period_asked_for(client, manager, built):
    client.force_login(manager)

    response = client.get(report_url(built.project, H1_2025))

    period = response.context["period"]
    assert (period.start, period.end) == H1_2025
    assert response.context["report"].headline["recruited"].value == 4
    content = response.content.decode()
    assert "01.01.2025 – 30.06.2025" in content
    assert "4 recruited / 2 completed" in content
    assert 'name="start" value="2025-01-01"' in content and 'name="end" value="2025-06-30"' in content
    assert messages_of(response) == []


def test_the_report_offers_quick_picks_of_quarters_and_half_years(client, manager, built):
    client.force_login(manager)

    content = client.get(report_url(built.project)).content.decode()

    picks = re.findall(r'href="\?start=(\d{4}-\d\d-\d\d)&amp;end=(\d{4}-\d\d-\d\d)">([^<]+)</a>', content)
    assert picks == [
        ("2024-01-01", "2025-12-31", "whole project"),
        ("2024-01-01", "2024-06-30", "H1 2024"),
        ("2024-07-01", "2024-12-31", "H2 2024"),
        ("2024-01-01", "2024-03-31", "Q1 2024"),
        ("2024-04-01", "2024-06-30", "Q2 2024"),
        ("2024-07-01", "2024-09-30", "Q3 2024"),
        ("2024-10-01", "2024-12-31", "Q4 2024"),
        ("2025-01-01", "2025-06-30", "H1 2025"),
        ("2025-07-01", "2025-12-31", "H2 2025"),
        ("2025-01-01", "2025-03-31", "Q1 2025"),
        ("2025-04-01", "2025-06-30", "Q2 2025"),
        ("2025-07-01", "2025-09-30", "Q3 2025"),
        ("2025-10-01", "2025-12-31", "Q4 2025"),
    ]


def test_quick_picks_cover_only_the_quarters_a_project_overlaps(client, manager):
    project = ReportProjectFactory(start_date="2016-03-15", end_date="2017-02-10")
    client.force_login(manager)

    content = client.get(report_url(project)).content.decode()

    labels = re.findall(r'href="\?start=[\d-]+&amp;end=[\d-]+">([^<]+)</a>', content)
    assert labels == ["whole project", "H1 2016", "H2 2016", "Q1 2016", "Q2 2016", "Q3 2016", "Q4 2016"] + [
        "H1 2017",
        "Q1 2017",
    ]


@pytest.mark.parametrize("period", [WHOLE, H1_2025], ids=["whole project", "H1 2025"])
def test_every_figure_opens_exactly_the_people_behind_it(client, manager, coordinator, built, period):
    # The manager reads every record; a coordinator's list names only the people of their
    # locations and says how many more the figure counts.
    listed_by_coordinator = Client()
    listed_by_coordinator.force_login(coordinator)
    client.force_login(manager)
    report_page = client.get(report_url(built.project, period))
    report = report_page.context["report"]
    links = people_links(report_page)
    expected = [*report.headline.values()]
    for rows in (report.dropout_reasons, report.by_sex, report.by_age, report.by_risk_factor, report.by_location):
        expected += [figure for _label, figure in rows]
    expected += [figure for _label, figure in report.exit_situations]
    for group in report.effectiveness:
        expected += [group.social.people, group.social.base, group.employment.people, group.employment.base]
    assert len(links) == len(expected)

    for (href, number), figure in zip(links, expected, strict=True):
        assert number == figure.value
        assert f"start={period[0]:%Y-%m-%d}&end={period[1]:%Y-%m-%d}&figure={figure.key}" in href
        response = client.get(href)
        assert response.status_code == 200, href
        assert response.context["page_obj"].paginator.count == number, href
        assert len(names_on(response)) == number, href
        partial = listed_by_coordinator.get(href)
        assert partial.context["page_obj"].paginator.count + partial.context["not_listed"] == number, href


@pytest.mark.parametrize(
    ("figure", "value", "letters"),
    [
        ("recruited", "", "CDEJ"),
        ("qualified", "", "CDEHJK"),
        ("active", "", "EFJ"),
        ("completed", "", "BC"),
        ("dropped_out", "", "D"),
        ("sex", "K", "CEJ"),
        ("risk_factor", "poverty", "CJ"),
        ("age", "55_plus", "C"),
        ("exit_situation", "social-progress", "B"),
        ("effective_employment", "", "CD"),  # D left for a job: in the guidelines' base
        ("effectiveness_base", "", "BCD"),
    ],
)
def test_the_people_list_names_the_people_behind_a_figure(client, manager, built, figure, value, letters):
    client.force_login(manager)

    response = client.get(
        f"/reports/projects/{built.project.pk}/people/",
        {"start": "2025-01-01", "end": "2025-06-30", "figure": figure, "value": value},
    )

    assert response.status_code == 200
    assert names_on(response) == built.names(*letters)
    content = response.content.decode()
    for letter in letters:
        assert f'href="{built.participations[letter].get_absolute_url()}"' in content
    assert f"{len(letters)} {'person' if len(letters) == 1 else 'people'}" in content


def test_the_location_figure_opens_the_people_of_that_location(client, manager, built):
    client.force_login(manager)
    point = built.locations["point"]

    response = client.get(
        f"/reports/projects/{built.project.pk}/people/", {"figure": "location", "value": str(point.pk)}
    )

    assert names_on(response) == built.names("C", "D", "G")


def test_the_people_list_is_paginated(client, manager):
    project = ReportProjectFactory()
    for _index in range(55):
        participation(project, ParticipantFactory(), status="active", started=project.start_date, age=40)
    client.force_login(manager)
    url = f"/reports/projects/{project.pk}/people/?figure=recruited"

    first, second = client.get(url), client.get(url + "&page=2")

    assert len(first.context["participations"]) == 50 and len(second.context["participations"]) == 5
    assert first.context["page_obj"].paginator.count == 55
    assert "figure=recruited&amp;page=2" in first.content.decode()
    pages = [{pp.pk for pp in response.context["participations"]} for response in (first, second)]
    assert pages[0].isdisjoint(pages[1]) and len(pages[0] | pages[1]) == 55


def test_figures_are_plain_numbers_for_staff_who_may_not_see_people(client, built):
    """Only staff who may see participants (participants.view_participant) get the links."""
    reader = UserFactory(username="report_reader")
    reader.user_permissions.add(Permission.objects.get(codename="view_outcome_report"))
    client.force_login(reader)

    response = client.get(report_url(built.project))

    assert response.status_code == 200
    assert "8 recruited / 4 completed" in response.content.decode()
    assert people_links(response) == []
    assert "/people/" not in response.content.decode()
    assert client.get(f"/reports/projects/{built.project.pk}/people/?figure=recruited").status_code == 403


def test_only_managers_are_offered_the_participant_sheet(client, coordinator, manager, built):
    xlsx = f"/reports/projects/{built.project.pk}/participants.xlsx"
    client.force_login(coordinator)
    assert xlsx not in client.get(report_url(built.project)).content.decode()
    client.force_login(manager)
    assert xlsx in client.get(report_url(built.project)).content.decode()


def test_a_project_without_participants_renders_an_empty_report(client, manager):
    project = ReportProjectFactory(target_recruited=0, target_completed=0)
    client.force_login(manager)

    response = client.get(report_url(project))

    assert response.status_code == 200
    content = response.content.decode()
    assert "0 recruited / 0 completed" in content
    assert "No activities in this project." in content
    assert all(number == 0 for _href, number in people_links(response))
    people = client.get(f"/reports/projects/{project.pk}/people/?figure=recruited")
    assert people.status_code == 200 and "0 people" in people.content.decode()


def test_an_unknown_project_is_not_found(client, manager):
    client.force_login(manager)
    for url in ("/reports/projects/999999/", "/reports/projects/999999/people/?figure=recruited"):
        assert client.get(url).status_code == 404


# --- The list of projects --------------------------------------------------------------------


def test_the_list_shows_each_project_with_its_headline_figures(client, coordinator, built):
    empty = ReportProjectFactory(code="FESL.PUSTY/24", target_recruited=20, target_completed=12)
    client.force_login(coordinator)

    response = client.get("/reports/")

    assert response.status_code == 200
    rows = {
        code: (recruited, completed)
        for code, recruited, completed in re.findall(
            r'<a href="/reports/projects/\d+/">([^<]+)</a>.*?<td>(\d+ / \d+)</td><td>(\d+ / \d+)</td>',
            response.content.decode(),
            re.S,
        )
    }
    assert rows == {
        built.project.code: ("8 / 10", "4 / 5"),  # started A B C D E F G J; completed A B C J
        built.other_project.code: ("1 / 3", "0 / 5"),
        empty.code: ("0 / 20", "0 / 12"),
    }


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2025-06-30", "end": "2025-01-01"}, "The end of the period was before its start"),
        ({"start": "2020-13-45"}, "A date could not be read"),
        ({"start": "abc", "end": "2025-06-30"}, "A date could not be read"),
        ({"end": "31.06.2025"}, "A date could not be read"),
        ({"start": "2025-02-30"}, "A date could not be read"),
    ],
)
def test_a_bad_period_shows_the_whole_project_with_a_message(client, manager, built, query, message):
    client.force_login(manager)

    response = client.get(report_url(built.project), query)

    assert response.status_code == 200
    assert (response.context["period"].start, response.context["period"].end) == WHOLE
    assert any(text.startswith(message) for text in messages_of(response))
    assert message in response.content.decode()
    assert "8 recruited / 4 completed" in response.content.decode()


def test_half_a_period_runs_from_or_to_the_project_dates(client, manager, built):
    client.force_login(manager)

    response = client.get(report_url(built.project), {"start": "2025-01-01", "end": ""})

    assert (response.context["period"].start, response.context["period"].end) == (H1_2025[0], WHOLE[1])
    assert messages_of(response) == []


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"figure": "unknown"}, 404),
        ({}, 404),
        ({"figure": "age", "value": "200_plus"}, 404),
        ({"figure": "location", "value": "abc"}, 200),
        ({"figure": "location", "value": "²"}, 200),  # a digit int() cannot read
        ({"figure": "location", "value": "9" * 25}, 200),  # beyond any integer column
        ({"figure": "recruited", "page": "²"}, 200),
        ({"figure": "recruited", "page": "abc"}, 200),
        ({"figure": "recruited", "page": "999"}, 200),
        ({"figure": "recruited", "start": "2020-13-45"}, 200),
        ({"figure": "recruited", "start": "2025-06-30", "end": "2025-01-01"}, 200),
    ],
)
def test_bad_input_on_the_people_list_is_a_404_or_a_default_never_a_500(client, manager, built, query, status):
    client.force_login(manager)

    response = client.get(f"/reports/projects/{built.project.pk}/people/", query)

    assert response.status_code == status


def test_a_bad_period_on_the_people_list_falls_back_to_the_whole_project(client, manager, built):
    client.force_login(manager)

    response = client.get(
        f"/reports/projects/{built.project.pk}/people/", {"figure": "recruited", "start": "x", "page": "abc"}
    )

    assert names_on(response) == built.names(*"ABCDEFGJ")


def test_the_snapshot_form_sends_the_period_shown(client, coordinator, built):
    client.force_login(coordinator)

    content = client.get(report_url(built.project, H1_2025)).content.decode()

    assert f'action="/reports/projects/{built.project.pk}/snapshots/"' in content
    assert '<input type="hidden" name="start" value="2025-01-01">' in content
    assert '<input type="hidden" name="end" value="2025-06-30">' in content


def test_a_social_worker_sees_no_report(client, social_worker, built):
    client.force_login(social_worker)
    assert client.get(report_url(built.project)).status_code == 403
    assert client.get("/reports/").status_code == 403
