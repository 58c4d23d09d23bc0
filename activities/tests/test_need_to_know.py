"""Need-to-know in the programme: an activity's page, its attendance grid and its lists to sign
name only the people the user may know of (a social worker's caseload, a coordinator's locations,
everyone for a manager); the others are a count, and a mark sent for one of them changes nothing."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from activities.models import Attendance
from activities.tests.factories import ActivityFactory, AttendanceFactory, EnrollmentFactory, SessionFactory
from activities.tests.test_attendance import pdf_text
from kis.tests.factories import LocationFactory
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory
from participation.tests.factories import today

pytestmark = pytest.mark.django_db
Mark = Attendance.Status

# The lists print in the documents' language (Polish), whatever the language of the test.
with translation.override("pl"):
    EXTRACT = gettext("EXTRACT — not the full attendance list.")


@pytest.fixture
def group(social_worker, other_social_worker):
    """A session today with one person of ``social_worker``'s, two of another worker's (one of
    them waiting) and one of a location the coordinator does not coordinate."""
    activity = ActivityFactory(capacity=3)
    session = SessionFactory(activity=activity, date=today())
    mine = EnrollmentFactory(
        activity=activity, participant=ParticipantFactory(social_worker=social_worker, last_name="Mojska")
    )
    others = EnrollmentFactory(
        activity=activity, participant=ParticipantFactory(social_worker=other_social_worker, last_name="Obcowska")
    )
    waiting = EnrollmentFactory(
        activity=activity,
        status="waiting",
        participant=ParticipantFactory(social_worker=other_social_worker, last_name="Czekalska"),
    )
    elsewhere = EnrollmentFactory(
        activity=activity,
        participant=ParticipantFactory(
            social_worker=other_social_worker, last_name="Knurowska", location=LocationFactory(name="KIS Knurów")
        ),
    )
    return {"activity": activity, "session": session, "mine": mine, "others": others, "waiting": waiting,
            "elsewhere": elsewhere}  # fmt: skip


def test_a_social_worker_posting_a_mark_for_another_workers_person_changes_nothing(client, social_worker, group):
    session, others = group["session"], group["others"]
    AttendanceFactory(session=session, enrollment=others, status=Mark.ABSENT)
    client.force_login(social_worker)

    response = client.post(
        f"/activities/sessions/{session.pk}/attendance/", {f"mark-{others.pk}": "present", f"initial-{others.pk}": ""}
    )

    assert response.status_code == 302
    assert Attendance.objects.get(session=session, enrollment=others).status == Mark.ABSENT
    assert Attendance.objects.count() == 1


def test_a_refused_mark_over_htmx_is_a_message_not_an_error(client, social_worker, group):
    client.force_login(social_worker)

    response = client.post(
        f"/activities/sessions/{group['session'].pk}/attendance/",
        {f"mark-{group['others'].pk}": "present"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 422
    assert not Attendance.objects.exists()


def test_the_grid_shows_only_the_people_the_user_may_mark(client, social_worker, coordinator, group):
    url = f"/activities/sessions/{group['session'].pk}/attendance/"
    client.force_login(social_worker)
    worker_rows = [row.pk for row in client.get(url).context["rows"]]
    client.force_login(coordinator)
    coordinator_rows = {row.pk for row in client.get(url).context["rows"]}

    assert worker_rows == [group["mine"].pk]
    assert coordinator_rows == {group["mine"].pk, group["others"].pk}  # not the person of Knurów


def test_saving_the_grid_keeps_the_care_of_dependants_the_user_does_not_see(client, social_worker, group):
    session = group["session"]
    theirs = HouseholdMemberFactory(participant=group["others"].participant)
    own = HouseholdMemberFactory(participant=group["mine"].participant)
    session.cared_dependants.add(theirs)
    client.force_login(social_worker)

    client.post(f"/activities/sessions/{session.pk}/attendance/", {"headcount_others": "0", "cared": [own.pk]})

    assert set(session.cared_dependants.values_list("pk", flat=True)) == {theirs.pk, own.pk}


def test_the_activity_page_names_only_the_people_the_user_may_know_of(client, social_worker, group):
    client.force_login(social_worker)

    response = client.get(f"/activities/{group['activity'].pk}/")
    content = response.content.decode()

    assert [row.pk for row in response.context["enrolled"]] == [group["mine"].pk]
    assert "Mojska" in content
    assert not any(name in content for name in ("Obcowska", "Czekalska", "Knurowska"))
    assert response.context["enrolled_others"] == 2
    assert (response.context["places_taken"], response.context["waiting_count"]) == (3, 1)  # all, not only theirs
    assert f"/participants/{group['others'].participant_id}/" not in content


def test_a_manager_sees_everyone_enrolled_and_records_no_result(client, manager, group):
    client.force_login(manager)

    response = client.get(f"/activities/{group['activity'].pk}/")

    assert len(response.context["enrolled"]) == 3
    assert response.context["enrolled_others"] == 0
    assert "/finish/" not in response.content.decode()


def test_the_activity_page_makes_the_same_queries_whoever_is_hidden(
    client, social_worker, group, django_assert_num_queries
):
    url = f"/activities/{group['activity'].pk}/"
    client.force_login(social_worker)
    with_three_hidden = len(_queries_of(client, url))
    for _ in range(5):
        EnrollmentFactory(activity=group["activity"], participant=ParticipantFactory())

    # The same with 5 more people hidden: whether the user may read and change each person's record
    # is two EXISTS of the one query of the enrollments with their rates, not a query per person.
    with django_assert_num_queries(with_three_hidden):
        client.get(url)


def _queries_of(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return context.captured_queries


def test_a_social_workers_list_to_sign_is_an_extract_of_their_people(client, social_worker, group, tmp_path):
    client.force_login(social_worker)

    text = pdf_text(client.get(f"/activities/sessions/{group['session'].pk}/attendance.pdf"), tmp_path)

    assert "Mojska" in text
    assert "Obcowska" not in text and "Knurowska" not in text
    assert EXTRACT in text


def test_a_manager_prints_the_full_list(client, manager, group, tmp_path):
    client.force_login(manager)

    text = pdf_text(client.get(f"/activities/sessions/{group['session'].pk}/attendance.pdf"), tmp_path)

    assert all(name in text for name in ("Mojska", "Obcowska", "Knurowska"))
    assert EXTRACT not in text


def test_the_monthly_list_of_a_coordinator_leaves_out_other_locations(client, coordinator, group, tmp_path):
    client.force_login(coordinator)

    text = pdf_text(
        client.get(f"/activities/{group['activity'].pk}/monthly-attendance.pdf?from={today():%Y-%m}"), tmp_path
    )

    assert "Mojska" in text and "Obcowska" in text
    assert "Knurowska" not in text
    assert EXTRACT in text
