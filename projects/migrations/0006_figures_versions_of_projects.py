"""Every existing project gets its figures version (kis.figures); a new one gets it when saved."""

from django.db import migrations


def give_versions(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    FiguresVersion = apps.get_model("kis", "FiguresVersion")
    FiguresVersion.objects.bulk_create(
        [FiguresVersion(project=pk) for pk in Project.objects.values_list("pk", flat=True)], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_funding_emblems_and_declarations"),
        ("kis", "0008_figures_version"),
    ]

    operations = [migrations.RunPython(give_versions, migrations.RunPython.noop)]
