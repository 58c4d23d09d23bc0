"""Contracts of both kinds drafted, signed in each of the three ways, reviewed, amended (a change of
social worker among them) and ended through the pages; the PDF read back (pdftotext) has the
statutory parts in order, a signature line for every party, the frozen data after the person's
record changed, the amendments, reviews and end after the signed part — and the hash verifies."""

import datetime
import re
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contracts.models import ContractAmendment, ContractStatus, SignatureMethod, SocialContract
from contracts.tests.helpers import PASSWORD, SIGNATURE, new_contract_data
from kis.tests.pdfs import PLAIN_PDF
from participants.tests.helpers import with_check_digit

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
PDF_SCAN = PLAIN_PDF
ADULT = {"first_name": "Zofia", "last_name": "Żółkiewska", "pesel": with_check_digit("4405140145"), "address": ""}
CHILD = {"first_name": "Jaś", "last_name": "Żółkiewski", "pesel": with_check_digit("1521011237"), "address": ""}
STATUTORY = [
    "KONTRAKT SOCJALNY określający sposób współdziałania między:",
    "a pracownikiem socjalnym",
    "1. Ocena sytuacji życiowej",
    "2. Zadania stron kontraktu",
    "3. Wsparcie ośrodka (forma, zakres i czas)",
    "4. Sposób oceny realizacji kontraktu",
    "5. Okres obowiązywania kontraktu",
    "6. Skutki niedotrzymania kontraktu",
    "podpis uczestnika",
    "podpis pracownika socjalnego",
    "SHA-256 podpisanej treści",
    "Po podpisaniu (poza podpisaną treścią)",
    "Aneksy",
    "Oceny realizacji kontraktu",
    "Realizacja zadań",
    "Zakończenie kontraktu",
]


def flat_pdf(client, contract, tmp_path) -> str:
    response = client.get(f"/contracts/{contract.pk}/pdf/")
    assert response.status_code == 200
    path = tmp_path / f"contract-{contract.pk}.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text)


def in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def draft(client, participant, **changes) -> SocialContract:
    response = client.post("/contracts/new/", new_contract_data(participant, **changes))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return SocialContract.objects.latest("pk")


def sign(client, contract, **data):
    response = client.post(f"/contracts/{contract.pk}/sign/", {"password": PASSWORD, **data})
    assert response.status_code == 302, response.context and response.context["form"].errors
    contract.refresh_from_db()
    return contract


@pytest.mark.parametrize(
    ("kind", "way"),
    [("A", SignatureMethod.DRAWN), ("A", SignatureMethod.TYPED), ("B", SignatureMethod.PAPER)],
)
def test_a_contract_through_its_whole_life(
    client, social_worker, other_social_worker, participant, tmp_path, kind, way
):
    client.force_login(social_worker)
    family = [ADULT, CHILD] if kind == "A" else []
    extra = {"unemployment_causes": "Długa przerwa w zatrudnieniu."} if kind == "B" else {}
    contract = draft(client, participant, kind=kind, family=family, **extra)
    name = participant.full_name
    address = participant.address

    # Signed in one of the three ways.
    if way == SignatureMethod.DRAWN:
        contract = sign(client, contract, method="drawn", signature=SIGNATURE)
    elif way == SignatureMethod.TYPED:
        contract = sign(client, contract, method="typed", typed_name=f"  {name.upper()} ", typed_confirmation="on")
    else:
        scan = SimpleUploadedFile("umowa.pdf", PDF_SCAN, content_type="application/pdf")
        contract = sign(client, contract, method="paper", paper_signed_on=TODAY().isoformat(), scan=scan)
    assert (contract.status, contract.signature_method) == (ContractStatus.SIGNED, way)
    signed_hash = contract.snapshot_sha256

    # Reviewed.
    response = client.post(
        f"/contracts/{contract.pk}/reviews/new/",
        {"reviewed_on": TODAY().isoformat(), "findings": "Zadania realizowane zgodnie z planem.", "next_review_on": ""},
    )
    assert response.status_code == 302
    # Amended: the social worker changes; the new worker signs with the participant.
    response = client.post(
        f"/contracts/{contract.pk}/amendments/new/",
        {
            "reason": "Zmiana rejonu opiekuńczego.",
            "new_period_end": "",
            "new_main_goal": "",
            "new_specific_goals": "",
            "new_social_worker": str(other_social_worker.pk),
            "tasks-TOTAL_FORMS": "0",
            "tasks-INITIAL_FORMS": "0",
            "tasks-MIN_NUM_FORMS": "0",
            "tasks-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    amendment = ContractAmendment.objects.get(contract=contract)
    client.force_login(other_social_worker)
    response = client.post(
        f"/contracts/{contract.pk}/amendments/{amendment.number}/sign/",
        {"password": PASSWORD, "method": "drawn", "signature": SIGNATURE},
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    participant.refresh_from_db()
    assert participant.social_worker == other_social_worker  # the caseload follows
    # The person's record changes after signing.
    participant.last_name, participant.street = "Nowakowska", "ul. Morska"
    participant.save()
    # Terminated by the worker now responsible.
    response = client.post(
        f"/contracts/{contract.pk}/close/",
        {"status": "terminated", "ended_on": TODAY().isoformat(), "reason": "Wyjazd za granicę.", "confirm": "on"},
    )
    assert response.status_code == 302

    text = flat_pdf(client, contract, tmp_path)

    assert in_order(text, STATUTORY), text
    signed_part, after = text.split("Po podpisaniu (poza podpisaną treścią)")
    assert name in signed_part and address in signed_part
    assert "Nowakowska" not in text and "ul. Morska" not in text
    assert f"podpis uczestnika {name}" in signed_part
    assert signed_part.count("podpis członka rodziny") == (1 if kind == "A" else 0)  # the adult, not the child
    assert {
        SignatureMethod.DRAWN: "złożony na ekranie",
        SignatureMethod.TYPED: f"Podpisano przez wpisanie imienia i nazwiska: {name.upper()}".strip(),
        SignatureMethod.PAPER: "Podpisano na papierze",
    }[way] in signed_part
    assert "Zmiana rejonu opiekuńczego." in after and "nowy pracownik socjalny: Piotr Wójcik" in after
    assert "Zadania realizowane zgodnie z planem." in after
    assert f"Rozwiązany w dniu {TODAY():%d.%m.%Y}: Wyjazd za granicę." in after
    contract.refresh_from_db()
    assert contract.snapshot_sha256 == signed_hash and contract.snapshot_matches_hash() is True
    assert f"SHA-256 podpisanej treści: {signed_hash}" in signed_part
