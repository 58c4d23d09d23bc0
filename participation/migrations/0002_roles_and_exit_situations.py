"""Grant the roles their permissions on participation, and load the situations on leaving."""

from django.db import migrations

from kis.roles import grant_permissions

WORK = [
    "participation.view_projectparticipation",
    "participation.add_projectparticipation",
    "participation.change_projectparticipation",
    "participation.view_participationevent",
    "participation.view_exitsituation",
]
GRANTS = {
    "social_worker": WORK,
    "coordinator": WORK,
    "manager": [
        "participation.view_projectparticipation",
        "participation.view_participationevent",
        "participation.view_exitsituation",
    ],
    "admin": [
        "participation.view_exitsituation",
        "participation.add_exitsituation",
        "participation.change_exitsituation",
    ],
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
    ExitSituation = apps.get_model("participation", "ExitSituation")
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
        ("participation", "0001_initial"),
        ("contracts", "0002_roles"),
        ("projects", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
