"""kis.backends.RoleBackend: a user's roles and permissions in one query, the same answers as
Django's ModelBackend."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kis.backends import RoleBackend
from kis.roles import user_roles
from kis.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.fixture
def clerk():
    """A user in two groups made here (one permission each, one shared) with one permission of
    their own."""
    user = UserFactory(username="clerk")
    intake = Group.objects.create(name="intake")
    intake.permissions.add(
        permission("participants", "view_participant"), permission("contracts", "view_socialcontract")
    )
    records = Group.objects.create(name="records")
    records.permissions.add(permission("participants", "view_participant"), permission("kis", "view_auditevent"))
    user.groups.add(intake, records)
    user.user_permissions.add(permission("projects", "view_project"))
    return get_user_model().objects.get(pk=user.pk)


def test_the_roles_and_both_kinds_of_permission_come_from_one_query(clerk):
    with CaptureQueriesContext(connection) as queries:
        assert user_roles(clerk) == {"intake", "records"}
        assert clerk.has_perm("participants.view_participant")
        assert clerk.has_perm("contracts.view_socialcontract")
        assert clerk.has_perm("kis.view_auditevent")
        assert clerk.has_perm("projects.view_project")
        assert not clerk.has_perm("participants.delete_participant")
        assert not clerk.has_perm("projects.change_project")
    assert len(queries.captured_queries) == 1


def test_the_sets_are_those_of_django_s_model_backend(clerk):
    ours, django = RoleBackend(), ModelBackend()
    fresh = get_user_model().objects.get(pk=clerk.pk)
    assert ours.get_user_permissions(clerk) == django.get_user_permissions(fresh) == {"projects.view_project"}
    assert (
        ours.get_group_permissions(clerk)
        == django.get_group_permissions(fresh)
        == {"participants.view_participant", "contracts.view_socialcontract", "kis.view_auditevent"}
    )
    assert ours.get_all_permissions(clerk) == django.get_all_permissions(fresh)


def test_a_user_without_groups_has_no_roles_and_only_their_own_permissions():
    user = UserFactory(username="loner")
    user.user_permissions.add(permission("projects", "view_project"))
    user = get_user_model().objects.get(pk=user.pk)
    assert user_roles(user) == set()
    assert user.get_all_permissions() == {"projects.view_project"}


def test_an_inactive_user_has_no_permissions(clerk):
    clerk.is_active = False
    assert not clerk.has_perm("participants.view_participant")
    assert clerk.get_all_permissions() == set()


def test_a_superuser_has_every_permission_and_keeps_their_roles():
    user = UserFactory(username="root", is_superuser=True)
    user.groups.add(Group.objects.create(name="intake"))
    user = get_user_model().objects.get(pk=user.pk)
    assert user_roles(user) == {"intake"}
    assert user.has_perm("participants.delete_participant")
    assert len(user.get_all_permissions()) == Permission.objects.count()


def test_a_change_of_groups_shows_at_the_next_request(clerk):
    """Each request loads its user anew: a role taken away is gone at the next one."""
    assert clerk.has_perm("kis.view_auditevent")
    clerk.groups.remove(Group.objects.get(name="records"))
    next_request = get_user_model().objects.get(pk=clerk.pk)
    assert user_roles(next_request) == {"intake"}
    assert not next_request.has_perm("kis.view_auditevent")
    assert next_request.has_perm("participants.view_participant")
