"""The monthly settlement list for the labour office, read back: every day of the month with the
hours worked, the total and the lines to sign, in the PDF (pdftotext) and in the XLSX (openpyxl), of
one placement or of everyone at one organisation; the project's funding emblems on top; text a
spreadsheet would run as a formula written as text; a month that cannot be printed sends the user
back with the reason. Every download is in the audit trail."""

import datetime
import io
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from contracts.tests.helpers import messages_of
from kis.models import AuditEvent
from kis.tests.emblems import STATEMENT, STRIP_SIZE, give_emblem, pdf_images, pdf_text
from usefulwork.tests.factories import (
    DAY,
    OrganisationFactory,
    PlacementFactory,
    WorkDayFactory,
    last_month,
    registered_unemployed,
)

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2025, 10, 1)  # 31 days; the 1st a Wednesday


def polish(text: str) -> str:
    """How the list, printed in Polish whatever the user reads, words ``text``."""
    with translation.override("pl"):
        return _(text)


def pdf_lines(content: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "lines.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in text.splitlines() if line.strip()]


def pages(content: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture
def october(private_media):
    """Jan Kowalski at „Zieleń Miejska” from 06.10.2025, in a project with its emblems: 4 h on
    06.10 and 08.10, 3.5 h on 31.10 (11.5 h); and 5 h on 03.11, another month."""
    participation = registered_unemployed(first_name="Jan", last_name="Kowalski")
    project = give_emblem(participation.project)
    placement = PlacementFactory(
        participant=participation.participant,
        project=project,
        organisation=OrganisationFactory(name="Przedsiębiorstwo Usługowe „Zieleń Miejska” sp. z o.o."),
        referral_number="PSU/BB/0007/2025",
        referral_date=datetime.date(2025, 10, 1),
        start_date=datetime.date(2025, 10, 6),
        end_date=datetime.date(2025, 12, 19),
    )
    for day, hours in (("06", 4), ("08", 4), ("31", "3.5")):
        WorkDayFactory(placement=placement, date=datetime.date(2025, 10, int(day)), hours=Decimal(str(hours)))
    WorkDayFactory(placement=placement, date=datetime.date(2025, 11, 3), hours=5)
    return placement


def test_the_pdf_shows_each_day_s_hours_the_total_and_the_lines_to_sign(client, manager, october, tmp_path):
    client.force_login(manager)

    response = client.get(f"/useful-work/{october.pk}/settlement.pdf", {"month": "2025-10"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'inline; filename="lista-psu-{october.pk}-2025-10.pdf"'
    lines = pdf_lines(response.content, tmp_path)
    days = {line[1]: line for line in lines if len(line) >= 3 and line[0].isdigit() and line[1].endswith(".2025")}
    assert len(days) == 31  # every day of October
    assert days["06.10.2025"][-1] == "4" and days["08.10.2025"][-1] == "4" and days["31.10.2025"][-1] == "3,5"
    assert days["07.10.2025"][-1] != "4"  # a day of the placement without work: empty
    assert days["01.10.2025"][-1] == "—"  # before the placement
    assert "03.11.2025" not in days
    total = next(line for line in lines if polish("Total hours") in " ".join(line))
    assert total[-1] == "11,5"
    text = pdf_text(response.content, tmp_path)
    assert "Jan Kowalski" in text and "PSU/BB/0007/2025" in text and october.organisation.name in text
    for signature in ("signature of the participant", "signature of the placement organisation"):
        assert polish(signature) in text
    entry = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert entry.object_id == str(october.pk) and entry.details == {"settlement": "2025-10", "placements": [october.pk]}


def test_the_pdf_carries_the_project_s_funding_emblems_and_a_month_fits_on_one_page(client, manager, october, tmp_path):
    client.force_login(manager)

    response = client.get(f"/useful-work/{october.pk}/settlement.pdf", {"month": "2025-10"})

    assert pdf_images(response.content, tmp_path) == [(1, *STRIP_SIZE)]
    text = pdf_text(response.content, tmp_path)
    assert text.index(STATEMENT) < text.index("Jan Kowalski")
    assert pages(response.content, tmp_path) == 1


def test_without_a_project_the_list_has_no_emblems(client, manager, october, tmp_path):
    october.project = None
    october.save()
    client.force_login(manager)

    response = client.get(f"/useful-work/{october.pk}/settlement.pdf", {"month": "2025-10"})

    assert response.status_code == 200
    assert pdf_images(response.content, tmp_path) == []
    assert STATEMENT not in pdf_text(response.content, tmp_path)


def workbook(response) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_spreadsheet_has_the_same_days_hours_and_total(client, manager, october):
    client.force_login(manager)

    response = client.get(f"/useful-work/{october.pk}/settlement.xlsx", {"month": "2025-10"})

    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    (sheet,) = workbook(response).worksheets
    assert sheet.title == "1 Kowalski Jan"
    rows = list(sheet.iter_rows(values_only=True))
    days = {row[1]: row for row in rows if isinstance(row[0], int)}
    assert len(days) == 31
    assert (days["06.10.2025"][3], days["08.10.2025"][3], days["31.10.2025"][3]) == (4, 4, 3.5)
    assert days["07.10.2025"][3] is None and days["01.10.2025"][3] == "—"
    total = next(row for row in rows if row[0] == polish("Total hours"))
    assert total[3] == 11.5
    assert AuditEvent.objects.get(action=AuditEvent.Action.EXPORT).object_id == str(october.pk)


def test_text_a_spreadsheet_would_run_as_a_formula_comes_out_as_text(client, manager, october):
    october.kind_of_work = '=HYPERLINK("http://example.com","pielęgnacja")'
    october.schedule = "+48 pon.–pt."
    october.save()
    client.force_login(manager)

    response = client.get(f"/useful-work/{october.pk}/settlement.xlsx", {"month": "2025-10"})

    values = [cell for row in workbook(response).active.iter_rows(values_only=True) for cell in row]
    assert "'" + october.kind_of_work in values and "'+48 pon.–pt." in values
    assert not any(isinstance(value, str) and value.startswith(("=", "+", "-", "@")) for value in values)


def test_the_organisation_s_list_has_a_page_for_each_person_working_there_that_month(client, coordinator, tmp_path):
    organisation = OrganisationFactory(name="Spółdzielnia Socjalna „Dobrodziejki”")
    ada = PlacementFactory(
        organisation=organisation, participant=registered_unemployed(last_name="Adamska").participant
    )
    bea = PlacementFactory(organisation=organisation, participant=registered_unemployed(last_name="Bąk").participant)
    PlacementFactory(participant=registered_unemployed(last_name="Gdzieindziej").participant)  # elsewhere
    PlacementFactory(  # at the organisation, but only from next month
        organisation=organisation,
        participant=registered_unemployed(last_name="Późniejsza").participant,
        start_date=last_month() + DAY * 40,
    )
    WorkDayFactory(placement=ada, date=last_month(), hours=6)
    WorkDayFactory(placement=bea, date=last_month() + DAY, hours=2)
    client.force_login(coordinator)
    month = f"{last_month():%Y-%m}"

    pdf = client.get(f"/useful-work/organisations/{organisation.pk}/settlement.pdf", {"month": month})
    xlsx = client.get(f"/useful-work/organisations/{organisation.pk}/settlement.xlsx", {"month": month})

    text = pdf_text(pdf.content, tmp_path)
    assert pages(pdf.content, tmp_path) == 2
    assert text.index("Adamska") < text.index("Bąk")
    assert "Gdzieindziej" not in text and "Późniejsza" not in text
    assert [sheet.title for sheet in workbook(xlsx).worksheets] == [
        f"1 Adamska {ada.participant.first_name}",
        f"2 Bąk {bea.participant.first_name}",
    ]
    entry = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert entry.object_id == str(organisation.pk) and entry.details["placements"] == [ada.pk, bea.pk]


@pytest.mark.parametrize(
    ("month", "message"),
    [
        (
            "2025-09",
            lambda: (
                _("The placement does not run in %(month)s (it runs %(start)s – %(end)s).")
                % {"month": "09.2025", "start": "06.10.2025", "end": "19.12.2025"}
            ),
        ),
        (
            "2025-13",
            lambda: _("“%(value)s” is not a month: give it as year and month, e.g. 2026-03.") % {"value": "2025-13"},
        ),
    ],
)
def test_a_month_that_cannot_be_printed_sends_the_user_back_with_the_reason(client, manager, october, month, message):
    client.force_login(manager)

    response = client.get(f"/useful-work/{october.pk}/settlement.pdf", {"month": month})

    assert response.status_code == 302 and response["Location"] == f"/useful-work/{october.pk}/#settlement"
    assert messages_of(response) == [message()]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PRINT).exists()


def test_an_organisation_without_anyone_that_month_is_told_so(client, manager, october):
    client.force_login(manager)
    organisation = october.organisation

    response = client.get(f"/useful-work/organisations/{organisation.pk}/settlement.pdf", {"month": "2026-01"})

    assert response.status_code == 302
    assert response["Location"] == f"/useful-work/?organisation={organisation.pk}&month=2026-01"
    assert messages_of(response) == [
        _("Nobody works at %(organisation)s in %(month)s.") % {"organisation": organisation.name, "month": "01.2026"}
    ]


def test_an_organisation_without_placements_is_not_found(client, manager):
    client.force_login(manager)

    response = client.get(f"/useful-work/organisations/{OrganisationFactory().pk}/settlement.pdf")

    assert response.status_code == 404


def test_the_list_page_offers_the_organisation_s_list_of_the_month_chosen(client, coordinator, october):
    PlacementFactory()  # elsewhere, and running now
    client.force_login(coordinator)

    response = client.get("/useful-work/", {"month": "2025-10", "organisation": october.organisation.pk})

    assert response.status_code == 200
    assert list(response.context["object_list"]) == [october]
    assert f"/useful-work/organisations/{october.organisation.pk}/settlement.pdf?month=2025-10" in (
        response.content.decode()
    )
