"""Changing a placement and its hours through the pages: an edit saved with its audit entry, an edit
made meanwhile by someone else told and not overwritten, an entry of hours removed and entered again,
bad hours told on the form, and the list filtered by month (a month that is not one is told)."""

import pytest
from django.utils.translation import gettext as _
from zeal import zeal_ignore

from contracts.tests.helpers import messages_of
from kis.locking import EDITED_MEANWHILE
from kis.models import AuditEvent
from kis.tests.helpers import submitted_data
from usefulwork.models import Placement, WorkDay
from usefulwork.tests.factories import DAY, PlacementFactory, WorkDayFactory, last_month, registered_unemployed

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(social_worker):
    return PlacementFactory(participant=registered_unemployed(social_worker=social_worker).participant)


def the_form_of(client, url) -> dict:
    return submitted_data(client.get(url).context["form"])


def post_placement(client, url: str, data: dict):
    # zeal false positive: the form's two partner fields each load one Partner with .get().
    with zeal_ignore([{"model": "projects.Partner", "field": "get()"}]):
        return client.post(url, data)


def test_an_edit_is_saved_with_its_audit_entry(client, social_worker, placement):
    client.force_login(social_worker)
    url = f"/useful-work/{placement.pk}/edit/"
    data = {**the_form_of(client, url), "schedule": "wt., czw. 9:00–13:00"}

    response = post_placement(client, url, data)

    assert response.status_code == 302 and response["Location"] == f"/useful-work/{placement.pk}/"
    assert Placement.objects.get().schedule == "wt., czw. 9:00–13:00"
    entry = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(placement.pk))
    assert entry.details == {"fields": ["schedule"]}


def test_an_edit_made_meanwhile_by_someone_else_is_not_overwritten(client, social_worker, coordinator, placement):
    client.force_login(social_worker)
    url = f"/useful-work/{placement.pk}/edit/"
    stale = the_form_of(client, url)
    client.force_login(coordinator)
    post_placement(client, url, {**the_form_of(client, url), "kind_of_work": "sprzątanie terenów zielonych"})
    client.force_login(social_worker)

    response = post_placement(client, url, {**stale, "kind_of_work": "pomoc w świetlicy"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(EDITED_MEANWHILE)]
    assert Placement.objects.get().kind_of_work == "sprzątanie terenów zielonych"


def test_an_entry_of_hours_is_removed_and_entered_again(client, social_worker, placement):
    day = WorkDayFactory(placement=placement, date=last_month(), hours=8)
    client.force_login(social_worker)

    removed = client.post(f"/useful-work/hours/{day.pk}/remove/")
    entered = client.post(f"/useful-work/{placement.pk}/hours/", {"date": f"{last_month():%d.%m.%Y}", "hours": "6"})

    assert removed.status_code == entered.status_code == 302
    assert messages_of(removed) == [_("The hours of %(date)s were removed.") % {"date": f"{last_month():%d.%m.%Y}"}]
    assert list(WorkDay.objects.values_list("hours", flat=True)) == [6]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"date": "32.01.2026", "hours": "4"}, "date"),
        ({"date": "", "hours": "4"}, "date"),
        ({"hours": "cztery"}, "hours"),
        ({"hours": "0"}, "hours"),
        ({"hours": "9"}, "hours"),  # over the day's limit (the service's refusal)
    ],
)
def test_bad_hours_are_told_on_the_form_and_nothing_is_saved(client, social_worker, placement, data, field):
    client.force_login(social_worker)
    data = {"date": f"{last_month() + DAY:%d.%m.%Y}", **data}

    response = client.post(f"/useful-work/{placement.pk}/hours/", data)

    assert response.status_code == 200
    assert response.context["hours_form"].errors[field]
    assert WorkDay.objects.count() == 0


def test_the_list_is_filtered_by_month_and_a_month_that_is_not_one_is_told(client, coordinator, placement):
    later = PlacementFactory(start_date=last_month() + DAY * 45, referral_date=last_month() + DAY * 40)
    client.force_login(coordinator)

    in_month = client.get("/useful-work/", {"month": f"{last_month():%Y-%m}"})
    wrong = client.get("/useful-work/", {"month": "2026-13"})

    assert list(in_month.context["object_list"]) == [placement]
    assert wrong.status_code == 200
    assert wrong.context["filter"].form.errors["month"] == [
        _("“%(value)s” is not a month: give it as year and month, e.g. 2026-03.") % {"value": "2026-13"}
    ]
    assert set(wrong.context["object_list"]) == {placement, later}
