"""The interface is Polish by default and can be switched to English."""

import datetime
import re

import pytest
from django import forms
from django.test import Client
from django.utils import translation

from kis.models import UserPreference
from kis.tests.factories import UserFactory
from kis.tests.helpers import ENGLISH_BROWSER
from kis.widgets import DateInput


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "no <html lang> on the page"
    return match.group(1)


@pytest.mark.django_db
def test_pages_are_in_polish_by_default(client):
    response = client.get("/accounts/login/")

    assert html_lang(response) == "pl"
    assert "Zaloguj się" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_changes_the_page_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/")
    assert html_lang(page) == "en"
    assert "Sign in to KIS" in page.content.decode()


@pytest.mark.django_db
def test_language_switch_keeps_a_signed_in_user_on_the_page(client, social_worker):
    client.force_login(social_worker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/participants/"})

    page = client.get("/participants/")

    assert html_lang(page) == "en"
    client.post("/i18n/setlang/", {"language": "pl", "next": "/participants/"})
    assert html_lang(client.get("/participants/")) == "pl"


@pytest.mark.django_db
def test_a_browser_that_asks_for_english_gets_polish_before_signing_in(client):
    response = client.get("/accounts/login/", **ENGLISH_BROWSER)

    assert html_lang(response) == "pl"
    assert "Zaloguj się" in response.content.decode()
    assert response["Content-Language"] == "pl"


@pytest.mark.django_db
def test_a_browser_that_asks_for_english_gets_polish_when_signed_in(client, social_worker):
    client.force_login(social_worker)

    response = client.get("/participants/", **ENGLISH_BROWSER)

    assert html_lang(response) == "pl"
    assert "Uczestnicy" in response.content.decode()


@pytest.mark.django_db
def test_a_users_choice_of_english_is_kept_on_the_user_and_follows_them_to_another_device(social_worker):
    social_worker.set_password("Kis-test-password-1")
    social_worker.save()
    office = Client()
    office.force_login(social_worker)
    office.post("/i18n/setlang/", {"language": "en", "next": "/participants/"})
    assert UserPreference.objects.get(user=social_worker).language == "en"

    # A tablet set to Polish, signing in with the password, on which nothing was chosen before.
    tablet = Client(HTTP_ACCEPT_LANGUAGE="pl")
    response = tablet.post("/accounts/login/", {"username": social_worker.username, "password": "Kis-test-password-1"})
    assert response.status_code == 302
    assert html_lang(tablet.get("/participants/")) == "en"

    # Back to Polish on the tablet: kept on the user again, for the office computer's next sign-in.
    tablet.post("/i18n/setlang/", {"language": "pl", "next": "/participants/"})
    assert UserPreference.objects.get(user=social_worker).language == "pl"
    office.logout()
    office.force_login(social_worker)
    assert html_lang(office.get("/participants/", **ENGLISH_BROWSER)) == "pl"


@pytest.mark.django_db
def test_signing_out_does_not_leave_the_next_person_with_the_previous_users_language(client, social_worker):
    client.force_login(social_worker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.cookies.pop("django_language", None)  # a shared computer whose cookies are cleared

    client.post("/accounts/logout/")

    assert html_lang(client.get("/accounts/login/")) == "pl"


@pytest.mark.django_db
def test_a_language_that_kis_does_not_have_is_ignored(client, social_worker):
    client.cookies["django_language"] = "de"
    assert html_lang(client.get("/accounts/login/")) == "pl"

    client.force_login(social_worker)
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/participants/"})

    assert response.status_code == 302
    assert html_lang(client.get("/participants/")) == "pl"
    assert not UserPreference.objects.filter(user=social_worker).exists()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_date_fields_show_and_accept_dd_mm_yyyy_in_either_language(language):
    class DateForm(forms.Form):
        day = forms.DateField(widget=DateInput())

    with translation.override(language):
        rendered = str(DateForm(initial={"day": datetime.date(2024, 1, 5)})["day"])
        typed = DateForm(data={"day": "15.01.2024"})
        iso = DateForm(data={"day": "2024-01-15"})
        american = DateForm(data={"day": "01/15/2024"})

        assert 'value="05.01.2024"' in rendered and 'type="text"' in rendered
        assert typed.is_valid() and typed.cleaned_data["day"] == datetime.date(2024, 1, 15)
        assert iso.is_valid() and iso.cleaned_data["day"] == datetime.date(2024, 1, 15)
        assert not american.is_valid()


@pytest.mark.django_db
def test_the_administrator_sees_and_can_set_a_users_language(client, social_worker):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)

    page = client.get(f"/admin/auth/user/{social_worker.pk}/change/")

    assert page.status_code == 200
    assert 'name="preference-0-language"' in page.content.decode()
