"""The participation declaration and the data-protection information statement: what they say
(pre-filled from the person's record and the project; the controller by the project's layout),
their PDF read back with pdftotext (and its images with pdfimages), recording them as signed on
screen or on paper, the refusals, the start a project can make wait for them, and who may do what."""

import datetime
import io
import re
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from contracts.tests.helpers import SIGNATURE
from kis.models import AuditEvent
from kis.tests.pdfs import PLAIN_PDF
from participants.tests.factories import ParticipantFactory
from participation import services
from participation.declarations import (
    BLANK,
    Kind,
    check_declarations,
    declaration_record,
    declaration_text,
    missing_declarations,
    missing_details,
)
from participation.models import Declaration, ProjectParticipation
from participation.results import ParticipationError
from participation.tests.factories import (
    ParticipationProjectFactory,
    applied_on,
    participation_in,
    started_on,
)
from projects.models import Project

pytestmark = pytest.mark.django_db

Status = ProjectParticipation.Status
DAY = datetime.timedelta(days=1)
PDF_SCAN = PLAIN_PDF


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def project():
    """A 2021–2027 project that names the data protection officer's contact (the lead organisation
    is the controller) and keeps its documents until a set date."""
    return ParticipationProjectFactory(
        title="Świętojańska ścieżka aktywizacji",
        code="RPPM.06.01.00-22-0042/25",
        lead_organisation="Miejski Ośrodek Pomocy Społecznej w Wejherowie",
        esf_layout=Project.EsfLayout.CST2021,
        data_protection_contact="iod@mops.wejherowo.pl",
        retention_until=datetime.date(2034, 12, 31),
    )


@pytest.fixture
def qualified(contracted, project):
    """``contracted`` (on ``social_worker``'s caseload, a contract in force) qualified to ``project``."""
    return participation_in(Status.QUALIFIED, participant=contracted, project=project)


def record(participation, kind, *, on=None, signature=SIGNATURE, upload=None, user=None):
    return declaration_record(
        project=participation.project,
        participant=participation.participant,
        kind=kind,
        signed_on=on or applied_on(),
        signature="" if upload is not None else signature,
        upload=upload,
        user=user or participation.participant.social_worker,
    )


def scan(content=PDF_SCAN, name="skan.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def url(participation, kind, action=""):
    base = f"/activities/participations/{participation.pk}/declarations/{kind}"
    return f"{base}/{action}/" if action else f"{base}.pdf"


def pdf_file(response, tmp_path):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "declaration.pdf"
    path.write_bytes(response.content)
    return path


def pdf_text(path) -> str:
    """The PDF's text with runs of whitespace (the layout's line breaks) as one space."""
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", result.stdout)


def pdf_images(path) -> list[tuple[int, int]]:
    """The (width, height) of each image in the PDF, as ``pdfimages -list`` lists them."""
    result = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in result.stdout.splitlines()[2:] if line.strip()]
    return [(int(row[3]), int(row[4])) for row in rows if row[2] == "image"]


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# --- What the documents say ----------------------------------------------------------------------


def test_the_declaration_is_pre_filled_with_the_person_and_the_project(qualified):
    text = declaration_text(project=qualified.project, participant=qualified.participant, kind=Kind.PARTICIPATION)

    person = qualified.participant
    assert "Łucja Żółkiewska" in text.intro
    assert f"PESEL {person.pesel}" in text.intro
    assert person.address in text.intro
    assert "Świętojańska ścieżka aktywizacji" in text.intro
    assert "RPPM.06.01.00-22-0042/25" in text.intro
    assert "Miejski Ośrodek Pomocy Społecznej w Wejherowie" in text.intro
    assert f"{qualified.project.start_date:%d.%m.%Y}" in text.intro
    assert f"{qualified.project.end_date:%d.%m.%Y}" in text.intro
    assert any("Urząd Marszałkowski Województwa Pomorskiego" in point for point in text.points)


def test_a_person_without_a_pesel_is_named_with_the_date_of_birth(project, social_worker):
    person = ParticipantFactory(
        social_worker=social_worker, pesel=None, no_pesel_reason="cudzoziemiec", date_of_birth=datetime.date(1990, 5, 2)
    )

    text = declaration_text(project=project, participant=person, kind=Kind.DATA_PROTECTION)

    assert "02.05.1990" in text.intro
    assert "PESEL" not in text.intro


