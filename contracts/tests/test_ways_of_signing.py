"""The three ways a participant signs — drawn on screen, their full name typed and confirmed, or on
paper (entered with the date and the scan) — each recorded as such; a refused signing shows every
problem at once and keeps what was entered."""

import datetime
import hashlib
import html
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext

from contracts import services
from contracts.models import ContractAmendment, ContractStatus, SignatureMethod, SocialContract
from contracts.signatures import comparable_name
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE, messages_of
from kis.models import AuditEvent
from kis.tests.pdfs import PLAIN_PDF

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
PDF_BYTES = PLAIN_PDF

WRONG_PASSWORD = "The password is not correct. Re-enter your own password to confirm the signature."
SIGNATURE_MISSING = "The participant's signature is missing: ask the participant to sign in the box."


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def sign_page(client, contract, **data):
    return client.post(
        f"/contracts/{contract.pk}/sign/", {"password": PASSWORD, "version": str(contract.version), **data}
    )


def typed(**data):
    return {"method": "typed", "typed_name": "Łucja Żółkiewska", "typed_confirmation": "on", **data}


def paper(signed_on, content=PDF_BYTES, name="umowa.pdf", **data):
    scan = SimpleUploadedFile(name, content, content_type="application/pdf")
    return {"method": "paper", "paper_signed_on": signed_on.isoformat(), "scan": scan, **data}


def errors(response) -> dict:
    return response.context["form"].errors


def all_messages(response) -> list[str]:
    return [message for messages in errors(response).values() for message in messages]


def sign_event(obj):
    return AuditEvent.objects.get(
        action=AuditEvent.Action.SIGN, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    )


# --- the page -------------------------------------------------------------------------------


def test_the_signing_page_offers_three_ways_the_last_two_plain_fields(client, social_worker, draft):
    client.force_login(social_worker)

    content = html.unescape(client.get(f"/contracts/{draft.pk}/sign/").content.decode())

    for way in ("drawn", "typed", "paper"):
        assert f'name="method" value="{way}"' in content
    assert 'enctype="multipart/form-data"' in content
    # Typed and paper need no script: ordinary inputs.
    assert 'type="text" name="typed_name"' in content
    assert 'type="checkbox" name="typed_confirmation"' in content
    assert 'name="paper_signed_on"' in content
    assert 'type="file" name="scan"' in content
    assert gettext("I, the participant, sign this contract by typing my name") in content
    # The drawing box is reachable by keyboard, has a name, and points keyboard users elsewhere.
    canvas = content.split('<canvas class="signature-pad"')[1].split(">")[0]
    assert 'tabindex="0"' in canvas
    assert f'aria-label="{gettext("Signature box for the participant")}"' in canvas
    assert 'aria-describedby="signature-help signature-keyboard"' in canvas
    assert 'id="signature-keyboard"' in content
    assert "<noscript>" in content


def test_the_drawn_way_is_chosen_when_the_page_opens(client, social_worker, draft):
    client.force_login(social_worker)

    form = client.get(f"/contracts/{draft.pk}/sign/").context["form"]

    assert form["method"].value() == SignatureMethod.DRAWN
    assert "checked" in str(form["method"][0])


# --- drawn ----------------------------------------------------------------------------------


def test_a_drawn_signature_is_recorded_as_drawn(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, method="drawn", signature=SIGNATURE)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.signature_method, draft.signed_on) == (ContractStatus.SIGNED, "drawn", TODAY())
    assert draft.participant_signature == SIGNATURE
    assert draft.participant_typed_name == ""
    assert sign_event(draft).details["signature_method"] == "drawn"


def test_after_a_wrong_password_the_drawn_signature_is_sent_back_to_the_page(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, method="drawn", signature=SIGNATURE, password="not-mine")

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors()) == [gettext(WRONG_PASSWORD)]
    assert f'name="signature" value="{SIGNATURE}"' in response.content.decode()
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_an_unreadable_drawing_is_not_sent_back(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, method="drawn", signature="data:image/png;base64,not base64!")

    assert gettext("The signature could not be read; clear it and sign again.") in all_messages(response)
    assert 'name="signature" value=' not in response.content.decode()


def test_a_missing_signature_and_a_wrong_password_are_reported_together(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, method="drawn", signature="", password="not-mine")

    assert list(response.context["form"].non_field_errors()) == [gettext(SIGNATURE_MISSING), gettext(WRONG_PASSWORD)]
    content = html.unescape(response.content.decode())
    summary = content.split('id="error-summary"')[1].split("</div>")[0]
    assert gettext(SIGNATURE_MISSING) in summary and gettext(WRONG_PASSWORD) in summary
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_a_bad_signature_and_what_the_draft_lacks_are_reported_together(client, social_worker, participant):
    contract = SocialContractFactory(participant=participant, main_goal="")
    ContractTaskFactory(contract=contract)
    client.force_login(social_worker)

    response = sign_page(client, contract, method="drawn", signature="")

    assert list(response.context["form"].non_field_errors()) == [
        gettext(SIGNATURE_MISSING),
        gettext("The draft cannot be signed yet. Missing: %(missing)s.") % {"missing": gettext("the main goal")},
    ]


