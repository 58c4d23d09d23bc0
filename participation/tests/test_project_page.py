"""The project page lists the project's participants: its queries do not grow with the rows."""

import pytest

from kis.tests.factories import LocationFactory
from participation.tests.factories import ParticipationFactory
from projects.tests.factories import (
    ProjectCriterionFactory,
    ProjectFactory,
    ProjectIndicatorFactory,
    ProjectPartnerFactory,
)


@pytest.mark.parametrize("rows", [1, 10])
def test_project_page_query_count_does_not_grow_with_rows(client, coordinator, django_assert_num_queries, rows):
    project = ProjectFactory(locations=LocationFactory.create_batch(rows))
    for _ in range(rows):
        ProjectPartnerFactory(project=project)
        ProjectIndicatorFactory(project=project)
        ProjectCriterionFactory(project=project)
        ParticipationFactory(project=project)
    client.force_login(coordinator)

    # 1 session, 2 user, 3 the user's roles and permissions, 4 the project with its counts,
    # 5 locations, 6 indicators, 7 criteria, 8 project partners with their organisations,
    # 9 count of the participations the user may read (need to know), 10 their page with the
    # people, 11 count of all the project's participations (the others are said as a number).
    with django_assert_num_queries(11):
        response = client.get(f"/projects/{project.pk}/")

    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row" class="fw-normal"><a href="/partners/') == rows
