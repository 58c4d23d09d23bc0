"""Who may open which page of socially useful work and send which change: every URL with every role.

anonymous → sign-in page; a role without the permission → 403; a placement of a person outside the
user's reach (another worker's for a social worker, of a location they do not coordinate for a
coordinator) → 404 (which does not confirm that it exists); allowed → 200 for a page or a
document, 302 for a change (which then goes back to the placement's page).

Social workers place people of their own caseload and record their hours, coordinators those of
their locations; each reads and prints only those placements, managers read and print every one;
the admin role runs the system and sees no placement.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import make_user
from kis.roles import Role
from kis.tests.factories import LocationFactory
from usefulwork.models import Placement, WorkDay
from usefulwork.tests.factories import DAY, PlacementFactory, WorkDayFactory, last_month, registered_unemployed

pytestmark = pytest.mark.django_db

LOGIN = "→ sign-in page"
OWNER = "social_worker (owner)"
OTHER = "another social_worker"
ROLES = [None, OWNER, OTHER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN]

# {placement}: a placement of a person on the owner's caseload, running since last month, with an
# entry of hours {day}; {person}: that person; {organisation}: where they work; {month}: last month.
URLS = {
    "list": ("GET", "/useful-work/", {}),
    "find the person": ("GET", "/useful-work/new/", {}),
    "new placement": ("GET", "/useful-work/new/?participant={person}", {}),
    "placement page": ("GET", "/useful-work/{placement}/", {}),
    "edit placement": ("GET", "/useful-work/{placement}/edit/", {}),
    "record hours": ("POST", "/useful-work/{placement}/hours/", {"date": "{free_day}", "hours": "4"}),
    "remove hours": ("POST", "/useful-work/hours/{day}/remove/", {}),
    "settlement PDF": ("GET", "/useful-work/{placement}/settlement.pdf?month={month}", {}),
    "settlement XLSX": ("GET", "/useful-work/{placement}/settlement.xlsx?month={month}", {}),
    "organisation's settlement PDF": (
        "GET",
        "/useful-work/organisations/{organisation}/settlement.pdf?month={month}",
        {},
    ),
    "organisation's settlement XLSX": (
        "GET",
        "/useful-work/organisations/{organisation}/settlement.xlsx?month={month}",
        {},
    ),
    "placement page, another location": ("GET", "/useful-work/{elsewhere}/", {}),
    "edit placement, another location": ("GET", "/useful-work/{elsewhere}/edit/", {}),
    "settlement PDF, another location": ("GET", "/useful-work/{elsewhere}/settlement.pdf?month={month}", {}),
    "organisation's settlement PDF, another location": (
        "GET",
        "/useful-work/organisations/{elsewhere_organisation}/settlement.pdf?month={month}",
        {},
    ),
}

# fmt: off
EXPECTED = {
    #                                  anonymous  owner  other  coordinator  manager  admin
    "list":                           (LOGIN,     200,   200,   200,         200,     403),
    "find the person":                (LOGIN,     200,   200,   200,         403,     403),
    "new placement":                  (LOGIN,     200,   404,   200,         403,     403),
    "placement page":                 (LOGIN,     200,   404,   200,         200,     403),
    "edit placement":                 (LOGIN,     200,   404,   200,         403,     403),
    "record hours":                   (LOGIN,     302,   404,   302,         403,     403),
    "remove hours":                   (LOGIN,     302,   404,   302,         403,     403),
    "settlement PDF":                 (LOGIN,     200,   404,   200,         200,     403),
    "settlement XLSX":                (LOGIN,     200,   404,   200,         200,     403),
    "organisation's settlement PDF":  (LOGIN,     200,   404,   200,         200,     403),
    "organisation's settlement XLSX": (LOGIN,     200,   404,   200,         200,     403),
    "placement page, another location":                (LOGIN, 200, 404, 404, 200, 403),
    "edit placement, another location":                (LOGIN, 200, 404, 404, 403, 403),
    "settlement PDF, another location":                (LOGIN, 200, 404, 404, 200, 403),
    "organisation's settlement PDF, another location": (LOGIN, 200, 404, 404, 200, 403),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_the_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.fixture
def objects(social_worker):
    month = last_month()
    placement = PlacementFactory(participant=registered_unemployed(social_worker=social_worker).participant)
    # {elsewhere}: a placement, at an organisation of its own, of a person of the same caseload at a
    # location the coordinator does not coordinate.
    knurow = LocationFactory(name="KIS Knurów")
    elsewhere = PlacementFactory(
        participant=registered_unemployed(social_worker=social_worker, location=knurow).participant
    )
    return {
        "elsewhere": elsewhere.pk,
        "elsewhere_organisation": elsewhere.organisation_id,
        "placement": placement.pk,
        "person": placement.participant_id,
        "organisation": placement.organisation_id,
        "day": WorkDayFactory(placement=placement, date=month).pk,
        "free_day": f"{month + DAY:%d.%m.%Y}",
        "month": f"{month:%Y-%m}",
    }


def state():
    """Everything a change could touch."""
    return list(Placement.objects.values().order_by("pk")), list(WorkDay.objects.values("date", "hours").order_by("pk"))


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_page_of_socially_useful_work(
    client, social_worker, other_social_worker, objects, page, role, expected
):
    users = {None: None, OWNER: social_worker, OTHER: other_social_worker}
    user = users[role] if role in users else make_user(role)
    if user is not None:
        client.force_login(user)
    method, path, data = URLS[page]
    url = path.format(**objects)
    before = state()

    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, {key: value.format(**objects) for key, value in data.items()})

    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == "/accounts/login/"
        assert parse_qs(location.query)["next"] == [url]
    else:
        assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == f"/useful-work/{objects['placement']}/#hours"
    # A change goes through only when allowed.
    assert (state() != before) == (method == "POST" and expected == 302)


@pytest.mark.parametrize("role", [OWNER, Role.COORDINATOR])
def test_the_changes_are_post_only(client, social_worker, objects, role):
    client.force_login(social_worker if role == OWNER else make_user(role))

    assert client.get(f"/useful-work/{objects['placement']}/hours/").status_code == 405
    assert client.get(f"/useful-work/hours/{objects['day']}/remove/").status_code == 405


def test_a_manager_reads_a_placement_but_is_offered_no_change(client, manager, objects):
    """The pages say what the user may do: a manager reads, and changes nothing."""
    client.force_login(manager)

    response = client.get(f"/useful-work/{objects['placement']}/")

    assert response.status_code == 200
    assert response.context["can"] == {"edit": False, "record_hours": False, "remove_hours": False}
    assert "/hours/" not in response.content.decode()


def test_the_list_shows_only_the_placements_of_the_users_people(client, social_worker, other_social_worker, objects):
    client.force_login(other_social_worker)
    assert list(client.get("/useful-work/").context["object_list"]) == []
    client.force_login(social_worker)
    assert {p.pk for p in client.get("/useful-work/").context["object_list"]} == {
        objects["placement"],
        objects["elsewhere"],
    }


@pytest.mark.parametrize(
    ("role", "in_menu"),
    [(Role.SOCIAL_WORKER, True), (Role.COORDINATOR, True), (Role.MANAGER, True), (Role.ADMIN, False)],
)
def test_the_menu_leads_to_socially_useful_work_those_who_may_see_it(client, role, in_menu):
    client.force_login(make_user(role))

    response = client.get("/")

    assert any(item["url"] == "/useful-work/" for item in response.context["nav_items"]) == in_menu
