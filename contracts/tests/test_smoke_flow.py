import base64

import pytest

from contracts.models import Status
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from participants.tests.factories import ParticipantFactory

# A 1×1 PNG
PNG = (
    "data:image/png;base64,"
    + base64.b64encode(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    ).decode()
)


@pytest.mark.django_db
def test_draft_sign_pdf_flow(client, social_worker):
    participant = ParticipantFactory(social_worker=social_worker)
    contract = SocialContractFactory(participant=participant)
    ContractTaskFactory(contract=contract)
    social_worker.set_password("secret-pass-123")
    social_worker.save()
    client.force_login(social_worker)
    assert client.get(f"/contracts/new/?participant={participant.pk}").status_code == 200
    assert client.get(f"/contracts/{contract.pk}/").status_code == 200
    assert client.get(f"/contracts/{contract.pk}/edit/").status_code == 200
    assert client.get(f"/contracts/{contract.pk}/sign/").status_code == 200
    r = client.post(f"/contracts/{contract.pk}/sign/", {"password": "secret-pass-123", "signature": PNG, "version": 1})
    assert r.status_code == 302, r.content.decode()[:3000]
    contract.refresh_from_db()
    assert contract.status == Status.SIGNED
    r = client.get(f"/contracts/{contract.pk}/")
    assert contract.snapshot_sha256 in r.content.decode()
    r = client.get(f"/contracts/{contract.pk}/pdf/")
    assert r["Content-Type"] == "application/pdf"
    assert client.get("/contracts/").status_code == 200
    assert client.get(f"/participants/{participant.pk}/").status_code == 200
    assert client.get(f"/contracts/{contract.pk}/amendments/new/").status_code == 200
    assert client.get(f"/contracts/{contract.pk}/reviews/new/").status_code == 200
    assert client.get(f"/contracts/{contract.pk}/close/").status_code == 200


@pytest.mark.django_db
def test_pdf_dump(client, social_worker, tmp_path):
    contract = SocialContractFactory(
        participant=ParticipantFactory(social_worker=social_worker, last_name="Żółkiewska")
    )
    ContractTaskFactory(contract=contract)
    client.force_login(social_worker)
    r = client.get(f"/contracts/{contract.pk}/pdf/")
    open("/tmp/contract.pdf", "wb").write(r.content)
