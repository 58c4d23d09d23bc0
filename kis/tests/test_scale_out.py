"""Scale-out settings (docs/DEPLOY.md): the read replica, pgbouncer, object storage, and gunicorn's
configuration file. Settings read from the environment start a fresh interpreter, as in
kis/tests/test_settings.py."""

import io
import json
import logging
import os
import runpy
from datetime import timedelta
from importlib.util import find_spec
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import models

from kis.settings import storages_from_env
from kis.storage import PrivateStorage, private_storage
from kis.tests.test_settings import run_python

SECRET = {"DJANGO_SECRET_KEY": "k" * 50}
PRINT_SCALE_OUT = """
import json
from django.conf import settings
print(json.dumps({
    "databases": settings.DATABASES,
    "routers": settings.DATABASE_ROUTERS,
    "storages": settings.STORAGES,
}, default=str))
"""


def scale_out_settings(**env) -> dict:
    result = run_python(PRINT_SCALE_OUT, **SECRET, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- Read replica and pgbouncer ---


def test_a_replica_url_adds_the_replica_and_its_router():
    values = scale_out_settings(
        DATABASE_URL="postgres://kis:p@primary:5432/kis",
        DATABASE_REPLICA_URL="postgres://kis_ro:p@replica:5433/kis",
        DJANGO_CONN_MAX_AGE="120",
    )

    replica = values["databases"]["replica"]
    assert (replica["ENGINE"], replica["HOST"], replica["PORT"]) == ("django.db.backends.postgresql", "replica", 5433)
    assert replica["USER"] == "kis_ro"
    assert replica["CONN_MAX_AGE"] == values["databases"]["default"]["CONN_MAX_AGE"] == 120
    # The test runner uses the primary's test database for it, and creates none of its own.
    assert replica["TEST"] == {"MIRROR": "default"}
    assert values["routers"] == ["kis.routers.ReplicaRouter"]


def test_without_a_replica_url_there_is_one_database_and_no_router():
    values = scale_out_settings(DATABASE_URL="postgres://kis:p@primary:5432/kis")

    assert list(values["databases"]) == ["default"]
    assert values["routers"] == []


def test_pgbouncer_mode_turns_off_server_side_cursors_on_every_database():
    env = {"DATABASE_URL": "postgres://kis:p@pgbouncer:6432/kis", "DATABASE_REPLICA_URL": "postgres://r@r:6432/kis"}

    behind_pgbouncer = scale_out_settings(**env, KIS_PGBOUNCER="1")["databases"]
    direct = scale_out_settings(**env)["databases"]

    assert [database["DISABLE_SERVER_SIDE_CURSORS"] for database in behind_pgbouncer.values()] == [True, True]
    assert [database.get("DISABLE_SERVER_SIDE_CURSORS", False) for database in direct.values()] == [False, False]


# --- Object storage ---

FILESYSTEM = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
S3_ENV = {
    "KIS_STORAGE": "s3",
    "KIS_S3_BUCKET": "kis-mops",
    "KIS_S3_ENDPOINT_URL": "https://s3.example.pl",
    "KIS_S3_REGION": "pl-1",
    "AWS_ACCESS_KEY_ID": "key-id",
    "AWS_SECRET_ACCESS_KEY": "secret",
}


@pytest.mark.parametrize("env", [{}, {"KIS_STORAGE": ""}, {"KIS_STORAGE": "filesystem"}])
def test_without_object_storage_the_storages_stay_and_private_files_are_on_the_filesystem(env):
    storages = storages_from_env(env, FILESYSTEM)

    assert storages == {**FILESYSTEM, "private": {"BACKEND": "kis.storage.PrivateStorage"}}


def test_object_storage_keeps_private_files_in_the_bucket_unreadable_by_address():
    storages = storages_from_env(S3_ENV, FILESYSTEM)

    assert storages["staticfiles"] == FILESYSTEM["staticfiles"]  # WhiteNoise serves them as before
    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storages["private"]["BACKEND"] == "kis.storage.PrivateS3Storage"
    private = storages["private"]["OPTIONS"]
    assert private == {
        "bucket_name": "kis-mops",
        "endpoint_url": "https://s3.example.pl",
        "region_name": "pl-1",
        "access_key": "key-id",
        "secret_key": "secret",
        "default_acl": "private",
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": 60,
        "location": "private",
    }
    assert storages["default"]["OPTIONS"] == {**private, "location": "media"}


def test_object_storage_without_keys_leaves_the_credentials_to_boto3():
    env = {"KIS_STORAGE": "S3", "KIS_S3_BUCKET": "kis-mops"}

    options = storages_from_env(env, FILESYSTEM)["private"]["OPTIONS"]

    assert [options[name] for name in ("access_key", "secret_key", "endpoint_url", "region_name")] == [None] * 4


@pytest.mark.parametrize(
    ("env", "message"),
    [({"KIS_STORAGE": "s3"}, "KIS_S3_BUCKET"), ({"KIS_STORAGE": "nfs"}, "'filesystem' or 's3'")],
)
def test_a_storage_that_cannot_work_stops_the_start_up(env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        storages_from_env(env, FILESYSTEM)


def test_object_storage_at_start_up_needs_the_s3_requirements():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; print(settings.STORAGES['private'])",
        **SECRET,
        **S3_ENV,
    )

    if find_spec("storages") and find_spec("boto3"):
        assert result.returncode == 0, result.stderr
        assert "kis.storage.PrivateS3Storage" in result.stdout
    else:
        assert result.returncode != 0
        assert "pip install -r requirements-s3.txt" in result.stderr


def test_with_kis_storage_unset_the_settings_keep_private_files_on_the_filesystem():
    storages = scale_out_settings()["storages"]

    assert storages["private"] == {"BACKEND": "kis.storage.PrivateStorage"}
    assert storages["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_private_storage_is_the_filesystem_under_the_private_media_root(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path

    storage = private_storage()
    name = storage.save("scans/umowa.pdf", ContentFile(b"%PDF-1.7 test"))

    assert type(storage) is PrivateStorage
    assert (tmp_path / name).read_bytes() == b"%PDF-1.7 test"
    with storage.open(name, "rb") as stored:
        assert stored.read() == b"%PDF-1.7 test"


def test_every_file_field_keeps_its_files_in_the_private_storage():
    storages = {
        f"{model._meta.label}.{field.name}": type(field.storage).__name__
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }

    assert len(storages) >= 5  # scans, scan versions, evidence, declarations, snapshots, emblems
    assert {name: kind for name, kind in storages.items() if kind != "PrivateStorage"} == {}


# --- gunicorn.conf.py ---


def gunicorn_config(monkeypatch, **env) -> dict:
    for name in ("KIS_BIND", "KIS_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))


def test_gunicorn_defaults_to_loopback_and_a_worker_per_core_but_two_at_least(monkeypatch):
    config = gunicorn_config(monkeypatch)

    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["workers"] == max(2, config["_cores"]())
    assert (config["timeout"], config["max_requests"], config["max_requests_jitter"]) == (30, 1000, 100)


@pytest.mark.parametrize(("cores", "workers"), [(1, 2), (2, 2), (8, 8)])
def test_gunicorn_workers_follow_the_cores_this_process_may_use(monkeypatch, cores, workers):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))

    assert gunicorn_config(monkeypatch)["workers"] == workers


def test_gunicorn_address_and_workers_come_from_the_environment(monkeypatch):
    config = gunicorn_config(monkeypatch, KIS_BIND="10.0.0.5:8000, unix:/run/kis/web.sock", KIS_WORKERS="9")

    assert config["bind"] == ["10.0.0.5:8000", "unix:/run/kis/web.sock"]
    assert config["workers"] == 9


def test_gunicorn_logs_no_query_string_and_no_pesel(monkeypatch):
    from gunicorn.config import Config

    config = gunicorn_config(monkeypatch)
    gunicorn_settings = Config()
    for name in ("accesslog", "access_log_format", "errorlog", "logger_class"):
        gunicorn_settings.set(name, config[name])
    stream = io.StringIO()
    logger = gunicorn_settings.logger_class(gunicorn_settings)
    for log in (logger.access_log, logger.error_log):
        for handler in log.handlers:
            handler.setStream(stream)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/participants/?search=44051401359",
        "PATH_INFO": "/participants/",
        "QUERY_STRING": "search=44051401359",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://kis.example.pl/participants/?pesel=44051401359",
        "HTTP_USER_AGENT": "Firefox",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])

    logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12))
    logger.error_log.log(logging.ERROR, "Error handling request %s", environ["RAW_URI"])

    written = stream.getvalue()
    assert '"GET /participants/ HTTP/1.1" 200 512 12ms "Firefox"' in written
    assert "Error handling request /participants/?[query]" in written
    assert "44051401359" not in written and "search=" not in written
    assert config["redact"]("PESEL 44051401359, phone 600100200, id 123456789012") == (
        "PESEL [11 digits], phone 600100200, id 123456789012"
    )
