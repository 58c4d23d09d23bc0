"""The name search key (see participants.searchkey), filled for everyone registered, and on
PostgreSQL a trigram index that serves a search for any part of it.

The index is not declared in ``Participant.Meta.indexes``: a model's indexes are created on every
database, and SQLite has neither the ``pg_trgm`` extension nor GIN indexes. So it is created here,
on PostgreSQL only, outside the migration state — and ``makemigrations`` never sees it.

``pg_trgm`` is a trusted extension (PostgreSQL 13 and later): the owner of the database may create
it. Going back drops the index but leaves the extension, which other objects may use by then.
"""

from django.db import migrations, models

# The key is worked out as the application does; a later change of its rules refills it in a migration
# of its own.
from participants.searchkey import name_key

BATCH = 1000
INDEX_NAME = "participant_search_key_trgm"


def fill_keys(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    rows = Participant.objects.using(schema_editor.connection.alias).order_by("pk")
    last_pk = 0
    while True:
        batch = list(rows.filter(pk__gt=last_pk).only("pk", "last_name", "first_name")[:BATCH])
        if not batch:
            return
        for person in batch:
            person.search_key = name_key(person.last_name, person.first_name)
        rows.bulk_update(batch, ["search_key"], batch_size=BATCH)
        last_pk = batch[-1].pk


def trigram_index(apps):
    from django.contrib.postgres.indexes import GinIndex

    index = GinIndex(fields=["search_key"], name=INDEX_NAME, opclasses=["gin_trgm_ops"])
    return apps.get_model("participants", "Participant"), index


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.add_index(*trigram_index(apps))


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(*trigram_index(apps))


class Migration(migrations.Migration):
    dependencies = [("participants", "0008_anonymisation")]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="search_key",
            field=models.CharField(blank=True, editable=False, max_length=250, verbose_name="search key"),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
