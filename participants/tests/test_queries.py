"""The participant pages load in a fixed number of queries, whatever the number of rows."""

import datetime

import pytest
from django.utils import timezone

from participants.models import RiskFactor
from participants.standins import StandIn
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 50])
def test_participant_list_query_count_does_not_grow_with_rows(
    client, social_worker, other_social_worker, django_assert_num_queries, rows
):
    # `rows` people of the worker's own, `rows` of another worker's (minimal cards) and `rows` the
    # worker stands in for: whether each is within reach and the stand-in's end come with the page.
    risk_factors = list(RiskFactor.objects.all()[:3])
    until = timezone.localdate() + datetime.timedelta(days=7)
    for n in range(rows):
        # Named so that the three kinds alternate on the page: own, another's, stood in for.
        participant = ParticipantFactory(
            last_name=f"Osoba{n:02d}a", social_worker=social_worker, risk_factors=risk_factors
        )
        HouseholdMemberFactory.create_batch(2, participant=participant)
        ParticipantFactory(last_name=f"Osoba{n:02d}b", social_worker=other_social_worker, risk_factors=risk_factors)
        covered = ParticipantFactory(
            last_name=f"Osoba{n:02d}c", social_worker=other_social_worker, risk_factors=risk_factors
        )
        StandIn.objects.create(participant=covered, worker=social_worker, ends_on=until)
    client.force_login(social_worker)

    # 1 session, 2 user, 3 the user's roles (a social worker → "my caseload" by default) and
    # permissions, 4 COUNT for the paginator, 5-7 choices of the social worker, location and risk
    # factor filters, 8 the page of participants with their worker, location, reach (EXISTS) and
    # stand-in end (subquery), 9 their risk factors.
    with django_assert_num_queries(9):
        response = client.get("/participants/?scope=all")

    assert response.status_code == 200
    shown = response.context["object_list"]
    assert len(shown) == min(3 * rows, 25)
    assert [p.in_reach for p in shown] == [not p.last_name.endswith("b") for p in shown]
    full = sum(1 for p in shown if p.in_reach)
    assert response.content.decode().count(f">{risk_factors[2].name}</span>") == full


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

    # 1 session, 2 user, 3 the user's roles and permissions, 4 the participant with worker and
    # location, 5 risk factors, 6 household members, 7 stand-ins with their workers, 8 consents,
    # 9 contracts, 10 project participations with their projects, 11 individual support, 12
    # internships, 13 volunteering agreements (each with its project, employer or organisation);
    # whether the user may edit the person is known from the scope the person was reached through
    # (visible_to is editable_by for a social worker), so neither it nor reading the confidential
    # notes, the same rule, asks anything; 14 INSERT of the "view" audit entry, 15 the latest
    # readings of the record ("who has seen this record", with their users); then activities'
    # template tag: 16 the enrollments with their attendance counts, 17 sessions in which the
    # dependants needing care were cared for (activities/tests/test_participant_programme.py counts
    # the page with all of these filled); 18 the person's referrals (activities' referral tag);
    # then programmes' template tag: 19 the person's links to municipal programmes the user sees
    # (with their programme and worker).
    with django_assert_num_queries(19):
        response = client.get(f"/participants/{participant.pk}/")

    assert response.status_code == 200
    assert response.content.decode().count("<td>Zosia ") == rows


@pytest.mark.parametrize("rows", [1, 40])
def test_a_search_posted_by_htmx_makes_the_same_queries_for_1_and_40_people_found(
    client, social_worker, rows, django_assert_num_queries
):
    for n in range(rows):
        ParticipantFactory(
            last_name=f"Kowalska{n:02d}", social_worker=social_worker, risk_factors=[RiskFactor.objects.first()]
        )
    client.force_login(social_worker)

    # 1 session, 2 user, 3 the user's roles and permissions, 4 COUNT for the paginator, 5 the page
    # of participants with their reach and stand-in end, 6 their risk factors, 7-9 the session
    # saved with the search's token (a savepoint around the UPDATE). No filter choices: the form
    # is not sent back.
    with django_assert_num_queries(9):
        response = client.post("/participants/", {"q": "kowalska"}, headers={"HX-Request": "true"})

    assert len(response.context["object_list"]) == min(rows, 25)
