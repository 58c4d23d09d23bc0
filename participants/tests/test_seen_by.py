"""The section "Who has seen this record": the readings of a person's record, for those who answer for the case."""

import pytest
from django.contrib.auth.models import Permission
from django.utils.translation import gettext as _

from kis.audit import log_event
from kis.models import AuditEvent
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

HEADING = "Who has seen this record"


@pytest.fixture
def person(social_worker):
    return ParticipantFactory(social_worker=social_worker)


def test_the_assigned_worker_sees_who_read_printed_or_exported_the_record_newest_first(
    client, social_worker, manager, person
):
    log_event(user=manager, action=AuditEvent.Action.VIEW, obj=person)
    log_event(user=manager, action=AuditEvent.Action.EXPORT, obj=person)
    log_event(user=manager, action=AuditEvent.Action.UPDATE, obj=person)  # a change is not a reading
    log_event(user=manager, action=AuditEvent.Action.VIEW, obj=ParticipantFactory())  # someone else's record
    client.force_login(social_worker)

    response = client.get(person.get_absolute_url())

    seen = [(e.user, e.action, e.object_type) for e in response.context["seen_by"]]
    assert seen == [
        (social_worker, "view", "participants.participant"),  # this visit
        (manager, "export", "participants.participant"),
        (manager, "view", "participants.participant"),
    ]
    assert _(HEADING) in response.content.decode()


def test_only_the_latest_20_readings_are_listed(client, social_worker, manager, person):
    for _n in range(25):
        log_event(user=manager, action=AuditEvent.Action.VIEW, obj=person)
    client.force_login(social_worker)

    assert len(client.get(person.get_absolute_url()).context["seen_by"]) == 20


@pytest.mark.parametrize(("viewer", "shown"), [("coordinator", True), ("manager", False)])
def test_the_list_is_for_the_case_not_for_every_reader(client, request, person, viewer, shown):
    client.force_login(request.getfixturevalue(viewer))

    response = client.get(person.get_absolute_url())

    assert (_(HEADING) in response.content.decode()) is shown
    assert ("seen_by" in response.context) is shown


def test_the_link_to_the_whole_audit_trail_needs_the_audit_permission(client, social_worker, person):
    link = f"/audit/?object_type=participants.participant&amp;object_id={person.pk}"
    client.force_login(social_worker)
    without = client.get(person.get_absolute_url()).content.decode()
    social_worker.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    with_permission = client.get(person.get_absolute_url()).content.decode()

    assert link not in without
    assert link in with_permission
