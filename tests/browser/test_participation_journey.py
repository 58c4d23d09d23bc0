"""A person's path through a project, in a real browser.

A social worker recruits a participant (who has a signed social contract in force) from the
participant's page into a project, checks eligibility and qualifies the person ticking a statutory
category, starts the participation on the day of the first support, and completes it with the exit
data; the certificate is then linked from the participation page. The database is checked after
every step and axe-core checks every page on the way.

Selectors use names, ids and URLs, never translated text, so the test passes whether or not the
Polish catalogue has been compiled.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from contracts.tests.helpers import signed_contract
from kis.models import Location
from kis.roles import Role
from participants.models import LabourMarketStatus
from participants.tests.factories import ParticipantFactory
from participation.models import ExitSituation, ProjectParticipation
from participation.tests.factories import ParticipationProjectFactory
from projects.models import ProjectCriterion
from projects.tests.factories import ProjectCriterionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Kis-browser-test-2024!"
DAY = datetime.timedelta(days=1)
Status = ProjectParticipation.Status


@pytest.fixture
def setting(db):
    """A social worker, a participant of theirs with a signed contract in force, and a running project."""
    # live_server needs a transactional database; the roles come from data migrations and are
    # only there because of serialized_rollback, so check rather than assume.
    group = Group.objects.filter(name=Role.SOCIAL_WORKER).first()
    assert group is not None, (
        "The social_worker group (created by a data migration) is missing: the transactional test "
        "database was flushed without serialized_rollback=True."
    )
    assert ExitSituation.objects.exists(), "The situations on leaving (a data migration) are missing."
    worker = get_user_model().objects.create_user(
        username="anna.nowak", password=PASSWORD, first_name="Anna", last_name="Nowak"
    )
    worker.groups.add(group)
    location = Location.objects.create(
        name="KIS Śródmieście", street="ul. Kopernika 22", postal_code="84-200", town="Wejherowo"
    )
    participant = ParticipantFactory(
        social_worker=worker,
        location=location,
        first_name="Janina",
        last_name="Przybylska",
        female=True,
        town="Wejherowo",
        labour_market_status=LabourMarketStatus.REGISTERED_UNEMPLOYED,
        long_term_unemployed_certified=True,
    )
    signed_contract(participant=participant, period_start=timezone.localdate() - DAY * 20)
    project = ParticipationProjectFactory(title="Aktywna integracja w Wejherowie", locations=[location])
    ProjectCriterionFactory(
        project=project, kind=ProjectCriterion.Kind.TOWN, value="Wejherowo", description="Mieszka w Wejherowie"
    )
    ProjectCriterionFactory(
        project=project, kind=ProjectCriterion.Kind.MANUAL, value="", description="Nie uczestniczy w innym projekcie"
    )
    return worker, participant, project


def sign_in(page, base):
    page.goto(f"{base}/accounts/login/")
    page.locator("main input[name=username]").fill("anna.nowak")
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def follow(page, href: str, base: str):
    page.locator(f'main a[href="{href}"]').first.click()
    page.wait_for_url(f"{base}{href}")


def submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()


def test_social_worker_recruits_qualifies_starts_and_completes_a_participation(
    live_server, kis_page, assert_accessible, setting
):
    worker, participant, project = setting
    page = kis_page
    base = live_server.url
    today = timezone.localdate()
    situation = ExitSituation.objects.get(code="employed")

    # 1. Recruit from the participant's page.
    sign_in(page, base)
    page.goto(f"{base}/participants/{participant.pk}/")
    assert_accessible(page, "participant page")
    follow(page, f"/activities/participations/new/?participant={participant.pk}", base)
    assert_accessible(page, "recruitment form")
    form = page.locator("main form[method=post]")
    form.locator("select[name=project]").select_option(str(project.pk))
    form.locator("input[name=applied_on]").fill((today - DAY * 7).isoformat())
    submit(page)
    assert re.fullmatch(rf"{re.escape(base)}/activities/participations/\d+/", page.url), page.url

    participation = ProjectParticipation.objects.get(participant=participant, project=project)
    assert page.url == f"{base}/activities/participations/{participation.pk}/"
    assert (participation.status, participation.applied_on) == (Status.APPLIED, today - DAY * 7)
    assert_accessible(page, "participation page (applied)")

    # 2. Check eligibility and qualify, ticking a statutory category.
    follow(page, f"/activities/participations/{participation.pk}/decide/", base)
    assert_accessible(page, "eligibility and decision page")
    form = page.locator("main form[method=post]")
    # The data suggests long-term unemployment: it comes ticked. Without any category, qualifying
    # is refused on the same page, and nothing is saved.
    suggested = form.locator("input[name=categories][value=long_term_unemployed]")
    assert suggested.is_checked()
    suggested.uncheck()
    form.locator("input[name=decision][value=qualified]").check()
    submit(page)
    assert page.url == f"{base}/activities/participations/{participation.pk}/decide/"
    assert page.locator("main #error-summary").is_visible()
    participation.refresh_from_db()
    assert (participation.status, participation.decided_on) == (Status.APPLIED, None)
    assert_accessible(page, "decision page with an error")

    form = page.locator("main form[method=post]")
    form.locator("input[name=decision][value=qualified]").check()
    form.locator("input[name=categories][value=long_term_unemployed]").check()
    form.locator("input[name=categories][value=mental]").check()
    form.locator("input[name=decided_on]").fill((today - DAY * 5).isoformat())
    form.locator("textarea[name=note]").fill("Spełnia kryteria ustawowe i projektowe.")
    submit(page)
    assert page.url == f"{base}/activities/participations/{participation.pk}/"

    participation.refresh_from_db()
    assert participation.status == Status.QUALIFIED
    assert participation.eligibility_categories == ["long_term_unemployed", "mental"]
    assert (participation.decided_on, participation.decided_by) == (today - DAY * 5, worker)
    assert participation.eligibility_note == "Spełnia kryteria ustawowe i projektowe."
    # A contract is in force, so nothing asks for one.
    assert page.locator(f'main a[href="/contracts/new/?participant={participant.pk}"]').count() == 0
    assert_accessible(page, "participation page (qualified)")

    # 3. Start on the day of the first support.
    follow(page, f"/activities/participations/{participation.pk}/start/", base)
    assert_accessible(page, "start page")
    page.locator("main form[method=post] input[name=start_date]").fill((today - DAY * 3).isoformat())
    submit(page)
    assert page.url == f"{base}/activities/participations/{participation.pk}/"

    # Started, but by the ESF rules not before its first support: the page says so.
    participation.refresh_from_db()
    assert (participation.status, participation.planned_start, participation.start_date) == (
        Status.ACTIVE,
        today - DAY * 3,
        None,
    )
    assert "rozpoczęty, oczekuje na pierwsze wsparcie" in page.locator("main").inner_text()
    assert_accessible(page, "participation page (awaiting first support)")

    # The first support: an individual meeting in the project, recorded on its own page.
    page.goto(f"{base}/activities/support/new/?participant={participant.pk}")
    form = page.locator("main form[method=post]")
    form.locator("select[name=kind]").select_option("social_worker")
    form.locator("input[name=date]").fill((today - DAY * 2).strftime("%d.%m.%Y"))
    form.locator("input[name=specialist]").fill("Anna Nowak")
    form.locator("input[name=hours]").fill("1.5")
    form.locator("select[name=project]").select_option(str(project.pk))
    submit(page)
    participation.refresh_from_db()
    assert participation.start_date == today - DAY * 2
    assert participation.age_at_start == participant.age_on(today - DAY * 2)
    assert participation.labour_status_at_start == LabourMarketStatus.REGISTERED_UNEMPLOYED
    assert (participation.long_term_unemployed_esf, participation.long_term_unemployed_pup) == (True, True)
    page.goto(f"{base}/activities/participations/{participation.pk}/")
    assert_accessible(page, "participation page (active)")

    # 4. Complete with the exit data.
    follow(page, f"/activities/participations/{participation.pk}/complete/", base)
    assert_accessible(page, "completion page")
    form = page.locator("main form[method=post]")
    form.locator("input[name=end_date]").fill(today.isoformat())
    form.locator("select[name=completed_as_planned]").select_option("yes")
    form.locator("select[name=exit_situation]").select_option(str(situation.pk))
    submit(page)
    assert page.url == f"{base}/activities/participations/{participation.pk}/"

    participation.refresh_from_db()
    assert participation.status == Status.COMPLETED
    assert (participation.end_date, participation.completed_as_planned) == (today, True)
    assert participation.exit_situation == situation
    assert participation.certificate_number == f"KIS/{today.year}/0001"
    assert [(e.from_status, e.to_status, e.by) for e in participation.events.all()] == [
        ("", Status.APPLIED, worker),
        (Status.APPLIED, Status.QUALIFIED, worker),
        (Status.QUALIFIED, Status.ACTIVE, worker),
        (Status.ACTIVE, Status.COMPLETED, worker),
    ]

    # 5. The certificate is linked from the participation page and is a PDF.
    certificate = page.locator(f'main a[href="/activities/participations/{participation.pk}/certificate.pdf"]')
    assert certificate.is_visible()
    assert certificate.inner_text().strip() == participation.certificate_number
    assert_accessible(page, "participation page (completed)")
    response = page.request.get(f"{base}/activities/participations/{participation.pk}/certificate.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
