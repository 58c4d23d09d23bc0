"""A social contract from draft to amendment, in a real browser.

A social worker drafts a contract from the participant's page, then — on a tablet-sized, touch
screen — has the participant sign it by drawing on the signature pad (with the mouse; an empty pad
is refused first), confirms with their own password, and finally amends the contract and signs the
amendment with a finger (touch events sent through the Chrome DevTools Protocol). The signed text's
SHA-256 must be shown and match the stored one, and the stored signature must be a real drawing.
axe-core checks every page on the way.

Selectors use names, ids and URLs, never translated text, so the test passes whether or not the
Polish catalogue has been compiled.
"""

import base64
import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image

from contracts.models import ContractAmendment, ContractStatus, SocialContract
from kis.models import Location
from kis.roles import Role
from participants.tests.factories import ParticipantFactory
from tests.browser.conftest import assert_no_csp_violations, close_context, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"
PNG_DATA_URL = "data:image/png;base64,"
# A tablet held upright (iPad Air): the signature is usually taken on one.
TABLET = {"viewport": {"width": 820, "height": 1180}, "device_scale_factor": 2, "has_touch": True}
# A signature-like stroke, as fractions of the pad's width and height.
STROKE = [(0.08, 0.7), (0.15, 0.25), (0.22, 0.75), (0.3, 0.3), (0.4, 0.65), (0.52, 0.35), (0.66, 0.6), (0.85, 0.4)]


@pytest.fixture
def worker_and_participant(db):
    # live_server needs a transactional database; the roles come from a data migration and are
    # only there because of serialized_rollback, so check rather than assume.
    group = Group.objects.filter(name=Role.SOCIAL_WORKER).first()
    assert group is not None, (
        "The social_worker group (created by a data migration) is missing: the transactional test "
        "database was flushed without serialized_rollback=True."
    )
    worker = get_user_model().objects.create_user(
        username="anna.nowak", password=PASSWORD, first_name="Anna", last_name="Nowak"
    )
    worker.groups.add(group)
    location = Location.objects.create(
        name="KIS Śródmieście", street="ul. Kopernika 22", postal_code="84-200", town="Wejherowo"
    )
    participant = ParticipantFactory(
        social_worker=worker, location=location, first_name="Janina", last_name="Przybylska", female=True
    )
    return worker, participant


def sign_in(page, base):
    page.goto(f"{base}/accounts/login/")
    page.locator("main input[name=username]").fill("anna.nowak")
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def pad_points(page):
    """The stroke in viewport coordinates, after bringing the whole pad into view."""
    canvas = page.locator("#signature-pad")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100, f"the signature pad is too small: {box}"
    return [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in STROKE]


def draw_with_mouse(page):
    points = pad_points(page)
    page.mouse.move(*points[0])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(x, y, steps=6)
    page.mouse.up()


def draw_with_finger(page):
    """A finger on a touch screen: raw touch events, which Chromium turns into touch pointer events."""
    points = pad_points(page)
    cdp = page.context.new_cdp_session(page)
    try:
        x, y = points[0]
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            for step in range(1, 7):
                x, y = x0 + (x1 - x0) * step / 6, y0 + (y1 - y0) * step / 6
                cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()


def record_pointer_types(page):
    page.evaluate(
        """() => { window.kisPointerTypes = [];
        document.getElementById("signature-pad").addEventListener("pointerdown",
            (e) => window.kisPointerTypes.push(e.pointerType)); }"""
    )


def inked_pixels_on_pad(page) -> int:
    return page.evaluate(
        """() => { const c = document.getElementById("signature-pad");
        const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++; return n; }"""
    )


def assert_pad_says(page, signed: bool):
    expected = page.locator("#signature-text-signed" if signed else "#signature-text-empty").text_content().strip()
    assert page.locator("#signature-state").text_content().strip() == expected


def assert_drawn_signature(data_url: str):
    """A PNG data URL holding a visible, dark stroke across most of the pad."""
    assert data_url.startswith(PNG_DATA_URL)
    image = Image.open(io.BytesIO(base64.b64decode(data_url[len(PNG_DATA_URL) :], validate=True)))
    assert image.format == "PNG"
    image = image.convert("RGBA")
    pixels = image.tobytes()  # RGBA, four bytes a pixel
    dark = sum(
        1 for i in range(0, len(pixels), 4) if pixels[i + 3] > 128 and pixels[i] + pixels[i + 1] + pixels[i + 2] < 200
    )
    assert dark > 200, f"the stored signature is (nearly) blank: {dark} dark pixels in {image.size}"
    left, _top, right, _bottom = image.getchannel("A").getbbox()
    assert right - left > image.width * 0.6, "the stored signature does not span the drawn stroke"


