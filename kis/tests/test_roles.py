"""The four staff roles exist after migrating, with the permissions that define them."""

import pytest
from django.contrib.auth.models import Group

from conftest import make_user
from kis.roles import Role, user_roles

pytestmark = pytest.mark.django_db


def permissions_of(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_four_roles_exist_after_migrations():
    assert {role.value for role in Role} <= set(Group.objects.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("role", "has", "lacks"),
    [
        (
            Role.SOCIAL_WORKER,
            {"participants.view_participant", "participants.add_participant", "participants.change_participant"},
            {"participants.change_any_participant", "participants.view_confidential_notes", "kis.view_auditevent"},
        ),
        (
            Role.COORDINATOR,
            {
                "participants.add_participant",
                "participants.change_any_participant",
                "participants.view_confidential_notes",
                "kis.change_location",
            },
            {"kis.view_auditevent", "auth.change_user"},
        ),
        (
            Role.MANAGER,
            {"participants.view_participant", "kis.view_auditevent"},
            {"participants.add_participant", "participants.change_participant", "participants.view_confidential_notes"},
        ),
        (
            Role.ADMIN,
            {"auth.add_user", "auth.change_user", "kis.view_auditevent", "participants.change_riskfactor"},
            {"participants.view_participant", "participants.view_confidential_notes"},
        ),
    ],
)
def test_role_has_its_key_permissions_and_not_others(role, has, lacks):
    permissions = permissions_of(role)

    assert has <= permissions
    assert not lacks & permissions


@pytest.mark.parametrize("role", list(Role))
def test_a_user_gets_the_permissions_of_their_role(role):
    user = make_user(role)

    assert user_roles(user) == {role.value}
    assert user.has_perm("participants.view_participant") is (role != Role.ADMIN)
    assert user.has_perm("participants.change_any_participant") is (role == Role.COORDINATOR)
