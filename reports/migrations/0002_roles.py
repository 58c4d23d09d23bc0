"""Grant the roles their permissions on reports."""

from django.db import migrations

from kis.roles import grant_permissions

GRANTS = {
    "coordinator": ["reports.view_outcome_report", "reports.view_reportsnapshot", "reports.add_reportsnapshot"],
    "manager": [
        "reports.view_outcome_report",
        "reports.export_participant_sheet",
        "reports.view_reportsnapshot",
        "reports.add_reportsnapshot",
    ],
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("activities", "0002_roles_and_catalogue")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
