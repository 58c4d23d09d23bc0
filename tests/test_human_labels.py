"""Pages name things the way people do: an exclusion-risk factor by its name, never by the code a
project's criterion stores it under (the reference list of participants' migration 0002)."""

import datetime

import pytest
from django.conf import settings

from participants.models import RiskFactor
from participants.tests.factories import ParticipantFactory
from participation.eligibility import check_criterion
from projects.models import ProjectCriterion
from projects.tests.factories import ProjectCriterionFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_project_page_names_the_risk_factors_of_a_criterion(client, social_worker):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    project = ProjectFactory()
    ProjectCriterionFactory(
        project=project,
        kind=ProjectCriterion.Kind.RISK_FACTOR,
        value="addiction; jobless-household; no-such-code",
        description="Osoby uzależnione lub z gospodarstw bez pracujących",
    )
    client.force_login(social_worker)

    content = client.get(f"/projects/{project.pk}/").content.decode()

    assert "uzależnienie inne (np. od hazardu), gospodarstwo domowe bez osób pracujących, no-such-code" in content
    assert "jobless-household" not in content


def test_the_eligibility_check_shows_the_persons_risk_factors_by_name_in_the_lists_order():
    person = ParticipantFactory()
    # Created in the other order: the reference list puts poverty (1st) before other addictions (5th).
    person.risk_factors.set([RiskFactor.objects.get(code="addiction"), RiskFactor.objects.get(code="poverty")])
    criterion = ProjectCriterionFactory(kind=ProjectCriterion.Kind.RISK_FACTOR, value="addiction")

    check = check_criterion(criterion, person, datetime.date(2026, 6, 1))

    assert (check.met, check.detail) == (True, "ubóstwo, uzależnienie inne (np. od hazardu)")
