"""A consistent copy of the database and the private media, and its restore into an empty database.

SQLite: the online backup API of ``sqlite3`` (a consistent copy while the site runs). PostgreSQL:
``pg_dump -Fc`` and ``pg_restore --no-owner`` into a database that holds no table yet. The private media
(``PRIVATE_MEDIA_ROOT``: scans, signed declarations, snapshots, logo strips) are copied beside the
database. The secret key is not needed to read a backup, which is why it holds special-category
data in the clear: keep it encrypted and off the server (README, "Backup and restore").
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections

DATABASE_FILE = {"sqlite": "db.sqlite3", "postgresql": "db.dump"}
MEDIA_DIR = "private_media"


class BackupError(Exception):
    pass


def _pg_env(config: dict) -> dict:
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if config.get(key):
            env[name] = str(config[key])
    return env


def backup(target: Path, *, alias: str = "default") -> Path:
    """Copy the database and the private media into the new directory ``target``."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=False)
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target / DATABASE_FILE["sqlite"])
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    elif connection.vendor == "postgresql":
        config = connection.settings_dict
        subprocess.run(
            ["pg_dump", "-Fc", "-f", str(target / DATABASE_FILE["postgresql"]), config["NAME"]],
            env=_pg_env(config),
            check=True,
        )
    else:
        raise BackupError(f"no backup for the {connection.vendor} database")
    media = Path(settings.PRIVATE_MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, target / MEDIA_DIR)
    return target


def pg_connect(config: dict, name: str):
    """A psycopg2 connection to the database ``name`` on the server of the Django ``config``."""
    import psycopg2

    options = {"HOST": "host", "PORT": "port", "USER": "user", "PASSWORD": "password"}
    return psycopg2.connect(
        dbname=name, **{key: str(config[setting]) for setting, key in options.items() if config.get(setting)}
    )


def _pg_tables(config: dict, name: str) -> int:
    """How many tables the PostgreSQL database ``name`` (on the server of ``config``) holds."""
    connection = pg_connect(config, name)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
            return cursor.fetchone()[0]
    finally:
        connection.close()


def restore(
    source: Path,
    *,
    alias: str = "default",
    sqlite_file: Path | None = None,
    postgresql_database: str | None = None,
) -> None:
    """Restore a backup into an empty database (``sqlite_file``: a new SQLite file instead of the
    configured database; ``postgresql_database``: another database on the configured server) and
    its private media into ``PRIVATE_MEDIA_ROOT``; refuses to overwrite either."""
    source = Path(source)
    if (source / DATABASE_FILE["sqlite"]).exists():
        path = Path(sqlite_file or connections[alias].settings_dict["NAME"])
        if path.exists() and path.stat().st_size:
            existing = sqlite3.connect(path)
            try:
                tables = existing.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            finally:
                existing.close()
            if tables:
                raise BackupError(f"{path} is not empty: restore into a new database")
        backup_copy, new = sqlite3.connect(source / DATABASE_FILE["sqlite"]), sqlite3.connect(path)
        try:
            backup_copy.backup(new)
        finally:
            backup_copy.close()
            new.close()
    elif (source / DATABASE_FILE["postgresql"]).exists():
        config = connections[alias].settings_dict
        name = postgresql_database or config["NAME"]
        if _pg_tables(config, name):
            raise BackupError(f"the database {name} is not empty: restore into a new database (createdb)")
        subprocess.run(
            ["pg_restore", "--no-owner", "-d", name, str(source / DATABASE_FILE["postgresql"])],
            env=_pg_env(config),
            check=True,
        )
    else:
        raise BackupError(f"no database backup in {source}")
    media = source / MEDIA_DIR
    if media.exists():
        shutil.copytree(media, Path(settings.PRIVATE_MEDIA_ROOT), dirs_exist_ok=True, copy_function=_copy_new)


def _copy_new(src, dst):
    if Path(dst).exists():
        raise BackupError(f"{dst} exists already: restore into an empty private media directory")
    return shutil.copy2(src, dst)
