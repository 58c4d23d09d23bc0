"""A social worker's first journey through the registry, in a real browser.

Sign in, register a participant (first with a mistyped PESEL, which must be refused next to the
field without saving anything), read the record and find the person again with the search box;
axe-core checks every page on the way.

Selectors use names, ids and URLs, never translated text, so the test passes whether or not the
Polish catalogue has been compiled.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kis.models import Location
from kis.roles import Role
from participants import pesel as pesel_rules
from participants.models import Participant
from participants.tests.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"
BORN = datetime.date(1985, 3, 14)


def valid_pesel(born: datetime.date, serial: str = "123", sex_digit: int = 4) -> str:
    """A PESEL with a correct check digit (born in the 1900s; an even sex digit is a woman)."""
    first_ten = f"{born.year % 100:02d}{born.month:02d}{born.day:02d}{serial}{sex_digit}"
    return first_ten + str(pesel_rules.check_digit(first_ten))


def mistyped(pesel: str) -> str:
    """The same PESEL with a wrong check digit."""
    return pesel[:10] + str((int(pesel[10]) + 1) % 10)


@pytest.fixture
def worker_and_location(db):
    # live_server needs a transactional database; the roles come from a data migration and are
    # only there because of serialized_rollback, so check rather than assume.
    group = Group.objects.filter(name=Role.SOCIAL_WORKER).first()
    assert group is not None, (
        "The social_worker group (created by a data migration) is missing: the transactional test "
        "database was flushed without serialized_rollback=True."
    )
    worker = get_user_model().objects.create_user(
        username="anna.nowak", password=PASSWORD, first_name="Anna", last_name="Nowak"
    )
    worker.groups.add(group)
    location = Location.objects.create(
        name="KIS Śródmieście", street="ul. Kopernika 22", postal_code="84-200", town="Wejherowo"
    )
    return worker, location


def test_social_worker_registers_a_participant_and_finds_them(
    live_server, kis_page, assert_accessible, worker_and_location
):
    worker, location = worker_and_location
    # Someone else on the caseload, whom the search must leave out.
    ParticipantFactory(social_worker=worker, location=location, last_name="Zielińska", female=True)
    page = kis_page
    base = live_server.url

    # Anonymous visitors are sent to the sign-in page.
    page.goto(f"{base}/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/$"))
    assert page.locator("html").get_attribute("lang") == "pl"
    assert_accessible(page, "sign-in page")

    page.locator("main input[name=username]").fill("anna.nowak")
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    assert_accessible(page, "home page")

    page.locator('main a[href="/participants/new/"]').click()
    page.wait_for_url(f"{base}/participants/new/")
    assert_accessible(page, "registration form")
    # A worker registers onto their own caseload: the field is preset and locked.
    social_worker_select = page.locator("select[name=social_worker]")
    assert social_worker_select.is_disabled()
    assert social_worker_select.input_value() == str(worker.pk)

    pesel = valid_pesel(BORN)
    page.locator("input[name=first_name]").fill("Janina")
    page.locator("input[name=last_name]").fill("Przybylska")
    page.locator("input[name=pesel]").fill(mistyped(pesel))
    page.locator("input[name=street]").fill("ul. Sobieskiego")
    page.locator("input[name=house_number]").fill("12")
    page.locator("input[name=postal_code]").fill("84-200")
    page.locator("input[name=town]").fill("Wejherowo")
    page.locator("input[name=commune]").fill("Wejherowo")
    page.locator("input[name=county]").fill("wejherowski")
    page.locator("select[name=voivodeship]").select_option("pomorskie")
    page.locator("select[name=area_type]").select_option("1")
    page.locator("select[name=location]").select_option(str(location.pk))
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()

    # The mistyped PESEL is refused next to its field, and nothing is saved.
    assert page.url == f"{base}/participants/new/"
    pesel_input = page.locator("input[name=pesel]")
    assert pesel_input.get_attribute("aria-invalid") == "true"
    error = page.locator("#div_id_pesel .invalid-feedback")
    assert error.is_visible()
    assert error.inner_text().strip()
    assert error.get_attribute("id") in (pesel_input.get_attribute("aria-describedby") or "").split()
    assert Participant.objects.filter(last_name="Przybylska").count() == 0
    # What was typed is kept, so only the PESEL needs correcting.
    assert page.locator("input[name=last_name]").input_value() == "Przybylska"
    assert_accessible(page, "registration form with errors")

    pesel_input.fill(pesel)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(base)}/participants/\d+/$"))
    participant = Participant.objects.get(last_name="Przybylska")
    assert page.url == f"{base}/participants/{participant.pk}/"
    assert participant.social_worker == worker
    assert participant.date_of_birth == BORN
    heading = page.locator("main h1").inner_text()
    assert "Janina Przybylska" in heading
    assert "14.03.1985" in page.locator("main dl").first.inner_text()
    assert_accessible(page, "participant's record")

    page.goto(f"{base}/participants/")
    assert_accessible(page, "participant list")
    search = page.locator("form[role=search]")
    search.locator("input[name=q]").fill("Przybylska")
    # The search is posted by htmx: one request, the results replaced in place, and the address
    # takes the token, never the text.
    with page.expect_response(lambda r: r.request.method == "POST" and "/participants/" in r.url) as posted:
        search.locator("button[type=submit]").click()
    assert posted.value.request.headers.get("hx-request") == "true", "The search was not posted by htmx."
    page.wait_for_url(re.compile(r"/participants/\?(.*&)?search=[\w-]+"))
    assert "Przybylska" not in page.url
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    link = rows.first.locator(f'a[href="/participants/{participant.pk}/"]')
    assert "Przybylska" in link.inner_text()
    assert "14.03.1985" in rows.first.inner_text()
    assert "Zielińska" not in page.locator("main table").inner_text()
    assert_accessible(page, "search results")
