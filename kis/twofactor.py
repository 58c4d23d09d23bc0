"""Two-factor sign-in (django-otp) for the roles that see the most: managers and administrators.

After the password, a user in one of ``KIS_TWO_FACTOR_ROLES`` reaches nothing but the pages of
this module until the session is verified: on the first sign-in they set up an authenticator app
(TOTP) and receive ten recovery codes; afterwards they give the app's current code, or one of the
recovery codes (each works once). Codes are checked by the devices of django-otp, which slow down
repeated wrong codes (``verify_is_allowed``). The audit trail records set-up, every code accepted
and every code refused — never a code itself.

A lost phone: an administrator deletes the user's TOTP device in the admin, and the user sets up a
new one at the next sign-in.
"""

import datetime
from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kis.audit import log_event
from kis.models import AuditEvent
from kis.roles import Role, user_roles

RECOVERY_CODE_COUNT = 10
# The codes just created, kept in the session until the page that shows them once.
NEW_CODES_SESSION_KEY = "kis_new_recovery_codes"
# Pages an unverified user may still open: these pages themselves, signing out, the language
# switch, the health check and the session keep-alive (which renews nothing but the session).
OPEN_BEFORE_VERIFICATION = {"two_factor", "two_factor_setup", "logout", "set_language", "healthz", "keep_alive"}


