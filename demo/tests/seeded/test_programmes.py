"""The demo's municipal programmes: the city's four at the Bielsko-Biała support point, people of that
site linked to them through the services by their own worker, the Niebieska Karta links seen only by
that worker and the coordinator; a module that leaves the rest of the demo as it was."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from demo import programmes as demo_programmes
from demo.data.organisation import PUNKT_BIELSKO
from kis.models import AuditEvent
from programmes.models import Programme, ProgrammeKind, ProgrammeLink

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_the_city_s_four_programmes_are_at_the_bielsko_biala_support_point(demo):
    at_bielsko = Programme.objects.filter(location__name=PUNKT_BIELSKO)

    assert sorted(at_bielsko.values_list("kind", flat=True)) == sorted(
        [ProgrammeKind.USEFUL_WORK, ProgrammeKind.HOMELESSNESS, ProgrammeKind.ALCOHOL, ProgrammeKind.NIEBIESKA_KARTA]
    )
    for programme in at_bielsko:
        links = programme.links.all()
        assert links.exists(), programme
        assert {link.participant.location.name for link in links} == {PUNKT_BIELSKO}


def test_every_demo_link_was_made_by_the_person_s_worker_through_the_service(demo):
    links = ProgrammeLink.objects.select_related("participant", "programme")
    created = AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_type="programmes.programmelink")
    by = dict(created.values_list("object_id", "user_id"))

    assert links.exists()
    for link in links:
        assert by[str(link.pk)] == link.participant.social_worker_id == link.worker_id
        entered = timezone.localdate(link.created_at)
        assert not link.rule_errors(today=entered), link.pk
        if link.ended_on is not None:
            assert link.started_on <= link.ended_on <= entered
    homelessness = links.filter(programme__kind=ProgrammeKind.HOMELESSNESS, programme__location__name=PUNKT_BIELSKO)
    assert all(link.ipwb_number.startswith("IPWB/") for link in homelessness)


def test_the_demo_niebieska_karta_links_are_seen_by_their_worker_and_the_coordinator_only(demo):
    links = ProgrammeLink.objects.filter(programme__kind=ProgrammeKind.NIEBIESKA_KARTA)
    workers = set(links.values_list("worker__username", flat=True))
    users = {user.username: user for user in User.objects.all()}

    assert links.exists()
    assert workers == {"pracownik5"}
    for username in ("pracownik5", "coordinator"):
        assert set(ProgrammeLink.objects.visible_to(users[username])) >= set(links), username
    for username in ("social_worker", "manager", "admin"):
        assert not ProgrammeLink.objects.visible_to(users[username]).filter(pk__in=links).exists(), username


def test_seeding_the_programmes_again_creates_nothing_and_draws_nothing_from_the_shared_generator(demo):
    before = (Programme.objects.count(), ProgrammeLink.objects.count(), AuditEvent.objects.count())

    # Any draw from the shared generator would fail on this stand-in.
    demo_programmes.seed(stdout=StringIO(), rng=object(), participants=300)

    assert (Programme.objects.count(), ProgrammeLink.objects.count(), AuditEvent.objects.count()) == before
