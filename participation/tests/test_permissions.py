"""Who may open which recruitment and participation page: every URL with every role.

anonymous → sign-in page; a role without the permission → 403; a participation of someone outside
the user's caseload on a page that changes it → 404 (which does not confirm that it exists);
allowed → 200.

A participation, its certificate and declarations are read by those who may read the person's
record (need to know: the person's own social worker or a stand-in, the coordinators of the
person's location — not another location's — and managers); only the person's own social worker
and those coordinators recruit and move a participation. Managers read; the admin role runs the system and
sees no participation at all.
"""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile

from conftest import make_user
from contracts.tests.helpers import SIGNATURE
from kis.roles import Role
from kis.tests.factories import LocationFactory
from participation.models import Declaration, EligibilityEvidence, ProjectParticipation
from participation.tests.factories import ParticipationProjectFactory, participation_in

pytestmark = pytest.mark.django_db

Status = ProjectParticipation.Status
LOGIN = "→ sign-in page"

OWNER = "social_worker (owner)"
OTHER = "another social_worker"
ELSEWHERE = "coordinator of another location"
ROLES = [None, OWNER, OTHER, Role.COORDINATOR, ELSEWHERE, Role.MANAGER, Role.ADMIN]

# {participant}: on the owner's caseload; {applied}, {qualified}, {active}, {completed}: that
# person's participations in four projects; {project}: a project open to recruitment.
URLS = {
    "recruit the person": "/activities/participations/new/?participant={participant}",
    "recruit into the project": "/activities/participations/new/?project={project}",
    "participation page": "/activities/participations/{applied}/",
    "decide": "/activities/participations/{applied}/decide/",
    "start": "/activities/participations/{qualified}/start/",
    "complete": "/activities/participations/{active}/complete/",
    "drop out": "/activities/participations/{active}/drop-out/",
    "follow-up": "/activities/participations/{completed}/follow-up/",
    "correct the situation at start": "/activities/participations/{active}/entry/",
    "add eligibility evidence": "/activities/participations/{active}/evidence/new/",
    "scan of eligibility evidence": "/activities/participations/{active}/evidence/{evidence}/scan/",
    "certificate": "/activities/participations/{completed}/certificate.pdf",
    "declaration to print": "/activities/participations/{qualified}/declarations/participation.pdf",
    "signed declaration to print": "/activities/participations/{active}/declarations/data_protection.pdf",
    "scan of a signed declaration": "/activities/participations/{active}/declarations/data_protection/scan/",
    "sign a declaration on screen": "/activities/participations/{qualified}/declarations/participation/sign/",
    "record a signed paper declaration": "/activities/participations/{qualified}/declarations/data_protection/paper/",
}

