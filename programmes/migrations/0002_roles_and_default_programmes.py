"""Grant the roles their permissions on programmes, and put the usual municipal programmes on the list.

Coordinators keep the list and see every link, the Niebieska Karta ones included; social workers
link the people on their caseload and see the Niebieska Karta links they are responsible for;
managers read the list, the links other than Niebieska Karta ones, and the counts; the admin role
sees the list only.
"""

from django.db import migrations

from kis.roles import grant_permissions

READ = ["programmes.view_programme", "programmes.view_programmelink"]
LINK = ["programmes.add_programmelink", "programmes.change_programmelink"]
GRANTS = {
    "social_worker": READ + LINK,
    "coordinator": READ
    + LINK
    + [
        "programmes.add_programme",
        "programmes.change_programme",
        "programmes.view_sensitive_programmelink",
        "programmes.view_programme_counts",
    ],
    "manager": READ + ["programmes.view_programme_counts"],
    "admin": ["programmes.view_programme"],
}

# (name, kind): the programmes most communes run; coordinators rename them to the local ones.
PROGRAMMES = [
    ("Prace społecznie użyteczne", "useful_work"),
    ("Program wychodzenia z bezdomności", "homelessness"),
    ("Gminny Program Profilaktyki i Rozwiązywania Problemów Alkoholowych", "alcohol"),
    ("Procedura „Niebieskie Karty”", "niebieska_karta"),
]


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)
    Programme = apps.get_model("programmes", "Programme")
    for name, kind in PROGRAMMES:
        Programme.objects.get_or_create(name=name, defaults={"kind": kind})


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial"), ("participants", "0002_roles_and_risk_factors")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
