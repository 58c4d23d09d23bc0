"""Grant the roles their permissions on projects and partners."""

from django.db import migrations

from kis.roles import grant_permissions

VIEW = [
    "projects.view_project",
    "projects.view_partner",
    "projects.view_projectpartner",
    "projects.view_projectindicator",
    "projects.view_projectcriterion",
]
MANAGE = [
    f"projects.{action}_{model}"
    for model in ("project", "partner", "projectpartner", "projectindicator", "projectcriterion")
    for action in ("add", "change")
]

GRANTS = {
    "social_worker": VIEW,
    "coordinator": VIEW,
    "manager": VIEW + MANAGE,
    "admin": VIEW,
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial"), ("kis", "0002_roles")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
