"""The table of the shared "figures" cache (``CACHES`` in the settings), as ``manage.py
createcachetable`` makes it, so that ``migrate`` alone sets up a fresh database."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    from django.conf import settings

    location = settings.CACHES.get(getattr(settings, "FIGURES_CACHE", "figures"), {}).get("LOCATION")
    if location and location in schema_editor.connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(location)}")


class Migration(migrations.Migration):
    dependencies = [("kis", "0006_generated_documents")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
