"""Grant the roles their permissions on the programme, and load the catalogue of services."""

from django.db import migrations

from kis.roles import grant_permissions

VIEW = [
    f"activities.view_{model}"
    for model in (
        "servicetype",
        "activity",
        "session",
        "enrollment",
        "attendance",
        "individualsupport",
        "internship",
        "volunteeragreement",
    )
]
PERSONAL = [
    f"activities.{action}_{model}"
    for model in ("individualsupport", "internship", "volunteeragreement")
    for action in ("add", "change")
]
RUN = [
    f"activities.{action}_{model}"
    for model in ("servicetype", "activity", "session", "enrollment", "attendance")
    for action in ("add", "change")
]
GRANTS = {
    "social_worker": VIEW
    + PERSONAL
    + ["activities.add_enrollment", "activities.add_attendance", "activities.change_attendance"],
    "coordinator": VIEW + PERSONAL + RUN,
    "manager": VIEW,
    "admin": ["activities.view_servicetype", "activities.add_servicetype", "activities.change_servicetype"],
}

# (name, track, individual?) — the catalogue; coordinators may add and change entries.
CATALOGUE = [
    ("Poradnictwo psychologiczne indywidualne", "social", True),
    ("Grupowe wsparcie psychologiczne", "social", False),
    ("Poradnictwo prawne", "social", True),
    ("Poradnictwo socjalne", "social", True),
    ("Szkoła dla rodziców", "social", False),
    ("Edukacja finansowa", "social", False),
    ("Edukacja żywieniowa", "social", False),
    ("Warsztaty stylu i savoir-vivre", "social", False),
    ("Trening kompetencji społecznych", "social", False),
    ("Grupa samopomocowa", "social", False),
    ("Asystent rodziny", "social", True),
    ("Opieka nad osobami zależnymi", "social", False),
    ("Doradztwo zawodowe", "vocational", True),
    ("Kurs zawodowy", "vocational", False),
    ("Warsztaty komputerowe", "vocational", False),
    ("Staż", "vocational", True),
    ("Warsztaty ekonomii społecznej", "vocational", False),
    ("Prace społecznie użyteczne", "vocational", True),
    ("Akcja środowiskowa", "community", False),
    ("Program aktywności lokalnej", "community", False),
    ("Dzień zdrowia", "community", False),
    ("Wolontariat", "community", False),
]


def forwards(apps, schema_editor):
    grant_permissions(apps, GRANTS)
    ServiceType = apps.get_model("activities", "ServiceType")
    for name, track, individual in CATALOGUE:
        ServiceType.objects.get_or_create(
            name=name, defaults={"track": track, "mode": "individual" if individual else "group"}
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial"), ("participation", "0002_roles_and_exit_situations")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
