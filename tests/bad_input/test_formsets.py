"""Tampered formset management data: the page again with one error, nothing saved, never a 500.

Each page is loaded, its forms are filled in as the browser would send them unchanged, and one
management count is replaced with what no page can have sent.
"""

import pytest
from django.utils.translation import gettext

from conftest import make_user
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import signed_contract
from kis.roles import Role
from participants.tests.factories import HouseholdMemberFactory, ParticipantFactory
from projects.tests.factories import (
    ProjectCriterionFactory,
    ProjectFactory,
    ProjectIndicatorFactory,
    ProjectPartnerFactory,
)
from tests.bad_input.pages import post_form_fields, row_counts

TAMPERED = "The form data were tampered with or are incomplete: reload the page and enter the changes again."


def _participant(worker):
    participant = ParticipantFactory(social_worker=worker)
    HouseholdMemberFactory(participant=participant, needs_care=True)
    return participant


def _project():
    project = ProjectFactory()
    ProjectPartnerFactory(project=project)
    ProjectIndicatorFactory(project=project)
    ProjectCriterionFactory(project=project)
    return project


def _draft(worker):
    contract = SocialContractFactory(participant=ParticipantFactory(social_worker=worker))
    ContractTaskFactory(contract=contract)
    return contract


# The pages that post formsets: the role that fills them in, and how to reach one.
PAGES = {
    "register a participant": (Role.SOCIAL_WORKER, lambda worker: "/participants/new/"),
    "edit a participant": (Role.SOCIAL_WORKER, lambda worker: f"/participants/{_participant(worker).pk}/edit/"),
    "draft a contract": (
        Role.SOCIAL_WORKER,
        lambda worker: f"/contracts/new/?participant={ParticipantFactory(social_worker=worker).pk}",
    ),
    "edit a draft contract": (Role.SOCIAL_WORKER, lambda worker: f"/contracts/{_draft(worker).pk}/edit/"),
    "amend a contract": (
        Role.SOCIAL_WORKER,
        lambda worker: (
            f"/contracts/{signed_contract(participant=ParticipantFactory(social_worker=worker)).pk}/amendments/new/"
        ),
    ),
    "new project": (Role.MANAGER, lambda user: "/projects/new/"),
    "edit a project": (Role.MANAGER, lambda user: f"/projects/{_project().pk}/edit/"),
}

# What no page sends: (management field, value, or a function of the rows the page showed).
TAMPERINGS = {
    "negative initial count": ("INITIAL_FORMS", lambda initial: -999999999),
    "more initial rows than records": ("INITIAL_FORMS", lambda initial: initial + 5),
    "a billion rows": ("TOTAL_FORMS", lambda initial: 10**9),
    "negative total": ("TOTAL_FORMS", lambda initial: -1),
    "beyond 64 bits": ("TOTAL_FORMS", lambda initial: 10**30),
}


def loaded_page(client, page):
    role, url_of = PAGES[page]
    user = make_user(role)
    client.force_login(user)
    url = url_of(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return url, post_form_fields(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("tampering", TAMPERINGS)
@pytest.mark.parametrize("page", PAGES)
def test_tampered_formset_counts_show_the_page_again_and_save_nothing(client, page, tampering):
    url, fields = loaded_page(client, page)
    prefixes = [name.removesuffix("-INITIAL_FORMS") for name in fields if name.endswith("-INITIAL_FORMS")]
    assert prefixes, f"{page}: no formset on the page"
    field, value_of = TAMPERINGS[tampering]
    before = row_counts()

    for prefix in prefixes:
        data = dict(fields)
        initial = int(fields[f"{prefix}-INITIAL_FORMS"][0])
        data[f"{prefix}-{field}"] = [str(value_of(initial))]
        response = client.post(url, data)

        assert response.status_code == 200, (prefix, response.status_code)
        assert gettext(TAMPERED) in response.content.decode(), prefix
        assert row_counts() == before, prefix


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_the_page_as_loaded_is_not_taken_for_tampered(client, page):
    url, fields = loaded_page(client, page)

    response = client.post(url, fields)

    assert gettext(TAMPERED) not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_row_ids_the_page_cannot_have_sent_are_refused_without_a_query_each(client, page):
    """Every row given the id of no record of the formset's own — 0 — and two rows more than the
    page showed: the page again, nothing saved; each id is looked up among the formset's records,
    read once (django-zeal fails the test on a query per row)."""
    url, fields = loaded_page(client, page)
    prefixes = [name.removesuffix("-INITIAL_FORMS") for name in fields if name.endswith("-INITIAL_FORMS")]
    before = row_counts()

    for prefix in prefixes:
        data = dict(fields)
        total = int(fields[f"{prefix}-TOTAL_FORMS"][0]) + 2
        data[f"{prefix}-TOTAL_FORMS"] = [str(total)]
        for row in range(total):
            data[f"{prefix}-{row}-id"] = ["0"]
        response = client.post(url, data)

        assert response.status_code == 200, (prefix, response.status_code)
        assert row_counts() == before, prefix
