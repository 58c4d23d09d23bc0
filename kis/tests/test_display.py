"""The contrast version and the larger text: switched in the header of every page, kept in the
session before signing in and on the user after, shown on ``<html>`` and by the stylesheet loaded."""

import re

import pytest
from django.test import Client

from kis.models import UserPreference
from kis.tests.helpers import SIGNED_IN

PASSWORD = "Kis-test-password-1"
CONTRAST_SHEET = re.compile(r'<link rel="stylesheet" href="[^"]*kis-contrast\.css"( media="([^"]+)")?>')


def html_attributes(response) -> dict[str, str]:
    match = re.search(r"<html ([^>]*)>", response.content.decode())
    assert match, "no <html> on the page"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))


def display_of(response) -> tuple[str, str]:
    attributes = html_attributes(response)
    return attributes.get("data-contrast"), attributes.get("data-text")


def contrast_sheet_media(response) -> str | None:
    """None without the contrast stylesheet, "all" when it always applies, else its media query."""
    found = CONTRAST_SHEET.findall(response.content.decode())
    assert len(found) <= 1, found
    if not found:
        return None
    return found[0][1] or "all"


def switch(response, name: str) -> tuple[str, str]:
    """The value the switch ``name`` would send, and its aria-pressed."""
    match = re.search(
        rf'<button type="submit" name="{name}" value="(\w+)"[^>]*aria-pressed="(\w+)"', response.content.decode()
    )
    assert match, f"no switch {name} on the page"
    return match.group(1), match.group(2)


def sign_in(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.fixture
def worker(social_worker):
    social_worker.set_password(PASSWORD)
    social_worker.save()
    return social_worker


@pytest.mark.django_db
def test_nothing_chosen_follows_the_devices_more_contrast_setting(client):
    page = client.get("/accounts/login/")

    assert display_of(page) == ("device", "standard")
    assert contrast_sheet_media(page) == "(prefers-contrast: more)"
    assert switch(page, "contrast") == ("high", "false")
    assert switch(page, "text_size") == ("large", "false")


@pytest.mark.django_db
def test_before_signing_in_the_choice_is_kept_in_the_session(client):
    response = client.post("/accounts/display/", {"contrast": "high", "next": "/accounts/login/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/")
    assert display_of(page) == ("high", "standard")
    assert contrast_sheet_media(page) == "all"
    assert switch(page, "contrast") == ("standard", "true")
    assert not UserPreference.objects.exists()

    client.post("/accounts/display/", {"text_size": "large", "next": "/accounts/login/"})
    page = client.get("/accounts/login/")
    assert display_of(page) == ("high", "large")
    assert switch(page, "text_size") == ("standard", "true")


@pytest.mark.django_db
def test_standard_colours_chosen_are_kept_even_on_a_device_that_asks_for_more_contrast(client):
    client.post("/accounts/display/", {"contrast": "standard", "next": "/accounts/login/"})

    page = client.get("/accounts/login/")

    assert display_of(page) == ("standard", "standard")
    assert contrast_sheet_media(page) is None
    assert switch(page, "contrast") == ("high", "false")


@pytest.mark.django_db
def test_a_users_choice_is_saved_on_them_and_survives_signing_out_and_in_on_another_device(worker):
    office = Client()
    sign_in(office, worker)
    office.post("/accounts/display/", {"contrast": "high", "next": "/participants/"})
    office.post("/accounts/display/", {"text_size": "large", "next": "/participants/"})
    preference = UserPreference.objects.get(user=worker)
    assert (preference.contrast, preference.text_size) == ("high", "large")
    assert display_of(office.get("/participants/")) == ("high", "large")

    office.post("/accounts/logout/")
    assert display_of(office.get("/accounts/login/")) == ("device", "standard"), "the next person got the choice"

    tablet = Client()
    sign_in(tablet, worker)
    page = tablet.get("/participants/")
    assert display_of(page) == ("high", "large")
    assert contrast_sheet_media(page) == "all"

    tablet.post("/accounts/display/", {"contrast": "standard", "next": "/participants/"})
    sign_in(office, worker)
    assert display_of(office.get("/participants/")) == ("standard", "large")


@pytest.mark.django_db
def test_a_choice_made_on_the_sign_in_page_is_kept_and_saved_on_the_user(client, worker):
    UserPreference.objects.create(user=worker, language="pl", contrast="standard")
    client.post("/accounts/display/", {"contrast": "high", "next": "/accounts/login/"})

    sign_in(client, worker)

    assert display_of(client.get("/participants/")) == ("high", "standard")
    assert UserPreference.objects.get(user=worker).contrast == "high"


@pytest.mark.django_db
def test_only_a_choice_switched_before_signing_in_is_saved_at_sign_in(client, worker):
    UserPreference.objects.create(user=worker, language="pl", contrast="standard")
    # A value in the session that no switch put there before this sign-in (one an earlier sign-in
    # brought in, older than the user's own choice) is not a choice.
    session = client.session
    session["kis_contrast"] = "high"
    session.save()

    sign_in(client, worker)

    assert UserPreference.objects.get(user=worker).contrast == "standard"
    assert display_of(client.get("/participants/"))[0] == "standard"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"contrast": "purple"},
        {"text_size": "huge"},
        {"contrast": "high", "text_size": "enormous"},
        {"contrast": ""},
        {},
    ],
)
def test_a_setting_kis_does_not_have_changes_nothing_and_is_refused_in_polish(client, worker, data):
    sign_in(client, worker)

    response = client.post("/accounts/display/", {**data, "next": "/participants/"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [("/participants/", 302)]
    assert "Nie ma takiego ustawienia wyglądu strony" in response.content.decode()
    assert display_of(response) == ("device", "standard")
    assert not UserPreference.objects.filter(user=worker).exclude(contrast="device").exists()


@pytest.mark.django_db
def test_the_switch_takes_only_posts_with_a_csrf_token_and_goes_back_only_to_this_site(client):
    assert client.get("/accounts/display/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/accounts/display/", {"contrast": "high"}).status_code == 403

    response = client.post("/accounts/display/", {"contrast": "high", "next": "https://example.org/"})

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_without_next_the_switch_goes_back_to_the_page_it_was_pressed_on(client):
    response = client.post(
        "/accounts/display/", {"text_size": "large"}, HTTP_REFERER="http://testserver/accounts/login/"
    )

    assert response["Location"] == "http://testserver/accounts/login/"


@pytest.mark.django_db
def test_the_display_settings_cost_a_signed_in_page_no_query(client, worker, django_assert_num_queries):
    sign_in(client, worker)
    client.post("/accounts/display/", {"contrast": "high", "next": "/"})

    # The session, the user and the user's roles (SIGNED_IN); the preferences come from the session.
    with django_assert_num_queries(SIGNED_IN):
        page = client.get("/accounts/password/")

    assert display_of(page) == ("high", "standard")


@pytest.mark.django_db
def test_the_administrator_sees_a_users_display_settings(client, worker):
    from kis.tests.factories import UserFactory

    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    page = client.get(f"/admin/auth/user/{worker.pk}/change/").content.decode()

    assert 'name="preference-0-contrast"' in page and 'name="preference-0-text_size"' in page
