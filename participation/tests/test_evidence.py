"""Eligibility evidence: what shows a criterion that qualified the person, with an optional scan
kept in private storage and read back only through the participation's page (audited)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kis.models import AuditEvent
from kis.tests.pdfs import PLAIN_PDF
from participation.models import EligibilityEvidence
from participation.tests.factories import participation_in
from participation.tests.test_services import TODAY, Status

pytestmark = pytest.mark.django_db

PDF = PLAIN_PDF


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


def add(client, participation, **data):
    return client.post(f"/activities/participations/{participation.pk}/evidence/new/", data)


def test_a_labour_office_certificate_is_recorded_with_its_scan(
    client, social_worker, contracted, project, private_media
):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    client.force_login(social_worker)
    form = client.get(f"/activities/participations/{participation.pk}/evidence/new/").context["form"]
    criterion = dict(form.fields["criterion"].choices)["long-term unemployed"]

    response = add(
        client,
        participation,
        criterion=criterion,
        kind="certificate",
        number="PUP-ZA/1234/2026",
        issued_on=(TODAY() - datetime.timedelta(days=50)).strftime("%d.%m.%Y"),
        issued_by="Powiatowy Urząd Pracy w Wejherowie",
        scan_file=SimpleUploadedFile("zaswiadczenie.pdf", PDF, content_type="application/pdf"),
    )

    assert response.status_code == 302
    evidence = EligibilityEvidence.objects.get()
    assert (evidence.number, evidence.issued_by) == ("PUP-ZA/1234/2026", "Powiatowy Urząd Pracy w Wejherowie")
    assert (private_media / evidence.scan.name).read_bytes() == PDF
    scan = client.get(f"/activities/participations/{participation.pk}/evidence/{evidence.pk}/scan/")
    assert scan["Content-Type"] == "application/pdf" and b"".join(scan.streaming_content) == PDF
    assert scan["Cache-Control"] == "private, no-store"
    # An uploaded file is saved by the browser, never shown as a page of this site.
    assert scan["Content-Disposition"] == f'attachment; filename="dokument-{evidence.pk}.pdf"'
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, object_type="participation.eligibilityevidence"
    ).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"scan_file": SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/octet-stream")},
            "Only PDF, JPEG or PNG",
        ),
        (
            {"issued_on": (datetime.date.today() + datetime.timedelta(days=1)).strftime("%d.%m.%Y")},
            "cannot be dated in the future",
        ),
    ],
    ids=["not a scan", "dated tomorrow"],
)
def test_bad_evidence_is_refused_and_nothing_is_saved(client, social_worker, contracted, project, changes, message):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    client.force_login(social_worker)
    criterion = participation.project.criteria.first()
    data = {
        "criterion": criterion.description if criterion else "long-term unemployed",
        "kind": "statement",
        "issued_on": TODAY().strftime("%d.%m.%Y"),
        **changes,
    }

    response = add(client, participation, **data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EligibilityEvidence.objects.exists()


@pytest.mark.parametrize(("status", "offered"), [(Status.APPLIED, False), (Status.ACTIVE, True)])
def test_the_page_offers_evidence_and_a_correction_only_where_their_pages_take_them(
    client, social_worker, contracted, project, status, offered
):
    participation = participation_in(status, participant=contracted, project=project)
    client.force_login(social_worker)

    content = client.get(f"/activities/participations/{participation.pk}/").content.decode()

    assert (f"/activities/participations/{participation.pk}/evidence/new/" in content) is offered
    assert (f"/activities/participations/{participation.pk}/entry/" in content) is offered
