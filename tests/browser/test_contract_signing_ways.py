"""The ways of signing a social contract, in a real browser.

A drawn signature survives a refused sending (a wrong password): the page comes back with the
drawing still on the pad and sends it again. Someone using only the keyboard reaches the pad,
reads where to go instead, chooses the typed name with the arrow keys and signs with it. With
JavaScript turned off, the typed name and the paper original (date and scan) still work.

Selectors use names, ids and URLs, never translated text.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from contracts.models import ContractStatus, SignatureMethod, SocialContract
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from kis.roles import Role
from kis.tests.pdfs import PLAIN_PDF
from participants.tests.factories import ParticipantFactory
from tests.browser.conftest import assert_no_csp_violations, close_context, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"
PNG_DATA_URL = "data:image/png;base64,"
# A real one-page PDF: an upload is parsed, not only recognised by its first bytes.
PDF_BYTES = PLAIN_PDF
STROKE = [(0.08, 0.7), (0.15, 0.25), (0.22, 0.75), (0.3, 0.3), (0.4, 0.65), (0.52, 0.35), (0.66, 0.6), (0.85, 0.4)]


@pytest.fixture
def worker(db):
    group = Group.objects.filter(name=Role.SOCIAL_WORKER).first()
    assert group is not None, "The social_worker group (created by a data migration) is missing."
    user = get_user_model().objects.create_user(
        username="anna.nowak", password=PASSWORD, first_name="Anna", last_name="Nowak"
    )
    user.groups.add(group)
    return user


def draft_for(worker, first_name="Janina", last_name="Przybylska") -> SocialContract:
    participant = ParticipantFactory(social_worker=worker, first_name=first_name, last_name=last_name, female=True)
    contract = SocialContractFactory(participant=participant)
    ContractTaskFactory(contract=contract)
    return contract


def sign_in(page, base):
    page.goto(f"{base}/accounts/login/")
    page.locator("main input[name=username]").fill("anna.nowak")
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def draw_with_mouse(page):
    canvas = page.locator("#signature-pad")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    points = [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in STROKE]
    page.mouse.move(*points[0])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(x, y, steps=6)
    page.mouse.up()


def inked_pixels_on_pad(page) -> int:
    return page.evaluate(
        """() => { const c = document.getElementById("signature-pad");
        const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++; return n; }"""
    )


def pad_says_signed(page) -> bool:
    expected = page.locator("#signature-text-signed").text_content().strip()
    return page.locator("#signature-state").text_content().strip() == expected


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def submit(page, password):
    form = page.locator("main form:has(#signature-pad)")
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_a_drawn_signature_survives_a_wrong_password(live_server, kis_page, assert_accessible, worker):
    contract = draft_for(worker)
    page, base = kis_page, live_server.url
    sign_in(page, base)
    sign_url = f"{base}/contracts/{contract.pk}/sign/"
    page.goto(sign_url)
    assert_accessible(page, "contract signing page")

    draw_with_mouse(page)
    assert pad_says_signed(page)
    submit(page, "not-my-password")

    # Refused: the page comes back with the error and the drawing, redrawn from what was sent.
    assert page.url == sign_url
    assert page.locator("main #error-summary").is_visible()
    assert SocialContract.objects.get(pk=contract.pk).status == ContractStatus.DRAFT
    kept = page.locator("#id_signature").input_value()
    assert kept.startswith(PNG_DATA_URL)
    page.wait_for_function(
        """() => { const c = document.getElementById("signature-pad");
        return c.getContext("2d").getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0); }"""
    )
    assert inked_pixels_on_pad(page) > 0
    assert pad_says_signed(page)
    assert_accessible(page, "contract signing page with an error")

    # Sent again untouched, with the right password: the same drawing is signed.
    submit(page, PASSWORD)
    page.wait_for_url(f"{base}/contracts/{contract.pk}/")
    contract.refresh_from_db()
    assert (contract.status, contract.signature_method) == (ContractStatus.SIGNED, SignatureMethod.DRAWN)
    assert contract.participant_signature == kept


def test_the_keyboard_alone_reaches_the_pad_and_signs_with_the_typed_name(
    live_server, kis_page, assert_accessible, worker
):
    contract = draft_for(worker)
    page, base = kis_page, live_server.url
    sign_in(page, base)
    page.goto(f"{base}/contracts/{contract.pk}/sign/")

    # From the chosen way, the next stop of the Tab key is the drawing box, with its note.
    page.locator("#id_method_0").focus()
    assert page.locator("#id_method_0").is_checked()
    page.keyboard.press("Tab")
    assert focused_id(page) == "signature-pad"
    assert page.locator("#signature-keyboard").is_visible()
    describedby = page.locator("#signature-pad").get_attribute("aria-describedby").split()
    assert "signature-keyboard" in describedby

    # Back to the ways, and the arrow key chooses the typed name: the pad gives way to its fields.
    page.keyboard.press("Shift+Tab")
    assert focused_id(page) == "id_method_0"
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_method_1").is_checked()
    assert not page.locator("#signature-pad").is_visible()
    assert page.locator("#id_typed_name").is_visible()
    assert not page.locator("#id_scan").is_visible()
    assert_accessible(page, "contract signing page, typed name chosen")

    page.keyboard.press("Tab")
    assert focused_id(page) == "id_typed_name"
    page.keyboard.type("janina  PRZYBYLSKA")
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_typed_confirmation"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_password"
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.wait_for_url(f"{base}/contracts/{contract.pk}/")
    contract.refresh_from_db()
    assert (contract.status, contract.signature_method) == (ContractStatus.SIGNED, SignatureMethod.TYPED)
    assert contract.participant_typed_name == "janina PRZYBYLSKA"
    assert contract.participant_signature == ""


def test_without_javascript_the_typed_name_and_the_paper_original_work(live_server, kis_browser, worker):
    typed_contract = draft_for(worker)
    paper_contract = draft_for(worker, first_name="Zofia", last_name="Kaczmarek")
    signed_on = timezone.localdate() - datetime.timedelta(days=2)
    base = live_server.url
    context = new_context(kis_browser, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        sign_in(page, base)

        page.goto(f"{base}/contracts/{typed_contract.pk}/sign/")
        assert page.locator("noscript").count() == 1
        page.locator("#id_method_1").check()
        assert not page.locator("#signature-pad").is_visible()  # the style sheet alone hides the other ways
        page.locator("#id_typed_name").fill("Janina Przybylska")
        page.locator("#id_typed_confirmation").check()
        submit(page, PASSWORD)
        page.wait_for_url(f"{base}/contracts/{typed_contract.pk}/")
        typed_contract.refresh_from_db()
        assert (typed_contract.status, typed_contract.signature_method) == ("signed", "typed")

        page.goto(f"{base}/contracts/{paper_contract.pk}/sign/")
        page.locator("#id_method_2").check()
        assert not page.locator("#id_typed_name").is_visible()
        page.locator("#id_paper_signed_on").fill(signed_on.strftime("%d.%m.%Y"))
        page.locator("#id_scan").set_input_files(
            {"name": "umowa.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
        submit(page, PASSWORD)
        page.wait_for_url(f"{base}/contracts/{paper_contract.pk}/")
        paper_contract.refresh_from_db()
        assert (paper_contract.status, paper_contract.signature_method) == ("signed", "paper")
        assert paper_contract.signed_on == signed_on
        assert paper_contract.scan.open("rb").read() == PDF_BYTES
    finally:
        violations = close_context(context)
    assert_no_csp_violations(violations)
