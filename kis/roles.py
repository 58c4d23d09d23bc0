"""Staff roles (Django groups) and the helper data migrations use to grant them permissions.

Each app's own data migration grants the permissions on its models, so that the dependency
direction of the apps (kis <- projects, participants <- contracts <- participation <- activities
<- reports) holds for
migrations too.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("social worker")
    COORDINATOR = "coordinator", _("coordinator")
    MANAGER = "manager", _("manager")
    ADMIN = "admin", _("administrator")


def grant_permissions(apps, grants: dict[str, list[str]]) -> None:
    """Create the groups and add ``app_label.codename`` permissions to them (idempotent).

    Permissions are created by a post_migrate signal, which has not run yet for the models
    of the migration being applied, so they are created here first.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # create_permissions skips an app without a models module, as a migration's apps are;
        # the value is put back, so that the project's own apps (a test's) stay as they were.
        models_module, app_config.models_module = getattr(app_config, "models_module", None), True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, perms in grants.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def user_roles(user) -> set[str]:
    """Names of the role groups the user belongs to (cached on the user object; read in the same
    query as the user's permissions, kis.backends)."""
    from kis.backends import ROLES_CACHE, load_roles_and_permissions

    if not user.is_authenticated:
        return set()
    if not hasattr(user, ROLES_CACHE):
        load_roles_and_permissions(user)
    return getattr(user, ROLES_CACHE)
