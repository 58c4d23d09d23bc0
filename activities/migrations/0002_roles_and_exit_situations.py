"""Grant the roles their permissions on participation, and load the situations on leaving."""

from django.db import migrations

from kis.roles import grant_permissions

WORK = [
    "activities.view_projectparticipation",
    "activities.add_projectparticipation",
    "activities.change_projectparticipation",
    "activities.view_participationevent",
    "activities.view_exitsituation",
]
GRANTS = {
    "social_worker": WORK,
    "coordinator": WORK,
    "manager": [
        "activities.view_projectparticipation",
        "activities.view_participationevent",
        "activities.view_exitsituation",
    ],
    "admin": ["activities.view_exitsituation", "activities.add_exitsituation", "activities.change_exitsituation"],
}

# (code, name, counts as employment, counts as social progress) — editable in the admin, since
# the funder's list differs between calls.
EXIT_SITUATIONS = [
    ("employed", "osoba pracująca (w tym prowadząca działalność na własny rachunek)", True, False),
    ("looking-for-work", "osoba poszukująca pracy", False, False),
    ("education", "osoba podejmująca kształcenie lub szkolenie", False, True),
    ("qualification", "osoba, która uzyskała kwalifikacje", False, True),
    ("social-progress", "osoba, u której nastąpił postęp w procesie aktywizacji społecznej", False, True),
    (
        "social-cooperative",
        "osoba podejmująca pracę w spółdzielni socjalnej lub podmiocie ekonomii społecznej",
        True,
        False,
    ),
    ("inactive", "osoba bierna zawodowo", False, False),
    ("other", "inna sytuacja", False, False),
]


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)
    ExitSituation = apps.get_model("activities", "ExitSituation")
    for order, (code, name, employment, social) in enumerate(EXIT_SITUATIONS, start=1):
        ExitSituation.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "counts_as_employment": employment,
                "counts_as_social_progress": social,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("contracts", "0002_roles"),
        ("kis", "0004_project_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
