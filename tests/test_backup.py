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

from participants.models import Participant
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def on_sqlite():
    if connection.vendor != "sqlite":
        if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
            pytest.skip("pg_dump and pg_restore are not on PATH")
        pytest.skip("the restore into a second PostgreSQL database is checked by hand (README)")


def tables() -> list[str]:
    return sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)})


def test_a_backup_restored_into_an_empty_database_holds_everything(on_sqlite, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    (settings.PRIVATE_MEDIA_ROOT / "contract_scans" / "1").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "contract_scans" / "1" / "scan.pdf").write_bytes(b"%PDF-1.4 scan")
    person = ParticipantFactory(first_name="Łucja", last_name="Żółć", confidential_notes="Notatka.")
    HouseholdMemberFactory(participant=person)

    call_command("backup", str(tmp_path / "backup"))
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "restored_media"
    call_command("restore", str(tmp_path / "backup"), "--sqlite-file", str(tmp_path / "restored.sqlite3"))

    # Read with the converters Django registers, so a value compares as Django reads it.
    restored = sqlite3.connect(
        tmp_path / "restored.sqlite3", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    )
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the models)
            count = cursor.fetchone()[0]
            assert restored.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == count, table  # noqa: S608
        row = f'SELECT * FROM "{Participant._meta.db_table}" WHERE id = %s'
        cursor.execute(row, [person.pk])
        assert restored.execute(row.replace("%s", "?"), [person.pk]).fetchone() == cursor.fetchone()
    restored.close()
    assert (settings.PRIVATE_MEDIA_ROOT / "contract_scans" / "1" / "scan.pdf").read_bytes() == b"%PDF-1.4 scan"


def test_a_backup_is_not_restored_over_a_database_in_use(on_sqlite, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media"
    call_command("backup", str(tmp_path / "backup"))
    call_command("restore", str(tmp_path / "backup"), "--sqlite-file", str(tmp_path / "restored.sqlite3"))

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"), "--sqlite-file", str(tmp_path / "restored.sqlite3"))