# --- typed ----------------------------------------------------------------------------------


def test_a_typed_name_is_recorded_as_typed_whatever_its_case_and_spacing(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, **typed(typed_name="  łucja   ŻÓŁKIEWSKA "))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.signature_method) == (ContractStatus.SIGNED, SignatureMethod.TYPED)
    assert draft.participant_typed_name == "łucja ŻÓŁKIEWSKA"
    assert draft.participant_signature == ""
    assert draft.snapshot_matches_hash() is True
    event = sign_event(draft)
    assert (event.user, event.details["signature_method"]) == (social_worker, "typed")


def test_the_typed_way_ignores_a_drawing_left_on_the_pad(client, social_worker, draft):
    client.force_login(social_worker)

    sign_page(client, draft, **typed(signature=SIGNATURE))

    draft.refresh_from_db()
    assert (draft.signature_method, draft.participant_signature) == ("typed", "")


def test_a_name_in_another_unicode_form_matches():
    decomposed = unicodedata.normalize("NFD", "Łucja Żółkiewska")
    assert decomposed != "Łucja Żółkiewska"

    assert comparable_name(decomposed) == comparable_name("ŁUCJA  żółkiewska")


def test_a_name_that_is_not_the_participants_is_refused_with_the_name_expected(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, **typed(typed_name="Łucja Żółkiewsk"))

    assert response.status_code == 200
    [message] = errors(response)["typed_name"]
    assert "Łucja Żółkiewska" in message
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_the_typed_way_needs_the_participants_tick(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, **typed(typed_confirmation=""))

    assert errors(response)["typed_confirmation"] == [
        gettext(
            "The participant has not confirmed that typing their name is their signature: ask them to tick the box."
        )
    ]
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_every_problem_of_a_typed_signature_is_reported_at_once_and_the_name_is_kept(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, **typed(typed_name="Jan Kowalski", typed_confirmation="", password="x"))

    assert set(errors(response)) == {"typed_name", "typed_confirmation", "__all__"}
    assert list(response.context["form"].non_field_errors()) == [gettext(WRONG_PASSWORD)]
    assert 'name="typed_name" value="Jan Kowalski"' in response.content.decode()
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_after_a_wrong_password_the_typed_name_and_the_tick_are_kept(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, **typed(password="not-mine"))

    form = response.context["form"]
    assert list(form.non_field_errors()) == [gettext(WRONG_PASSWORD)]
    assert form["typed_name"].value() == "Łucja Żółkiewska"
    assert form["typed_confirmation"].value() is True
    assert form["method"].value() == "typed"


def test_the_typed_service_checks_the_name_and_the_tick_itself(draft, social_worker):
    with pytest.raises(services.ContractError) as refused:
        services.contract_sign(
            contract_id=draft.pk, user=social_worker, password=PASSWORD, method="typed", typed_name="Ktoś Inny"
        )

    assert len(refused.value.messages) == 2
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_the_list_shows_how_each_contract_was_signed(client, social_worker, draft, participant):
    client.force_login(social_worker)
    sign_page(client, draft, **typed())

    content = html.unescape(client.get("/contracts/").content.decode())

    assert str(SignatureMethod.TYPED.label) in content
    assert SocialContract.objects.get(pk=draft.pk).get_signature_method_display() == SignatureMethod.TYPED.label


# --- on paper -------------------------------------------------------------------------------


def test_a_contract_signed_on_paper_is_concluded_on_that_day_with_its_scan(client, social_worker, draft, private_media):
    signed_on = TODAY() - DAY * 3
    client.force_login(social_worker)

    response = sign_page(client, draft, **paper(signed_on))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.signature_method, draft.signed_on) == ("signed", "paper", signed_on)
    assert draft.participant_signature == "" and draft.participant_typed_name == ""
    assert draft.snapshot_matches_hash() is True
    stored = private_media / draft.scan.name
    assert stored.read_bytes() == PDF_BYTES
    assert draft.scan_sha256 == hashlib.sha256(stored.read_bytes()).hexdigest()
    assert draft.scan_uploaded_at is not None
    event = sign_event(draft)
    assert event.details["signature_method"] == "paper"
    assert event.details["signed_on"] == signed_on.isoformat()  # back-dated, and when it was entered
    assert "entered_at" in event.details
    assert event.details["scan_sha256"] == draft.scan_sha256
    assert messages_of(response)[0].startswith(f"Contract {draft.number} entered as signed on paper on")
    # The scan is served from the contract's page like any other.
    served = client.get(f"/contracts/{draft.pk}/scan/")
    assert b"".join(served.streaming_content) == PDF_BYTES


def test_a_paper_contract_signed_today_is_concluded_today(client, social_worker, draft):
    client.force_login(social_worker)

    sign_page(client, draft, **paper(TODAY()))

    draft.refresh_from_db()
    assert (draft.signed_on, draft.signature_method) == (TODAY(), "paper")
    assert draft.signed_at <= timezone.now()


