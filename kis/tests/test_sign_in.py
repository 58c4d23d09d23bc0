"""Sign-in: Argon2 hashes, lock-out per user and address and per address, the 30-minute idle
sign-out with its warning and keep-alive, and changing the password (which signs out the other
sessions)."""

import datetime
import json
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from kis.accounts import RENEWED_KEY
from kis.models import AuditEvent
from kis.tests.factories import UserFactory
from kis.tests.test_settings import run_python

PASSWORD = "kis-test-password"


@pytest.fixture(scope="module")
def production():
    """The production settings as an installation without any KIS_/AXES_ variables reads them."""
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k in ("
        "'PASSWORD_HASHERS', 'AUTH_PASSWORD_VALIDATORS', 'AXES_LOCKOUT_PARAMETERS', 'AXES_FAILURE_LIMIT', "
        "'SESSION_COOKIE_AGE', 'SESSION_SAVE_EVERY_REQUEST', 'KIS_TWO_FACTOR_ROLES', 'MIDDLEWARE')}))"
    )
    result = run_python(code, DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def sign_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# Passwords


def test_production_hashes_new_passwords_with_argon2_and_checks_their_strength(production):
    assert production["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in production["PASSWORD_HASHERS"]
    with override_settings(PASSWORD_HASHERS=production["PASSWORD_HASHERS"]):
        assert make_password("a new password").startswith("argon2$")
    validators = {validator["NAME"].rsplit(".", 1)[-1] for validator in production["AUTH_PASSWORD_VALIDATORS"]}
    assert validators == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


def test_an_old_pbkdf2_password_still_signs_in_and_is_rehashed_with_argon2(client, db, production):
    with override_settings(PASSWORD_HASHERS=production["PASSWORD_HASHERS"]):
        user = UserFactory(username="anna.nowak")
        user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user.save(update_fields=["password"])

        response = sign_in(client, "anna.nowak")

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


# Lock-out (django-axes)


def test_the_lockout_counts_per_user_and_address_and_per_address(production):
    assert production["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"], "ip_address"]
    assert 3 <= production["AXES_FAILURE_LIMIT"] <= 20


def test_failures_over_many_user_names_lock_the_address_for_every_user(db):
    attacker, colleague = Client(), Client()
    UserFactory(username="ewa.kowalska")
    for number in range(20):
        sign_in(attacker, f"someone{number}", password="guess-123", address="10.0.0.66")

    refused = sign_in(attacker, "ewa.kowalska", address="10.0.0.66")
    elsewhere = sign_in(colleague, "ewa.kowalska", address="10.0.0.77")

    assert refused.status_code == 429
    assert not signed_in(attacker)
    assert elsewhere.status_code == 302
    assert signed_in(colleague)


@override_settings(KIS_TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_the_address_it_forwarded_is_counted_not_the_proxys(db):
    attacker, colleague = Client(), Client()
    UserFactory(username="ewa.kowalska")
    for number in range(20):
        # The attacker writes an address of their own in front; the proxy appends the real one.
        attacker.post(
            "/accounts/login/",
            {"username": f"someone{number}", "password": "guess-123"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{number}, 10.0.0.66",
        )

    refused = attacker.post(
        "/accounts/login/",
        {"username": "ewa.kowalska", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.66",
    )
    through_the_same_proxy = colleague.post(
        "/accounts/login/",
        {"username": "ewa.kowalska", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.0.0.77",
    )

    assert refused.status_code == 429
    assert through_the_same_proxy.status_code == 302
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {"10.0.0.66"}


def test_without_trusted_proxies_a_forwarded_address_is_ignored(db):
    client = Client()
    sign_in(client, "nobody", password="guess-123", address="10.0.0.5")
    client.post(
        "/accounts/login/",
        {"username": "nobody", "password": "guess-123"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="1.2.3.4",
    )

    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {"10.0.0.5"}


def test_failures_for_one_user_name_lock_it_from_that_address_only(db):
    UserFactory(username="ewa.kowalska")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "ewa.kowalska", password="guess-123", address="10.0.0.66")
    here, elsewhere = Client(), Client()

    assert sign_in(here, "ewa.kowalska", address="10.0.0.66").status_code == 429
    assert not signed_in(here)
    assert sign_in(elsewhere, "ewa.kowalska", address="10.0.0.77").status_code == 302


def test_a_few_mistakes_of_an_office_do_not_lock_it(db):
    UserFactory(username="ewa.kowalska")
    for number in range(3):
        sign_in(Client(), f"colleague{number}", password="typo", address="10.0.0.66")
    client = Client()

    assert sign_in(client, "ewa.kowalska", address="10.0.0.66").status_code == 302


# Idle sign-out


def test_a_session_ends_after_30_minutes_without_a_request(production):
    assert production["SESSION_COOKIE_AGE"] == 30 * 60
    assert production["SESSION_SAVE_EVERY_REQUEST"] is False
    assert "kis.accounts.session_renewal_middleware" in production["MIDDLEWARE"]


def session_row(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def set_session_expiry(client, when: datetime.datetime) -> None:
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=when)


def renewed_ago(client, seconds: int) -> None:
    """The client's session as if it had last been renewed ``seconds`` ago, ending a minute from now."""
    session = client.session
    session[RENEWED_KEY] = int(time.time()) - seconds
    session.save()
    set_session_expiry(client, timezone.now() + datetime.timedelta(minutes=1))


def test_a_page_renews_a_session_last_renewed_a_minute_ago(client, social_worker):
    client.force_login(social_worker)
    renewed_ago(client, 61)

    assert client.get("/").status_code == 200

    left = session_row(client).expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < left <= datetime.timedelta(minutes=30)
    assert 0 <= time.time() - client.session[RENEWED_KEY] < 5


def test_a_page_soon_after_a_renewal_writes_no_session(client, social_worker):
    client.force_login(social_worker)
    renewed_ago(client, 20)
    before = session_row(client).expire_date

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/participants/").status_code == 200

    assert session_row(client).expire_date == before
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]


def test_a_session_of_an_earlier_version_is_renewed_at_once(client, social_worker):
    client.force_login(social_worker)
    session = client.session
    del session[RENEWED_KEY]
    session.save()
    set_session_expiry(client, timezone.now() + datetime.timedelta(minutes=1))

    assert client.get("/").status_code == 200

    assert session_row(client).expire_date - timezone.now() > datetime.timedelta(minutes=29)


def session_seconds(page):
    """The seconds of session the page gives its warning (``data-session-seconds`` on <body>)."""
    return int(page.split('<body data-session-seconds="', 1)[1].split('"', 1)[0])


def test_sign_in_counts_as_a_renewal(client, social_worker):
    client.force_login(social_worker)

    assert 0 <= time.time() - client.session[RENEWED_KEY] < 5
    assert session_row(client).expire_date - timezone.now() > datetime.timedelta(minutes=29)


def test_the_page_tells_the_warning_the_time_the_session_has_left(client, social_worker):
    client.force_login(social_worker)
    renewed_ago(client, 45)

    body = client.get("/").content.decode()

    # The upper bound is exact; the lower one leaves a busy machine a minute between the requests.
    assert 30 * 60 - 45 - 60 <= session_seconds(body) <= 30 * 60 - 45


def test_keep_alive_renews_the_session_and_answers_no_content(client, social_worker):
    client.force_login(social_worker)
    set_session_expiry(client, timezone.now() + datetime.timedelta(minutes=1))

    response = client.post("/accounts/session/keep-alive/")

    assert response.status_code == 204
    assert response.content == b""
    left = session_row(client).expire_date - timezone.now()
    assert left > datetime.timedelta(minutes=29)


def test_keep_alive_sends_a_signed_out_visitor_to_the_sign_in_page(client):
    response = client.post("/accounts/session/keep-alive/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_keep_alive_takes_only_posts(client, social_worker):
    client.force_login(social_worker)

    assert client.get("/accounts/session/keep-alive/").status_code == 405


def test_keep_alive_needs_the_csrf_token(social_worker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(social_worker)

    assert client.post("/accounts/session/keep-alive/").status_code == 403


def test_an_expired_session_is_signed_out(client, social_worker):
    client.force_login(social_worker)
    set_session_expiry(client, timezone.now() - datetime.timedelta(seconds=1))

    response = client.get("/participants/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/participants/"


def test_pages_of_a_signed_in_user_carry_the_session_time_and_the_warning(client, social_worker):
    client.force_login(social_worker)

    page = client.get("/").content.decode()

    assert page.count("<body data-session-seconds=") == 1
    # A whole session from the sign-in, less the seconds a busy machine took to answer.
    assert settings.SESSION_COOKIE_AGE - 60 <= session_seconds(page) <= settings.SESSION_COOKIE_AGE
    assert 'id="session-warning" hidden' in page
    assert 'role="alertdialog"' in page
    assert 'data-keep-alive-url="/accounts/session/keep-alive/"' in page
    assert 'data-login-url="/accounts/login/"' in page
    assert 'data-csrf-token="' in page
    assert gettext("Stay signed in") in page
    assert gettext("You will soon be signed out") in page
    assert '<script src="/static/js/session-timeout.js" defer></script>' in page


def test_the_sign_in_page_has_no_session_timer(client):
    page = client.get("/accounts/login/").content.decode()

    assert "data-session-seconds" not in page
    assert "session-warning" not in page
    assert "session-timeout.js" not in page


def test_the_warning_script_is_a_static_file():
    script = Path(finders.find("js/session-timeout.js")).read_text()

    assert "sessionSeconds" in script and "keepAliveUrl" in script and "X-CSRFToken" in script


# Changing the password


NEW_PASSWORD = "Zielona-łąka-2026"


def test_changing_the_password_signs_out_the_other_sessions_and_keeps_this_one(db):
    UserFactory(username="anna.nowak")
    here, there = Client(), Client()
    assert sign_in(here, "anna.nowak").status_code == 302
    assert sign_in(there, "anna.nowak", address="10.0.0.2").status_code == 302

    response = here.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert here.get("/").status_code == 200
    elsewhere = there.get("/participants/")
    assert elsewhere.status_code == 302
    assert elsewhere["Location"] == "/accounts/login/?next=/participants/"
    assert sign_in(Client(), "anna.nowak", password=NEW_PASSWORD).status_code == 302


def test_changing_the_password_is_audited_without_the_password(client, social_worker):
    client.force_login(social_worker)

    client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE)
    assert (event.user, event.object_id, event.details) == (
        social_worker,
        str(social_worker.pk),
        {"event": "password_changed"},
    )
    assert NEW_PASSWORD not in json.dumps(event.details)


def test_a_weak_new_password_is_refused(client, social_worker):
    client.force_login(social_worker)

    response = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    social_worker.refresh_from_db()
    assert social_worker.check_password(PASSWORD)


def test_the_password_page_is_in_the_user_menu(client, social_worker):
    client.force_login(social_worker)

    page = client.get("/").content.decode()
    form = client.get("/accounts/password/")

    assert 'href="/accounts/password/"' in page
    assert form.status_code == 200
    assert gettext("Change password") in form.content.decode()


def test_the_password_page_needs_a_signed_in_user(client):
    response = client.get("/accounts/password/")

    assert response["Location"] == "/accounts/login/?next=/accounts/password/"
