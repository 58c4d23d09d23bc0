"""The participant pages load in a fixed number of queries, whatever the number of rows."""

import pytest

from participants.models import RiskFactor
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 50])
def test_participant_list_query_count_does_not_grow_with_rows(client, social_worker, django_assert_num_queries, rows):
    risk_factors = list(RiskFactor.objects.all()[:3])
    for _ in range(rows):
        participant = ParticipantFactory(social_worker=social_worker, risk_factors=risk_factors)
        HouseholdMemberFactory.create_batch(2, participant=participant)
    client.force_login(social_worker)

    # 1 session, 2 user, 3 user permissions, 4 group permissions, 5 user's groups (is a social
    # worker → "my caseload" by default), 6 COUNT for the paginator, 7-9 choices of the social
    # worker, location and risk factor filters, 10 the page of participants with their worker and
    # location, 11 their risk factors.
    with django_assert_num_queries(11):
        response = client.get("/participants/")

    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(rows, 25)
    assert response.content.decode().count(f">{risk_factors[2].name}</span>") == min(rows, 25)


@pytest.mark.parametrize("rows", [1, 50])
def test_participant_detail_query_count_does_not_grow_with_rows(client, social_worker, django_assert_num_queries, rows):
    # The person shown has `rows` household members and up to `rows` of the 13 risk factors; `rows`
    # other participants exist too.
    risk_factors = list(RiskFactor.objects.all()[:rows])
    participant = ParticipantFactory(social_worker=social_worker, risk_factors=risk_factors)
    HouseholdMemberFactory.create_batch(rows, participant=participant, first_name="Zosia")
    for _ in range(rows):
        HouseholdMemberFactory(participant=ParticipantFactory(social_worker=social_worker, risk_factors=risk_factors))
    client.force_login(social_worker)

    # 1 session, 2 user, 3 user permissions, 4 group permissions, 5 the participant with worker and
    # location, 6 risk factors, 7 household members, 8 contracts, 9 project participations (their
    # projects would be one more, skipped when there are none), 10 individual support, 11
    # internships, 12 volunteering agreements (their projects, employers and organisations skipped
    # likewise), 13 INSERT of the "view" audit entry; then activities' template tag: 14 the
    # enrollments with their attendance counts, 15 sessions in which the dependants needing care
    # were cared for (activities/tests/test_support.py counts the page with all of these filled);
    # 16 the person's referrals (activities' referral tag); then programmes' template tag: 17 the
    # person's links to municipal programmes the user sees (with their programme and worker).
    with django_assert_num_queries(17):
        response = client.get(f"/participants/{participant.pk}/")

    assert response.status_code == 200
    assert response.content.decode().count("<td>Zosia ") == rows