def submit_signature(page, password=PASSWORD):
    form = page.locator("main form:has(#signature-pad)")
    form.locator("input[name=password]").fill(password)
    # A refused signature comes back on the same URL, so wait for the navigation itself.
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_social_worker_drafts_signs_and_amends_a_contract(
    live_server, kis_browser, kis_page, assert_accessible, worker_and_participant
):
    worker, participant = worker_and_participant
    page = kis_page
    base = live_server.url
    today = timezone.localdate()
    period_end = today + datetime.timedelta(days=180)
    deadline = today + datetime.timedelta(days=30)

    # 1. Draft the contract from the participant's page, on a desktop screen.
    sign_in(page, base)
    page.goto(f"{base}/participants/{participant.pk}/")
    page.locator(f'main a[href="/contracts/new/?participant={participant.pk}"]').click()
    page.wait_for_url(f"{base}/contracts/new/?participant={participant.pk}")
    assert_accessible(page, "draft contract form")

    form = page.locator("main form[method=post]")
    form.locator("input[name=kind][value=B]").check()
    form.locator("input[name=place]").fill("Wejherowo")
    form.locator("input[name=period_start]").fill(today.isoformat())
    form.locator("input[name=period_end]").fill(period_end.isoformat())
    form.locator("textarea[name=problems]").fill("Długotrwałe bezrobocie, zadłużenie czynszowe.")
    form.locator("textarea[name=unemployment_causes]").fill("Brak kwalifikacji zawodowych.")
    form.locator("textarea[name=main_goal]").fill("Podjęcie zatrudnienia.")
    form.locator("textarea[name=centre_support]").fill("Poradnictwo zawodowe raz w tygodniu.")
    form.locator("input[name=tasks-0-description]").fill("Udział w warsztatach aktywizacji zawodowej")
    form.locator("select[name=tasks-0-responsible]").select_option("participant")
    form.locator("input[name=tasks-0-deadline]").fill(deadline.isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(base)}/contracts/\d+/$"))

    contract = SocialContract.objects.get(participant=participant)
    assert page.url == f"{base}/contracts/{contract.pk}/"
    assert contract.status == ContractStatus.DRAFT
    assert (contract.kind, contract.period_start, contract.period_end) == ("B", today, period_end)
    assert contract.social_worker == worker
    assert [(t.description, t.responsible, t.deadline) for t in contract.tasks.all()] == [
        ("Udział w warsztatach aktywizacji zawodowej", "participant", deadline)
    ]
    assert contract.missing_for_signing() == []
    assert page.locator(f'main a[href="/contracts/{contract.pk}/sign/"]').is_visible()
    assert page.locator("#integrity").count() == 0
    assert_accessible(page, "draft contract page")

    # 2. Sign it on a tablet: the participant draws, the worker re-enters their password.
    tablet_context = new_context(kis_browser, storage_state=page.context.storage_state(), **TABLET)
    try:
        tablet = tablet_context.new_page()
        sign_url = f"{base}/contracts/{contract.pk}/sign/"
        tablet.goto(sign_url)
        assert_accessible(tablet, "contract signing page (tablet)")
        # The pad fills the narrow screen and draws in device pixels.
        css_width, pixel_width = tablet.locator("#signature-pad").evaluate(
            "c => [c.getBoundingClientRect().width, c.width]"
        )
        assert pixel_width == round(css_width * 2)
        assert_pad_says(tablet, signed=False)

        # An untouched pad is refused, next to nothing saved.
        submit_signature(tablet)
        assert tablet.url == sign_url
        assert tablet.locator("main #error-summary").is_visible()
        contract.refresh_from_db()
        assert contract.status == ContractStatus.DRAFT
        assert contract.participant_signature == ""
        assert contract.snapshot_sha256 == ""
        assert_accessible(tablet, "contract signing page with an error (tablet)")

        # A stroke that is cleared leaves the pad empty again.
        draw_with_mouse(tablet)
        assert_pad_says(tablet, signed=True)
        assert inked_pixels_on_pad(tablet) > 0
        tablet.locator("#signature-clear").click()
        assert_pad_says(tablet, signed=False)
        assert inked_pixels_on_pad(tablet) == 0

        draw_with_mouse(tablet)
        assert_pad_says(tablet, signed=True)
        submit_signature(tablet)
        tablet.wait_for_url(f"{base}/contracts/{contract.pk}/")

        contract.refresh_from_db()
        assert contract.status == ContractStatus.SIGNED
        assert contract.signed_on == today
        assert len(contract.snapshot_sha256) == 64
        assert contract.snapshot_matches_hash()
        assert_drawn_signature(contract.participant_signature)
        integrity = tablet.locator("#integrity")
        assert "alert-success" in integrity.get_attribute("class").split()
        assert integrity.locator("code").inner_text().strip() == contract.snapshot_sha256
        assert tablet.locator("article.contract-document .hash code").inner_text().strip() == contract.snapshot_sha256
        # The drawn signature is shown in the document and has loaded.
        signature_image = tablet.locator("article.contract-document img.signature-image")
        assert signature_image.get_attribute("src") == contract.participant_signature
        assert signature_image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert tablet.locator(f'main a[href="/contracts/{contract.pk}/sign/"]').count() == 0
        assert_accessible(tablet, "signed contract page (tablet)")

        # 3. Amend it: a later end and a new task, then sign the amendment with a finger.
        new_end = period_end + datetime.timedelta(days=90)
        new_deadline = period_end + datetime.timedelta(days=30)  # only valid with the new end
        tablet.locator(f'main a[href="/contracts/{contract.pk}/amendments/new/"]').click()
        tablet.wait_for_url(f"{base}/contracts/{contract.pk}/amendments/new/")
        assert_accessible(tablet, "amendment form (tablet)")
        form = tablet.locator("main form[method=post]")
        form.locator("textarea[name=reason]").fill("Uczestniczka rozpoczęła kurs zawodowy trwający dłużej.")
        form.locator("input[name=new_period_end]").fill(new_end.isoformat())
        form.locator("input[name=tasks-0-description]").fill("Ukończenie kursu operatora wózków widłowych")
        form.locator("select[name=tasks-0-responsible]").select_option("participant")
        form.locator("input[name=tasks-0-deadline]").fill(new_deadline.isoformat())
        form.locator("button[type=submit]").click()
        tablet.wait_for_url(f"{base}/contracts/{contract.pk}/amendments/1/sign/")

        amendment = ContractAmendment.objects.get(contract=contract)
        assert (amendment.number, amendment.status, amendment.new_period_end) == (1, ContractStatus.DRAFT, new_end)
        assert [(t.description, t.deadline) for t in amendment.tasks.all()] == [
            ("Ukończenie kursu operatora wózków widłowych", new_deadline)
        ]
        assert_accessible(tablet, "amendment signing page (tablet)")
        record_pointer_types(tablet)
        draw_with_finger(tablet)
        assert "touch" in tablet.evaluate("window.kisPointerTypes")
        assert_pad_says(tablet, signed=True)
        submit_signature(tablet)
        tablet.wait_for_url(f"{base}/contracts/{contract.pk}/")

        amendment.refresh_from_db()
        contract.refresh_from_db()
        assert amendment.status == ContractStatus.SIGNED
        assert len(amendment.snapshot_sha256) == 64
        assert amendment.snapshot_matches_hash()
        assert_drawn_signature(amendment.participant_signature)
        assert contract.effective_period_end == new_end
        assert contract.period_end == period_end  # the signed text itself never changes

        # The contract page shows the contract as amended and the amendment in its history.
        document = tablet.locator("article.contract-document")
        assert new_end.strftime("%d.%m.%Y") in document.inner_text()
        in_document = document.locator("#amendment-1")
        assert new_end.strftime("%d.%m.%Y") in in_document.inner_text()
        assert in_document.locator(".hash code").inner_text().strip() == amendment.snapshot_sha256
        history = tablet.locator("section[aria-labelledby=h-amendments] li")
        assert history.count() == 1
        assert amendment.reason in history.inner_text()
        assert history.locator("code").inner_text().strip() == amendment.snapshot_sha256
        assert "Ukończenie kursu operatora wózków widłowych" in tablet.locator(".after-signing").inner_text()
        assert "alert-success" in tablet.locator("#integrity").get_attribute("class").split()
        assert tablet.locator("#integrity code").inner_text().strip() == contract.snapshot_sha256
        assert_accessible(tablet, "amended contract page (tablet)")
    finally:
        violations = close_context(tablet_context)
    assert_no_csp_violations(violations)
