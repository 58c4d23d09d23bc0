"""Settings for KIS, read from the environment.

Development defaults are safe (SQLite file in the project, debug on only when asked for).
With debug off, a missing ``DJANGO_SECRET_KEY`` stops the start-up with a clear message.
"""

import os
from decimal import Decimal
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "kis",
    "projects",
    "participants",
    "programmes",
    "contracts",
    "participation",
    "activities",
    "usefulwork",
    "reports",
    "demo",
]

MIDDLEWARE = [
    # Security headers first, so that every response carries them (static files included).
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Everything below WhiteNoise is a page or a document of the application: never cached.
    "kis.middleware.never_cache_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kis.accounts.session_renewal_middleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user as verified when the session holds a confirmed second factor.
    "django_otp.middleware.OTPMiddleware",
    # After the session and the user: the language is the user's own choice, never the browser's.
    "kis.middleware.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Managers and administrators go no further than the two-factor pages until a code is given.
    "kis.twofactor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kis.urls"
WSGI_APPLICATION = "kis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kis.context_processors.navigation",
                "kis.accounts.session_timeout",
                "kis.preferences.display",
            ],
        },
    },
]

# Form widgets are rendered with Django's own Jinja2 templates of them (kis.renderers).
FORM_RENDERER = "kis.renderers.FastRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server processes on one SQLite file: take the write lock at BEGIN and use WAL,
    # otherwise concurrent writers see "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query it estimates as costly to machine code first (JIT): for the
    # report's counts over 20,000 people that took 0.9 s of a 1.1 s query, and the query itself
    # runs in 0.2 s without it. KIS's queries are short: JIT is off for its connections.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading a user's roles and permissions in one query.
    "kis.backends.RoleBackend",
]
# Argon2 (argon2-cffi, its default cost) for every new or changed password. The others stay so that
# older PBKDF2 hashes still verify; Django re-hashes them with Argon2 at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes), 15 minutes of lock-out after AXES_FAILURE_LIMIT failures counted
# two ways: of one user name from one address (guessing one person's password), and of all user
# names from one address (trying one password on many people). axes compares each count with the
# same limit, so it is set for both: 10 leaves a person room to mistype, and 10 failures of a
# whole office behind one address within a quarter of an hour do not come from mistyping. A
# guesser gets 10 tries per quarter of an hour from an address in all, where the old per-user
# limit of 5 gave 5 for every user name tried. The address is REMOTE_ADDR: behind a proxy it must
# be the client's, or every sign-in shares one count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# A successful sign-in does not wipe the address's count: with one valid account of their own
# someone could otherwise sign in between guesses and never be locked out. Failures older than
# the cool-off no longer count.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from the proxy's address, so that one address would
# share every user's count (and the audit trail would name only the proxy). With
# DJANGO_TRUSTED_PROXIES=1 (nginx in front, setting X-Forwarded-For) the client's address is read
# from the last entry the trusted proxy appended; an address the client wrote itself is ignored.
KIS_TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "kis.audit.client_ip"

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
# Show dates as dd.mm.yyyy so what is shown can be typed back into a form.
FORMAT_MODULE_PATH = ["kis.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Files browsers ask for at the root of the site (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "public"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded documents (contract scans) live outside any public URL and are served by views
# that check permissions.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("KIS_PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

# Documents that take longer than a page (large report PDFs, sheets, bulk prints) are made by a
# task worker (`manage.py db_worker`) from a queue kept in the database: no other server to run.
# KIS_TASKS_BACKEND may name another backend of django-tasks (e.g. one for RQ or Celery).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("KIS_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A document of more rows than this (people of a report or sheet, people of a print) is made in the
# background; one made is reused while its data is unchanged, for at most this many hours.
KIS_DOCUMENT_INLINE_LIMIT = int(os.environ.get("KIS_DOCUMENT_INLINE_LIMIT", "200"))
# The dashboard's figures (not the to-do lists) are counted at most once in this many seconds per
# user and charted project; 0 counts them at every request.
KIS_DASHBOARD_CACHE_SECONDS = int(os.environ.get("KIS_DASHBOARD_CACHE_SECONDS", "60"))
# A list's rendered filter form is kept this many seconds per language and filter values, the
# defaults of the user's role among them (its choices, a new location say, show up after that);
# 0 renders it at every request.
KIS_FILTER_FORM_CACHE_SECONDS = int(os.environ.get("KIS_FILTER_FORM_CACHE_SECONDS", "60"))
# Two caches. "default" is each server process's own memory: what it keeps shows people (a user's
# dashboard, a list's filter form), is gone when the process ends and never reaches a disk.
# "figures" is a table of the database, shared by every server process and every server: the
# report page's figures (counts and activities, no person), so that the page counted by one
# worker is not counted again by each of the others (the table: kis migration 0007).
FIGURES_CACHE = "figures"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    FIGURES_CACHE: {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kis_figures_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# The empty choice of a list's filter, in words (a form's: kis/blank.py).
FILTERS_EMPTY_CHOICE_LABEL = _("— all —")
# A report page's figures are kept while the project's data is unchanged, for at most this long.
KIS_REPORT_CACHE_SECONDS = int(os.environ.get("KIS_REPORT_CACHE_SECONDS", "3600"))
KIS_DOCUMENT_CACHE_HOURS = int(os.environ.get("KIS_DOCUMENT_CACHE_HOURS", "24"))
# ... and deleted after this many days by `manage.py prune_documents`.
KIS_DOCUMENT_KEEP_DAYS = int(os.environ.get("KIS_DOCUMENT_KEEP_DAYS", "7"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Signed out after 30 minutes without a request; a request (and the "Stay signed in" button of the
# warning shown before, static/js/session-timeout.js) starts the 30 minutes again, writing the
# session at most once a minute (kis.accounts.session_renewal_middleware): the session ends 29 to
# 30 minutes after the last request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
KIS_SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts and styles only from KIS's own static files, no
# inline code of any kind. data: images are Bootstrap's inline SVG icons (form controls, the menu
# button) and the drawn signature read back into the signature pad.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
# Nothing in KIS uses the camera, microphone, location, payments or the like: refuse them all.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

if env_bool("DJANGO_HTTPS", False):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

SILENCED_SYSTEM_CHECKS = [
    # security.W021 asks for SECURE_HSTS_PRELOAD. Preloading puts the centre's whole domain into
    # the browsers' built-in HTTPS-only lists, which is hard to undo and binds every other service
    # of the town's domain; that is the domain owner's decision, not the application's. Every
    # other HSTS setting is on with DJANGO_HTTPS=1.
    "security.W021",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Roles that must give a one-time code (TOTP, or one of their recovery codes) after the password
# before they reach anything (kis.twofactor): comma-separated group names.
KIS_TWO_FACTOR_ROLES = env_list("KIS_TWO_FACTOR_ROLES", "manager,admin")
OTP_TOTP_ISSUER = "KIS"
# The admin lists the devices (to delete one after a lost phone) but never shows a key or a code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Name of the centre printed on documents.
KIS_CENTRE_NAME = os.environ.get("KIS_CENTRE_NAME", "Miejski Ośrodek Pomocy Społecznej")


def env_hours(name: str, default: str) -> Decimal | None:
    """A positive number of hours from the environment (e.g. ``40`` or ``7.5``); empty: none."""
    value = os.environ.get(name, default).strip()
    if not value:
        return None
    try:
        hours = Decimal(value)
    except ArithmeticError:
        hours = None
    if hours is None or not hours.is_finite() or hours <= 0:
        raise ImproperlyConfigured(f"{name} must be a positive number of hours, not {value!r}.")
    return hours


# Socially useful work (prace społecznie użyteczne): the most hours a person may work. The figures
# long quoted (10 a week, 40 a month) come from the 2004 act repealed on 1 June 2025; the limits
# under the 2025 labour-market act are UNCONFIRMED, so the defaults below are placeholders and every
# installation must set the limits in force. The month's limit is required (set empty, no hours can
# be recorded); the week's is optional (empty by default: none); the day's defaults to the Labour
# Code's daily working time.
KIS_USEFUL_WORK_MAX_HOURS_PER_DAY = env_hours("KIS_USEFUL_WORK_MAX_HOURS_PER_DAY", "8")
KIS_USEFUL_WORK_MAX_HOURS_PER_WEEK = env_hours("KIS_USEFUL_WORK_MAX_HOURS_PER_WEEK", "")
KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH = env_hours("KIS_USEFUL_WORK_MAX_HOURS_PER_MONTH", "40")


# --- Scale-out (docs/DEPLOY.md) ---
# Several application servers on one PostgreSQL primary, with a read replica for reports, pgbouncer
# between them, and an S3-compatible object store for the private files. Each part is switched on by
# the environment; with none of these variables set, one machine with one database and a private
# directory, this block changes nothing.


def replica_database(env, default: dict) -> dict | None:
    """The ``replica`` database from ``DATABASE_REPLICA_URL`` in ``env`` (None without it): read only
    inside ``kis.routers.reading_from_replica()``, and in tests the same database as ``default``."""
    url = env.get("DATABASE_REPLICA_URL", "").strip()
    if not url:
        return None
    replica = dj_database_url.parse(url, conn_max_age=default["CONN_MAX_AGE"])
    replica["TEST"] = {"MIRROR": "default"}
    return replica


PRIVATE_FILESYSTEM = "kis.storage.PrivateStorage"


def storages_from_env(env, storages: dict) -> dict:
    """``STORAGES`` for ``env`` (the environment, or any mapping), with the ``private`` storage that
    ``kis.storage.private_storage()`` returns. ``KIS_STORAGE`` unset (or ``filesystem``): the given
    storages, and private files under ``PRIVATE_MEDIA_ROOT``. ``s3``: the default and the private
    storage in the bucket ``KIS_S3_BUCKET`` (django-storages, requirements-s3.txt), private objects
    only, never overwritten (every scan is kept as a version), and private files sent by KIS's views,
    never by an address of the bucket."""
    kind = env.get("KIS_STORAGE", "").strip().lower() or "filesystem"
    if kind == "filesystem":
        return {**storages, "private": {"BACKEND": PRIVATE_FILESYSTEM}}
    if kind != "s3":
        raise ImproperlyConfigured(f"KIS_STORAGE must be 'filesystem' or 's3', not {kind!r}.")
    bucket = env.get("KIS_S3_BUCKET", "").strip()
    if not bucket:
        raise ImproperlyConfigured("KIS_STORAGE=s3 needs KIS_S3_BUCKET, the name of the bucket.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": env.get("KIS_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": env.get("KIS_S3_REGION", "").strip() or None,
        # Without keys boto3 looks for credentials itself (an instance role, ~/.aws).
        "access_key": env.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env.get("AWS_SECRET_ACCESS_KEY") or None,
        "default_acl": "private",
        "file_overwrite": False,
        # Signed, short-lived addresses for anything that asks the default storage for one; the
        # private storage refuses to give any (kis.storage.PrivateS3Storage).
        "querystring_auth": True,
        "querystring_expire": 60,
    }
    return {
        **storages,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**options, "location": "media"}},
        "private": {"BACKEND": "kis.storage.PrivateS3Storage", "OPTIONS": {**options, "location": "private"}},
    }


def _installed(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


if (_replica := replica_database(os.environ, DATABASES["default"])) is not None:
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["kis.routers.ReplicaRouter"]

# pgbouncer in transaction mode hands each transaction to any server connection, so a cursor
# declared in one transaction is gone in the next: no server-side cursors behind it.
if env_bool("KIS_PGBOUNCER", False):
    for _database in DATABASES.values():
        _database["DISABLE_SERVER_SIDE_CURSORS"] = True

STORAGES = storages_from_env(os.environ, STORAGES)
if STORAGES["private"]["BACKEND"] != PRIVATE_FILESYSTEM and not (_installed("storages") and _installed("boto3")):
    raise ImproperlyConfigured("KIS_STORAGE=s3 needs django-storages and boto3: pip install -r requirements-s3.txt")
