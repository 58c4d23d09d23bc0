"""The empty choice of every select reads as words, never Django's "---------": "— wszystkie —"
on every list's filters (the lists taken from the URL configuration), "— wybierz —" on a form."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from conftest import make_user
from kis.roles import Role
from tests.bad_input.pages import list_pages

pytestmark = pytest.mark.django_db

DASHES = "---------"


@pytest.fixture
def in_polish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    return client


@pytest.mark.parametrize("page", list_pages())
def test_no_list_offers_ten_dashes_as_a_filters_empty_choice(in_polish, page):
    path, _filterset = list_pages()[page]
    user = make_user(Role.COORDINATOR)
    user.groups.add(Group.objects.get(name=Role.MANAGER))  # and the manager's lists (the audit trail)
    in_polish.force_login(user)

    response = in_polish.get(path)

    assert response.status_code == 200, path
    assert DASHES not in response.content.decode(), path


@pytest.mark.parametrize(
    ("role", "path", "words"),
    [
        (Role.SOCIAL_WORKER, "/participants/new/", "— wybierz —"),
        (Role.COORDINATOR, "/activities/new/", "— wybierz —"),
        (Role.COORDINATOR, "/participants/", "— wszystkie —"),
    ],
)
def test_a_forms_empty_choice_says_choose_and_a_filters_says_all(in_polish, role, path, words):
    in_polish.force_login(make_user(role))

    page = in_polish.get(path).content.decode()

    assert f'<option value="" selected>{words}</option>' in page or f'<option value="">{words}</option>' in page
    assert DASHES not in page
