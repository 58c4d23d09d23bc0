"""The interface is Polish by default and can be switched to English."""

import re

import pytest


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
