"""Settings of the server that ``test_every_page.py`` starts on a throw-away copy of the demo data.

Production's settings (debug off, the real error pages, the Content-Security-Policy, two-factor
sign-in for managers and administrators), with two differences a test run needs: static files are
read from ``static/`` by WhiteNoise without ``collectstatic`` (whose output would land in the
checkout), and background documents are made at once in the request, so that a document's page
and its download can be opened as soon as the link to them appears.
"""

from kis.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
