"""A refused form in a real browser: the error summary takes the focus, its links take a keyboard
user to each field, and the long participant form keeps its save button and its sections in reach.

Selectors use ids and names, never translated text.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kis.models import Location
from kis.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"


@pytest.fixture
def signed_in_worker(live_server, kis_page):
    worker = get_user_model().objects.create_user(username="anna.nowak", password=PASSWORD, first_name="Anna")
    worker.groups.add(Group.objects.get(name=Role.SOCIAL_WORKER))
    Location.objects.create(name="KIS Śródmieście", street="ul. Kopernika 22", postal_code="84-200", town="Wejherowo")
    kis_page.goto(f"{live_server.url}/accounts/login/")
    kis_page.locator("main input[name=username]").fill("anna.nowak")
    kis_page.locator("main input[name=password]").fill(PASSWORD)
    kis_page.locator("main form button[type=submit]").click()
    kis_page.wait_for_url(f"{live_server.url}/")
    return kis_page


def active_element(page) -> dict:
    return page.evaluate("() => ({id: document.activeElement.id, tag: document.activeElement.tagName})")


def test_a_refused_registration_focuses_the_summary_whose_links_reach_each_field(
    live_server, signed_in_worker, assert_accessible
):
    page = signed_in_worker
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server.url}/participants/new/")
    # The save button is in sight at the foot of the window, 3,000 px of form or not.
    save = page.locator("main form .form-actions button[type=submit]")
    box = save.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]

    save.click()
    page.wait_for_load_state()

    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert active_element(page) == {"id": "error-summary", "tag": "DIV"}
    assert_accessible(page, "refused registration")
    # The next Tab is the summary's first link, which names the first refused field.
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert first == "#id_first_name"
    page.keyboard.press("Enter")
    assert active_element(page) == {"id": "id_first_name", "tag": "INPUT"}
    # The summary's last link, a field far down the form: focused, and its label in sight.
    last = summary.locator("a").last
    target = last.get_attribute("href")[1:]
    last.click()
    assert active_element(page)["id"] == target
    label_box = page.locator(f"label[for={target}]").bounding_box()
    assert label_box["y"] > 0 and label_box["y"] + label_box["height"] <= page.viewport_size["height"]
    # Each field is described by its own message.
    described = page.locator(f"#{target}").get_attribute("aria-describedby")
    assert f"{target}_error" in described.split()


def test_the_sections_of_the_participant_form_are_a_list_to_move_between(live_server, signed_in_worker):
    page = signed_in_worker
    page.emulate_media(reduced_motion="reduce")  # Bootstrap scrolls smoothly otherwise: measure where it ends
    page.goto(f"{live_server.url}/participants/new/")
    links = page.locator("main nav.form-sections a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert targets[:5] == [
        "#section-identity",
        "#section-address",
        "#section-contact",
        "#section-situation",
        "#section-case",
    ]
    assert targets[-1] == "#section-household"
    for target in targets:
        assert page.locator(f"fieldset{target}").count() == 1, target
    page.locator("main nav.form-sections a[href='#section-case']").click()
    page.wait_for_url(re.compile("#section-case$"))
    legend = page.locator("#section-case legend").bounding_box()
    assert 0 <= legend["y"] <= page.viewport_size["height"] / 2


def test_a_task_row_is_added_to_the_contract_form_without_saving_and_saved_with_it(live_server, signed_in_worker):
    import datetime

    from contracts.models import SocialContract
    from participants.tests.factories import ParticipantFactory

    worker = get_user_model().objects.get(username="anna.nowak")
    person = ParticipantFactory(social_worker=worker, location=Location.objects.get(), last_name="Przybylska")
    today = datetime.date.today()
    page = signed_in_worker
    page.goto(f"{live_server.url}/contracts/new/?participant={person.pk}")
    form = page.locator("main form[method=post]")
    rows_before = form.locator("input[name$=-description]").count()

    add = form.locator("button[data-formset-add=tasks]")
    assert add.is_visible()
    # "Save for more rows" is for a page without the script.
    assert not form.locator("[data-formset-hint=tasks]").is_visible()
    add.click()
    add.click()

    assert form.locator("input[name$=-description]").count() == rows_before + 2
    last = rows_before + 1
    # The new row's first field has the focus, ready to type; nothing was sent.
    assert page.evaluate("() => document.activeElement.name") == f"tasks-{last}-description"
    assert SocialContract.objects.count() == 0
    form.locator("input[name=kind][value=B]").check()
    form.locator("input[name=place]").fill("Wejherowo")
    form.locator("input[name=period_start]").fill(today.isoformat())
    form.locator("input[name=period_end]").fill((today + datetime.timedelta(days=180)).isoformat())
    form.locator("textarea[name=problems]").fill("Długotrwałe bezrobocie.")
    form.locator(f"input[name=tasks-{last}-description]").fill("Kurs operatora wózków widłowych")
    form.locator(f"select[name=tasks-{last}-responsible]").select_option("participant")
    form.locator(f"input[name=tasks-{last}-deadline]").fill((today + datetime.timedelta(days=60)).isoformat())
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{re.escape(live_server.url)}/contracts/\d+/$"))

    contract = SocialContract.objects.get()
    assert [task.description for task in contract.tasks.all()] == ["Kurs operatora wózków widłowych"]
