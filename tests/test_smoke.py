import pytest

from participants.tests.factories import ParticipantFactory


@pytest.mark.django_db
def test_healthz_answers_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_social_worker_sees_own_caseload_list(client, social_worker):
    ParticipantFactory(social_worker=social_worker, last_name="Kowalska")
    client.force_login(social_worker)
    response = client.get("/participants/")
    assert response.status_code == 200
    assert "Kowalska" in response.content.decode()