@pytest.mark.parametrize(
    ("layout", "data_controller", "controller", "processor"),
    [
        # 2021–2027: the beneficiary is the controller (the lead organisation unless another is named).
        (Project.EsfLayout.CST2021, "", "Miejski Ośrodek Pomocy Społecznej w Wejherowie", None),
        (Project.EsfLayout.CST2021, "Gmina Miasta Wejherowa", "Gmina Miasta Wejherowa", None),
        # 2014–2020: the managing authority is the controller, the beneficiary processes for it.
        (
            Project.EsfLayout.SL2014,
            "Zarząd Województwa Pomorskiego",
            "Zarząd Województwa Pomorskiego",
            "Miejski Ośrodek Pomocy Społecznej w Wejherowie",
        ),
    ],
    ids=["2021–2027, the lead organisation", "2021–2027, named", "2014–2020"],
)
def test_the_statement_names_the_controller_by_the_projects_layout(
    qualified, layout, data_controller, controller, processor
):
    project = qualified.project
    project.esf_layout, project.data_controller = layout, data_controller

    text = declaration_text(project=project, participant=qualified.participant, kind=Kind.DATA_PROTECTION)

    who = text.points[0]
    # The document is in Polish whatever the language of the page.
    assert who.startswith(f"Administratorem Pani/Pana danych osobowych jest {controller}")
    assert (processor is not None and f"{processor}, realizujący projekt, przetwarza je" in who) == (
        processor is not None
    )
    assert missing_details(project, Kind.DATA_PROTECTION) == []
    regulation = "1303/2013" if layout == Project.EsfLayout.SL2014 else "2021/1060"
    assert any(
        regulation in point and "art. 6 ust. 1 lit. c" in point and "art. 9 ust. 2 lit. g" in point
        for point in text.points
    )


def test_a_2014_2020_statement_without_the_managing_authority_leaves_a_blank_and_says_so(qualified):
    project = qualified.project
    project.esf_layout, project.data_protection_contact = Project.EsfLayout.SL2014, ""

    text = declaration_text(project=project, participant=qualified.participant, kind=Kind.DATA_PROTECTION)

    assert BLANK in text.points[0]  # never the beneficiary, which is only a processor in 2014–2020
    assert BLANK in text.points[1]
    assert missing_details(project, Kind.DATA_PROTECTION) == [
        "controller of personal data",
        "data protection officer's contact",
    ]
    assert missing_details(project, Kind.PARTICIPATION) == []


def test_the_retention_is_the_projects_date_or_what_the_grant_agreement_sets(qualified):
    project = qualified.project
    kept = declaration_text(project=project, participant=qualified.participant, kind=Kind.DATA_PROTECTION)
    project.retention_until = None
    unset = declaration_text(project=project, participant=qualified.participant, kind=Kind.DATA_PROTECTION)

    assert any("31.12.2034" in point for point in kept.points)
    assert any("przez okres, który umowa o dofinansowanie wyznacza" in point for point in unset.points)


# --- The PDF ------------------------------------------------------------------------------------


def test_the_blank_declaration_pdf_has_the_text_the_person_and_the_project(client, social_worker, qualified, tmp_path):
    client.force_login(social_worker)

    response = client.get(url(qualified, Kind.PARTICIPATION))

    path = pdf_file(response, tmp_path)
    text = pdf_text(path)
    expected = declaration_text(project=qualified.project, participant=qualified.participant, kind=Kind.PARTICIPATION)
    assert expected.title in text
    assert one_line(expected.intro) in text
    assert all(one_line(point) in text for point in expected.points)
    assert "Łucja Żółkiewska" in text
    assert "Świętojańska ścieżka aktywizacji" in text
    assert pdf_images(path) == []  # no emblem, not signed
    code = "RPPM.06.01.00-22-0042-25"
    assert response["Content-Disposition"] == (
        f'inline; filename="deklaracja-uczestnictwa-{code}-{qualified.participant.pk}.pdf"'
    )


def test_the_statement_pdf_names_the_controller_and_the_officer(client, social_worker, qualified, tmp_path):
    project = qualified.project
    project.data_controller = "Gmina Miasta Wejherowa"
    project.save()
    client.force_login(social_worker)

    text = pdf_text(pdf_file(client.get(url(qualified, Kind.DATA_PROTECTION)), tmp_path))

    assert "Gmina Miasta Wejherowa" in text
    assert "iod@mops.wejherowo.pl" in text
    assert "31.12.2034" in text
    assert "Łucja Żółkiewska" in text


