"""Who may open which page: every URL with every role, and who reads confidential notes.

Rules: anonymous → sign-in page; a role without the permission → 403; a record outside the
user's scope → 404 (which does not confirm that it exists); otherwise → 200.
"""

import datetime

import pytest
from django.utils import timezone

from conftest import make_user
from kis.roles import Role
from kis.tests.factories import LocationFactory
from participants.consents import Consent
from participants.standins import StandIn
from participants.tests.factories import ParticipantFactory

ANONYMOUS = None
ROLES = [ANONYMOUS, Role.SOCIAL_WORKER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN]

LOGIN = "→ sign-in page"
ADMIN_LOGIN = "→ admin sign-in page"
HOME = "→ home page"

# "own": a participant on the requesting user's caseload; "other": on another social worker's, at the
# coordinator's location; "elsewhere": on another social worker's, at a location the coordinator does
# not coordinate; "stand_in": a stand-in of another social worker for "own".
URLS = {
    "home": "/",
    "participant list": "/participants/",
    "register participant": "/participants/new/",
    "own participant": "/participants/{own}/",
    "edit own participant": "/participants/{own}/edit/",
    "other's participant": "/participants/{other}/",
    "edit other's participant": "/participants/{other}/edit/",
    "participant elsewhere": "/participants/{elsewhere}/",
    "edit participant elsewhere": "/participants/{elsewhere}/edit/",
    "stand-ins": "/participants/{own}/stand-ins/",
    "stand-ins elsewhere": "/participants/{elsewhere}/stand-ins/",
    # A POST-only route: a GET is refused as such (405) once the user may reach the person.
    "end a stand-in": "/participants/{own}/stand-ins/{stand_in}/end/",
    "record a consent": "/participants/{own}/consents/new/",
    "record a consent of other's": "/participants/{other}/consents/new/",
    "withdraw a consent": "/participants/consents/{consent}/withdraw/",
    "withdraw a consent of other's": "/participants/consents/{other_consent}/withdraw/",
    "admin": "/admin/",
    "health check": "/healthz",
    "sign-in page": "/accounts/login/",
    "audit trail": "/audit/",
}

# fmt: off
EXPECTED = {
    #                            anonymous     social_worker coordinator   manager       admin
    "home":                     (LOGIN,        200,          200,          200,          200),
    "participant list":         (LOGIN,        200,          200,          200,          403),
    "register participant":     (LOGIN,        200,          200,          403,          403),
    "own participant":          (LOGIN,        200,          200,          200,          403),
    "edit own participant":     (LOGIN,        200,          200,          403,          403),
    # Need to know: a worker finds anyone on the list (a minimal card) but opens only their own
    # caseload; a coordinator the people of their locations; a manager everyone, read-only.
    "other's participant":      (LOGIN,        404,          200,          200,          403),
    "edit other's participant": (LOGIN,        404,          200,          403,          403),
    "participant elsewhere":    (LOGIN,        404,          404,          200,          403),
    "edit participant elsewhere": (LOGIN,      404,          404,          403,          403),
    # Stand-ins are assigned by the coordinators of the person's location.
    "stand-ins":                (LOGIN,        403,          200,          403,          403),
    "stand-ins elsewhere":      (LOGIN,        403,          404,          403,          403),
    "end a stand-in":           (LOGIN,        403,          405,          403,          403),
    # Consents are recorded and withdrawn by whoever works the case.
    "record a consent":         (LOGIN,        200,          200,          403,          403),
    "record a consent of other's": (LOGIN,     404,          200,          403,          403),
    "withdraw a consent":       (LOGIN,        200,          200,          403,          403),
    "withdraw a consent of other's": (LOGIN,   404,          200,          403,          403),
    "admin":                    (ADMIN_LOGIN,  ADMIN_LOGIN,  ADMIN_LOGIN,  ADMIN_LOGIN,  200),
    "health check":             (200,          200,          200,          200,          200),
    # Someone already signed in is sent on to the home page.
    "sign-in page":             (200,          HOME,         HOME,         HOME,         HOME),
    "audit trail":              (LOGIN,        403,          403,          200,          200),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_page(client, other_social_worker, page, role, expected):
    user = make_user(role) if role else None
    own = ParticipantFactory(social_worker=user or other_social_worker)
    other = ParticipantFactory(social_worker=other_social_worker)
    elsewhere = ParticipantFactory(social_worker=other_social_worker, location=LocationFactory(name="KIS Knurów"))
    stand_in = StandIn.objects.create(
        participant=own, worker=other_social_worker, ends_on=timezone.localdate() + datetime.timedelta(days=5)
    )
    consent, other_consent = (
        Consent.objects.create(
            participant=person, purpose=Consent.Purpose.IMAGE, given_on=timezone.localdate(), scope="zdjęcia"
        )
        for person in (own, other)
    )
    url = URLS[page].format(
        own=own.pk,
        other=other.pk,
        elsewhere=elsewhere.pk,
        stand_in=stand_in.pk,
        consent=consent.pk,
        other_consent=other_consent.pk,
    )
    if user:
        client.force_login(user)

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/admin/login/?next={url}"
    elif expected == HOME:
        assert response.status_code == 302
        assert response["Location"] == "/"
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_roles_without_the_add_permission_cannot_post_a_registration(client, role):
    client.force_login(make_user(role))

    response = client.post("/participants/new/", {"first_name": "Jan"})

    assert response.status_code == 403


@pytest.mark.django_db
def test_social_worker_cannot_post_an_edit_to_another_workers_participant(client, social_worker, other_social_worker):
    participant = ParticipantFactory(social_worker=other_social_worker, town="Wejherowo")
    client.force_login(social_worker)

    response = client.post(f"/participants/{participant.pk}/edit/", {"town": "Reda", "version": "1"})

    assert response.status_code == 404
    participant.refresh_from_db()
    assert participant.town == "Wejherowo"


# --- Confidential notes ------------------------------------------------------------------------------

NOTES = "Przemoc w rodzinie – procedura Niebieskiej Karty w toku."


@pytest.fixture
def participant_with_notes(social_worker):
    return ParticipantFactory(social_worker=social_worker, confidential_notes=NOTES)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("viewer", "sees_notes"),
    [("social_worker", True), ("coordinator", True), ("stand_in", True), ("manager", False)],
    ids=["assigned worker", "coordinator", "stand-in", "manager"],
)
def test_confidential_notes_on_the_detail_page(
    client, request, participant_with_notes, other_social_worker, viewer, sees_notes
):
    if viewer == "stand_in":
        StandIn.objects.create(
            participant=participant_with_notes, worker=other_social_worker, ends_on=timezone.localdate()
        )
        viewer = "other_social_worker"
    client.force_login(request.getfixturevalue(viewer))

    response = client.get(f"/participants/{participant_with_notes.pk}/")

    assert response.status_code == 200
    assert (NOTES in response.content.decode()) is sees_notes
    assert response.context["show_confidential"] is sees_notes


@pytest.mark.django_db
@pytest.mark.parametrize("editor", ["social_worker", "coordinator"], ids=["assigned worker", "coordinator"])
def test_edit_form_includes_confidential_notes_for_those_who_may_read_them(
    client, request, participant_with_notes, editor
):
    client.force_login(request.getfixturevalue(editor))

    response = client.get(f"/participants/{participant_with_notes.pk}/edit/")

    assert "confidential_notes" in response.context["form"].fields
    assert NOTES in response.content.decode()
