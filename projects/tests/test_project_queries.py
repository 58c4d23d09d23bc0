"""The project pages: the same number of queries whatever the number of rows, dates shown as
DD.MM.RRRR, and an edit made meanwhile by someone else never overwritten."""

import datetime
import re

import pytest
from django.db.models import F

from kis.locking import EDITED_MEANWHILE
from kis.tests.factories import LocationFactory
from kis.tests.helpers import ENGLISH_BROWSER, submitted_data
from projects.models import Project
from projects.tests.factories import (
    ProjectCriterionFactory,
    ProjectFactory,
    ProjectIndicatorFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db


# --- Query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 30])
def test_project_list_query_count_does_not_grow_with_rows(client, coordinator, django_assert_num_queries, rows):
    for project in ProjectFactory.create_batch(rows):
        ProjectPartnerFactory(project=project)
        ProjectIndicatorFactory(project=project)
    client.force_login(coordinator)

    # 1 session, 2 user, 3 the user's roles and permissions, 4 COUNT for the paginator,
    # 5 the page of projects with their recruited and completed counts (one annotated query).
    with django_assert_num_queries(5):
        response = client.get("/projects/")

    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(rows, 25)


@pytest.mark.parametrize("rows", [1, 5])
def test_project_edit_form_query_count_does_not_grow_with_rows(client, manager, django_assert_num_queries, rows):
    project = ProjectFactory(locations=LocationFactory.create_batch(rows))
    for _ in range(rows):
        ProjectPartnerFactory(project=project)
        ProjectIndicatorFactory(project=project)
        ProjectCriterionFactory(project=project)
    client.force_login(manager)

    # 1 session, 2 user, 3 the user's roles and permissions, 4 the project, 5 its locations
    # (initial value), 6 the location choices, 7 the project's partner rows, 8 the partner choices
    # (once for all rows), 9 indicator rows, 10 criterion rows.
    with django_assert_num_queries(10):
        response = client.get(f"/projects/{project.pk}/edit/")

    assert response.status_code == 200
    assert len(response.context["formsets"]["partners"].forms) == rows + 2


@pytest.mark.django_db
def test_a_project_form_shows_its_dates_as_dd_mm_yyyy(client, manager):
    project = ProjectFactory(start_date=datetime.date(2016, 1, 1))
    client.force_login(manager)

    content = client.get(f"/projects/{project.pk}/edit/", **ENGLISH_BROWSER).content.decode()

    assert re.search(r'<input type="text" name="start_date" value="01\.01\.2016"', content)
    assert re.search(r'<input type="text" name="end_date" value="31\.12\.2017"', content)


def test_a_project_changed_meanwhile_is_not_overwritten_nor_its_partners(client, manager):
    project = ProjectFactory(title="Przeciw Bezradności")
    ProjectPartnerFactory(project=project)
    client.force_login(manager)
    page = client.get(f"/projects/{project.pk}/edit/")
    data = {}
    for formset in page.context["formsets"].values():
        data |= submitted_data(page.context["form"], formset)
    # Another manager saves the project meanwhile (every save through a form moves the version on).
    Project.objects.filter(pk=project.pk).update(title="Aktywność popłaca", version=F("version") + 1)

    response = client.post(
        f"/projects/{project.pk}/edit/", {**data, "title": "Nowa Starówka", "partners-0-DELETE": "on"}
    )

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors())[:1] == [str(EDITED_MEANWHILE)]
    assert Project.objects.get(pk=project.pk).title == "Aktywność popłaca"
    assert project.project_partners.count() == 1