def emblem_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 20), (0, 51, 153)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_funding_emblems_and_statement_are_at_the_top_of_the_pdf(client, social_worker, qualified, tmp_path):
    project = qualified.project
    project.emblem.save("emblem.png", ContentFile(emblem_png()), save=False)
    project.cofinancing_statement = "Projekt współfinansowany ze środków Europejskiego Funduszu Społecznego Plus"
    project.save()
    client.force_login(social_worker)

    path = pdf_file(client.get(url(qualified, Kind.DATA_PROTECTION)), tmp_path)

    assert pdf_images(path) == [(120, 20)]
    text = pdf_text(path)
    title = declaration_text(project=project, participant=qualified.participant, kind=Kind.DATA_PROTECTION).title
    assert text.index("Projekt współfinansowany ze środków Europejskiego Funduszu") < text.index(title)


def test_a_declaration_signed_on_screen_prints_the_date_the_signature_and_the_hash(
    client, social_worker, qualified, tmp_path
):
    declaration = record(qualified, Kind.PARTICIPATION, on=applied_on())
    client.force_login(social_worker)

    path = pdf_file(client.get(url(qualified, Kind.PARTICIPATION)), tmp_path)

    assert pdf_images(path) == [(1, 1)]  # the drawn signature (a 1×1 PNG in the tests)
    text = pdf_text(path)
    assert f"{applied_on():%d.%m.%Y}" in text
    assert declaration.sha256[:32] in text.replace(" ", "")


def test_printing_is_audited_of_the_participation_before_signing_and_of_the_declaration_after(
    client, social_worker, qualified
):
    client.force_login(social_worker)
    client.get(url(qualified, Kind.PARTICIPATION))
    declaration = record(qualified, Kind.PARTICIPATION)
    client.get(url(qualified, Kind.PARTICIPATION))

    prints = AuditEvent.objects.filter(action=AuditEvent.Action.PRINT).order_by("id")
    assert [(e.user, e.object_type, e.object_id, e.details) for e in prints] == [
        (
            social_worker,
            "participation.projectparticipation",
            str(qualified.pk),
            {"declaration": "participation", "signed": False},
        ),
        (
            social_worker,
            "participation.declaration",
            str(declaration.pk),
            {"declaration": "participation", "signed": True},
        ),
    ]


def test_an_unknown_document_is_not_found(client, social_worker, qualified):
    client.force_login(social_worker)

    assert client.get(url(qualified, "contract")).status_code == 404
    assert client.get(url(qualified, "contract", "sign")).status_code == 404


# --- Recording ----------------------------------------------------------------------------------


def test_signing_on_screen_records_the_declaration_today_with_the_hash_of_its_text(client, social_worker, qualified):
    client.force_login(social_worker)

    response = client.post(url(qualified, Kind.PARTICIPATION, "sign"), {"signature": SIGNATURE, "confirmed": "on"})

    assert response.status_code == 302
    assert response["Location"] == qualified.get_absolute_url()
    declaration = Declaration.objects.get()
    text = declaration_text(project=qualified.project, participant=qualified.participant, kind=Kind.PARTICIPATION)
    assert (declaration.kind, declaration.signed_on, declaration.signature, declaration.scan.name) == (
        Kind.PARTICIPATION,
        timezone.localdate(),
        SIGNATURE,
        "",
    )
    assert (declaration.sha256, declaration.recorded_by) == (text.sha256, social_worker)
    entry = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_type="participation.declaration")
    assert entry.details == {"kind": "participation", "signed": "on screen", "sha256": text.sha256}
    page = client.get(qualified.get_absolute_url()).content.decode()
    assert f"signed on {timezone.localdate():%d.%m.%Y}" in page


def test_the_signing_page_shows_the_text_to_be_signed(client, social_worker, qualified):
    client.force_login(social_worker)

    page = client.get(url(qualified, Kind.DATA_PROTECTION, "sign")).content.decode()

    text = declaration_text(project=qualified.project, participant=qualified.participant, kind=Kind.DATA_PROTECTION)
    assert text.closing in page
    assert 'id="signature-pad"' in page
    assert "js/signature-pad" in page


def test_a_paper_declaration_is_recorded_with_its_date_and_scan(client, social_worker, qualified):
    client.force_login(social_worker)
    signed_on = applied_on() + DAY

    response = client.post(
        url(qualified, Kind.DATA_PROTECTION, "paper"), {"signed_on": f"{signed_on:%d.%m.%Y}", "scan": scan()}
    )

    assert response.status_code == 302
    declaration = Declaration.objects.get()
    assert (declaration.kind, declaration.signed_on, declaration.signature) == (Kind.DATA_PROTECTION, signed_on, "")
    assert declaration.scan.name.endswith(".pdf")
    entry = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_type="participation.declaration")
    assert entry.details["signed"] == "scan"
    assert entry.details["back_dated"] == signed_on.isoformat()
    download = client.get(url(qualified, Kind.DATA_PROTECTION, "scan"))
    assert b"".join(download.streaming_content) == PDF_SCAN
    assert download["Cache-Control"] == "private, no-store"
    assert download["Content-Disposition"].startswith("attachment; ")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, details={"scan": True}).count() == 1


