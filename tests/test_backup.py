"""A backup (``manage.py backup``) restored into an empty database (``manage.py restore``) holds
everything: the same number of rows in every table, a person's record as it was, and the private
media files."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kis.backups import pg_connect
from participants.models import Participant
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def restored_copy(tmp_path):
    """Where the backup is restored and how to read it: a new SQLite file, or a new PostgreSQL
    database on the same server (dropped afterwards). Yields (restore options, run a query)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        database = sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
        # Read with the converters Django registers, so a value compares as Django reads it.
        yield {"sqlite_file": str(path)}, lambda sql, params=(): database.execute(sql.replace("%s", "?"), params)
        database.close()
        return
    assert shutil.which("pg_dump") and shutil.which("pg_restore"), "PostgreSQL's client programs are needed"
    config = connection.settings_dict
    name = f"{config['NAME']}_restored"
    admin = pg_connect(config, "postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    database = pg_connect(config, name)

    def run(sql, params=()):
        cursor = database.cursor()
        cursor.execute(sql, params)
        return cursor

    yield {"postgresql_database": name}, run
    database.close()
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


def call_restore(directory, options: dict):
    flags = []
    if "sqlite_file" in options:
        flags = ["--sqlite-file", options["sqlite_file"]]
    elif "postgresql_database" in options:
        flags = ["--postgresql-database", options["postgresql_database"]]
    call_command("restore", str(directory), *flags)


def tables() -> list[str]:
    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})


def test_a_backup_restored_into_an_empty_database_holds_everything(restored_copy, settings, tmp_path):
    options, restored = restored_copy
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    (settings.PRIVATE_MEDIA_ROOT / "contract_scans" / "1").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "contract_scans" / "1" / "scan.pdf").write_bytes(b"%PDF-1.4 scan")
    person = ParticipantFactory(first_name="Łucja", last_name="Żółć", confidential_notes="Notatka.")
    HouseholdMemberFactory(participant=person)

    call_command("backup", str(tmp_path / "backup"))
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "restored_media"
    call_restore(tmp_path / "backup", options)

    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the models)
            count = cursor.fetchone()[0]
            assert restored(f'SELECT count(*) FROM "{table}"').fetchone()[0] == count, table  # noqa: S608
        row = f'SELECT * FROM "{Participant._meta.db_table}" WHERE id = %s'  # noqa: S608
        cursor.execute(row, [person.pk])
        assert tuple(restored(row, [person.pk]).fetchone()) == tuple(cursor.fetchone())
    assert (settings.PRIVATE_MEDIA_ROOT / "contract_scans" / "1" / "scan.pdf").read_bytes() == b"%PDF-1.4 scan"


def test_a_backup_is_not_restored_over_a_database_in_use(restored_copy, settings, tmp_path):
    options, _restored = restored_copy
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    call_command("backup", str(tmp_path / "backup"))
    call_restore(tmp_path / "backup", options)

    with pytest.raises(CommandError, match="not empty"):
        call_restore(tmp_path / "backup", options)
