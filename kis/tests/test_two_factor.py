"""Two-factor sign-in: managers and administrators set up an authenticator app on their first
sign-in and give its code (or a recovery code) after the password every time; other roles do not."""

import datetime
import json
from base64 import b32encode

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.translation import gettext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kis.models import AuditEvent
from kis.tests.factories import UserFactory
from kis.tests.test_settings import run_python
from kis.twofactor import create_recovery_codes

SETUP = "/accounts/two-factor/setup/"
VERIFY = "/accounts/two-factor/"
RECOVERY = "/accounts/two-factor/recovery-codes/"


@pytest.fixture(autouse=True)
def _two_factor_for_managers_and_administrators():
    # The test settings switch it off for the rest of the suite; these tests use the default.
    with override_settings(KIS_TWO_FACTOR_ROLES=["manager", "admin"]):
        yield


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return "000000" if code_of(device) != "000000" else "111111"


@pytest.fixture
def authenticator(manager):
    return TOTPDevice.objects.create(user=manager, name="KIS", confirmed=True)


def verify_session(client, device) -> None:
    """Mark the client's session as verified with ``device``, as a code accepted earlier would."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def test_the_production_default_asks_managers_and_administrators():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps([s.KIS_TWO_FACTOR_ROLES, s.MIDDLEWARE]))"
    )
    result = run_python(code, DJANGO_SECRET_KEY="x" * 50)
    roles, middleware = json.loads(result.stdout)

    assert roles == ["manager", "admin"]
    authentication = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert middleware[authentication + 1] == "django_otp.middleware.OTPMiddleware"
    assert middleware.index("kis.twofactor.TwoFactorMiddleware") > authentication + 1


def test_a_manager_with_only_a_password_is_sent_to_set_up_two_factor(client, manager):
    response = client.post("/accounts/login/", {"username": manager.username, "password": "kis-test-password"})
    assert response.status_code == 302

    for url in ("/", "/participants/", "/audit/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{SETUP}?next={url.replace('/', '%2F')}"


def test_the_set_up_page_shows_the_qr_code_and_the_key_in_groups_of_four(client, manager):
    client.force_login(manager)

    response = client.get(SETUP)

    page = response.content.decode()
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    secret = b32encode(device.bin_key).decode().rstrip("=")
    assert response.status_code == 200
    assert '<svg width="' in page and "<title>" in page
    assert f'data-secret="{secret}"' in page
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page
    assert "style=" not in page.split('<svg width="', 1)[1].split("</svg>", 1)[0]
    # A reload shows the same key, for an app that has already scanned it.
    assert f'data-secret="{secret}"' in client.get(SETUP).content.decode()


def test_setting_up_with_a_correct_code_reaches_the_dashboard_and_shows_recovery_codes_once(client, manager):
    client.force_login(manager)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    code = code_of(device)

    response = client.post(f"{SETUP}?next=/participants/", {"code": code})

    assert response.status_code == 302
    assert response["Location"] == f"{RECOVERY}?next=%2Fparticipants%2F"
    device.refresh_from_db()
    assert device.confirmed
    shown = client.get(response["Location"])
    codes = [token.token for token in StaticToken.objects.filter(device__user=manager)]
    assert len(codes) == 10
    for token in codes:
        assert f"{token[:4]}-{token[4:]}" in shown.content.decode()
    assert 'href="/participants/"' in shown.content.decode()
    assert codes[0][:4] + "-" not in client.get(RECOVERY).content.decode()
    assert client.get("/").status_code == 200

    events = AuditEvent.objects.filter(user=manager)
    assert {(e.action, e.details.get("event")) for e in events} >= {
        (AuditEvent.Action.UPDATE, "two_factor_set_up"),
        (AuditEvent.Action.LOGIN, "two_factor"),
    }
    recorded = json.dumps([e.details for e in events])
    assert code not in recorded and codes[0] not in recorded


def test_a_wrong_code_at_set_up_is_refused(client, manager):
    client.force_login(manager)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=manager)

    response = client.post(SETUP, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/")["Location"].startswith(SETUP)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, user=manager).exists()


def test_a_manager_with_an_authenticator_gives_its_code_after_the_password(client, manager, authenticator):
    client.force_login(manager)
    assert client.get("/")["Location"] == f"{VERIFY}?next=%2F"

    response = client.post(f"{VERIFY}?next=/", {"code": code_of(authenticator), "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN, user=manager, details__event="two_factor")
    assert event.details == {"event": "two_factor", "method": "totp"}


def test_a_wrong_code_is_refused_and_audited_without_the_code(client, manager, authenticator):
    client.force_login(manager)
    code = wrong_code(authenticator)

    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        gettext("This code is not valid. Enter the current code from the app, or an unused recovery code.")
    ]
    assert client.get("/")["Location"].startswith(VERIFY)
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED, user=manager)
    assert event.details == {"event": "two_factor", "method": "totp", "throttled": False}
    assert code not in json.dumps(event.details)


def test_after_wrong_codes_even_the_right_one_waits(client, manager, authenticator):
    authenticator.throttling_failure_count = 5
    authenticator.throttling_failure_timestamp = timezone.now()
    authenticator.save()
    client.force_login(manager)

    response = client.post(VERIFY, {"code": code_of(authenticator)})

    assert response.status_code == 200
    message = gettext("Too many wrong codes in a row. Try again after %(time)s.").split("%(time)s")[0]
    assert message in response.content.decode()
    assert client.get("/")["Location"].startswith(VERIFY)


def test_a_recovery_code_signs_in_once(manager, authenticator):
    code = create_recovery_codes(manager)[0]
    first, second = Client(), Client()
    first.force_login(manager)
    second.force_login(manager)

    assert first.post(VERIFY, {"code": code.upper()})["Location"] == "/"
    assert first.get("/").status_code == 200
    refused = second.post(VERIFY, {"code": code})
    assert refused.status_code == 200
    assert second.get("/")["Location"].startswith(VERIFY)
    assert StaticToken.objects.filter(device__user=manager).count() == 9
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN, user=manager, details__event="two_factor")
    assert event.details == {"event": "two_factor", "method": "recovery_code", "recovery_codes_left": 9}


def test_someone_with_the_password_alone_cannot_replace_the_authenticator(client, manager, authenticator):
    client.force_login(manager)

    response = client.get(SETUP)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=manager)) == [authenticator]


def test_a_coordinator_is_not_asked_for_a_code(client, coordinator, social_worker):
    response = client.post("/accounts/login/", {"username": coordinator.username, "password": "kis-test-password"})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.force_login(social_worker)
    assert client.get("/participants/").status_code == 200
    assert client.get(SETUP)["Location"] == "/"


def test_the_administration_is_covered_too(client, admin_user):
    client.force_login(admin_user)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"


def test_a_superuser_without_a_role_is_asked_too(client, db):
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(superuser)

    assert client.get("/")["Location"].startswith(SETUP)


def test_before_the_code_signing_out_and_the_open_pages_still_work(client, manager, authenticator):
    client.force_login(manager)

    assert client.get("/healthz").status_code == 200
    assert client.post("/accounts/session/keep-alive/").status_code == 204
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    assert client.get("/static/js/session-timeout.js").status_code != 302
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_verified_manager_can_replace_the_recovery_codes(client, manager, authenticator):
    old = create_recovery_codes(manager)
    client.force_login(manager)
    verify_session(client, authenticator)

    response = client.post(RECOVERY)

    assert response["Location"] == RECOVERY
    new = client.get(RECOVERY).content.decode()
    tokens = list(StaticToken.objects.filter(device__user=manager).values_list("token", flat=True))
    assert len(tokens) == 10
    assert all(f"{token[:4]}-{token[4:]}" in new for token in tokens)
    assert not any(code in new for code in old)
    assert AuditEvent.objects.filter(details__event="recovery_codes_created", user=manager).exists()


def test_the_recovery_codes_page_is_for_verified_users_only(client, coordinator, manager, authenticator):
    client.force_login(coordinator)
    assert client.get(RECOVERY).status_code == 403
    client.force_login(manager)
    assert client.get(RECOVERY)["Location"].startswith(VERIFY)


def test_the_user_menu_links_the_recovery_codes_of_a_verified_user(client, manager, authenticator):
    client.force_login(manager)
    verify_session(client, authenticator)

    page = client.get("/").content.decode()

    assert f'href="{RECOVERY}"' in page
    assert gettext("Recovery codes") in page


def test_a_verified_session_ends_with_the_idle_timeout_like_any_other(client, manager, authenticator):
    client.force_login(manager)
    verify_session(client, authenticator)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    assert client.get("/")["Location"] == "/accounts/login/?next=/"