def test_a_declaration_without_a_scan_has_no_scan_to_open(client, social_worker, qualified):
    record(qualified, Kind.PARTICIPATION)
    client.force_login(social_worker)

    assert client.get(url(qualified, Kind.PARTICIPATION, "scan")).status_code == 404
    assert client.get(url(qualified, Kind.DATA_PROTECTION, "scan")).status_code == 404


def not_a_png():
    return "data:image/png;base64,R0lGODlhAQABAAAAACw="  # a GIF


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"on": timezone.localdate() + DAY}, "The date of signing cannot be in the future."),
        ({"on": applied_on() - DAY}, "cannot be before the application to the project"),
        ({"signature": "data:image/png;base64,not base64!"}, "The signature could not be read"),
        ({"signature": not_a_png()}, "The signature could not be read"),
        ({"signature": ""}, "Record either the signature drawn on screen or the scan"),
        ({"upload": SimpleUploadedFile("x.gif", b"GIF89a", content_type="image/gif")}, "Only PDF, JPEG or PNG"),
        (
            {"upload": SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))},
            "The file is larger than 10 MB",
        ),
    ],
    ids=["in the future", "before the application", "not base64", "not a PNG", "nothing", "not a scan", "too big"],
)
def test_a_bad_record_is_refused_and_nothing_is_saved(qualified, private_media, changes, message):
    with pytest.raises(ParticipationError, match=re.escape(message)):
        record(qualified, Kind.PARTICIPATION, **changes)

    assert not Declaration.objects.exists()
    assert not AuditEvent.objects.filter(object_type="participation.declaration").exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_both_a_signature_and_a_scan_are_refused(qualified):
    with pytest.raises(ParticipationError, match="Record either"):
        declaration_record(
            project=qualified.project,
            participant=qualified.participant,
            kind=Kind.PARTICIPATION,
            signed_on=applied_on(),
            signature=SIGNATURE,
            upload=scan(),
            user=qualified.participant.social_worker,
        )


def test_a_document_is_recorded_once(qualified):
    record(qualified, Kind.PARTICIPATION, on=applied_on())

    with pytest.raises(ParticipationError) as refusal:
        record(qualified, Kind.PARTICIPATION, upload=scan())

    assert str(refusal.value) == (
        f"Already recorded for Łucja Żółkiewska in this project: participation declaration, "
        f"signed on {applied_on():%d.%m.%Y}."
    )
    assert Declaration.objects.count() == 1


def test_a_person_who_has_not_applied_to_the_project_signs_nothing_for_it(qualified):
    other = ParticipationProjectFactory()

    with pytest.raises(ParticipationError, match="has not applied to this project"):
        declaration_record(
            project=other,
            participant=qualified.participant,
            kind=Kind.PARTICIPATION,
            signed_on=applied_on(),
            signature=SIGNATURE,
            user=qualified.participant.social_worker,
        )


def test_a_statement_that_does_not_name_the_controller_is_not_signed_on_screen_but_a_paper_one_is(qualified):
    project = qualified.project
    project.esf_layout = Project.EsfLayout.SL2014  # the managing authority is not named
    project.save()

    with pytest.raises(ParticipationError, match="controller of personal data"):
        record(qualified, Kind.DATA_PROTECTION)
    record(qualified, Kind.DATA_PROTECTION, upload=scan())

    assert Declaration.objects.get().kind == Kind.DATA_PROTECTION


