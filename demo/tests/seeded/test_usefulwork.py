"""The demo's socially useful work keeps the rules: people of the Bielsko-Biała support point who were
registered unemployed at the start of their participation, referred by the county labour office to
„Zieleń Miejska”, with hours over several months, every row written through the services, within
the limits of the settings; a second seed adds nothing; the settlement list reads back the hours."""

import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils import timezone
from openpyxl import load_workbook

from demo import usefulwork as demo_usefulwork
from demo.data import organisation
from kis.models import AuditEvent
from participants.models import LabourMarketStatus
from projects.models import Partner
from usefulwork import services
from usefulwork.models import Placement, WorkDay

pytestmark = pytest.mark.django_db


def audited(model: type[Model]) -> set[str]:
    return set(
        AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_type=model._meta.label_lower).values_list(
            "object_id", flat=True
        )
    )


def test_the_demo_places_registered_unemployed_people_of_the_bielsko_biala_support_point(demo):
    placements = list(
        Placement.objects.select_related("participant__location", "project", "labour_office", "organisation")
    )

    assert len(placements) >= 2
    for placement in placements:
        assert placement.project.code == organisation.BIELSKO_PROJECT
        assert placement.participant.location.name == organisation.PUNKT_BIELSKO
        assert services.labour_status(placement.participant).status == LabourMarketStatus.REGISTERED_UNEMPLOYED
        assert placement.labour_office.kind == Partner.Kind.LABOUR_OFFICE
        assert placement.labour_office.town == placement.organisation.town == "Bielsko-Biała"
        assert placement.no_unemployment_benefit and placement.referral_date <= placement.start_date


def test_every_demo_placement_and_day_was_written_through_the_services(demo):
    for model in (Placement, WorkDay):
        rows = {str(pk) for pk in model.objects.values_list("pk", flat=True)}
        assert rows and rows <= audited(model)


def test_the_demo_hours_span_months_and_keep_the_limits_of_the_settings(demo):
    today = timezone.localdate()
    by_month = defaultdict(Decimal)
    for day in WorkDay.objects.select_related("placement"):
        assert day.placement.start_date <= day.date <= min(day.placement.end_date, today)
        assert day.hours <= settings.KIS_USEFUL_WORK_MAX_HOURS_PER_DAY
        by_month[day.placement.participant_id, day.date.replace(day=1)] += day.hours

    assert len({month for _person, month in by_month}) >= 3
    assert max(by_month.values()) <= settings.KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH


def test_seeding_the_demo_again_adds_no_socially_useful_work(demo):
    before = Placement.objects.count(), WorkDay.objects.count()

    demo_usefulwork.seed(stdout=io.StringIO(), rng=None)

    assert (Placement.objects.count(), WorkDay.objects.count()) == before


def test_the_settlement_list_of_a_demo_month_reads_back_its_hours(client, demo):
    day = WorkDay.objects.select_related("placement").order_by("date", "pk").first()
    month = day.date.replace(day=1)
    worked = WorkDay.objects.filter(placement=day.placement, date__year=month.year, date__month=month.month)
    client.force_login(get_user_model().objects.get(username="manager"))

    response = client.get(f"/useful-work/{day.placement.pk}/settlement.xlsx", {"month": f"{month:%Y-%m}"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    hours = {row[1]: row[3] for row in rows if isinstance(row[0], int)}
    assert {date: value for date, value in hours.items() if isinstance(value, int | float)} == {
        f"{entry.date:%d.%m.%Y}": float(entry.hours) for entry in worked
    }
