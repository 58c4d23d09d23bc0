"""The administrator administers and reads no case file: the Django admin opens for users, roles,
locations and reference data, and no form there, nor any page of the site, shows a person's record."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from contracts.tests.factories import SocialContractFactory
from kis.models import AuditEvent
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

# Fields of a person's record that no administrator's form may hold.
CASE_FILE_FIELDS = {
    "pesel",
    "confidential_notes",
    "confidential_note",
    "care_notes",
    "findings",
    "problems",
    "participant",
    "participant_signature",
    "snapshot",
}


def test_the_administrator_opens_the_admin_users_and_locations(client, admin_user):
    client.force_login(admin_user)

    for url in (
        "/admin/",
        "/admin/auth/user/",
        "/admin/auth/group/",
        "/admin/kis/location/",
        "/admin/kis/location/add/",
    ):
        assert client.get(url).status_code == 200, url


def test_no_admin_form_the_administrator_can_open_holds_a_case_file_field(client, admin_user):
    AuditEvent.objects.create(username="x", action=AuditEvent.Action.LOGIN)
    client.force_login(admin_user)
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    opened = []

    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(request):
            continue
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        urls = [base]
        if model_admin.has_add_permission(request):
            urls.append(base + "add/")
        if (obj := model._default_manager.first()) is not None:
            urls.append(f"{base}{obj.pk}/change/")
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            opened.append(url)
            if "adminform" in response.context:
                fields = set(response.context["adminform"].form.fields)
                fields |= {
                    f for inline in response.context["inline_admin_formsets"] for f in inline.formset.form.base_fields
                }
                assert not fields & CASE_FILE_FIELDS, url

    assert "/admin/auth/user/add/" in opened and "/admin/participants/riskfactor/" in opened


@pytest.mark.parametrize(
    "model", ["participants/participant", "participants/householdmember", "contracts/socialcontract"]
)
def test_case_files_are_not_in_the_administrators_admin(client, admin_user, model):
    client.force_login(admin_user)

    assert client.get(f"/admin/{model}/").status_code == 404


def test_the_administrator_opens_no_persons_page(client, admin_user, social_worker):
    participant = ParticipantFactory(social_worker=social_worker)
    contract = SocialContractFactory(participant=participant)
    client.force_login(admin_user)

    for url in ("/participants/", f"/participants/{participant.pk}/", f"/contracts/{contract.pk}/", "/contracts/"):
        assert client.get(url).status_code in (403, 404), url