def requires_two_factor(user) -> bool:
    """Whether this signed-in user must give a one-time code after the password."""
    roles = set(settings.KIS_TWO_FACTOR_ROLES)
    if not roles or not user.is_authenticated:
        return False
    # A superuser holds every permission an administrator has, whatever their groups.
    return bool(user_roles(user) & roles) or (user.is_superuser and Role.ADMIN in roles)


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def next_url(request) -> str:
    """Where to go once verified: the page first asked for, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def with_next(url_name: str, target: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': target})}" if target else reverse(url_name)


class TwoFactorMiddleware:
    """Sends an unverified user of a two-factor role to the code page (or the set-up page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if requires_two_factor(request.user) and not request.user.is_verified() and not self.is_open(request):
            target = request.get_full_path() if request.method in ("GET", "HEAD") else ""
            page = "two_factor" if has_authenticator(request.user) else "two_factor_setup"
            return redirect(with_next(page, target))
        return self.get_response(request)

    @staticmethod
    def is_open(request) -> bool:
        if request.path_info.startswith(f"/{settings.STATIC_URL.lstrip('/')}"):
            return True
        try:
            return resolve(request.path_info).view_name in OPEN_BEFORE_VERIFICATION
        except Resolver404:
            return False


class CodeForm(forms.Form):
    code = forms.CharField(
        label=pgettext_lazy("one-time code", "Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        # People copy codes with the spaces and dashes they were shown with.
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()


def throttled_message(until: datetime.datetime | None) -> str:
    if until is None:
        return _("Too many wrong codes in a row. Wait a moment and try again.")
    return _("Too many wrong codes in a row. Try again after %(time)s.") % {
        "time": timezone.localtime(until).strftime("%H:%M:%S")
    }


def check_code(devices, code: str):
    """The device that accepts ``code`` (which it then will not accept again), and, when none did,
    until when a device refused to check because of earlier wrong codes.

    ``devices`` is a queryset; its rows are locked so that parallel attempts cannot slip past the
    slow-down between wrong codes.
    """
    throttled_until = None
    with transaction.atomic():
        for device in devices.select_for_update():
            allowed, data = device.verify_is_allowed()
            if not allowed:
                throttled_until = (data or {}).get("locked_until") or timezone.now()
                continue
            if device.verify_token(code):
                return device, None
    return None, throttled_until


def verify(request):
    """The code page: the authenticator app's current code, or a recovery code."""
    user = request.user
    if not requires_two_factor(user) or user.is_verified():
        return redirect(next_url(request))
    if not has_authenticator(user):
        return redirect(with_next("two_factor_setup", request.GET.get("next", "")))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        recovery = not (code.isdigit() and len(code) == 6)
        devices = (StaticDevice if recovery else TOTPDevice).objects.filter(user=user, confirmed=True)
        device, throttled_until = check_code(devices, code)
        method = "recovery_code" if recovery else "totp"
        if device is not None:
            otp_login(request, device)
            details = {"event": "two_factor", "method": method}
            if recovery:
                details["recovery_codes_left"] = device.token_set.count()
            log_event(request=request, action=AuditEvent.Action.LOGIN, details=details)
            return redirect(next_url(request))
        details = {"event": "two_factor", "method": method, "throttled": throttled_until is not None}
        log_event(request=request, action=AuditEvent.Action.LOGIN_FAILED, details=details)
        if throttled_until is not None:
            form.add_error("code", throttled_message(throttled_until))
        else:
            form.add_error(
                "code", _("This code is not valid. Enter the current code from the app, or an unused recovery code.")
            )
    return render(request, "kis/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})


def qr_code_svg(device: TOTPDevice) -> str:
    """The authenticator app's set-up link as an inline SVG (no style attributes: the CSP allows none)."""
    qr = segno.make(device.config_url, error="m")
    return mark_safe(qr.svg_inline(scale=5, light="#fff", title=_("QR code for the authenticator app")))


def grouped_secret(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def setup(request):
    """First sign-in of a two-factor role: scan the QR code, confirm with a code, get recovery codes.

    Only while the user has no confirmed authenticator: otherwise someone who knew only the
    password could replace it with their own.
    """
    user = request.user
    if has_authenticator(user):
        return redirect(
            next_url(request) if user.is_verified() else with_next("two_factor", request.GET.get("next", ""))
        )
    if not requires_two_factor(user):
        return redirect(next_url(request))
    # The same key across reloads, so that an app already scanned keeps working.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="KIS", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted, throttled_until = check_code(TOTPDevice.objects.filter(pk=device.pk), form.cleaned_data["code"])
        if accepted is not None:
            accepted.confirmed = True
            accepted.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            otp_login(request, accepted)
            request.session[NEW_CODES_SESSION_KEY] = create_recovery_codes(user)
            log_event(
                request=request, action=AuditEvent.Action.UPDATE, obj=user, details={"event": "two_factor_set_up"}
            )
            log_event(
                request=request, action=AuditEvent.Action.LOGIN, details={"event": "two_factor", "method": "totp"}
            )
            return redirect(with_next("recovery_codes", request.GET.get("next", "")))
        log_event(
            request=request,
            action=AuditEvent.Action.LOGIN_FAILED,
            details={"event": "two_factor_set_up", "throttled": throttled_until is not None},
        )
        if throttled_until is not None:
            form.add_error("code", throttled_message(throttled_until))
        else:
            form.add_error(
                "code", _("This code is not valid. Check that the phone's clock is right and enter the current code.")
            )
    secret = b32encode(device.bin_key).decode().rstrip("=")
    context = {"form": form, "qr_code": qr_code_svg(device), "secret": secret, "secret_grouped": grouped_secret(secret)}
    return render(request, "kis/two_factor_setup.html", context)


def create_recovery_codes(user) -> list[str]:
    """Ten new recovery codes for the user, replacing any left (shown to the user once)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": "recovery codes"})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    device.throttle_reset()
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def recovery_codes(request):
    """The new recovery codes, once; or how many are left, with a button to create new ones."""
    user = request.user
    if not user.is_verified():
        # Only a user signed in with a second factor has recovery codes to manage.
        raise PermissionDenied
    if request.method == "POST":
        request.session[NEW_CODES_SESSION_KEY] = create_recovery_codes(user)
        log_event(
            request=request, action=AuditEvent.Action.UPDATE, obj=user, details={"event": "recovery_codes_created"}
        )
        return redirect(with_next("recovery_codes", request.POST.get("next", "")))
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    left = StaticToken.objects.filter(device__user=user).count()
    context = {"codes": codes, "left": left, "next": next_url(request)}
    return render(request, "kis/two_factor_recovery_codes.html", context)
