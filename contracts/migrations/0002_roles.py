"""Grant the roles their permissions on social contracts."""

from django.db import migrations

from kis.roles import grant_permissions

WORKER = [
    "contracts.view_socialcontract",
    "contracts.add_socialcontract",
    "contracts.change_socialcontract",
    "contracts.view_contractreview",
    "contracts.add_contractreview",
    "contracts.view_contractamendment",
    "contracts.add_contractamendment",
    "contracts.view_contracttask",
    "contracts.change_contracttask",
]

GRANTS = {
    "social_worker": WORKER,
    "coordinator": [*WORKER, "contracts.view_any_contract", "contracts.manage_any_contract"],
    "manager": [
        "contracts.view_socialcontract",
        "contracts.view_any_contract",
        "contracts.view_contractreview",
        "contracts.view_contractamendment",
        "contracts.view_contracttask",
    ],
}


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_initial"),
        ("participants", "0002_roles_and_risk_factors"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
