"""A PESEL searched for stays out of addresses, logs and the audit trail.

The search form posts the text; the list comes back at ``?search=<token>`` and reads the text from
the session. An address with ``q=`` (an old bookmark) is converted the same way.
"""

import json
import logging
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _

from kis.models import AuditEvent
from participants.searches import LIFETIME_SECONDS, SESSION_KEY
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

PESEL = "44051401359"


@pytest.fixture
def person(social_worker):
    return ParticipantFactory(last_name="Kowalski", pesel=PESEL, social_worker=social_worker)


def urls_in(response) -> list[str]:
    return re.findall(r'(?:href|action|src)="([^"]*)"', response.content.decode())


def test_searching_by_pesel_finds_the_person_without_the_pesel_in_any_address_log_or_audit_entry(
    client, social_worker, person, caplog
):
    client.force_login(social_worker)
    AuditEvent.objects.all().delete()

    with caplog.at_level(logging.DEBUG):
        posted = client.post("/participants/", {"q": PESEL, "scope": "all"})
        listed = client.get(posted["Location"])
        opened = client.get(person.get_absolute_url())

    assert posted.status_code == 303
    assert PESEL not in posted["Location"]
    assert re.fullmatch(r"/participants/\?scope=all&search=[\w-]+", posted["Location"])
    assert [p.pk for p in listed.context["object_list"]] == [person.pk]
    for response in (listed, opened):
        assert not [url for url in urls_in(response) if PESEL in url]
    assert PESEL not in caplog.text
    assert all(PESEL not in record.getMessage() for record in caplog.records)
    audit = list(AuditEvent.objects.values_list("object_repr", "details"))
    assert audit  # the record's opening is audited…
    assert all(PESEL not in repr_ and PESEL not in json.dumps(details) for repr_, details in audit)  # …without it


def test_an_address_with_the_search_text_is_swapped_for_a_token_keeping_the_filters(client, social_worker, person):
    client.force_login(social_worker)

    response = client.get(f"/participants/?q={PESEL}&scope=all&ordering=town", follow=True)

    ((location, status),) = response.redirect_chain
    assert status == 303
    assert PESEL not in location
    assert "scope=all" in location and "ordering=town" in location and "search=" in location
    assert [p.pk for p in response.context["object_list"]] == [person.pk]


def test_pagination_links_keep_the_token(client, social_worker):
    for number in range(30):
        ParticipantFactory(last_name=f"Kowal{number:02d}", social_worker=social_worker)
    client.force_login(social_worker)

    location = client.post("/participants/", {"q": "kowal"})["Location"]
    token = location.split("search=")[1]
    second = client.get(f"{location}&page=2")

    assert f"search={token}&amp;page=2" in client.get(location).content.decode()
    assert [p.last_name for p in second.context["object_list"]] == [f"Kowal{n:02d}" for n in range(25, 30)]


def test_an_unknown_or_expired_token_shows_the_list_unfiltered_with_a_message(client, social_worker, person):
    ParticipantFactory(last_name="Nowak", social_worker=social_worker)
    client.force_login(social_worker)
    location = client.post("/participants/", {"q": "kowal"})["Location"]
    session = client.session
    session[SESSION_KEY] = {token: {**entry, "at": 0} for token, entry in session[SESSION_KEY].items()}
    session.save()

    for url in (location, "/participants/?search=unknown"):
        response = client.get(url)
        assert {p.last_name for p in response.context["object_list"]} == {"Kowalski", "Nowak"}
        assert _("That search has expired, so the list is shown without it: search again.") in (
            response.content.decode()
        )


def test_the_search_form_posts_with_a_csrf_token(client, social_worker):
    client.force_login(social_worker)

    page = client.get("/participants/").content.decode()

    form = re.search(r'<form method="post"[^>]*role="search".*?</form>', page, re.S).group(0)
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'name="q"' in form


def test_a_search_posted_by_htmx_answers_the_results_in_place_and_the_token_for_the_address(
    client, social_worker, person
):
    """With scripts the form is posted by htmx: one response with the results alone (the form stays
    as typed) and the address of the same list with the token, never with the text."""
    ParticipantFactory(last_name="Nowicka", social_worker=social_worker)
    client.force_login(social_worker)

    response = client.post("/participants/", {"q": PESEL, "scope": "all"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    address = response["HX-Replace-Url"]
    reloaded = client.get(address)

    assert response.status_code == 200
    assert re.fullmatch(r"/participants/\?scope=all&search=[\w-]+", address)
    assert PESEL not in address
    assert [p.pk for p in response.context["object_list"]] == [person.pk]
    assert page.lstrip().startswith('<div id="participant-results">') and "<html" not in page
    assert "Kowalski" in page and "Nowicka" not in page
    assert 'name="q"' not in page  # the form is not sent again: what was typed stays
    assert 'id="caseload-pills" hx-swap-oob="true"' in page  # the scope's pills follow the search
    assert not [url for url in urls_in(response) if PESEL in url]
    # The address the browser shows gives the same list when reloaded.
    assert [p.pk for p in reloaded.context["object_list"]] == [person.pk]


def test_the_list_posts_its_search_form_by_htmx_into_the_results(client, social_worker):
    client.force_login(social_worker)
    page = client.get("/participants/").content.decode()
    form = re.search(r'<form method="post"[^>]*role="search"[^>]*>', page).group(0)

    assert 'hx-post="/participants/"' in form and 'hx-target="#participant-results"' in form
    assert page.count('id="participant-results"') == 1


def session_writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "django_session"')]


def test_the_same_search_again_takes_its_token_without_writing_the_session(client, social_worker, person):
    client.force_login(social_worker)
    first = client.post("/participants/", {"q": "kowal"})["Location"]

    with CaptureQueriesContext(connection) as again:
        second = client.post("/participants/", {"q": "kowal"})["Location"]
    other = client.post("/participants/", {"q": "nowak"})["Location"]

    assert second == first
    assert session_writes(again.captured_queries) == []
    assert other != first
    assert len(client.session[SESSION_KEY]) == 2


def test_a_search_kept_for_over_half_its_time_gets_a_new_token(client, social_worker, person):
    client.force_login(social_worker)
    first = client.post("/participants/", {"q": "kowal"})["Location"]
    session = client.session
    session[SESSION_KEY] = {
        token: {**entry, "at": entry["at"] - LIFETIME_SECONDS / 2 - 1} for token, entry in session[SESSION_KEY].items()
    }
    session.save()

    second = client.post("/participants/", {"q": "kowal"})["Location"]

    assert second != first
    assert {p.last_name for p in client.get(second).context["object_list"]} == {"Kowalski"}
