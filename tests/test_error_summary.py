"""After a refused submit the page opens with a summary of its errors: each one a link to its
field, the formsets' rows named, messages of no field listed without a link, in Polish plurals.
The summary's focus and its links' moves are tested in the browser
(tests/browser/test_forms_people_can_finish.py)."""

import html
import re

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from projects.tests.test_projects import INDICATOR, project_data

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a class="alert-link" href="#([^"]+)">([^<]*)</a>')
REQUIRED = "To pole jest wymagane."


@pytest.fixture(autouse=True)
def polish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"


def summary_of(response) -> str:
    content = html.unescape(response.content.decode())
    assert content.count('id="error-summary"') == 1, "one summary per page"
    return content.split('id="error-summary"')[1].split("</div>")[0]


def test_an_empty_registration_lists_each_required_field_as_a_link_to_its_input(client, social_worker):
    client.force_login(social_worker)

    response = client.post("/participants/new/", {"household-TOTAL_FORMS": "0", "household-INITIAL_FORMS": "0"})

    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    summary = summary_of(response)
    links = dict(LINK.findall(summary))
    # Required by the registration rules: a name, a surname, where and since when the person is registered.
    for target, label in [
        ("id_first_name", "Imię"),
        ("id_last_name", "Nazwisko"),
        ("id_location", "Placówka"),
        ("id_registered_on", "Data rejestracji"),
    ]:
        assert links[target] == f"{label}: {REQUIRED}"
        assert f'id="{target}"' in content
    # Every link leads to an input of the page, described by its own message.
    for target in links:
        assert re.search(rf'aria-describedby="[^"]*{target}_error[^"]*"[^>]*id="{target}"', content), target
    # The summary comes first: before the form, focusable (the script focuses it at load).
    assert content.index('id="error-summary"') < content.index('<form method="post" novalidate>')
    assert 'tabindex="-1"' in content.split('id="error-summary"')[1].split(">")[0]


def test_an_error_in_a_formset_row_names_the_row_and_links_to_its_input(client, manager):
    client.force_login(manager)
    data = project_data(indicators=[INDICATOR, {**INDICATOR, "target": ""}])

    response = client.post("/projects/new/", data)

    assert response.status_code == 200
    links = dict(LINK.findall(summary_of(response)))
    assert links == {"id_indicators-1-target": f"Wartość docelowa (wiersz 2): {REQUIRED}"}


def test_a_message_of_no_field_is_listed_without_a_link(client, social_worker):
    response = client.post("/accounts/login/", {"username": social_worker.username, "password": "not-this-one"})

    summary = summary_of(response)
    assert "Wprowadź poprawne wartości pól nazwa użytkownika oraz hasło." in summary
    assert LINK.findall(summary) == []
    assert "Do poprawienia: 1 błąd" in summary


def test_a_page_not_submitted_has_no_summary(client, social_worker):
    client.force_login(social_worker)

    response = client.get("/participants/new/")

    assert 'id="error-summary"' not in response.content.decode()


@pytest.mark.parametrize(
    ("count", "heading"),
    [(1, "1 błąd"), (2, "2 błędy"), (4, "4 błędy"), (5, "5 błędów"), (12, "12 błędów"), (22, "22 błędy")],
)
def test_the_heading_counts_in_polish_plurals(count, heading):
    from django import forms

    form = forms.Form(data={})
    for index in range(count):
        form.fields[f"f{index}"] = forms.CharField()
    request = RequestFactory().get("/")
    with translation.override("pl"):
        rendered = Template("{% load error_summary %}{% error_summary %}").render(
            Context({"form": form, "request": request})
        )

    assert f"Do poprawienia: {heading}</h2>" in rendered
    assert len(LINK.findall(rendered)) == count


def test_a_choice_of_radio_buttons_or_check_boxes_is_linked_to_its_first_input():
    from django import forms

    class Choices(forms.Form):
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, label="Rodzaj")
        factors = forms.MultipleChoiceField(
            choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple, label="Czynniki"
        )

    form = Choices(data={})
    with translation.override("pl"):
        rendered = Template("{% load error_summary %}{% error_summary %}").render(Context({"form": form}))

    assert dict(LINK.findall(rendered)) == {"id_kind_0": f"Rodzaj: {REQUIRED}", "id_factors_0": f"Czynniki: {REQUIRED}"}