def test_a_paper_signing_without_date_or_scan_reports_everything_at_once(client, social_worker, draft, private_media):
    client.force_login(social_worker)

    response = sign_page(client, draft, method="paper", paper_signed_on="", password="not-mine")

    assert errors(response)["paper_signed_on"] == [gettext("Enter the date the contract was signed on paper.")]
    assert errors(response)["scan"] == [gettext("Attach the scan of the signed paper original.")]
    assert list(response.context["form"].non_field_errors()) == [gettext(WRONG_PASSWORD)]
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_a_paper_signing_dated_in_the_future_is_refused(client, social_worker, draft):
    client.force_login(social_worker)

    response = sign_page(client, draft, **paper(TODAY() + DAY))

    assert errors(response)["paper_signed_on"] == [gettext("The date of signing cannot be in the future.")]
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


def test_a_paper_signing_after_the_period_ended_is_refused(client, social_worker, participant):
    contract = SocialContractFactory(
        participant=participant, period_start=TODAY() - DAY * 60, period_end=TODAY() - DAY * 10
    )
    ContractTaskFactory(contract=contract, deadline=TODAY() - DAY * 30)
    client.force_login(social_worker)

    response = sign_page(client, contract, **paper(TODAY() - DAY * 5))

    [message] = response.context["form"].non_field_errors()
    assert (TODAY() - DAY * 10).strftime("%d.%m.%Y") in message
    assert SocialContract.objects.get(pk=contract.pk).status == ContractStatus.DRAFT


def test_a_scan_that_is_not_a_pdf_or_an_image_is_refused_and_nothing_is_stored(
    client, social_worker, draft, private_media
):
    client.force_login(social_worker)

    response = sign_page(client, draft, **paper(TODAY() - DAY, content=b"To nie jest PDF.\n"))

    assert errors(response)["scan"] == [gettext("Only PDF, JPEG or PNG files are accepted; this file is none of them.")]
    contract = SocialContract.objects.get(pk=draft.pk)
    assert (contract.status, contract.scan.name, contract.scan_sha256) == (ContractStatus.DRAFT, "", "")
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_a_paper_signing_refused_by_the_draft_stores_no_scan(client, social_worker, participant, private_media):
    contract = SocialContractFactory(participant=participant, centre_support="")
    ContractTaskFactory(contract=contract)
    client.force_login(social_worker)

    response = sign_page(client, contract, **paper(TODAY() - DAY))

    assert response.status_code == 200
    assert SocialContract.objects.get(pk=contract.pk).scan.name == ""
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_only_the_contracts_worker_enters_a_paper_contract(client, coordinator, draft):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    client.force_login(coordinator)

    response = sign_page(client, draft, **paper(TODAY() - DAY))

    assert list(response.context["form"].non_field_errors()) == [
        gettext("Only the social worker who is a party to the contract can sign it.")
    ]
    assert SocialContract.objects.get(pk=draft.pk).status == ContractStatus.DRAFT


# --- amendments -----------------------------------------------------------------------------


def test_an_amendment_is_signed_with_a_typed_name_and_records_who_signed_it(client, social_worker, signed):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Zmiana celu", new_main_goal="Nowy cel")
    client.force_login(social_worker)

    page = html.unescape(client.get(f"/contracts/{signed.pk}/amendments/1/sign/").content.decode())
    response = client.post(f"/contracts/{signed.pk}/amendments/1/sign/", {"password": PASSWORD, **typed()})

    assert gettext("I, the participant, sign this amendment by typing my name") in page
    assert 'value="paper"' not in page
    assert response.status_code == 302
    amendment.refresh_from_db()
    assert (amendment.status, amendment.signature_method) == ("signed", "typed")
    assert amendment.participant_typed_name == "Łucja Żółkiewska"
    assert amendment.signed_by == social_worker
    assert amendment.snapshot_matches_hash() is True
    assert '"signature_method":"typed"' in amendment.snapshot
    assert '"participant_typed_name":"Łucja Żółkiewska"' in amendment.snapshot


def test_a_drawn_amendment_records_its_way_and_signer(signed, social_worker):
    amendment = ContractAmendment.objects.create(contract=signed, reason="Zmiana celu", new_main_goal="Nowy cel")

    services.amendment_sign(amendment_id=amendment.pk, user=social_worker, password=PASSWORD, signature=SIGNATURE)

    amendment.refresh_from_db()
    assert (amendment.signature_method, amendment.signed_by) == ("drawn", social_worker)
    assert amendment.participant_signature == SIGNATURE


def test_an_amendment_cannot_be_entered_as_signed_on_paper(client, social_worker, signed, private_media):
    ContractAmendment.objects.create(contract=signed, reason="Zmiana celu", new_main_goal="Nowy cel")
    client.force_login(social_worker)

    response = client.post(f"/contracts/{signed.pk}/amendments/1/sign/", {"password": PASSWORD, **paper(TODAY() - DAY)})

    assert response.status_code == 200
    assert "method" in errors(response)
    assert ContractAmendment.objects.get().status == "draft"
