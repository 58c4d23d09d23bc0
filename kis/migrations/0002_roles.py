"""Create the four staff roles and grant them the permissions on the club's core."""

from django.db import migrations

from kis.roles import grant_permissions

GRANTS = {
    "social_worker": ["kis.view_location"],
    "coordinator": ["kis.view_location", "kis.add_location", "kis.change_location"],
    "manager": ["kis.view_location", "kis.view_auditevent"],
    "admin": [
        "kis.view_location",
        "kis.add_location",
        "kis.change_location",
        "kis.view_auditevent",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "auth.change_group",
    ],
}


def create_roles(apps, schema_editor):
    grant_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("kis", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
