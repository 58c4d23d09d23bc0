"""Grant the roles their permissions on participants, and load the exclusion-risk factors."""

from django.db import migrations

from kis.roles import grant_permissions

GRANTS = {
    "social_worker": [
        "participants.view_participant",
        "participants.add_participant",
        "participants.change_participant",
        "participants.view_householdmember",
        "participants.add_householdmember",
        "participants.change_householdmember",
        "participants.delete_householdmember",
        "participants.view_riskfactor",
    ],
    "coordinator": [
        "participants.view_participant",
        "participants.add_participant",
        "participants.change_participant",
        "participants.change_any_participant",
        "participants.view_confidential_notes",
        "participants.view_householdmember",
        "participants.add_householdmember",
        "participants.change_householdmember",
        "participants.delete_householdmember",
        "participants.view_riskfactor",
    ],
    "manager": [
        "participants.view_participant",
        "participants.view_householdmember",
        "participants.view_riskfactor",
    ],
    "admin": [
        "participants.view_riskfactor",
        "participants.add_riskfactor",
        "participants.change_riskfactor",
    ],
}

# (code, Polish name) — the reference list; administrators may add more in the admin.
RISK_FACTORS = [
    ("poverty", "ubóstwo"),
    ("unemployment", "bezrobocie"),
    ("disability", "niepełnosprawność"),
    ("homelessness", "bezdomność"),
    ("addiction", "uzależnienie"),
    ("domestic-violence", "przemoc w rodzinie"),
    ("parenting", "bezradność w sprawach opiekuńczo-wychowawczych"),
    ("long-term-illness", "długotrwała lub ciężka choroba"),
    ("leaving-prison", "trudności po opuszczeniu zakładu karnego"),
    ("migrant-minority", "migracja, mniejszość narodowa lub etniczna"),
    ("single-adult-household", "gospodarstwo jednoosobowe dorosłego z dziećmi"),
    ("jobless-household", "gospodarstwo domowe bez osób pracujących"),
    ("other", "inne"),
]


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)
    RiskFactor = apps.get_model("participants", "RiskFactor")
    for order, (code, name) in enumerate(RISK_FACTORS, start=1):
        RiskFactor.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
        ("kis", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
