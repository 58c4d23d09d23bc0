"""Who may open which programme page and send which change: every URL with every role.

anonymous → sign-in page; a role without the permission → 403; a person outside the social
worker's caseload → 404 (which does not confirm that they exist); allowed → 200 for a page, 302
for a change (which then redirects back to the activity or the grid).

Social workers read activities, mark attendance and enroll people from their own caseload;
coordinators run the programme; managers read, print the lists to sign, and change nothing; the
admin role runs the system and sees no activity.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from activities.models import Attendance, Enrollment
from activities.tests.factories import ActivityFactory, EnrollmentFactory, SessionFactory
from conftest import make_user
from kis.roles import Role
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import active_in, today

pytestmark = pytest.mark.django_db

LOGIN = "→ sign-in page"
ROLES = [None, Role.SOCIAL_WORKER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN]

# {activity}: a running activity; {session}: its session today; {enrollment}: a person enrolled
# in it; {own} / {others}: people active in its project, on the social worker's caseload / on
# another worker's.
URLS = {
    "activity list": ("GET", "/activities/", {}),
    "activity page": ("GET", "/activities/{activity}/", {}),
    "new activity": ("GET", "/activities/new/", {}),
    "edit activity": ("GET", "/activities/{activity}/edit/", {}),
    "add a session": ("GET", "/activities/{activity}/sessions/new/", {}),
    "attendance grid": ("GET", "/activities/sessions/{session}/attendance/", {}),
    "attendance list PDF": ("GET", "/activities/sessions/{session}/attendance.pdf", {}),
    "monthly attendance list PDF": ("GET", "/activities/{activity}/monthly-attendance.pdf", {}),
    "mark attendance": ("POST", "/activities/sessions/{session}/attendance/", {"mark-{enrollment}": "present"}),
    "enroll own person": ("POST", "/activities/{activity}/enroll/", {"participant": "{own}"}),
    "enroll another's person": ("POST", "/activities/{activity}/enroll/", {"participant": "{others}"}),
    "record a result": (
        "POST",
        "/activities/enrollments/{enrollment}/finish/",
        {"status": "dropped", "finished_on": "{today}"},
    ),
}

# fmt: off
EXPECTED = {
    #                             anonymous  social_worker  coordinator  manager  admin
    "activity list":             (LOGIN,     200,           200,         200,     403),
    "activity page":             (LOGIN,     200,           200,         200,     403),
    "new activity":              (LOGIN,     403,           200,         403,     403),
    "edit activity":             (LOGIN,     403,           200,         403,     403),
    "add a session":             (LOGIN,     403,           200,         403,     403),
    "attendance grid":           (LOGIN,     200,           200,         403,     403),
    "attendance list PDF":       (LOGIN,     200,           200,         200,     403),
    "monthly attendance list PDF": (LOGIN,   200,           200,         200,     403),
    "mark attendance":           (LOGIN,     302,           302,         403,     403),
    "enroll own person":         (LOGIN,     302,           302,         403,     403),
    "enroll another's person":   (LOGIN,     404,           302,         403,     403),
    "record a result":           (LOGIN,     403,           302,         403,     403),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_the_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.fixture
def objects(social_worker):
    activity = ActivityFactory()
    return {
        "activity": activity.pk,
        "session": SessionFactory(activity=activity, date=today()).pk,
        "enrollment": EnrollmentFactory(activity=activity).pk,
        "own": active_in(activity.project, ParticipantFactory(social_worker=social_worker)).participant_id,
        "others": active_in(activity.project).participant_id,
        "today": f"{today():%Y-%m-%d}",
    }


def state():
    """Everything a change could touch."""
    return (
        list(Enrollment.objects.values().order_by("pk")),
        list(Attendance.objects.values("session", "enrollment", "status").order_by("pk")),
    )


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_programme_page(client, social_worker, objects, page, role, expected):
    user = social_worker if role == Role.SOCIAL_WORKER else make_user(role) if role else None
    if user is not None:
        client.force_login(user)
    method, path, data = URLS[page]
    url = path.format(**objects)
    before = state()

    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, {key.format(**objects): value.format(**objects) for key, value in data.items()})

    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == "/accounts/login/"
        assert parse_qs(location.query)["next"] == [url]
    else:
        assert response.status_code == expected
    # A change goes through only when allowed.
    assert (state() != before) is (method == "POST" and expected == 302)
