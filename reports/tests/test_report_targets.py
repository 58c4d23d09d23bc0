"""The outcome report marks what falls short of its target — in words and a sign, not colour
alone — and draws the results against their targets, on the page and in the PDF."""

import html
import re

import pytest
from django.conf import settings

from participants.tests.factories import ParticipantFactory
from reports.tests.factories import WHOLE, ReportProjectFactory, participation

pytestmark = pytest.mark.django_db


def report_page(client, project) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    return html.unescape(client.get(f"/reports/projects/{project.pk}/").content.decode())


def test_a_target_missed_and_one_reached_are_said_in_the_table_and_drawn_in_the_chart(client, manager):
    # 4 recruited of 10 (40 %): below the target; 2 completed of 2: reached.
    project = ReportProjectFactory(target_recruited=10, target_completed=2)
    for index in range(4):
        status = "completed" if index < 2 else "active"
        participation(
            project,
            ParticipantFactory(),
            status=status,
            started=WHOLE[0],
            ended=WHOLE[0] if index < 2 else None,
            age=40,
        )
    client.force_login(manager)

    page = report_page(client, project)

    headline = page.split('id="h-headline"')[1].split("</section>")[0]
    assert "40,0%" in headline
    assert "✗</span> poniżej celu" in headline
    assert "✓</span> cel osiągnięty" in headline
    chart = page.split('class="targets-chart"')[1].split("</figure>")[0]
    assert "Zrekrutowane osoby: 4 / 10 (40,0%)" in chart
    assert "Osoby, które ukończyły udział: 2 / 2 (100,0%)" in chart
    # The bar of 4 of 10 reaches 40 of the 100 units; the one reached fills it; then the rates
    # of effectiveness, each with its threshold marked.
    assert re.findall(r'<rect class="bar-value" width="([\d.]+)"', chart)[:2] == ["40.0", "100.0"]
    assert 'class="bar-threshold"' in chart
    assert 'class="missed"' in chart and 'class="met"' in chart
