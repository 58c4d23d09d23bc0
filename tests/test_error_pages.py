"""Error pages in Polish, in the site's layout, with a way back — as a server with debug off shows them.

The test settings run with DEBUG off, so these are the pages a centre's staff would see. Every
request asks for English (a tablet set to English): the pages are Polish all the same.
"""

import re

import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import path

from kis.tests.helpers import ENGLISH_BROWSER
from kis.urls import urlpatterns as kis_urlpatterns


@login_not_required
def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken), *kis_urlpatterns]


def assert_polish_error_page(response, status: int, heading: str):
    content = response.content.decode()
    assert response.status_code == status
    assert re.search(r'<html lang="pl"[ >]', content)
    assert f'<h1 class="h3">{heading}</h1>' in content, content[:2000]
    assert '<a class="btn btn-primary" href="/">Przejdź do strony głównej</a>' in content
    assert 'class="navbar' in content  # the site's layout
    for english in ("Not Found", "Forbidden", "Bad Request", "Server Error"):
        assert english not in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, status, heading",
    [
        ("/participants/999999/", 404, "Nie znaleziono strony"),
        ("/audit/", 403, "Brak dostępu"),  # managers and administrators only
    ],
)
def test_404_and_403_are_polish_with_a_way_back(client, social_worker, url, status, heading):
    client.force_login(social_worker)

    response = client.get(url, **ENGLISH_BROWSER)

    assert_polish_error_page(response, status, heading)
    assert f"Błąd {status}" in response.content.decode()


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_a_polish_403():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "x", "password": "y"}, **ENGLISH_BROWSER)

    assert_polish_error_page(response, 403, "Nie udało się wysłać formularza")


@pytest.mark.django_db
def test_400_for_an_unknown_host_is_polish(client):
    response = client.get("/accounts/login/", HTTP_HOST="kis.example.com", **ENGLISH_BROWSER)

    assert_polish_error_page(response, 400, "Nieprawidłowe żądanie")


@pytest.mark.django_db
@pytest.mark.urls("tests.test_error_pages")
def test_500_is_polish_with_a_way_back():
    client = Client(raise_request_exception=False)

    response = client.get("/broken/", **ENGLISH_BROWSER)

    assert_polish_error_page(response, 500, "Wystąpił błąd po stronie aplikacji")
    content = response.content.decode()
    assert "a bug" not in content and "RuntimeError" not in content  # nothing of the code shown
    assert "csrfmiddlewaretoken" not in content  # no form that could not be sent


@pytest.mark.django_db
def test_a_blocked_sign_in_is_explained_in_polish(client, social_worker, settings):
    wrong = {"username": social_worker.username, "password": "wrong"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", wrong, **ENGLISH_BROWSER)

    response = client.post("/accounts/login/", wrong, **ENGLISH_BROWSER)

    content = response.content.decode()
    assert response.status_code == 429
    assert re.search(r'<html lang="pl"[ >]', content)
    assert "Logowanie czasowo zablokowane" in content
    assert '<a class="btn btn-outline-primary" href="/accounts/login/">Zaloguj się</a>' in content
