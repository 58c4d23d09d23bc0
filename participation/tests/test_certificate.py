"""The KIS certificate (zaświadczenie), read back from the PDF with pdftotext: in Polish whatever
the interface language, with the person's name, the project, the dates and the number; every
print is written to the audit trail."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from kis.models import AuditEvent
from participation.models import ProjectParticipation
from participation.tests.factories import ended_on, participation_in, started_on

pytestmark = pytest.mark.django_db

Status = ProjectParticipation.Status


@pytest.fixture(scope="module", autouse=True)
def polish_catalogue():
    """The certificate is Polish: the compiled catalogue must be there (``manage.py compilemessages``)."""
    compiled = Path(settings.LOCALE_PATHS[0]) / "pl" / "LC_MESSAGES" / "django.mo"
    assert compiled.exists(), "Run `manage.py compilemessages --ignore=.venv` before the tests."


def pdf_text(response, tmp_path) -> str:
    """The PDF's text with runs of whitespace (the layout's line breaks) as one space."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "certificate.pdf"
    path.write_bytes(response.content)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", result.stdout)


def certificate_url(participation) -> str:
    return f"/activities/participations/{participation.pk}/certificate.pdf"


def test_the_certificate_names_the_person_the_project_and_the_dates_in_polish(
    client, social_worker, participant, project, tmp_path
):
    participation = participation_in(Status.COMPLETED, participant=participant, project=project)
    client.force_login(social_worker)  # with an English interface (see conftest)

    response = client.get(certificate_url(participation))

    text = pdf_text(response, tmp_path)
    assert "ZAŚWIADCZENIE" in text
    assert "Łucja Żółkiewska" in text
    assert "14.03.1979" in text
    assert participant.pesel in text
    assert "Świętojańska ścieżka aktywizacji" in text
    assert "RPPM.06.01.00-22-0042/25" in text
    assert f"{started_on():%d.%m.%Y}" in text
    assert f"{ended_on():%d.%m.%Y}" in text
    assert participation.certificate_number in text
    assert "KIS Śródmieście" in text
    number = participation.certificate_number.replace("/", "-")
    assert response["Content-Disposition"] == f'inline; filename="zaswiadczenie-{number}.pdf"'


def test_printing_the_certificate_is_audited(client, social_worker, participant, project, tmp_path):
    participation = participation_in(Status.COMPLETED, participant=participant, project=project)
    client.force_login(social_worker)

    client.get(certificate_url(participation))

    entry = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert (entry.user, entry.object_type, entry.object_id, entry.details) == (
        social_worker,
        "participation.projectparticipation",
        str(participation.pk),
        {"certificate": True},
    )


def test_a_person_who_dropped_out_after_starting_gets_a_certificate_too(
    client, social_worker, participant, project, tmp_path
):
    participation = participation_in(Status.DROPPED_OUT, participant=participant, project=project)
    client.force_login(social_worker)

    text = pdf_text(client.get(certificate_url(participation)), tmp_path)

    assert "Łucja Żółkiewska" in text
    assert participation.certificate_number in text
    assert f"{ended_on():%d.%m.%Y}" in text


@pytest.mark.parametrize("status", [Status.APPLIED, Status.ACTIVE])
def test_there_is_no_certificate_before_the_participation_ends(client, social_worker, participant, project, status):
    participation = participation_in(status, participant=participant, project=project)
    client.force_login(social_worker)

    response = client.get(certificate_url(participation))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PRINT).exists()
