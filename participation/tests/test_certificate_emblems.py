"""The KIS certificate, a document given to the participant, carries the project's funding
emblems and co-financing statement at its top (art. 50 of reg. 2021/1060); without an emblem it
still prints."""

import pytest

from kis.tests.emblems import STATEMENT, STRIP_SIZE, give_emblem, pdf_images, pdf_text
from participation.models import ProjectParticipation
from participation.tests.factories import participation_in

pytestmark = pytest.mark.django_db

Status = ProjectParticipation.Status


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def certificate(client, participation):
    response = client.get(f"/activities/participations/{participation.pk}/certificate.pdf")
    assert response.status_code == 200
    return response.content


def test_the_certificate_carries_the_emblems_and_the_statement_at_its_top(
    client, social_worker, participant, project, private_media, tmp_path
):
    participation = participation_in(Status.COMPLETED, participant=participant, project=project)
    give_emblem(project)
    client.force_login(social_worker)

    content = certificate(client, participation)

    assert pdf_images(content, tmp_path) == [(1, *STRIP_SIZE)]
    text = pdf_text(content, tmp_path)
    assert text.count(STATEMENT) == 1
    assert text.index(STATEMENT) < text.index("ZAŚWIADCZENIE")
    # The statement says who co-finances it: the funder's line below is not repeated.
    assert project.funder not in text


def test_the_certificate_prints_without_an_emblem(client, social_worker, participant, project, tmp_path):
    participation = participation_in(Status.COMPLETED, participant=participant, project=project)
    client.force_login(social_worker)

    content = certificate(client, participation)

    assert pdf_images(content, tmp_path) == []
    text = pdf_text(content, tmp_path)
    assert "Łucja Żółkiewska" in text
    assert project.funder in text  # without a statement, the funder's line says who co-finances it
