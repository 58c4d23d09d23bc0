"""The report as a PDF, read back with pdftotext: a header with the project's code, funder and
period on every page, "Strona N z M", when and by whom it was generated, Polish diacritics, and
the same figures as the HTML page; and frozen, dated snapshots with their SHA-256."""

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
import tinyhtml5
from django.conf import settings
from django.utils import timezone

from kis.models import AuditEvent
from reports.models import ReportSnapshot
from reports.tests.factories import H1_2025, ReportProjectFactory

pytestmark = pytest.mark.django_db

XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module", autouse=True)
def polish_catalogue():
    """The PDF is Polish: the compiled catalogue must be there (``manage.py compilemessages``)."""
    compiled = Path(settings.LOCALE_PATHS[0]) / "pl" / "LC_MESSAGES" / "django.mo"
    assert compiled.exists(), "Run `manage.py compilemessages --ignore=.venv` before the tests."


@pytest.fixture
def author(manager):
    manager.first_name, manager.last_name = "Żaneta", "Gąsiorowska-Łęcka"
    manager.save()
    return manager


def pdf_pages(content: bytes, tmp_path) -> list[str]:
    """The text of each page, in reading order (pdftotext without -layout keeps a table row's
    cells together even when a long label wraps)."""
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout.split("\f")[:-1]


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def squeezed(text: str) -> str:
    """The text without any whitespace: the PDF's line breaks fall anywhere in a wrapped cell."""
    return re.sub(r"\s+", "", text)


def text_of(element) -> str:
    return one_line("".join(element.itertext()))


def html_rows(content: str) -> list[str]:
    """Every caption and row of every table of the report body, in order, a row as "label cell cell …"."""
    document = tinyhtml5.parse(content)
    rows = []
    for section in document.iter(f"{XHTML}section"):
        if "report-section" not in (section.get("class") or ""):
            continue
        for element in section.iter():
            if element.tag == f"{XHTML}caption":
                rows.append(text_of(element))
            elif element.tag == f"{XHTML}tr":
                rows.append(" ".join(text_of(cell) for cell in element))
    return rows


def missing_in_order(rows: list[str], text: str) -> list[str]:
    """The rows not found in ``text`` one after the other (so a row cannot be matched by a
    look-alike in another table)."""
    text, position, missing = squeezed(text), 0, []
    for row in rows:
        found = text.find(squeezed(row), position)
        if found == -1:
            missing.append(row)
        else:
            position = found + len(squeezed(row))
    return missing


