"""The report reads what was recorded at the start, not today's record: a person who, after
starting, moved, had their sex corrected or no longer has a risk factor, is counted as they were."""

import pytest

from contracts.tests.helpers import signed_contract
from participants.models import RiskFactor, Sex
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import contract_from, participation_in
from reports import outcomes
from reports.outcomes import Period

pytestmark = pytest.mark.django_db


def test_the_report_counts_people_as_they_were_at_the_start():
    person = ParticipantFactory(female=True, risk_factors=list(RiskFactor.objects.filter(code="homelessness")))
    signed_contract(participant=person, period_start=contract_from())
    participation = participation_in("active", participant=person)

    person.sex = Sex.MALE
    person.save()
    person.risk_factors.set(RiskFactor.objects.filter(code="poverty"))

    project = participation.project
    report = outcomes.build(project, Period.of_project(project))
    assert [(label, figure.value) for label, figure in report.by_sex] == [("woman", 1), ("man", 0)]
    assert [(figure.filter_value, figure.value) for _label, figure in report.by_risk_factor] == [("homelessness", 1)]
    assert [p.pk for p in outcomes.people(project, Period.of_project(project), "risk_factor", "homelessness")] == [
        participation.pk
    ]
