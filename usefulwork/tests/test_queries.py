"""The pages and documents of socially useful work make the same number of queries for one row and
for many (django-zeal fails the test on an N+1 as well)."""

import pytest

from kis.tests.helpers import SIGNED_IN
from usefulwork.tests.factories import DAY, OrganisationFactory, PlacementFactory, WorkDayFactory, last_month

pytestmark = pytest.mark.django_db


def placements(size: int, organisation=None) -> list:
    """``size`` placements (each of its own person, labour office and project) with two days of hours."""
    rows = []
    for _index in range(size):
        placement = PlacementFactory(**({"organisation": organisation} if organisation else {}))
        WorkDayFactory(placement=placement, date=last_month(), hours=4)
        WorkDayFactory(placement=placement, date=last_month() + DAY, hours=3)
        rows.append(placement)
    return rows


@pytest.mark.parametrize("size", [1, 30])
def test_the_list_makes_the_same_queries_for_1_and_30_placements(client, coordinator, size, django_assert_num_queries):
    placements(size)
    client.force_login(coordinator)

    # SIGNED_IN + the count for the paginator + the page of placements with their person,
    # organisations, project and hours (one query) + the organisations of the filter's choices.
    with django_assert_num_queries(SIGNED_IN + 3):
        response = client.get("/useful-work/")

    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(size, 25)
    assert response.context["object_list"][0].hours_total == 7


@pytest.mark.parametrize("size", [1, 30])
def test_the_list_filtered_by_month_and_organisation_makes_the_same_queries(
    client, coordinator, size, django_assert_num_queries
):
    organisation = OrganisationFactory()
    placements(size, organisation)
    client.force_login(coordinator)
    query = {"month": f"{last_month():%Y-%m}", "organisation": organisation.pk}

    # SIGNED_IN + the organisation chosen (the filter's choice) + the count + the page + the
    # organisations of the filter's choices.
    with django_assert_num_queries(SIGNED_IN + 4):
        response = client.get("/useful-work/", query)

    assert response.status_code == 200 and response.context["paginator"].count == size


@pytest.mark.parametrize("days", [1, 25])
def test_the_placement_page_makes_the_same_queries_for_1_and_25_days(
    client, social_worker, days, django_assert_num_queries
):
    placement = PlacementFactory()
    placement.participant.social_worker = social_worker
    placement.participant.save()
    for index in range(days):
        WorkDayFactory(placement=placement, date=last_month() + DAY * index, hours=2)
    client.force_login(social_worker)

    # SIGNED_IN + the placement with its person, organisations, project and author + whether the
    # user may edit the person (one EXISTS) + its days + the audit entry of the view.
    with django_assert_num_queries(SIGNED_IN + 4):
        response = client.get(f"/useful-work/{placement.pk}/")

    assert response.status_code == 200
    assert response.context["hours_total"] == 2 * days
    assert response.context["can"]["record_hours"] is True


@pytest.mark.parametrize("size", [1, 8])
def test_the_organisation_s_list_makes_the_same_queries_for_1_and_8_people(
    client, manager, size, django_assert_num_queries, settings
):
    settings.KIS_DOCUMENT_INLINE_LIMIT = 8 * 31  # made in the request (kis.background): 8 sheets
    organisation = OrganisationFactory()
    placements(size, organisation)
    client.force_login(manager)

    # SIGNED_IN + the organisation (among those with placements) + its placements of the month with
    # their person, organisations and project + their hours + the audit entry of the export.
    with django_assert_num_queries(SIGNED_IN + 4):
        response = client.get(
            f"/useful-work/organisations/{organisation.pk}/settlement.xlsx", {"month": f"{last_month():%Y-%m}"}
        )

    assert response.status_code == 200