def get_pdf(client, project, query=None):
    response = client.get(f"/reports/projects/{project.pk}/pdf/", query or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response


def test_the_pdf_has_a_header_page_numbers_and_who_generated_it(client, author, built, tmp_path):
    client.force_login(author)
    before = timezone.localtime()

    response = get_pdf(client, built.project, {"start": "2025-01-01", "end": "2025-06-30"})

    pages = pdf_pages(response.content, tmp_path)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        text = one_line(page)
        # The running header: the grant agreement number and the period, on every page.
        assert built.project.code in text, number
        assert "01.01.2025 – 30.06.2025" in text, number
        assert f"Strona {number} z {len(pages)}" in text
    first = one_line(pages[0])
    assert "Raport rezultatów" in first
    assert f"Numer umowy o dofinansowanie: {built.project.code}" in first
    assert "Instytucja finansująca: Urząd Marszałkowski Województwa Śląskiego" in first
    assert "Okres: 01.01.2025 – 30.06.2025" in first
    assert "Aktywna integracja w Zawierciu — ścieżka próbna" in first  # diacritics and the em dash survive
    generated = re.search(r"Wygenerowano (\d\d\.\d\d\.\d{4} \d\d:\d\d), Żaneta Gąsiorowska-Łęcka\.", first)
    assert generated, first
    assert generated.group(1) in {f"{before:%d.%m.%Y %H:%M}", f"{timezone.localtime():%d.%m.%Y %H:%M}"}
    assert "Według czynnika ryzyka wykluczenia" in " ".join(pages)
    assert response["Content-Disposition"] == f'inline; filename="raport-{built.project.pk}-2025-01-01.pdf"'
    event = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert (event.user, event.object_id, event.details) == (
        author,
        str(built.project.pk),
        {"report": "outcomes", "start": "2025-01-01", "end": "2025-06-30", "redacted": False},
    )


def test_the_page_header_shows_the_code_as_written(client, manager, tmp_path):
    """The code goes into the page header as text, not through a JavaScript escape (which CSS
    would print as "u002D")."""
    project = ReportProjectFactory(code="RPSL.09.01.01-24-0042/17")
    client.force_login(manager)

    pages = pdf_pages(get_pdf(client, project).content, tmp_path)

    for page in pages:
        assert "RPSL.09.01.01-24-0042/17" in page
        assert "u002D" not in page


def headline_numbers(text: str) -> tuple[int, int]:
    found = re.search(r"(\d+) (?:recruited|zrekrutowanych) / (\d+) (?:completed|ukończyło)", text)
    assert found, text[:2000]
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize("period", [None, H1_2025], ids=["whole project", "H1 2025"])
def test_the_pdf_has_the_same_figures_as_the_page(client, author, built, tmp_path, period):
    query = {"start": f"{period[0]:%Y-%m-%d}", "end": f"{period[1]:%Y-%m-%d}"} if period else {}
    client.force_login(author)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"  # the page in the PDF's language

    page = client.get(f"/reports/projects/{built.project.pk}/", query)
    pdf = one_line(" ".join(pdf_pages(get_pdf(client, built.project, query).content, tmp_path)))

    report = page.context["report"]
    expected = (report.headline["recruited"].value, report.headline["completed"].value)
    assert expected == ((8, 4) if period is None else (4, 2))
    assert headline_numbers(one_line(page.content.decode())) == headline_numbers(pdf) == expected
    # A few figures read from both, by their Polish labels.
    for label, value in [
        ("kobieta", report.by_sex[0][1].value),
        ("mężczyzna", report.by_sex[1][1].value),
        ("55+", report.by_age[3][1].value),
        ("Punkt Wsparcia Kromołów", dict((str(k), f.value) for k, f in report.by_location)["Punkt Wsparcia Kromołów"]),
    ]:
        assert re.search(rf"{re.escape(label)} {value}\b", pdf), (label, value)
    certificates = re.search(r"Certyfikaty \(kwalifikacje potwierdzone\): (\d+) · Ukończone staże: (\d+)", pdf)
    assert certificates and (int(certificates[1]), int(certificates[2])) == (
        report.certificates,
        report.internships_completed,
    )
    # And every row of every table of the page is in the PDF, in the same order, with the same numbers.
    rows = html_rows(page.content.decode())
    assert len(rows) > 40
    assert missing_in_order(rows, pdf) == []


def test_an_empty_project_prints_a_report_of_zeros(client, manager, tmp_path):
    project = ReportProjectFactory(target_recruited=0, target_completed=0)
    client.force_login(manager)

    text = one_line(" ".join(pdf_pages(get_pdf(client, project).content, tmp_path)))

    assert headline_numbers(text) == (0, 0)
    assert "Brak działań w tym projekcie." in text


# --- Snapshots -------------------------------------------------------------------------------


def test_a_snapshot_keeps_a_dated_frozen_pdf_with_its_hash(client, coordinator, built, private_media, tmp_path):
    client.force_login(coordinator)

    response = client.post(
        f"/reports/projects/{built.project.pk}/snapshots/", {"start": "2025-01-01", "end": "2025-06-30"}
    )

    snapshot = ReportSnapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/projects/{built.project.pk}/?start=2025-01-01&end=2025-06-30"
    assert (snapshot.project, snapshot.created_by) == (built.project, coordinator)
    assert (f"{snapshot.period_start}", f"{snapshot.period_end}") == ("2025-01-01", "2025-06-30")
    assert timezone.localtime(snapshot.created_at).date() == timezone.localdate()  # the day in Poland
    assert snapshot.figures == {
        "recruited": 4,
        "qualified": 6,
        "active": 3,
        "completed": 2,
        "dropped_out": 1,
        "effectiveness": {"all": {"social_rate": "66.7", "employment_rate": "66.7"}},
    }
    stored = Path(snapshot.pdf.path)
    assert stored.is_relative_to(private_media)
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == snapshot.sha256
    assert len(snapshot.sha256) == 64
    text = one_line(" ".join(pdf_pages(stored.read_bytes(), tmp_path)))
    assert "Okres: 01.01.2025 – 30.06.2025" in text and headline_numbers(text) == (4, 2)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, details={"snapshot": snapshot.pk}).exists()

    page = client.get(response["Location"])
    content = page.content.decode()
    assert f'href="/reports/snapshots/{snapshot.pk}/"' in content
    assert snapshot.sha256[:19] in content

    download = client.get(f"/reports/snapshots/{snapshot.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == snapshot.sha256
    assert download["Cache-Control"] == "private, no-store"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, details={"snapshot": snapshot.pk}).exists()


def test_a_snapshot_stays_as_it_was_when_the_figures_change(client, manager, built, private_media):
    client.force_login(manager)
    client.post(f"/reports/projects/{built.project.pk}/snapshots/")
    snapshot = ReportSnapshot.objects.get()
    kept = Path(snapshot.pdf.path).read_bytes()

    built.participations["E"].delete()

    assert snapshot.figures["recruited"] == 8
    assert client.get(f"/reports/projects/{built.project.pk}/").context["report"].headline["recruited"].value == 7
    assert b"".join(client.get(f"/reports/snapshots/{snapshot.pk}/").streaming_content) == kept


def test_a_snapshot_with_a_bad_period_keeps_the_whole_project(client, manager, built, private_media):
    client.force_login(manager)

    response = client.post(f"/reports/projects/{built.project.pk}/snapshots/", {"start": "2025-13-45"})

    assert response.status_code == 302
    snapshot = ReportSnapshot.objects.get()
    assert (snapshot.period_start, snapshot.period_end) == (built.project.start_date, built.project.end_date)


def test_a_snapshot_is_kept_only_by_post(client, manager, built, private_media):
    client.force_login(manager)

    assert client.get(f"/reports/projects/{built.project.pk}/snapshots/").status_code == 405
    assert not ReportSnapshot.objects.exists()
