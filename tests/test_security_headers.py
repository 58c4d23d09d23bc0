"""Security headers on every response, no caching of anything that shows personal data, and
templates that need no exception to the Content-Security-Policy."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from contracts.tests.factories import SocialContractFactory
from participants.tests.factories import ParticipantFactory
from reports.tests.factories import ReportProjectFactory

EXPECTED = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# What the policy must say, directive by directive.
POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
}
REFUSED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "display-capture"]


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_secure_headers(response):
    for header, value in EXPECTED.items():
        assert response.headers.get(header) == value, (header, response.headers.get(header))
    assert policy(response) == POLICY
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    features = dict(item.split("=", 1) for item in response.headers["Permissions-Policy"].split(", "))
    for feature in REFUSED_FEATURES:
        assert features.get(feature) == "()", feature


def assert_not_cached(response):
    cache_control = {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= cache_control, response.headers.get("Cache-Control")


@pytest.mark.django_db
def test_the_login_page_carries_the_security_headers_and_is_not_cached(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert_secure_headers(response)
    assert_not_cached(response)


@pytest.mark.django_db
def test_a_persons_record_is_never_cached(client, social_worker):
    person = ParticipantFactory(social_worker=social_worker)
    client.force_login(social_worker)

    response = client.get(f"/participants/{person.pk}/")

    assert response.status_code == 200
    assert_secure_headers(response)
    assert_not_cached(response)


@pytest.mark.django_db
def test_a_contract_pdf_is_never_cached(client, social_worker):
    contract = SocialContractFactory(participant=ParticipantFactory(social_worker=social_worker))
    client.force_login(social_worker)

    response = client.get(f"/contracts/{contract.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_secure_headers(response)
    assert_not_cached(response)


@pytest.mark.django_db
def test_the_esf_sheet_is_never_cached(client, manager):
    project = ReportProjectFactory()
    client.force_login(manager)

    response = client.get(f"/reports/projects/{project.pk}/participants.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert_not_cached(response)


@pytest.mark.django_db
def test_error_pages_carry_the_headers_too(client, social_worker):
    client.force_login(social_worker)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert_secure_headers(response)
    assert_not_cached(response)


@pytest.mark.django_db
def test_the_favicon_is_served_without_sign_in(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}


def browser_templates():
    """Every template a browser is sent (the *_pdf.html ones only go to WeasyPrint)."""
    roots = [Path(settings.BASE_DIR) / "templates"]
    return sorted(path for root in roots for path in root.rglob("*.html") if not path.name.endswith("_pdf.html"))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


@pytest.mark.parametrize("path", browser_templates(), ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_no_template_needs_inline_code(path):
    text = path.read_text()

    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to static/js/"
    assert not HANDLER.search(text), "on…= handler: add the listener in static/js/"
    assert not STYLE_ATTRIBUTE.search(text), "style= attribute: use a class in static/css/kis.css"
    assert "<style" not in text, "<style> element: use static/css/kis.css"
    assert "javascript:" not in text.lower()


def test_the_inline_code_patterns_catch_what_they_are_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/js/x.js"></script>')
    assert not INLINE_SCRIPT.search('<script id="d" type="application/json">{}</script>')
    assert HANDLER.search('<button onclick="go()">')
    assert STYLE_ATTRIBUTE.search('<p style="color: red">')
    assert not HANDLER.search('<input name="one">')
