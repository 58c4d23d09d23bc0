"""The contract as the law prints it, around the signed text: who the parties are (a kind B contract
is with one person; family members' PESELs are checked like the participant's), what followed
signing printed after the signed part (reviews, the end), and the next step once signed."""

import datetime
import re
import subprocess

import pytest
from django.utils import timezone

from contracts import services
from contracts.models import ContractReview, ContractStatus, SocialContract
from contracts.tests.helpers import new_contract_data
from participants.tests.helpers import with_check_digit

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
ZOFIA = {"first_name": "Zofia", "last_name": "Żółkiewska", "pesel": with_check_digit("4405140145"), "address": ""}


def test_a_kind_b_contract_with_family_members_is_refused_and_nothing_saved(client, social_worker, participant):
    client.force_login(social_worker)

    response = client.post("/contracts/new/", new_contract_data(participant, kind="B", family=[ZOFIA]))

    assert response.status_code == 200
    assert "A kind B contract is concluded with one person" in str(response.context["family"].non_form_errors())
    assert not SocialContract.objects.exists()


@pytest.mark.parametrize(
    ("pesel", "message"),
    [
        ("44051401459", "check digit does not match"),
        (with_check_digit("4402310145"), "date of birth that does not exist"),
        ("4405140145", "exactly 11 digits"),
    ],
    ids=["check digit", "31 February", "too short"],
)
def test_a_family_member_s_pesel_is_checked_like_the_participant_s(client, social_worker, participant, pesel, message):
    client.force_login(social_worker)

    response = client.post("/contracts/new/", new_contract_data(participant, family=[{**ZOFIA, "pesel": pesel}]))

    assert response.status_code == 200
    assert message in str(response.context["family"].forms[0].errors["pesel"])
    assert not SocialContract.objects.exists()


def test_a_kind_b_draft_with_family_members_cannot_be_signed(draft):
    SocialContract.objects.filter(pk=draft.pk).update(kind="B", unemployment_causes="Brak kwalifikacji.")
    draft.refresh_from_db()
    draft.family_members.create(first_name="Zofia", last_name="Żółkiewska")

    assert "no family members (a kind B contract is with one person)" in [str(m) for m in draft.missing_for_signing()]


def pdf_text(client, contract, tmp_path) -> str:
    response = client.get(f"/contracts/{contract.pk}/pdf/")
    assert response.status_code == 200
    path = tmp_path / "contract.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text)


def test_reviews_and_the_end_are_printed_after_the_signed_part_and_the_hash_still_verifies(
    client, social_worker, signed, tmp_path
):
    services.review_add(
        review=ContractReview(
            contract=signed,
            reviewed_on=TODAY(),
            findings="Uczestniczka ukończyła warsztaty.",
            reviewed_by=social_worker,
        ),
        user=social_worker,
    )
    services.contract_close(
        contract_id=signed.pk,
        user=social_worker,
        status=ContractStatus.TERMINATED,
        ended_on=TODAY(),
        reason="Wyjazd za granicę.",
    )
    client.force_login(social_worker)

    flat = pdf_text(client, signed, tmp_path)

    signed_part, after = flat.split("Po podpisaniu (poza podpisaną treścią)")
    assert "Oceny realizacji kontraktu" in after and "Uczestniczka ukończyła warsztaty." in after
    assert f"Zakończenie kontraktu Rozwiązany w dniu {TODAY():%d.%m.%Y}: Wyjazd za granicę." in after
    assert "Uczestniczka ukończyła warsztaty." not in signed_part and "Wyjazd za granicę." not in signed_part
    signed.refresh_from_db()
    assert signed.snapshot_matches_hash() is True
    assert signed.snapshot_sha256 in signed_part


def test_a_signed_contract_offers_recruiting_into_a_project_and_a_draft_does_not(client, social_worker, signed, draft):
    client.force_login(social_worker)

    signed_page = client.get(f"/contracts/{signed.pk}/").content.decode()
    draft_page = client.get(f"/contracts/{draft.pk}/").content.decode()

    link = f'href="/activities/participations/new/?participant={signed.participant_id}"'
    assert "Next step" in signed_page and link in signed_page
    assert "Next step" not in draft_page


def test_a_manager_who_does_not_recruit_is_not_offered_the_next_step(client, manager, signed):
    client.force_login(manager)

    page = client.get(f"/contracts/{signed.pk}/").content.decode()

    assert "Next step" not in page
