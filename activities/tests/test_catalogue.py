"""The catalogue of services: everyone working with the programme reads it, by track; coordinators
(and the administrator, who sets the system up) add and change its entries."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.db.models import F

from activities.models import ServiceType, Track
from activities.tests.factories import ActivityFactory, ServiceTypeFactory
from conftest import make_user
from kis.models import AuditEvent
from kis.roles import Role
from kis.tests.helpers import submitted_data

pytestmark = pytest.mark.django_db

LOGIN = "→ sign-in page"
ROLES = [None, Role.SOCIAL_WORKER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN]
URLS = {
    "catalogue": "/activities/catalogue/",
    "new service": "/activities/catalogue/new/",
    "edit service": "/activities/catalogue/{service}/edit/",
}
# fmt: off
EXPECTED = {
    #                 anonymous  social worker  coordinator  manager  admin
    "catalogue":     (LOGIN,     200,           200,         200,     200),
    "new service":   (LOGIN,     403,           200,         403,     200),
    "edit service":  (LOGIN,     403,           200,         403,     200),
}
# fmt: on
MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def the_form_of(client, url) -> dict:
    """What the browser would send back for the form as loaded (its hidden version included)."""
    return submitted_data(client.get(url).context["form"])


def test_the_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_catalogue_page(client, page, role, expected):
    url = URLS[page].format(service=ServiceType.objects.get(name="Poradnictwo prawne").pk)
    if role is not None:
        client.force_login(make_user(role))

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert (location.path, parse_qs(location.query)["next"]) == ("/accounts/login/", [url])
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.MANAGER])
def test_those_who_only_read_the_catalogue_cannot_post_to_it(client, role):
    service = ServiceType.objects.get(name="Poradnictwo prawne")
    client.force_login(make_user(role))
    data = {"name": "Nowa usługa", "track": Track.SOCIAL, "mode": ServiceType.Mode.GROUP}

    created = client.post("/activities/catalogue/new/", data)
    changed = client.post(f"/activities/catalogue/{service.pk}/edit/", {**data, "name": "Zmieniona"})

    assert (created.status_code, changed.status_code) == (403, 403)
    assert not ServiceType.objects.filter(name__in=["Nowa usługa", "Zmieniona"]).exists()


def test_the_catalogue_lists_each_track_with_the_form_and_whether_hours_count(client, social_worker):
    ServiceTypeFactory(name="Klub pracy", track=Track.VOCATIONAL, mode=ServiceType.Mode.GROUP, counts_hours=False)
    client.force_login(social_worker)

    response = client.get("/activities/catalogue/")

    content = response.content.decode()
    sections = {value: re.search(rf'id="track-{value}".*?</section>', content, re.S).group(0) for value in Track}
    assert "Poradnictwo prawne" in sections[Track.SOCIAL]
    assert "Doradztwo zawodowe" in sections[Track.VOCATIONAL]
    assert "Akcja środowiskowa" in sections[Track.COMMUNITY]
    row = re.search(r"<tr[^>]*>\s*<td>Klub pracy</td>(.*?)</tr>", sections[Track.VOCATIONAL], re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row)[:3] == ["group", "no", "yes"]
    # Tracks in their own order, not alphabetical.
    assert content.index('id="track-social"') < content.index('id="track-vocational"')
    assert content.index('id="track-vocational"') < content.index('id="track-community"')
    # A social worker reads, and is offered no change.
    assert "/activities/catalogue/new/" not in content
    assert "/edit/" not in content


def test_a_coordinator_adds_a_service_to_a_track(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        "/activities/catalogue/new/",
        {
            "name": "Trening umiejętności cyfrowych",
            "track": Track.VOCATIONAL,
            "mode": ServiceType.Mode.GROUP,
            "counts_hours": "on",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/activities/catalogue/#track-vocational"
    service = ServiceType.objects.get(name="Trening umiejętności cyfrowych")
    assert (service.track, service.mode, service.counts_hours, service.is_active) == ("vocational", "group", True, True)
    event = AuditEvent.objects.get(object_type="activities.servicetype", object_id=str(service.pk))
    assert (event.action, event.user) == (AuditEvent.Action.CREATE, coordinator)


def test_a_coordinator_changes_a_service_and_withdraws_it(client, coordinator):
    service = ServiceType.objects.get(name="Edukacja żywieniowa")
    ActivityFactory(service_type=service)  # an activity keeps its service when it is withdrawn
    client.force_login(coordinator)
    data = the_form_of(client, f"/activities/catalogue/{service.pk}/edit/")
    data.update(name="Edukacja żywieniowa i zdrowotna", mode=ServiceType.Mode.INDIVIDUAL)
    data.pop("is_active")

    response = client.post(f"/activities/catalogue/{service.pk}/edit/", data)

    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name, service.mode, service.is_active) == ("Edukacja żywieniowa i zdrowotna", "individual", False)
    assert service.activities.count() == 1
    event = AuditEvent.objects.get(object_type="activities.servicetype", object_id=str(service.pk))
    assert event.action == AuditEvent.Action.UPDATE
    assert event.details == {"fields": ["is_active", "mode", "name"]}
    assert "no (withdrawn)" in client.get("/activities/catalogue/").content.decode()


def test_a_service_already_in_the_catalogue_is_refused(client, coordinator):
    client.force_login(coordinator)
    before = ServiceType.objects.count()

    response = client.post(
        "/activities/catalogue/new/", {"name": "Poradnictwo prawne", "track": Track.SOCIAL, "mode": "individual"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["This service is already in the catalogue."]
    assert ServiceType.objects.count() == before


def test_a_change_made_meanwhile_by_someone_else_is_not_overwritten(client, coordinator):
    service = ServiceType.objects.get(name="Dzień zdrowia")
    client.force_login(coordinator)
    data = the_form_of(client, f"/activities/catalogue/{service.pk}/edit/")
    # Another coordinator saves the service meanwhile (every save through a form moves the version on).
    ServiceType.objects.filter(pk=service.pk).update(name="Dzień zdrowia i sportu", version=F("version") + 1)

    response = client.post(f"/activities/catalogue/{service.pk}/edit/", {**data, "name": "Dzień profilaktyki"})

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors())[:1] == [
        "Someone else changed this record while you were editing it. Your changes were not saved: "
        "open it again to see the current data."
    ]
    assert ServiceType.objects.get(pk=service.pk).name == "Dzień zdrowia i sportu"


def test_the_refusal_is_in_polish_for_a_polish_user(client, coordinator):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(coordinator)

    response = client.post("/activities/catalogue/new/", {"name": "Poradnictwo prawne", "track": "social"})

    assert response.context["form"].errors["name"] == ["Ta usługa jest już w katalogu."]


@pytest.mark.parametrize("extra", [1, 30])
def test_the_catalogue_makes_the_same_queries_for_1_and_30_more_services(
    client, coordinator, extra, django_assert_num_queries
):
    for index in range(extra):
        ActivityFactory(service_type=ServiceTypeFactory(name=f"Warsztaty {index}", track=list(Track)[index % 3]))
    client.force_login(coordinator)

    # 1 session, 2 user, 3 the user's roles and permissions, 4 the services with the number of
    # their activities.
    with django_assert_num_queries(4):
        response = client.get("/activities/catalogue/")

    assert sum(len(rows) for _value, _label, rows in response.context["tracks"]) == 22 + extra
