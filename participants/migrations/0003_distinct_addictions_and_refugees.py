"""The Social Employment Act names addiction to alcohol and addiction to drugs as two categories,
and refugees on an individual integration programme as a third, distinct from migrants: the
reference list of risk factors tells them apart. The general "addiction" stays for the others
(gambling, …)."""

from django.db import migrations

ADDED = [
    ("alcohol-addiction", "uzależnienie od alkoholu"),
    ("drug-addiction", "uzależnienie od narkotyków lub innych środków odurzających"),
    ("refugee-programme", "uchodźstwo – indywidualny program integracji"),
]


def forwards(apps, schema_editor):
    RiskFactor = apps.get_model("participants", "RiskFactor")
    RiskFactor.objects.filter(code="addiction").update(name="uzależnienie inne (np. od hazardu)")
    last = RiskFactor.objects.order_by("-order").values_list("order", flat=True).first() or 0
    for offset, (code, name) in enumerate(ADDED, start=1):
        RiskFactor.objects.update_or_create(code=code, defaults={"name": name, "order": last + offset})


def backwards(apps, schema_editor):
    RiskFactor = apps.get_model("participants", "RiskFactor")
    RiskFactor.objects.filter(code__in=[code for code, _name in ADDED], participants__isnull=True).delete()
    RiskFactor.objects.filter(code="addiction").update(name="uzależnienie")


class Migration(migrations.Migration):
    dependencies = [("participants", "0002_roles_and_risk_factors")]

    operations = [migrations.RunPython(forwards, backwards)]
