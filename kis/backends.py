"""The authentication backend: Django's ModelBackend, with the signed-in user's roles and
permissions read in one query.

ModelBackend reads a user's own permissions and those of their groups in two queries, and
``kis.roles.user_roles`` read the group names in a third, at nearly every request (the menu, the
page's permission, its buttons and the two-factor check all ask). Here one query reads all three
the first time any of them is asked for, and fills the caches ModelBackend keeps on the user
object for the rest of the request (``_user_perm_cache``, ``_group_perm_cache``), so that
``has_perm`` and every other method of ModelBackend work as before. A superuser's permissions are
all of them, as ModelBackend has it; only the roles are read for them here.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router

ROLES_CACHE = "_kis_roles"
_SQL: dict[str, str] = {}  # per database vendor


def _sql(quote) -> str:
    user_groups = get_user_model().groups.through._meta
    user_permissions = get_user_model().user_permissions.through._meta
    group_permissions = Group.permissions.through._meta

    def table(meta) -> str:
        return quote(meta.db_table)

    def column(meta, name: str) -> str:
        return quote(meta.get_field(name).column)

    def permission_from(through, via_groups: bool) -> str:
        join = (
            f"INNER JOIN {table(user_groups)} ug ON ug.{column(user_groups, 'group')} = t.{column(through, 'group')} "
            f"WHERE ug.{column(user_groups, 'user')} = %s"
            if via_groups
            else f"WHERE t.{column(through, 'user')} = %s"
        )
        return (
            f"SELECT '{'group' if via_groups else 'user'}', ct.{column(ContentType._meta, 'app_label')}, "
            f"p.{column(Permission._meta, 'codename')} "
            f"FROM {table(Permission._meta)} p "
            f"INNER JOIN {table(ContentType._meta)} ct ON ct.id = p.{column(Permission._meta, 'content_type')} "
            f"INNER JOIN {table(through)} t ON t.{column(through, 'permission')} = p.id {join}"
        )

    roles = (
        f"SELECT 'role', g.{column(Group._meta, 'name')}, '' FROM {table(Group._meta)} g "
        f"INNER JOIN {table(user_groups)} ug ON ug.{column(user_groups, 'group')} = g.id "
        f"WHERE ug.{column(user_groups, 'user')} = %s"
    )
    own = permission_from(user_permissions, via_groups=False)
    of_groups = permission_from(group_permissions, via_groups=True)
    return f"{roles} UNION ALL {own} UNION ALL {of_groups}"


def load_roles_and_permissions(user) -> None:
    """Read the user's role names and (for a user who is not a superuser) their own and their
    groups' permissions in one query, into the caches on the user object."""
    alias = router.db_for_read(Permission)
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor not in _SQL:
            _SQL[connection.vendor] = _sql(connection.ops.quote_name)
        cursor.execute(_SQL[connection.vendor], [user.pk, user.pk, user.pk])
        rows = cursor.fetchall()
    setattr(user, ROLES_CACHE, {name for kind, name, _codename in rows if kind == "role"})
    if not user.is_superuser:
        user._user_perm_cache = {f"{app}.{codename}" for kind, app, codename in rows if kind == "user"}
        user._group_perm_cache = {f"{app}.{codename}" for kind, app, codename in rows if kind == "group"}


class RoleBackend(ModelBackend):
    """ModelBackend whose permission caches are filled by ``load_roles_and_permissions``."""

    def _get_permissions(self, user_obj, obj, from_name):
        cache = f"_{from_name}_perm_cache"
        if (
            user_obj.is_active
            and not user_obj.is_anonymous
            and obj is None
            and not user_obj.is_superuser
            and not hasattr(user_obj, cache)
        ):
            load_roles_and_permissions(user_obj)
        return super()._get_permissions(user_obj, obj, from_name)
