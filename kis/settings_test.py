"""Settings for the test suite: fast hashing, N+1 detection, no login throttling state between tests."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")

from kis.settings import *  # noqa: E402,F403
from kis.settings import INSTALLED_APPS, MIDDLEWARE  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# django-zeal fails any test that triggers an N+1 query.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]
ZEAL_RAISE = True
# Each request loads the signed-in user and the session once per layer that needs them
# (middleware, filters, logout); zeal takes the repeated get() for an N+1. Relations *to* users
# (e.g. Participant.social_worker) are still checked.
ZEAL_ALLOWLIST = [{"model": "auth.User"}, {"model": "sessions.Session"}]
# Hundreds of tests sign managers in with force_login: the second factor is switched on by the
# tests of kis.twofactor themselves (override_settings).
KIS_TWO_FACTOR_ROLES = []
# As in production, a request writes its session only to renew it (once a minute at most;
# kis/tests/test_sign_in.py checks the renewal): query-count tests sign in just before they count.
SESSION_SAVE_EVERY_REQUEST = False
# Background documents are made at once, in the test's own transaction (when it commits: tests of
# them capture the on-commit callbacks); kis/tests/test_background.py also runs the database
# backend's worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The dashboard's figures are counted at every request (reports/tests/test_dashboard.py tests
# their cache with it switched on).
KIS_DASHBOARD_CACHE_SECONDS = 0
KIS_FILTER_FORM_CACHE_SECONDS = 0  # kis/tests/test_filter_fields.py tests it switched on
KIS_REPORT_CACHE_SECONDS = 0  # reports/tests/test_background_documents.py tests it switched on
