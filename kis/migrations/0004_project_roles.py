"""Grant the roles their permissions on projects and partners."""

from django.db import migrations

from kis.roles import grant_permissions

VIEW = [
    "kis.view_project",
    "kis.view_partner",
    "kis.view_projectpartner",
    "kis.view_projectindicator",
    "kis.view_projectcriterion",
]
MANAGE = [
    f"kis.{action}_{model}"
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
    dependencies = [("kis", "0003_partner_project_projectcriterion_projectindicator_and_more")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
