"""The administrator role administers: users, roles, locations and reference data, no case files.

The role may now add groups and set a user's language too. Any permission the "admin" group holds
on a model of a person's case file — granted by hand on an older installation — is taken away:
every model of the apps that hold case files, except the reference lists those apps keep (granted
by their own roles migrations). The removal looks permissions up by app and model name, so it does
not depend on the other apps' migrations having run (on a new database there is nothing to remove
yet, and their roles migrations grant the administrator reference data only).
"""

from django.db import migrations

from kis.roles import grant_permissions

GRANTS = {
    "admin": [
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "auth.add_group",
        "auth.change_group",
        "kis.view_location",
        "kis.add_location",
        "kis.change_location",
        # A user's language is set on their account's page.
        "kis.view_userpreference",
        "kis.add_userpreference",
        "kis.change_userpreference",
    ],
}

# The apps that hold people's records, and the reference lists among their models.
CASE_FILE_APPS = ("participants", "programmes", "contracts", "participation", "activities", "usefulwork", "reports")
REFERENCE_DATA = {
    ("participants", "riskfactor"),
    ("programmes", "programme"),
    ("participation", "exitsituation"),
    ("activities", "servicetype"),
    ("activities", "specialistslot"),
}


def case_file_permissions(Permission):
    permissions = Permission.objects.filter(content_type__app_label__in=CASE_FILE_APPS).select_related("content_type")
    return [p for p in permissions if (p.content_type.app_label, p.content_type.model) not in REFERENCE_DATA]


def administrators_administer(apps, schema_editor):
    grant_permissions(apps, GRANTS)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get(name="admin").permissions.remove(*case_file_permissions(Permission))


class Migration(migrations.Migration):
    dependencies = [
        ("kis", "0003_location_coordinators"),
    ]

    operations = [migrations.RunPython(administrators_administer, migrations.RunPython.noop)]
