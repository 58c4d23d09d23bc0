"""Who may open which programme page: every URL with every role.

anonymous → sign-in page; a role without the permission → 403; an object outside the user's scope
→ 404 (which does not confirm that it exists); allowed → 200.

Coordinators keep the list of programmes and see the links of the people of their locations (a
coordinator of another location gets a 404). A social worker links the people on their caseload and
sees their links except the Niebieska Karta links of which they are not the responsible worker,
which are a 404 to them as to managers (who read everything else and change nothing); another
worker's person's links are a 404. The admin role sees the list of programmes and no link. A
Niebieska Karta link's change pages are a 403 to managers, as every change page is, before any link
is looked up.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model

from conftest import make_user
from kis.roles import Role
from participants.tests.factories import ParticipantFactory
from programmes.models import ProgrammeKind, ProgrammeLink
from programmes.tests.factories import ProgrammeLinkFactory, niebieska_karta, programme_of

pytestmark = pytest.mark.django_db

LOGIN = "→ sign-in page"
OWNER = "social_worker (the person's and the links')"
OTHER = "another social_worker"
ELSEWHERE = "coordinator of another location"
ROLES = [None, OWNER, OTHER, Role.COORDINATOR, ELSEWHERE, Role.MANAGER, Role.ADMIN]

# {participant}: the owner's participant; {link}: their link to the alcohol programme and {nk}: to
# the Niebieska Karta, both with the owner responsible; {programme}: the Niebieska Karta programme.
URLS = {
    "programme list": "/programmes/",
    "new programme": "/programmes/new/",
    "edit programme": "/programmes/{programme}/edit/",
    "counts": "/programmes/counts/",
    "Niebieska Karta programme": "/programmes/{programme}/",
    "person's links": "/programmes/participants/{participant}/",
    "new link": "/programmes/participants/{participant}/new/",
    "link": "/programmes/links/{link}/",
    "end link": "/programmes/links/{link}/end/",
    "correct link": "/programmes/links/{link}/correct/",
    "Niebieska Karta link": "/programmes/links/{nk}/",
    "end Niebieska Karta link": "/programmes/links/{nk}/end/",
    "correct Niebieska Karta link": "/programmes/links/{nk}/correct/",
}

# fmt: off
EXPECTED = {
    #                                anonymous  owner  other  coordinator  elsewhere  manager  admin
    "programme list":               (LOGIN,     200,   200,   200,         200,       200,     200),
    "new programme":                (LOGIN,     403,   403,   200,         200,       403,     403),
    "edit programme":               (LOGIN,     403,   403,   200,         200,       403,     403),
    "counts":                       (LOGIN,     403,   403,   200,         200,       200,     403),
    # Everyone who reads links opens the programme; its list holds only the links they may see.
    "Niebieska Karta programme":    (LOGIN,     200,   200,   200,         200,       200,     403),
    "person's links":               (LOGIN,     200,   404,   200,         404,       200,     403),
    "new link":                     (LOGIN,     200,   404,   200,         404,       403,     403),
    "link":                         (LOGIN,     200,   404,   200,         404,       200,     403),
    "end link":                     (LOGIN,     200,   404,   200,         404,       403,     403),
    "correct link":                 (LOGIN,     200,   404,   200,         404,       403,     403),
    "Niebieska Karta link":         (LOGIN,     200,   404,   200,         404,       404,     403),
    "end Niebieska Karta link":     (LOGIN,     200,   404,   200,         404,       403,     403),
    "correct Niebieska Karta link": (LOGIN,     200,   404,   200,         404,       403,     403),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_the_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


def links_of(owner):
    participant = ParticipantFactory(social_worker=owner)
    link = ProgrammeLinkFactory(participant=participant, programme=programme_of(ProgrammeKind.ALCOHOL), worker=owner)
    nk = ProgrammeLinkFactory(participant=participant, programme=niebieska_karta(), worker=owner)
    return participant, link, nk


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_programme_page(
    client, social_worker, other_social_worker, coordinator_elsewhere, page, role, expected
):
    participant, link, nk = links_of(social_worker)
    users = {None: None, OWNER: social_worker, OTHER: other_social_worker, ELSEWHERE: coordinator_elsewhere}
    user = users[role] if role in users else make_user(role)
    url = URLS[page].format(participant=participant.pk, link=link.pk, nk=nk.pk, programme=nk.programme_id)
    if user is not None:
        client.force_login(user)

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert (location.path, parse_qs(location.query)["next"]) == ("/accounts/login/", [url])
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("end/", {"ended_on": "2025-06-30", "version": "1"}),
        ("correct/", {"worker": "", "started_on": "2025-03-01", "reason": "Pomyłka", "version": "1"}),
    ],
)
@pytest.mark.parametrize(("role", "status_code"), [(Role.MANAGER, 403), (Role.ADMIN, 403), (OTHER, 404)])
def test_those_who_may_not_change_a_link_cannot_post_to_it(
    client, social_worker, other_social_worker, action, data, role, status_code
):
    _participant, link, nk = links_of(social_worker)
    client.force_login(other_social_worker if role == OTHER else make_user(role))

    responses = [client.post(f"/programmes/links/{pk}/{action}", data) for pk in (link.pk, nk.pk)]

    assert [response.status_code for response in responses] == [status_code, status_code]
    assert list(ProgrammeLink.objects.order_by("pk").values_list("started_on", "ended_on", "version")) == [
        (link.started_on, None, 1),
        (nk.started_on, None, 1),
    ]


@pytest.mark.parametrize("role", [OTHER, Role.MANAGER, Role.ADMIN])
def test_those_who_may_not_link_a_person_cannot_post_a_link(client, social_worker, other_social_worker, role):
    participant = ParticipantFactory(social_worker=social_worker)
    client.force_login(other_social_worker if role == OTHER else make_user(role))
    data = {
        "programme": niebieska_karta().pk,
        "worker": social_worker.pk,
        "started_on": "2025-03-01",
    }

    response = client.post(f"/programmes/participants/{participant.pk}/new/", data)

    assert response.status_code == (404 if role == OTHER else 403)
    assert not ProgrammeLink.objects.exists()


def test_a_superuser_does_not_see_a_niebieska_karta_link(client, social_worker):
    # Django gives a superuser every permission; the Niebieska Karta procedure is not for IT.
    _participant, link, nk = links_of(social_worker)
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(superuser)

    assert client.get(f"/programmes/links/{link.pk}/").status_code == 200
    assert client.get(f"/programmes/links/{nk.pk}/").status_code == 404
    assert client.get(f"/programmes/links/{nk.pk}/correct/").status_code == 404