# fmt: off
EXPECTED = {
    #                                     anonymous  owner  other  coordinator  elsewhere  manager  admin
    "recruit the person":                (LOGIN,     200,   404,   200,         404,       403,     403),
    # Anyone who recruits may open a project's recruitment (the search finds only their own people).
    "recruit into the project":          (LOGIN,     200,   200,   200,         200,       403,     403),
    "participation page":                (LOGIN,     200,   404,   200,         404,       200,     403),
    "decide":                            (LOGIN,     200,   404,   200,         404,       403,     403),
    "start":                             (LOGIN,     200,   404,   200,         404,       403,     403),
    "complete":                          (LOGIN,     200,   404,   200,         404,       403,     403),
    "drop out":                          (LOGIN,     200,   404,   200,         404,       403,     403),
    "follow-up":                         (LOGIN,     200,   404,   200,         404,       403,     403),
    "correct the situation at start":    (LOGIN,     200,   404,   200,         404,       403,     403),
    "add eligibility evidence":          (LOGIN,     200,   404,   200,         404,       403,     403),
    "scan of eligibility evidence":      (LOGIN,     200,   404,   200,         404,       200,     403),
    "certificate":                       (LOGIN,     200,   404,   200,         404,       200,     403),
    # Printed and read as the certificate; signed and recorded by those who move the participation on.
    "declaration to print":              (LOGIN,     200,   404,   200,         404,       200,     403),
    "signed declaration to print":       (LOGIN,     200,   404,   200,         404,       200,     403),
    "scan of a signed declaration":      (LOGIN,     200,   404,   200,         404,       200,     403),
    "sign a declaration on screen":      (LOGIN,     200,   404,   200,         404,       403,     403),
    "record a signed paper declaration": (LOGIN,     200,   404,   200,         404,       403,     403),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_the_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.fixture
def paths(participant, settings, tmp_path):
    """One participation of ``participant`` in each status a page needs, each in its own project,
    a piece of evidence with a scan of the active one, and its data-protection statement signed on paper."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    found = {
        "participant": participant.pk,
        "project": ParticipationProjectFactory().pk,
        **{
            status: participation_in(status, participant=participant).pk
            for status in ("applied", "qualified", "active", "completed")
        },
    }
    evidence = EligibilityEvidence(
        participation_id=found["active"], criterion="x", kind="certificate", issued_on=datetime.date(2026, 1, 1)
    )
    evidence.scan.save("scan.pdf", ContentFile(b"%PDF-1.4 evidence"), save=True)
    found["evidence"] = evidence.pk
    active = ProjectParticipation.objects.get(pk=found["active"])
    declaration = Declaration(
        project=active.project, participant=participant, kind="data_protection", signed_on=active.applied_on
    )
    declaration.scan.save("scan.pdf", ContentFile(b"%PDF-1.4 declaration"), save=True)
    return found


def user_for(role, social_worker, other_social_worker):
    if role == ELSEWHERE:
        user = make_user(Role.COORDINATOR, username="coordinator_elsewhere")
        user.coordinated_locations.set([LocationFactory(name="KIS Knurów")])
        return user
    users = {None: None, OWNER: social_worker, OTHER: other_social_worker}
    return users[role] if role in users else make_user(role)


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_participation_page(client, social_worker, other_social_worker, paths, page, role, expected):
    user = user_for(role, social_worker, other_social_worker)
    url = URLS[page].format(**paths)
    if user is not None:
        client.force_login(user)

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == "/accounts/login/"
        assert parse_qs(location.query)["next"] == [url]
    else:
        assert response.status_code == expected


# What each changing page would be sent, were the change allowed.
POSTS = {
    "decide": ("/activities/participations/{applied}/decide/", {"decision": "rejected", "note": "Brak miejsc."}),
    "start": ("/activities/participations/{qualified}/start/", {"start_date": "2026-01-01"}),
    "complete": (
        "/activities/participations/{active}/complete/",
        {"end_date": "2026-01-01", "completed_as_planned": "yes"},
    ),
    "drop out": ("/activities/participations/{active}/drop-out/", {"end_date": "2026-01-01", "reason": "health"}),
    "follow-up": ("/activities/participations/{completed}/follow-up/", {"followup_on": "2026-01-01"}),
    "add eligibility evidence": (
        "/activities/participations/{active}/evidence/new/",
        {"criterion": "x", "kind": "certificate", "issued_on": "2026-01-01"},
    ),
    "correct the situation at start": (
        "/activities/participations/{active}/entry/",
        {"labour_status_at_start": "employed", "reason": "Zaświadczenie z PUP."},
    ),
    "recruit": ("/activities/participations/new/", {"participant": "{participant}", "project": "{project}"}),
    "sign a declaration on screen": (
        "/activities/participations/{qualified}/declarations/participation/sign/",
        {"signature": SIGNATURE, "confirmed": "on"},
    ),
    "record a signed paper declaration": (
        "/activities/participations/{qualified}/declarations/data_protection/paper/",
        {"signed_on": "2026-01-01"},
    ),
}


@pytest.mark.parametrize("action", list(POSTS))
@pytest.mark.parametrize(("role", "status_code"), [(Role.MANAGER, 403), (Role.ADMIN, 403), (OTHER, 404)])
def test_those_who_may_not_change_a_participation_cannot_post_to_it(
    client, social_worker, other_social_worker, paths, action, role, status_code
):
    before = list(ProjectParticipation.objects.values().order_by("pk"))
    declarations = Declaration.objects.count()
    client.force_login(user_for(role, social_worker, other_social_worker))
    path, data = POSTS[action]

    response = client.post(path.format(**paths), {name: value.format(**paths) for name, value in data.items()})

    assert response.status_code == status_code
    assert list(ProjectParticipation.objects.values().order_by("pk")) == before
    assert Declaration.objects.count() == declarations


@pytest.mark.parametrize(
    ("viewer", "offered"),
    [("social_worker", True), ("coordinator", True), ("other_social_worker", False), ("manager", False)],
    ids=["owner", "coordinator", "another worker", "manager"],
)
def test_only_those_who_may_move_a_participation_are_offered_the_moves(request, client, paths, viewer, offered):
    client.force_login(request.getfixturevalue(viewer))

    content = client.get(f"/activities/participations/{paths['active']}/").content.decode()

    assert (f'href="/activities/participations/{paths["active"]}/complete/"' in content) is offered
    assert (f'href="/activities/participations/{paths["active"]}/drop-out/"' in content) is offered
