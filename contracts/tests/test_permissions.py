"""Who may open which contract page: every URL with every role.

anonymous → sign-in page; a role without the permission → 403; a contract outside the user's
scope → 404 (which does not confirm that it exists); allowed → 200, or a redirect where the page
sends the user on by design (a signed contract's edit page goes back to the contract).

Managers read contracts (list, page, PDF) but change nothing; the admin role has no access to
contracts at all (it runs the system, not the caseload).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile

from conftest import make_user
from contracts.models import ContractAmendment, ContractScan, SocialContract
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import signed_contract
from kis.roles import Role
from participants.tests.factories import ParticipantFactory

LOGIN = "→ sign-in page"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


BACK_TO_CONTRACT = "→ the contract's page"

OWNER = "social_worker (owner)"
OTHER = "another social_worker"
ELSEWHERE = "coordinator of another location"
ROLES = [None, OWNER, OTHER, Role.COORDINATOR, ELSEWHERE, Role.MANAGER, Role.ADMIN]

# {participant}: the owner's participant; {draft}: a complete draft and {signed}: a contract in force,
# both of the owner; {amendment}: the number of a draft amendment to {signed}; {change}: the number
# of a draft amendment to {signed} handing it over to another social_worker, who signs it.
URLS = {
    "list": "/contracts/",
    "new draft": "/contracts/new/?participant={participant}",
    "draft page": "/contracts/{draft}/",
    "signed page": "/contracts/{signed}/",
    "edit draft": "/contracts/{draft}/edit/",
    "edit signed": "/contracts/{signed}/edit/",
    "sign": "/contracts/{draft}/sign/",
    "pdf": "/contracts/{signed}/pdf/",
    "review": "/contracts/{signed}/reviews/new/",
    "amend": "/contracts/{signed}/amendments/new/",
    "sign amendment": "/contracts/{signed}/amendments/{amendment}/sign/",
    "change worker": "/contracts/{signed}/amendments/{change}/sign/",
    "close": "/contracts/{signed}/close/",
    "scan": "/contracts/{signed}/scan/",
    "scan version": "/contracts/{signed}/scans/1/",
    # A POST-only route: a GET is refused as such (405) once the user may reach the task.
    "task status": "/contracts/tasks/{task}/status/",
}

# fmt: off
EXPECTED = {
    #                  anonymous  owner             other  coordinator       elsewhere  manager  admin
    "list":           (LOGIN,     200,              200,   200,              200,       200,     403),
    "new draft":      (LOGIN,     200,              404,   200,              404,       403,     403),
    "draft page":     (LOGIN,     200,              404,   200,              404,       200,     403),
    "signed page":    (LOGIN,     200,              404,   200,              404,       200,     403),
    "edit draft":     (LOGIN,     200,              404,   200,              404,       403,     403),
    "edit signed":    (LOGIN,     BACK_TO_CONTRACT, 404,   BACK_TO_CONTRACT, 404,       403,     403),
    # The coordinator opens the page (and is told only the contract's worker signs).
    "sign":           (LOGIN,     200,              404,   200,              404,       403,     403),
    "pdf":            (LOGIN,     200,              404,   200,              404,       200,     403),
    "review":         (LOGIN,     200,              404,   200,              404,       403,     403),
    "amend":          (LOGIN,     200,              404,   200,              404,       403,     403),
    "sign amendment": (LOGIN,     200,              404,   200,              404,       403,     403),
    # The new worker an amendment names opens its signing page before the contract is theirs.
    "change worker":  (LOGIN,     200,              200,   200,              404,       403,     403),
    "close":          (LOGIN,     200,              404,   200,              404,       403,     403),
    "scan":           (LOGIN,     200,              404,   200,              404,       200,     403),
    "scan version":   (LOGIN,     200,              404,   200,              404,       200,     403),
    "task status":    (LOGIN,     405,              404,   405,              404,       403,     403),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_the_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_contract_page(
    client, social_worker, other_social_worker, coordinator_elsewhere, page, role, expected
):
    participant = ParticipantFactory(social_worker=social_worker)
    signed = signed_contract(participant=participant)
    draft = SocialContractFactory(participant=participant, kind="B", unemployment_causes="Brak ofert.")
    ContractTaskFactory(contract=draft)
    amendment = ContractAmendment.objects.create(contract=signed, reason="Zmiana celu", new_main_goal="Nowy cel")
    change = ContractAmendment.objects.create(contract=signed, reason="Zmiana", new_social_worker=other_social_worker)
    signed.scan.save("skan.pdf", ContentFile(b"%PDF-1.4 skan"), save=False)
    SocialContract.objects.filter(pk=signed.pk).update(scan=signed.scan.name)
    ContractScan.objects.create(contract=signed, number=1, file=signed.scan.name, sha256="0" * 64)
    task = signed.tasks.first()
    users = {None: None, OWNER: social_worker, OTHER: other_social_worker, ELSEWHERE: coordinator_elsewhere}
    user = users[role] if role in users else make_user(role)
    url = URLS[page].format(
        participant=participant.pk,
        draft=draft.pk,
        signed=signed.pk,
        amendment=amendment.number,
        change=change.number,
        task=task.pk,
    )
    if user is not None:
        client.force_login(user)

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == "/accounts/login/"
        assert parse_qs(location.query)["next"] == [url]
    elif expected == BACK_TO_CONTRACT:
        assert response.status_code == 302
        assert response["Location"] == f"/contracts/{signed.pk}/"
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("edit/", {"main_goal": "x"}),
        ("sign/", {"password": "x", "signature": "x"}),
        ("close/", {"status": "completed", "ended_on": "2026-01-01"}),
        ("reviews/new/", {"findings": "x"}),
        ("amendments/new/", {"reason": "x"}),
    ],
)
@pytest.mark.parametrize(("role", "status_code"), [(Role.MANAGER, 403), (Role.ADMIN, 403), (OTHER, 404)])
def test_those_who_may_not_change_a_contract_cannot_post_to_it(
    client, social_worker, other_social_worker, action, data, role, status_code
):
    participant = ParticipantFactory(social_worker=social_worker)
    contract = SocialContractFactory(participant=participant)
    ContractTaskFactory(contract=contract)
    client.force_login(other_social_worker if role == OTHER else make_user(role))

    response = client.post(f"/contracts/{contract.pk}/{action}", data)

    assert response.status_code == status_code
    contract.refresh_from_db()
    assert contract.status == "draft"
    assert contract.main_goal == "Podjęcie zatrudnienia."
    assert not contract.reviews.exists()
    assert not contract.amendments.exists()
