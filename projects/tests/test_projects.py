"""Projects: who may open which page, the list and the project page, and creating and editing a
project together with its partners, indicators and criteria (all or nothing)."""

import re
from unittest import mock

import pytest
from django.db import DatabaseError

from conftest import make_user
from kis.models import AuditEvent
from kis.roles import Role
from kis.tests.factories import LocationFactory
from kis.tests.helpers import field_error_text, submitted_data
from projects.models import Project, ProjectCriterion, ProjectIndicator, ProjectPartner
from projects.tests.factories import (
    PartnerFactory,
    ProjectCriterionFactory,
    ProjectFactory,
    ProjectIndicatorFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db

NEW_URL = "/projects/new/"

# --- Who may open which page ----------------------------------------------------------------------

ANONYMOUS = None
ROLES = [ANONYMOUS, Role.SOCIAL_WORKER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN]
LOGIN = "→ sign-in page"

URLS = {
    "project list": "/projects/",
    "project": "/projects/{pk}/",
    "new project": "/projects/new/",
    "edit project": "/projects/{pk}/edit/",
}

# Grants of kis/migrations/0004_project_roles.py: everyone views, only managers add and change.
# fmt: off
EXPECTED = {
    #                  anonymous  social_worker  coordinator  manager  admin
    "project list":   (LOGIN,     200,           200,         200,     200),
    "project":        (LOGIN,     200,           200,         200,     200),
    "new project":    (LOGIN,     403,           403,         200,     403),
    "edit project":   (LOGIN,     403,           403,         200,     403),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_matrix_covers_every_project_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_project_page(client, page, role, expected):
    project = ProjectFactory()
    ProjectPartnerFactory(project=project)
    url = URLS[page].format(pk=project.pk)
    if role:
        client.force_login(make_user(role))

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"
    else:
        assert response.status_code == expected


def test_a_missing_project_is_404(client, manager):
    client.force_login(manager)

    assert client.get("/projects/999999/").status_code == 404
    assert client.get("/projects/999999/edit/").status_code == 404


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ADMIN])
def test_roles_that_only_view_cannot_post_a_project(client, role):
    project = ProjectFactory(title="Aktywność popłaca")
    client.force_login(make_user(role))

    created = client.post(NEW_URL, project_data())
    edited = client.post(f"/projects/{project.pk}/edit/", project_data(title="Zmieniony"))

    assert (created.status_code, edited.status_code) == (403, 403)
    assert list(Project.objects.values_list("title", flat=True)) == ["Aktywność popłaca"]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN])
def test_every_role_finds_projects_and_partners_in_the_menu(client, role):
    client.force_login(make_user(role))

    content = client.get("/").content.decode()

    assert 'href="/projects/">Projekty</a>' in content
    assert 'href="/partners/">Partnerzy</a>' in content


# --- List ---------------------------------------------------------------------------------------


def test_list_shows_code_title_funder_dates_and_figures_against_targets(client, coordinator):
    ProjectFactory(
        code="RPSL.09.01.01-24-0001/16",
        title="Partnerstwo na rzecz aktywnej integracji w powiecie zawierciańskim",
        funder="Urząd Marszałkowski Województwa Śląskiego",
        target_recruited=145,
        target_completed=96,
    )
    client.force_login(coordinator)

    response = client.get("/projects/")

    content = response.content.decode()
    assert "RPSL.09.01.01-24-0001/16" in content
    assert "Partnerstwo na rzecz aktywnej integracji w powiecie zawierciańskim" in content
    assert "Urząd Marszałkowski Województwa Śląskiego" in content
    assert "01.01.2016 – 31.12.2017" in content
    assert "0 / 145" in content
    assert "0 / 96" in content


def test_list_filters_by_status_and_by_title_or_code(client, coordinator):
    ProjectFactory(title="Przeciw Bezradności", code="RPSL.09.02.00-24-0002/17", status=Project.Status.RUNNING)
    ProjectFactory(title="Aktywność popłaca", code="RPSL.09.02.00-24-0003/17", status=Project.Status.CLOSED)
    ProjectFactory(title="Nowa Starówka – Nowe Szanse", code="POWR.02.08.00-00-0100/18", status=Project.Status.RUNNING)
    client.force_login(coordinator)

    def titles(query):
        return sorted(p.title for p in client.get("/projects/", query).context["object_list"])

    assert titles({"status": "running"}) == ["Nowa Starówka – Nowe Szanse", "Przeciw Bezradności"]
    assert titles({"q": "bezradn"}) == ["Przeciw Bezradności"]
    assert titles({"q": "09.02.00", "status": "closed"}) == ["Aktywność popłaca"]