def test_a_bad_scan_is_refused_on_the_form_and_nothing_is_saved(client, social_worker, qualified, private_media):
    client.force_login(social_worker)

    response = client.post(
        url(qualified, Kind.PARTICIPATION, "paper"),
        {"signed_on": f"{applied_on():%d.%m.%Y}", "scan": SimpleUploadedFile("x.exe", b"MZ\x90\x00")},
    )

    assert response.status_code == 200
    assert "Only PDF, JPEG or PNG files are accepted" in response.content.decode()
    assert not Declaration.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"signature": SIGNATURE}, "This field is required."),  # the worker did not confirm
        ({"signature": "", "confirmed": "on"}, "The participant&#x27;s signature is missing"),
    ],
    ids=["not confirmed", "not drawn"],
)
def test_signing_without_a_signature_or_the_workers_confirmation_is_refused(
    client, social_worker, qualified, data, message
):
    client.force_login(social_worker)

    response = client.post(url(qualified, Kind.PARTICIPATION, "sign"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Declaration.objects.exists()


def test_the_pages_of_a_recorded_document_send_back_to_the_participation(client, social_worker, qualified):
    record(qualified, Kind.PARTICIPATION)
    client.force_login(social_worker)

    for action in ("sign", "paper"):
        response = client.post(url(qualified, Kind.PARTICIPATION, action), {"signature": SIGNATURE, "confirmed": "on"})
        assert response.status_code == 302
        assert response["Location"] == qualified.get_absolute_url()
    assert Declaration.objects.count() == 1


# --- The start ----------------------------------------------------------------------------------


def start(participation):
    return services.participation_activate(
        participation_id=participation.pk, user=participation.participant.social_worker, start_date=started_on()
    )


@pytest.fixture
def required(qualified):
    Project.objects.filter(pk=qualified.project_id).update(requires_declarations=True)
    return qualified


def test_a_start_the_project_makes_wait_for_both_documents_names_both(required):
    with pytest.raises(ParticipationError) as refusal:
        start(required)

    assert str(refusal.value) == (
        "Before the start Łucja Żółkiewska must sign: participation declaration, data-protection information statement."
    )
    assert ProjectParticipation.objects.get(pk=required.pk).status == Status.QUALIFIED


def test_with_one_document_signed_the_refusal_names_the_other(required):
    record(required, Kind.PARTICIPATION)

    with pytest.raises(ParticipationError) as refusal:
        start(required)

    assert str(refusal.value) == "Before the start Łucja Żółkiewska must sign: data-protection information statement."
    assert [str(label) for label in missing_declarations(required.project, required.participant)] == [
        "data-protection information statement"
    ]


def test_with_both_documents_signed_the_participation_starts(required):
    record(required, Kind.PARTICIPATION)
    record(required, Kind.DATA_PROTECTION, upload=scan())

    assert start(required).status == Status.ACTIVE
    assert missing_declarations(required.project, required.participant) == []


def test_documents_signed_after_the_start_date_refuse_that_start(required):
    record(required, Kind.PARTICIPATION)
    record(required, Kind.DATA_PROTECTION, on=started_on() + DAY)

    with pytest.raises(ParticipationError) as refusal:
        start(required)

    later = f"{started_on() + DAY:%d.%m.%Y}"
    assert str(refusal.value) == (
        f"Signed only on {later}, after {started_on():%d.%m.%Y}: data-protection information statement. "
        f"The participation can start on {later} at the earliest."
    )


def test_a_project_that_does_not_require_them_starts_without_them(qualified):
    assert start(qualified).status == Status.ACTIVE


def test_checking_a_project_that_does_not_require_them_asks_nothing(qualified, django_assert_num_queries):
    with django_assert_num_queries(0):
        check_declarations(project=qualified.project, participant=qualified.participant, on=started_on())


def test_the_start_page_shows_the_refusal_on_the_form(client, social_worker, required):
    client.force_login(social_worker)

    response = client.post(
        f"/activities/participations/{required.pk}/start/", {"start_date": f"{started_on():%d.%m.%Y}"}
    )

    assert response.status_code == 200
    assert "Before the start Łucja Żółkiewska must sign" in response.content.decode()


# --- The participation page ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewer", "offered"),
    [("social_worker", True), ("coordinator", True), ("manager", False)],
    ids=["owner", "coordinator", "manager"],
)
def test_the_page_lists_both_documents_and_offers_signing_to_those_who_move_it_on(
    request, client, qualified, viewer, offered
):
    record(qualified, Kind.PARTICIPATION, upload=scan())
    client.force_login(request.getfixturevalue(viewer))

    page = client.get(qualified.get_absolute_url()).content.decode()

    assert f"signed on {applied_on():%d.%m.%Y}" in page
    assert "not signed" in page
    assert f'href="{url(qualified, Kind.PARTICIPATION)}"' in page
    assert f'href="{url(qualified, Kind.DATA_PROTECTION)}"' in page
    assert f'href="{url(qualified, Kind.PARTICIPATION, "scan")}"' in page
    assert (f'href="{url(qualified, Kind.DATA_PROTECTION, "sign")}"' in page) is offered
    assert (f'href="{url(qualified, Kind.DATA_PROTECTION, "paper")}"' in page) is offered
    # What is recorded is not offered again.
    assert f'href="{url(qualified, Kind.PARTICIPATION, "sign")}"' not in page
