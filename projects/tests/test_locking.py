"""Two people editing one project or partner: the second save is refused, nothing of it is kept,
and it is told which fields the first one changed and what they hold now."""

import datetime

import pytest
from django.test import Client
from django.utils.translation import gettext

from conftest import make_user
from kis.locking import EDITED_MEANWHILE
from kis.roles import Role
from kis.tests.helpers import submitted_data
from projects.models import Partner, Project
from projects.tests.factories import PartnerFactory, ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


def changed_meanwhile(form, **now) -> str:
    """The refusal's second line, naming each field by the form's label, in the form's order."""
    listed = ", ".join(
        gettext("%(field)s (now: %(value)s)") % {"field": form.fields[name].label, "value": value}
        for name, value in now.items()
    )
    return gettext("Changed meanwhile: %(changes)s.") % {"changes": listed}


def project_form(client, project) -> dict:
    page = client.get(f"/projects/{project.pk}/edit/")
    data = {}
    for formset in page.context["formsets"].values():
        data |= submitted_data(page.context["form"], formset)
    return data


@pytest.fixture
def two_managers(client, manager):
    """The manager's client, and another manager's."""
    other = Client()
    other.force_login(make_user(Role.MANAGER, username="drugi_kierownik"))
    client.force_login(manager)
    return client, other


def test_the_second_save_of_a_project_is_refused_naming_what_the_first_changed(two_managers):
    first, second = two_managers
    project = ProjectFactory(title="Przeciw Bezradności", end_date=datetime.date(2017, 12, 31))
    ProjectPartnerFactory(project=project)
    loaded_first, loaded_second = project_form(first, project), project_form(second, project)

    saved = first.post(
        f"/projects/{project.pk}/edit/", {**loaded_first, "title": "Aktywność popłaca", "end_date": "2018-06-30"}
    )
    refused = second.post(f"/projects/{project.pk}/edit/", {**loaded_second, "target_recruited": "200"})

    assert (saved.status_code, refused.status_code) == (302, 200)
    form = refused.context["form"]
    assert form.non_field_errors() == [
        str(EDITED_MEANWHILE),
        changed_meanwhile(form, title="Aktywność popłaca", end_date="30.06.2018"),
    ]
    stored = Project.objects.get(pk=project.pk)
    assert (stored.title, stored.end_date, stored.target_recruited) == (
        "Aktywność popłaca",
        datetime.date(2018, 6, 30),
        145,
    )


def test_the_second_save_of_a_partner_is_refused_naming_what_the_first_changed(two_managers):
    first, second = two_managers
    partner = PartnerFactory(name="OHP", phone="32 000 00 00")
    url = f"/partners/{partner.pk}/edit/"
    loaded_first = submitted_data(first.get(url).context["form"])
    loaded_second = submitted_data(second.get(url).context["form"])

    saved = first.post(url, {**loaded_first, "name": "OHP Knurów", "phone": "32 235 00 00"})
    refused = second.post(url, {**loaded_second, "email": "ohp@example.org"})

    assert (saved.status_code, refused.status_code) == (302, 200)
    form = refused.context["form"]
    assert form.non_field_errors() == [
        str(EDITED_MEANWHILE),
        changed_meanwhile(form, name="OHP Knurów", phone="32 235 00 00"),
    ]
    stored = Partner.objects.get(pk=partner.pk)
    assert (stored.name, stored.phone, stored.email) == ("OHP Knurów", "32 235 00 00", "")


def test_a_choice_changed_meanwhile_is_named_by_its_label(two_managers):
    first, second = two_managers
    project = ProjectFactory(status=Project.Status.PLANNED)
    loaded_first, loaded_second = project_form(first, project), project_form(second, project)

    first.post(f"/projects/{project.pk}/edit/", {**loaded_first, "status": Project.Status.RUNNING})
    refused = second.post(f"/projects/{project.pk}/edit/", {**loaded_second, "title": "Wspólna sprawa"})

    form = refused.context["form"]
    assert form.non_field_errors()[1] == changed_meanwhile(form, status=Project.Status.RUNNING.label)


def test_the_loaded_form_carries_no_value_of_the_record_beyond_its_fields(client, manager):
    project = ProjectFactory(title="Przeciw Bezradności")
    client.force_login(manager)

    version = submitted_data(client.get(f"/projects/{project.pk}/edit/").context["form"])["version"]

    number, _colon, fingerprint = version.partition(":")
    assert number == str(project.version)
    assert "title=" in fingerprint and "Bezradno" not in fingerprint


def test_a_form_sent_without_the_fingerprint_is_still_refused_when_stale(two_managers):
    first, second = two_managers
    partner = PartnerFactory(name="OHP")
    url = f"/partners/{partner.pk}/edit/"
    loaded_first = submitted_data(first.get(url).context["form"])
    loaded_second = submitted_data(second.get(url).context["form"])
    first.post(url, {**loaded_first, "name": "OHP Knurów"})

    refused = second.post(url, {**loaded_second, "version": str(partner.version), "email": "ohp@example.org"})

    assert refused.context["form"].non_field_errors() == [str(EDITED_MEANWHILE)]
    assert Partner.objects.get(pk=partner.pk).email == ""