def test_list_is_paginated_and_keeps_the_filters_in_the_page_links(client, coordinator):
    ProjectFactory.create_batch(30, status=Project.Status.RUNNING)
    client.force_login(coordinator)

    response = client.get("/projects/", {"status": "running"})

    assert len(response.context["object_list"]) == 25
    assert 'href="?status=running&amp;page=2"' in response.content.decode()
    assert len(client.get("/projects/", {"status": "running", "page": 2}).context["object_list"]) == 5


# --- Project page -------------------------------------------------------------------------------


def test_project_page_shows_every_field_partners_indicators_and_criteria(client, social_worker):
    location = LocationFactory(name="KIS Śródmieście", street="ul. Kopernika 22", postal_code="84-200")
    project = ProjectFactory(
        title="Przeciw Bezradności",
        code="RPSL.09.02.00-24-0002/17",
        programme="RPO WSL 2014–2020, 9.2.1",
        lead_organisation="MOPS Bielsko-Biała",
        retention_until="2028-12-31",
        locations=[location],
    )
    pup = PartnerFactory(name="Powiatowy Urząd Pracy w Wejherowie")
    coop = PartnerFactory(name="Wejherowska Spółdzielnia Socjalna „Dobrodziejki”")
    ProjectPartnerFactory(project=project, partner=coop, role=ProjectPartner.Role.COOPERATING, agreement_number="")
    ProjectPartnerFactory(
        project=project,
        partner=pup,
        role=ProjectPartner.Role.LEADER,
        agreement_number="PUP/7/2017",
        agreement_scope="Poradnictwo zawodowe",
    )
    ProjectIndicatorFactory(project=project, name="Liczba osób, które ukończyły kurs ECDL Base", target=12)
    ProjectCriterionFactory(
        project=project, kind="street", value="Stary Rynek; Nowa", description="Obszar rewitalizacji"
    )
    client.force_login(social_worker)

    response = client.get(f"/projects/{project.pk}/")

    content = response.content.decode()
    for text in (
        "RPSL.09.02.00-24-0002/17",
        "RPO WSL 2014–2020, 9.2.1",
        "MOPS Bielsko-Biała",
        "01.01.2016 – 31.12.2017",
        "31.12.2028",
        "KIS Śródmieście (ul. Kopernika 22, 84-200 Wejherowo)",
        "Liczba osób, które ukończyły kurs ECDL Base",
        "Obszar rewitalizacji",
        "Stary Rynek, Nowa",
        "PUP/7/2017",
        "Poradnictwo zawodowe",
        "lider",
        f'href="/partners/{pup.pk}/"',
    ):
        assert text in content, text
    # The leader comes first, whatever the stored role values sort like.
    assert content.index("Powiatowy Urząd Pracy") < content.index("Dobrodziejki")
    assert "Edytuj" not in content


def test_project_page_shows_progress_from_the_annotated_counts_in_text_and_as_a_labelled_bar(client, manager):
    project = ProjectFactory(target_recruited=145, target_completed=96)
    client.force_login(manager)

    response = client.get(f"/projects/{project.pk}/")

    # recruited/completed are set by Project.objects.with_counts() (no participations yet).
    assert (response.context["project"].recruited, response.context["project"].completed) == (0, 0)
    assert response.context["recruitment"] == {"done": 0, "target": 145, "percent": 0, "bar": 0}
    content = response.content.decode()
    assert "Zrekrutowani: <strong>0 / 145 (0%)</strong>" in content
    assert "Ukończyli: <strong>0 / 96 (0%)</strong>" in content
    assert 'role="progressbar" aria-labelledby="recruited-label" aria-valuenow="0" aria-valuemin="0"' in content
    assert 'aria-valuemax="145"' in content
    assert "{% block" not in content
    assert f'href="/projects/{project.pk}/edit/"' in content


def test_project_without_a_target_says_so_instead_of_dividing_by_zero(client, manager):
    project = ProjectFactory(target_recruited=0, target_completed=0)
    client.force_login(manager)

    content = client.get(f"/projects/{project.pk}/").content.decode()

    assert "Zrekrutowani: <strong>0 / 0</strong>" in content
    assert "nie wyznaczono celu" in content


# --- Creating and editing -------------------------------------------------------------------------


