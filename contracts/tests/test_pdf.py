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
    """A signed kind B contract with a family member and a task, whose signed text has Polish diacritics."""
    contract = SocialContractFactory(
        participant=participant,
        kind="B",
        unemployment_causes="Długa przerwa w zatrudnieniu, brak uprawnień.",
        period_start=TODAY() - DAY * 10,
        period_end=TODAY() + DAY * 170,
    )
    ContractFamilyMember.objects.create(contract=contract, first_name="Zofia", last_name="Żółkiewska")
    ContractTaskFactory(
        contract=contract, description="Udział w kursie obsługi wózków widłowych", deadline=TODAY() + DAY * 20
    )
    return services.contract_sign(
        contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )


def test_the_pdf_is_the_contract_in_polish_with_its_hash_and_page_numbers(client, social_worker, contract, tmp_path):
    client.force_login(social_worker)  # with an English interface (see conftest)

    response = client.get(f"/contracts/{contract.pk}/pdf/")

    text = pdf_text(response, tmp_path)
    flat = one_line(text)
    assert response["Content-Disposition"] == f'inline; filename="kontrakt-{contract.number.replace("/", "-")}.pdf"'
    for expected in (
        f"KONTRAKT SOCJALNY nr {contract.number}",
        f"zawarty w miejscowości Wejherowo w dniu {TODAY():%d.%m.%Y}",
        "Strony",
        "I. Ocena sytuacji życiowej",
        "Przyczyny bezrobocia",
        "Długa przerwa w zatrudnieniu, brak uprawnień.",
        "II. Cele",
        "Podjęcie zatrudnienia.",
        "III. Zadania stron",
        "Udział w kursie obsługi wózków widłowych",
        "IV. Wsparcie ośrodka",
        "Poradnictwo zawodowe raz w tygodniu.",
        "V. Sposób oceny realizacji kontraktu",
        "VI. Okres obowiązywania kontraktu",
        f"od {contract.period_start:%d.%m.%Y} do {contract.period_end:%d.%m.%Y}",
        "VII. Konsekwencje",
        "art. 11 ust. 2 ustawy o pomocy społecznej",
        f"SHA-256 podpisanej treści: {contract.snapshot_sha256}",
    ):
        assert expected in flat, expected
    assert re.search(r"uczestnik +Łucja Żółkiewska +" + contract.participant.pesel, text)
    assert re.search(r"członek rodziny +Zofia Żółkiewska", text)
    assert re.search(r"pracownik socjalny +Anna Nowak +— +58 672 11 11", text)
    assert re.search(rf"Udział w kursie obsługi wózków widłowych +uczestnik +{TODAY() + DAY * 20:%d\.%m\.%Y}", text)
    # Page numbers on every page, not broken over two lines by the running footer.
    first_page = re.search(r"Strona 1 z (\d+)", text)
    assert first_page, "no page number, or it is broken over two lines"
    pages = int(first_page.group(1))
    assert [f"Strona {page} z {pages}" in text for page in range(1, pages + 1)] == [True] * pages
    # The English interface did not leak into the document.
    assert "SOCIAL CONTRACT" not in text
    assert "Consequences" not in text


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
    assert f"do {contract.period_end + DAY * 60:%d.%m.%Y} (po zmianach aneksem; pierwotnie do" in flat
    assert "VIII. Aneksy" in flat
    assert "Wydłużenie w związku z kursem." in flat
    assert "dodane zadanie: Egzamin UDT" in flat
    assert "wycofane zadanie: Udział w kursie obsługi wózków widłowych" in flat
    assert amendment.snapshot_sha256 in flat
    assert contract.snapshot_sha256 in flat


def test_the_pdf_of_a_draft_can_be_printed_for_paper_signature(client, social_worker, draft, tmp_path):
    client.force_login(social_worker)

    text = pdf_text(client.get(f"/contracts/{draft.pk}/pdf/"), tmp_path)

    assert f"KONTRAKT SOCJALNY nr {draft.number}" in text
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
