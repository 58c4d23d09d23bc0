"""Grant the roles their permissions on socially useful work: social workers and coordinators place
people and record their hours (the pages narrow a social worker to their caseload), managers read
and print the settlement lists; the admin role runs the system and sees no placement."""

from django.db import migrations

from kis.roles import grant_permissions

VIEW = ["usefulwork.view_placement", "usefulwork.view_workday"]
RECORD = [
    "usefulwork.add_placement",
    "usefulwork.change_placement",
    "usefulwork.add_workday",
    "usefulwork.delete_workday",
]
GRANTS = {
    "social_worker": VIEW + RECORD,
    "coordinator": VIEW + RECORD,
    "manager": VIEW,
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("usefulwork", "0001_initial"), ("participants", "0002_roles_and_risk_factors")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