def management(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def project_data(*, partners=(), indicators=(), criteria=(), **changes) -> dict:
    """A complete, valid POST of the new project form, with optional formset rows."""
    data = {
        "title": "Partnerstwo na rzecz aktywnej integracji w powiecie zawierciańskim",
        "code": "RPSL.09.01.01-24-0123/16",
        "programme": "RPO WSL 2014–2020, 9.1.1",
        "funder": "Urząd Marszałkowski Województwa Śląskiego",
        "lead_organisation": "MOPS Zawiercie",
        "status": "running",
        "start_date": "2016-01-01",
        "end_date": "2017-12-31",
        "target_recruited": "145",
        "target_completed": "96",
        "social_effectiveness_threshold": "34",
        "employment_effectiveness_threshold": "22",
        "esf_layout": "sl2014",
        "retention_until": "2022-12-31",
        **management("partners", list(partners)),
        **management("indicators", list(indicators)),
        **management("criteria", list(criteria)),
    }
    data.update(changes)
    return data


def partner_row(partner, **changes) -> dict:
    row = {
        "partner": str(partner.pk),
        "role": "partner",
        "agreement_number": "UP/1/2016",
        "agreement_start": "2016-01-01",
        "agreement_end": "2017-12-31",
        "agreement_scope": "Rekrutacja i poradnictwo",
    }
    return row | changes


INDICATOR = {"name": "Liczba osób, które uzyskały kwalifikacje", "target": "12", "unit": "osób"}
CRITERION = {"kind": "commune", "value": "Zawiercie; Kroczyce", "description": "Mieszka w powiecie zawierciańskim"}


def nothing_saved():
    counts = [m.objects.count() for m in (Project, ProjectPartner, ProjectIndicator, ProjectCriterion)]
    return counts == [0, 0, 0, 0] and not AuditEvent.objects.exclude(action=AuditEvent.Action.LOGIN).exists()


def test_new_project_form_has_dd_mm_yyyy_date_fields_and_a_label_for_every_field(client, manager):
    client.force_login(manager)

    response = client.get(NEW_URL)

    content = response.content.decode()
    for name in ("start_date", "end_date", "retention_until", "partners-0-agreement_start", "partners-1-agreement_end"):
        # Typed as DD.MM.RRRR whatever the browser's language (a native picker would show mm/dd/yyyy
        # on a tablet set to English).
        field = re.search(rf'<input type="text" name="{re.escape(name)}"[^>]*>', content)
        assert field, name
        assert 'placeholder="DD.MM.RRRR"' in field.group(0) and 'inputmode="numeric"' in field.group(0), name
    forms = [response.context["form"], *(f for fs in response.context["formsets"].values() for f in fs)]
    for form in forms:
        for bound in form.visible_fields():
            if bound.name == "DELETE" or bound.field.widget.use_fieldset:
                continue  # DELETE is shown for saved rows only; a group of checkboxes has a legend.
            assert f'for="{bound.id_for_label}"' in content, bound.html_name


def test_manager_creates_a_project_with_partners_indicators_criteria_and_locations(client, manager):
    pup, coop = PartnerFactory(name="PUP w Zawierciu"), PartnerFactory(name="Chrześcijańskie Stowarzyszenie")
    location = LocationFactory(name="Punkt Wsparcia")
    client.force_login(manager)

    response = client.post(
        NEW_URL,
        project_data(
            locations=[str(location.pk)],
            partners=[partner_row(pup, role="leader"), partner_row(coop, agreement_number="CSD/2/2016")],
            indicators=[INDICATOR],
            criteria=[CRITERION],
        ),
    )

    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/projects/{project.pk}/"
    assert project.code == "RPSL.09.01.01-24-0123/16"
    assert list(project.locations.all()) == [location]
    assert {(pp.partner, pp.role, pp.agreement_number) for pp in project.project_partners.all()} == {
        (pup, "leader", "UP/1/2016"),
        (coop, "partner", "CSD/2/2016"),
    }
    assert list(project.indicators.values_list("name", "target")) == [(INDICATOR["name"], 12)]
    assert project.criteria.get().values == ["Zawiercie", "Kroczyce"]
    event = AuditEvent.objects.exclude(action=AuditEvent.Action.LOGIN).get()
    assert (event.action, event.user, event.object_type, event.object_id) == (
        AuditEvent.Action.CREATE,
        manager,
        "projects.project",
        str(project.pk),
    )
    assert event.details["related"] == ["criteria", "indicators", "partners"]


def test_manager_edits_a_project_removes_a_partner_and_adds_an_indicator(client, manager):
    project = ProjectFactory(title="Przeciw Bezradności")
    kept = ProjectPartnerFactory(project=project, partner=PartnerFactory(name="PCPR"))
    removed = ProjectPartnerFactory(project=project, partner=PartnerFactory(name="OHP"))
    client.force_login(manager)
    page = client.get(f"/projects/{project.pk}/edit/")
    formsets = page.context["formsets"]
    data = {}
    for formset in formsets.values():
        data |= submitted_data(page.context["form"], formset)
    removed_index = next(i for i, f in enumerate(formsets["partners"]) if f.instance == removed)
    data |= {
        "title": "Przeciw Bezradności – edycja 2",
        f"partners-{removed_index}-DELETE": "on",
        "indicators-0-name": INDICATOR["name"],
        "indicators-0-target": "13",
    }

    response = client.post(f"/projects/{project.pk}/edit/", data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Przeciw Bezradności – edycja 2"
    assert list(project.project_partners.all()) == [kept]
    assert list(project.indicators.values_list("target", flat=True)) == [13]
    event = AuditEvent.objects.exclude(action=AuditEvent.Action.LOGIN).get()
    assert event.action == AuditEvent.Action.UPDATE
    assert event.details == {"fields": ["title"], "related": ["indicators", "partners"]}


def test_end_before_start_is_refused_next_to_the_field_and_nothing_is_saved(client, manager):
    client.force_login(manager)

    response = client.post(
        NEW_URL,
        project_data(start_date="2017-01-01", end_date="2016-12-31", indicators=[INDICATOR], criteria=[CRITERION]),
    )

    assert response.status_code == 200
    assert field_error_text(response, "end_date") == "Koniec nie może być wcześniejszy niż początek."
    assert nothing_saved()
    # What was typed is kept, so nothing has to be entered again.
    assert 'value="2016-12-31"' in response.content.decode()
    assert INDICATOR["name"] in response.content.decode()


def test_editing_a_project_to_end_before_it_starts_changes_nothing(client, manager):
    project = ProjectFactory(title="Aktywność popłaca")
    client.force_login(manager)

    response = client.post(
        f"/projects/{project.pk}/edit/", project_data(title="Zmieniony", start_date="2018-01-01", end_date="2017-01-01")
    )

    assert field_error_text(response, "end_date") == "Koniec nie może być wcześniejszy niż początek."
    project.refresh_from_db()
    assert project.title == "Aktywność popłaca"
    assert not AuditEvent.objects.exclude(action=AuditEvent.Action.LOGIN).exists()


def test_a_bad_partner_agreement_keeps_the_whole_project_unsaved(client, manager):
    partner = PartnerFactory()
    client.force_login(manager)

    response = client.post(
        NEW_URL,
        project_data(
            partners=[partner_row(partner, agreement_start="2017-01-01", agreement_end="2016-01-01")],
            indicators=[INDICATOR],
        ),
    )

    assert response.status_code == 200
    assert field_error_text(response, "partners-0-agreement_end") == "Koniec nie może być wcześniejszy niż początek."
    assert nothing_saved()


def test_an_incomplete_indicator_keeps_the_whole_project_unsaved(client, manager):
    client.force_login(manager)

    response = client.post(NEW_URL, project_data(indicators=[{"name": "Liczba osób", "target": "", "unit": "osób"}]))

    assert response.status_code == 200
    assert field_error_text(response, "indicators-0-target") == "To pole jest wymagane."
    assert nothing_saved()


def test_the_same_partner_twice_in_one_project_is_refused(client, manager):
    partner = PartnerFactory()
    client.force_login(manager)

    response = client.post(NEW_URL, project_data(partners=[partner_row(partner), partner_row(partner, role="leader")]))

    assert response.status_code == 200
    assert response.context["formsets"]["partners"].non_form_errors()
    assert nothing_saved()


def test_a_database_failure_half_way_leaves_nothing_half_saved(client, manager):
    client.force_login(manager)

    with mock.patch.object(ProjectCriterion, "save", side_effect=DatabaseError("disk full")):
        with pytest.raises(DatabaseError):
            client.post(NEW_URL, project_data(indicators=[INDICATOR], criteria=[CRITERION]))

    assert nothing_saved()


def test_a_second_project_with_the_same_grant_agreement_number_is_refused(client, manager):
    ProjectFactory(code="RPSL.09.01.01-24-0123/16")
    client.force_login(manager)

    response = client.post(NEW_URL, project_data(code="RPSL.09.01.01-24-0123/16"))

    assert response.status_code == 200
    assert field_error_text(response, "code") == "Projekt z tym numerem umowy o dofinansowanie jest już zarejestrowany."
    assert Project.objects.count() == 1


@pytest.mark.parametrize(("url", "add"), [("/projects/", "/projects/new/"), ("/partners/", "/partners/new/")])
def test_the_lists_offer_adding_to_those_who_may_add_and_to_nobody_else(client, manager, coordinator, url, add):
    client.force_login(manager)
    assert f'href="{add}"' in client.get(url).content.decode()

    client.force_login(coordinator)
    assert f'href="{add}"' not in client.get(url).content.decode()
