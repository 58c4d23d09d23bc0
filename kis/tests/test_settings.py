"""Settings read from the environment: loud failure without a secret, HTTPS hardening, database URL.

Each case starts a fresh interpreter, since settings are read once per process.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_PROXY_SSL_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "DEBUG": settings.DEBUG,
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "NAME": settings.DATABASES["default"]["NAME"],
    "HOST": settings.DATABASES["default"]["HOST"],
    "PORT": settings.DATABASES["default"]["PORT"],
}))
"""


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    """Run ``code`` with the production settings and only the given DJANGO_*/DATABASE_URL variables."""
    clean_env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_URL", "KIS_", "AXES_"))
    }
    clean_env.update({"DJANGO_SETTINGS_MODULE": "kis.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean_env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def read_settings(**env) -> dict:
    result = run_python(PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_start_up_without_a_secret_key_fails_naming_the_variable():
    result = run_python("import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_empty_secret_key_fails_too():
    result = run_python("import django; django.setup()", DJANGO_SECRET_KEY="")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_start_up_with_a_secret_key_succeeds_with_debug_off():
    result = run_python("import django; django.setup(); print('started')", DJANGO_SECRET_KEY="k" * 50)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_development_mode_runs_without_a_secret_key():
    assert read_settings(DJANGO_DEBUG="1")["DEBUG"] is True


def test_https_mode_secures_cookies_redirects_and_sends_hsts():
    values = read_settings(DJANGO_SECRET_KEY="k" * 50, DJANGO_HTTPS="1")

    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] > 0
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_without_https_mode_cookies_are_not_marked_secure():
    values = read_settings(DJANGO_SECRET_KEY="k" * 50)

    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


def test_database_url_chooses_postgresql():
    values = read_settings(DJANGO_SECRET_KEY="k" * 50, DATABASE_URL="postgres://u:p@h:5432/db")

    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert (values["NAME"], values["HOST"], values["PORT"]) == ("db", "h", 5432)


def test_without_database_url_the_default_is_a_sqlite_file_in_the_project():
    values = read_settings(DJANGO_SECRET_KEY="k" * 50)

    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str(settings.BASE_DIR / "db.sqlite3")


def test_property_tests_never_fail_for_a_busy_machine():
    from hypothesis import HealthCheck
    from hypothesis import settings as hypothesis_settings

    for profile in (hypothesis_settings(), hypothesis_settings.get_profile("ci")):
        assert profile.deadline is None
        assert HealthCheck.too_slow in profile.suppress_health_check
    # CI runs the same examples on every run, with no example database to carry between runs.
    assert hypothesis_settings.get_profile("ci").derandomize is True
    assert hypothesis_settings.get_profile("ci").database is None
