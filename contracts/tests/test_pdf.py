"""The contract PDF, read back as text with pdftotext: rendered in Polish whatever the user's
interface language, with the statutory sections, the parties, the tasks, the hash and page
numbers; every print is written to the audit trail."""

import datetime
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from contracts import services
from contracts.models import ContractAmendment, ContractFamilyMember
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import PASSWORD, SIGNATURE
from kis.models import AuditEvent
from participants.tests.helpers import with_check_digit

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture(scope="module", autouse=True)
def polish_catalogue():
    """The PDF is Polish: the compiled catalogue must be there (``manage.py compilemessages``)."""
    compiled = Path(settings.LOCALE_PATHS[0]) / "pl" / "LC_MESSAGES" / "django.mo"
    assert compiled.exists(), "Run `manage.py compilemessages --ignore=.venv` before the tests."


def pdf_text(response, tmp_path) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "contract.pdf"
    path.write_bytes(response.content)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def one_line(text: str) -> str:
    """The text with runs of whitespace (the layout's line breaks and columns) as one space."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def contract(participant):
    """A signed kind B contract (one person) with a task, whose signed text has Polish diacritics."""
    contract = SocialContractFactory(
        participant=participant,
        kind="B",
        unemployment_causes="Długa przerwa w zatrudnieniu, brak uprawnień.",
        period_start=TODAY() - DAY * 10,
        period_end=TODAY() + DAY * 170,
    )
    ContractTaskFactory(
        contract=contract, description="Udział w kursie obsługi wózków widłowych", deadline=TODAY() + DAY * 20
    )
    return services.contract_sign(
        contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )


# The parts of the template of the regulation of 8 Nov 2010 (Dz.U. 2010 nr 218 poz. 1439), in order.
STATUTORY_KIND_B = [
    "KONTRAKT SOCJALNY określający sposób współdziałania między:",
    "a pracownikiem socjalnym",
    "1. Ocena sytuacji życiowej osoby i ustalone w związku z tą sytuacją cele",
    "Przyczyny bezrobocia",
    "Cel główny",
    "2. Zadania stron kontraktu",
    "3. Wsparcie ośrodka (forma, zakres i czas)",
    "4. Sposób oceny realizacji kontraktu",
    "5. Okres obowiązywania kontraktu",
    "6. Skutki niedotrzymania kontraktu",
    "podpis uczestnika",
    "podpis pracownika socjalnego",
    "SHA-256 podpisanej treści",
]


def in_order(flat: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        found = flat.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def test_the_pdf_is_the_contract_in_polish_in_the_statutory_layout(client, social_worker, contract, tmp_path):
    client.force_login(social_worker)  # with an English interface (see conftest)

    response = client.get(f"/contracts/{contract.pk}/pdf/")

    text = pdf_text(response, tmp_path)
    flat = one_line(text)
    assert response["Content-Disposition"] == f'inline; filename="kontrakt-{contract.number.replace("/", "-")}.pdf"'
    assert in_order(flat, STATUTORY_KIND_B), flat
    for expected in (
        f"nr {contract.number} (rodzaj B)",
        f"Wejherowo, w dniu {TODAY():%d.%m.%Y}",
        f"Panią/Panem Łucja Żółkiewska, PESEL {contract.participant.pesel}",
        "a pracownikiem socjalnym Anna Nowak, telefon 58 672 11 11",
        "Długa przerwa w zatrudnieniu, brak uprawnień.",
        "Podjęcie zatrudnienia.",
        "Udział w kursie obsługi wózków widłowych",
        "Poradnictwo zawodowe raz w tygodniu.",
        f"od {contract.period_start:%d.%m.%Y} do {contract.period_end:%d.%m.%Y}",
        "art. 11 ust. 2 ustawy o pomocy społecznej",
        f"Podpisał(a): Anna Nowak, {TODAY():%d.%m.%Y}",
        f"SHA-256 podpisanej treści: {contract.snapshot_sha256}",
        "Po podpisaniu (poza podpisaną treścią)",
    ):
        assert expected in flat, expected
    assert re.search(rf"Udział w kursie obsługi wózków widłowych +uczestnik +{TODAY() + DAY * 20:%d\.%m\.%Y}", text)
    # The clause is not limited to cash benefits (art. 11 ust. 2).
    assert "odmowy przyznania świadczenia, uchylenia decyzji o przyznaniu świadczenia" in flat
    # Task progress is printed after the signed part, never inside it.
    signed_part, after = flat.split("Po podpisaniu (poza podpisaną treścią)")
    assert "do wykonania" not in signed_part and "do wykonania" in after
    assert "podpis członka rodziny" not in flat  # kind B: one person
    # Page numbers on every page, not broken over two lines by the running footer.
    first_page = re.search(r"Strona 1 z (\d+)", text)
    assert first_page, "no page number, or it is broken over two lines"
    pages = int(first_page.group(1))
    assert [f"Strona {page} z {pages}" in text for page in range(1, pages + 1)] == [True] * pages
    # The English interface did not leak into the document.
    assert "SOCIAL CONTRACT" not in text
    assert "Consequences" not in text


def test_the_signed_pdf_prints_the_snapshot_not_today_s_records(client, social_worker, contract, tmp_path):
    person = contract.participant
    client.force_login(social_worker)
    before = one_line(pdf_text(client.get(f"/contracts/{contract.pk}/pdf/"), tmp_path))
    person.last_name, person.street, person.house_number = "Nowakowska", "ul. Morska", "99"
    person.save()
    worker = contract.social_worker
    worker.last_name = "Kowalska-Nowak"
    worker.save()

    after = one_line(pdf_text(client.get(f"/contracts/{contract.pk}/pdf/"), tmp_path))

    assert "Łucja Żółkiewska" in after and "Nowakowska" not in after and "ul. Morska" not in after
    assert "Anna Nowak" in after and "Kowalska-Nowak" not in after
    signed_part = after.split("Po podpisaniu")[0]
    assert signed_part == before.split("Po podpisaniu")[0]
    contract.refresh_from_db()
    assert contract.snapshot_matches_hash() is True
    assert f"SHA-256 podpisanej treści: {contract.snapshot_sha256}" in after
    page = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert "Łucja Żółkiewska" in page.split("Po podpisaniu")[0] and "ul. Morska" not in page


ZOFIA = with_check_digit("4405140145")  # a woman born 14.05.1944
JAS = with_check_digit("1521011237")  # a boy born 01.01.2015


def test_a_kind_a_contract_has_a_signature_line_for_each_adult_family_member(
    client, social_worker, participant, tmp_path
):
    contract = SocialContractFactory(
        participant=participant, kind="A", period_start=TODAY(), period_end=TODAY() + DAY * 90
    )
    ContractFamilyMember.objects.create(
        contract=contract, first_name="Zofia", last_name="Żółkiewska", pesel=ZOFIA, address="ul. Lipowa 3"
    )
    ContractFamilyMember.objects.create(  # born 2015: a child, a party without a signature line
        contract=contract, first_name="Jaś", last_name="Żółkiewski", pesel=JAS
    )
    ContractTaskFactory(contract=contract, description="Udział w terapii rodzinnej", deadline=TODAY() + DAY * 30)
    services.contract_sign(
        contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )
    client.force_login(social_worker)

    flat = one_line(pdf_text(client.get(f"/contracts/{contract.pk}/pdf/"), tmp_path))

    assert (
        "Ocena sytuacji życiowej osoby/rodziny i ustalone w związku z tą sytuacją cele (plan pracy socjalnej)" in flat
    )
    assert f"Zofia Żółkiewska, PESEL {ZOFIA}, zamieszkałą/zamieszkałym: ul. Lipowa 3 (członek rodziny)" in flat
    assert f"Jaś Żółkiewski, PESEL {JAS} (członek rodziny)" in flat
    assert flat.count("podpis członka rodziny") == 1
    # Zofia is named as a party and under her signature line; Jaś only as a party.
    assert (flat.count("Zofia Żółkiewska"), flat.count("Jaś Żółkiewski")) == (2, 1)
    assert "Przyczyny bezrobocia" not in flat


def test_printing_is_written_to_the_audit_trail(client, manager, contract, tmp_path):
    client.force_login(manager)

    pdf_text(client.get(f"/contracts/{contract.pk}/pdf/"), tmp_path)

    event = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert (event.user, event.object_type, event.object_id) == (manager, "contracts.socialcontract", str(contract.pk))


def test_the_pdf_of_an_amended_contract_shows_the_amendments(client, social_worker, contract, tmp_path):
    amendment = ContractAmendment.objects.create(
        contract=contract,
        reason="Wydłużenie w związku z kursem.",
        new_period_end=contract.period_end + DAY * 60,
        new_main_goal="Zdobycie uprawnień operatora wózka.",
    )
    ContractTaskFactory(contract=contract, amendment=amendment, description="Egzamin UDT", deadline=TODAY() + DAY * 200)
    amendment.cancelled_tasks.add(contract.tasks.get(amendment__isnull=True))
    services.amendment_sign(amendment_id=amendment.pk, user=social_worker, password=PASSWORD, signature=SIGNATURE)
    amendment.refresh_from_db()
    client.force_login(social_worker)

    flat = one_line(pdf_text(client.get(f"/contracts/{contract.pk}/pdf/"), tmp_path))

    assert "Zdobycie uprawnień operatora wózka." in flat
    assert (
        f"obowiązuje do {contract.period_end + DAY * 60:%d.%m.%Y} (pierwotnie do {contract.period_end:%d.%m.%Y})"
        in flat
    )
    after = flat.split("Po podpisaniu (poza podpisaną treścią)")[1]
    assert "Aneksy" in after
    assert "Wydłużenie w związku z kursem." in flat
    assert "dodane zadanie: Egzamin UDT" in flat
    assert "wycofane zadanie: Udział w kursie obsługi wózków widłowych" in flat
    assert amendment.snapshot_sha256 in flat
    assert contract.snapshot_sha256 in flat


def test_the_pdf_of_a_draft_can_be_printed_for_paper_signature(client, social_worker, draft, tmp_path):
    client.force_login(social_worker)

    text = pdf_text(client.get(f"/contracts/{draft.pk}/pdf/"), tmp_path)

    assert "KONTRAKT SOCJALNY" in text and f"nr {draft.number}" in text
    assert "Łucja Żółkiewska" in text
    assert "Udział w warsztatach kompetencji społecznych" in text
    assert "SHA-256" not in text
    assert re.search(r"Strona 1 z \d+", text)


def test_the_pdf_carries_the_drawn_signature_image(client, social_worker, contract, tmp_path):
    client.force_login(social_worker)
    response = client.get(f"/contracts/{contract.pk}/pdf/")
    path = tmp_path / "contract.pdf"
    path.write_bytes(response.content)

    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout

    # Header lines, then one line per image: the signature (and its transparency mask, if any).
    images = [line for line in listing.splitlines()[2:] if line.strip()]
    assert len(images) >= 1
