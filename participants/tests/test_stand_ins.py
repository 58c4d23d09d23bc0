"""Stand-ins: a coordinator of the person's location hands the case to another social worker until
a date; the stand-in sees and edits it up to and including that day, and not after."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from conftest import make_user
from kis.models import AuditEvent
from kis.roles import Role
from kis.tests.factories import LocationFactory
from participants.standins import StandIn
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def person(other_social_worker):
    return ParticipantFactory(social_worker=other_social_worker)


def test_coordinator_assigns_a_stand_in_and_it_is_audited(client, coordinator, social_worker, person):
    client.force_login(coordinator)
    until = TODAY() + 14 * DAY

    response = client.post(
        f"/participants/{person.pk}/stand-ins/",
        {"worker": social_worker.pk, "starts_on": TODAY().isoformat(), "ends_on": until.isoformat(), "reason": "urlop"},
    )

    assert response.status_code == 302
    stand_in = StandIn.objects.get()
    assert (stand_in.worker, stand_in.ends_on, stand_in.assigned_by) == (social_worker, until, coordinator)
    event = AuditEvent.objects.get(object_type="participants.standin")
    assert (event.action, event.user, event.details["worker"], event.details["ends_on"]) == (
        "create",
        coordinator,
        social_worker.get_username(),
        until.isoformat(),
    )
    page = client.get(f"/participants/{person.pk}/stand-ins/").content.decode()
    assert "Anna Nowak" in page and f"{until:%d.%m.%Y}" in page


def test_the_stand_in_form_offers_social_workers_only_and_not_the_persons_own(
    client, coordinator, social_worker, other_social_worker, person
):
    client.force_login(coordinator)

    workers = client.get(f"/participants/{person.pk}/stand-ins/").context["form"].fields["worker"].queryset

    assert list(workers) == [social_worker]
    assert coordinator not in workers and other_social_worker not in workers


def test_a_stand_in_cannot_end_in_the_past(client, coordinator, social_worker, person):
    client.force_login(coordinator)

    response = client.post(
        f"/participants/{person.pk}/stand-ins/",
        {
            "worker": social_worker.pk,
            "starts_on": (TODAY() - 9 * DAY).isoformat(),
            "ends_on": (TODAY() - DAY).isoformat(),
        },
    )

    assert response.context["form"].errors["ends_on"] == [_("A stand-in cannot end in the past.")]
    assert not StandIn.objects.exists()


@pytest.mark.parametrize(("ends", "status_code"), [(0, 200), (-1, 404)], ids=["last day", "the day after"])
def test_the_stand_in_sees_and_edits_the_case_until_the_end_date_inclusive(
    client, social_worker, person, ends, status_code
):
    StandIn.objects.create(
        participant=person, worker=social_worker, starts_on=TODAY() - 10 * DAY, ends_on=TODAY() + ends * DAY
    )
    client.force_login(social_worker)

    assert client.get(f"/participants/{person.pk}/").status_code == status_code
    assert client.get(f"/participants/{person.pk}/edit/").status_code == status_code


def test_a_stand_in_that_has_not_begun_gives_no_access_yet(client, social_worker, person):
    StandIn.objects.create(participant=person, worker=social_worker, starts_on=TODAY() + DAY, ends_on=TODAY() + 5 * DAY)
    client.force_login(social_worker)

    assert client.get(f"/participants/{person.pk}/").status_code == 404


def test_ending_a_stand_in_early_takes_the_case_away_from_today(client, coordinator, social_worker, person):
    stand_in = StandIn.objects.create(
        participant=person, worker=social_worker, starts_on=TODAY() - 3 * DAY, ends_on=TODAY() + 5 * DAY
    )
    client.force_login(coordinator)

    response = client.post(f"/participants/{person.pk}/stand-ins/{stand_in.pk}/end/")

    assert response.status_code == 303
    stand_in.refresh_from_db()
    assert stand_in.ends_on == TODAY() - DAY
    assert AuditEvent.objects.filter(object_type="participants.standin", action="update").exists()
    client.force_login(social_worker)
    assert client.get(f"/participants/{person.pk}/").status_code == 404


def test_ending_a_stand_in_that_began_today_cancels_it(client, coordinator, social_worker, person):
    stand_in = StandIn.objects.create(participant=person, worker=social_worker, starts_on=TODAY(), ends_on=TODAY())
    client.force_login(coordinator)

    client.post(f"/participants/{person.pk}/stand-ins/{stand_in.pk}/end/")

    assert not StandIn.objects.exists()
    assert AuditEvent.objects.filter(object_type="participants.standin", action="delete").exists()


def test_a_coordinator_of_another_location_cannot_assign_or_end_stand_ins(client, social_worker, person):
    stranger = make_user(Role.COORDINATOR, username="coordinator_elsewhere")
    stranger.coordinated_locations.set([LocationFactory(name="KIS Knurów")])
    stand_in = StandIn.objects.create(participant=person, worker=social_worker, ends_on=TODAY() + 5 * DAY)
    client.force_login(stranger)

    assigned = client.post(
        f"/participants/{person.pk}/stand-ins/",
        {"worker": social_worker.pk, "starts_on": TODAY().isoformat(), "ends_on": TODAY().isoformat()},
    )
    ended = client.post(f"/participants/{person.pk}/stand-ins/{stand_in.pk}/end/")

    assert (assigned.status_code, ended.status_code) == (404, 404)
    assert list(StandIn.objects.values_list("ends_on", flat=True)) == [TODAY() + 5 * DAY]


@pytest.mark.parametrize("role", ["social_worker", "other_social_worker", "manager"])
def test_only_coordinators_manage_stand_ins(client, request, person, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(f"/participants/{person.pk}/stand-ins/").status_code == 403


def test_the_participant_page_shows_the_stand_in_and_offers_the_page_to_coordinators(
    client, coordinator, social_worker, other_social_worker, person
):
    until = TODAY() + 3 * DAY
    StandIn.objects.create(participant=person, worker=social_worker, ends_on=until)
    stand_ins_url = f"/participants/{person.pk}/stand-ins/"
    client.force_login(coordinator)
    for_coordinator = client.get(person.get_absolute_url()).content.decode()
    client.force_login(other_social_worker)
    for_worker = client.get(person.get_absolute_url()).content.decode()

    shown = _("%(worker)s stands in from %(since)s until %(until)s") % {
        "worker": "Anna Nowak",
        "since": f"{TODAY():%d.%m.%Y}",
        "until": f"{until:%d.%m.%Y}",
    }
    assert shown in for_coordinator and shown in for_worker
    assert stand_ins_url in for_coordinator
    assert stand_ins_url not in for_worker


def test_ending_a_stand_in_is_asked_twice_on_the_page(client, coordinator, social_worker, person):
    stand_in = StandIn.objects.create(
        participant=person, worker=social_worker, starts_on=TODAY() - 3 * DAY, ends_on=TODAY() + 5 * DAY
    )
    client.force_login(coordinator)

    content = client.get(f"/participants/{person.pk}/stand-ins/").content.decode()

    # The first button only opens the question; the form that ends it is inside, with its own button.
    question = content.split('<details class="confirm-action">')[1].split("</details>")[0]
    action = f'action="/participants/{person.pk}/stand-ins/{stand_in.pk}/end/"'
    assert question.index("<summary") < question.index(action)
    assert 'type="submit" class="btn btn-sm btn-danger"' in question
    assert "Anna Nowak" in question  # whose stand-in it ends
