"""The Django admin is for administering: every change made there reaches KIS's audit trail with who
made it, no case file is registered, and an administrator cannot raise themselves above their role."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.forms import BaseFormSet, MultiWidget

from conftest import make_user
from kis.admin import AuditedModelAdmin
from kis.models import AuditEvent, Location
from kis.roles import Role
from kis.tests.factories import LocationFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

# What may be administered in /admin/: accounts, roles, sign-in attempts, the audit trail (read
# only) and reference lists. Nothing else, and above all nothing of a person's case file.
MAY_BE_IN_THE_ADMIN = {
    "auth.user",
    "auth.group",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
    "kis.location",
    "kis.auditevent",
    "participants.riskfactor",
    "participation.exitsituation",
    "programmes.programme",
    "activities.servicetype",
    "activities.specialistslot",
}
CASE_FILES = [
    "participants.participant",
    "participants.householdmember",
    "participants.standin",
    "programmes.programmelink",
    "contracts.socialcontract",
    "contracts.contractfamilymember",
    "contracts.contractamendment",
    "contracts.contracttask",
    "contracts.contractreview",
    "participation.projectparticipation",
    "participation.participationevent",
    "participation.eligibilityevidence",
    "participation.declaration",
    "activities.enrollment",
    "activities.attendance",
    "activities.individualsupport",
    "activities.internship",
    "activities.volunteeragreement",
    "activities.referral",
    "activities.appointment",
    "usefulwork.placement",
    "usefulwork.workday",
]


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def form_data(response, **changes) -> dict:
    """What the browser posts for the admin form as the page rendered it, with ``changes``."""
    forms = [response.context["adminform"].form]
    forms += [inline.formset for inline in response.context["inline_admin_formsets"]]
    data = {}
    for form in forms:
        subforms = [form.management_form, *form] if isinstance(form, BaseFormSet) else [form]
        for subform in subforms:
            for field in subform:
                value = field.value()
                if isinstance(field.field.widget, MultiWidget):  # a date and a time, posted apart
                    for index, part in enumerate(field.field.widget.decompress(value)):
                        data[f"{field.html_name}_{index}"] = "" if part is None else str(part)
                elif isinstance(value, bool):
                    if value:
                        data[field.html_name] = "on"
                elif isinstance(value, list | tuple):
                    data[field.html_name] = [str(item) for item in value]
                elif value is not None:
                    data[field.html_name] = str(value)
    data.update(changes)
    return data


def events(action) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


# --- one audited base for all ----------------------------------------------------------------


def test_every_model_admin_writes_the_audit_trail():
    not_audited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedModelAdmin)
    ]

    assert not_audited == []


def test_only_accounts_roles_and_reference_data_are_in_the_admin():
    registered = {model._meta.label_lower for model in admin.site._registry}

    assert registered - MAY_BE_IN_THE_ADMIN == set()
    assert {"auth.user", "auth.group", "kis.location"} <= registered


@pytest.mark.parametrize("label", CASE_FILES)
def test_no_case_file_is_in_the_admin(client, superuser, label):
    model = apps.get_model(label)
    client.force_login(superuser)

    assert not admin.site.is_registered(model)
    assert client.get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/").status_code == 404


# --- every change is audited, with its actor -------------------------------------------------


def test_a_location_added_in_the_admin_is_audited_with_who_added_it(client, admin_user):
    client.force_login(admin_user)

    response = client.post(
        "/admin/kis/location/add/",
        {
            "name": "Punkt Wsparcia",
            "street": "ul. Dworcowa 33",
            "postal_code": "44-190",
            "town": "Knurów",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    location = Location.objects.get(name="Punkt Wsparcia")
    [event] = events(AuditEvent.Action.CREATE)
    assert (event.user, event.username, event.object_type, event.object_id) == (
        admin_user,
        admin_user.username,
        "kis.location",
        str(location.pk),
    )
    assert event.details == {"via": "admin", "changes": [{"added": {}}]}


def test_a_change_in_the_admin_is_audited_with_the_fields_changed(client, admin_user):
    location = LocationFactory(name="KIS Śródmieście", town="Wejherowo")
    client.force_login(admin_user)
    url = f"/admin/kis/location/{location.pk}/change/"

    response = client.post(url, form_data(client.get(url), town="Reda"))

    assert response.status_code == 302
    assert Location.objects.get(pk=location.pk).town == "Reda"
    [event] = events(AuditEvent.Action.UPDATE)
    assert (event.user, event.object_id, event.details["via"]) == (admin_user, str(location.pk), "admin")
    [change] = event.details["changes"]
    assert len(change["changed"]["fields"]) == 1  # the town, by its label in the admin's language


def test_a_deletion_in_the_admin_is_audited_before_the_row_goes(client, superuser):
    location = LocationFactory(name="Filia zamknięta")
    client.force_login(superuser)

    response = client.post(f"/admin/kis/location/{location.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Location.objects.filter(pk=location.pk).exists()
    [event] = events(AuditEvent.Action.DELETE)
    assert (event.user, event.object_type, event.object_id, event.object_repr) == (
        superuser,
        "kis.location",
        str(location.pk),
        "Filia zamknięta",
    )
    assert event.details == {"via": "admin"}


def test_each_record_of_a_bulk_deletion_is_audited(client, superuser):
    first, second, kept = LocationFactory(name="A"), LocationFactory(name="B"), LocationFactory(name="C")
    client.force_login(superuser)

    response = client.post(
        "/admin/kis/location/",
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert list(Location.objects.values_list("name", flat=True)) == ["C"]
    assert {e.object_id for e in events(AuditEvent.Action.DELETE)} == {str(first.pk), str(second.pk)}
    assert all(e.user == superuser for e in events(AuditEvent.Action.DELETE))
    assert kept.pk


def test_an_account_added_in_the_admin_is_audited(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/admin/auth/user/add/")

    response = client.post(
        "/admin/auth/user/add/",
        form_data(
            page,
            username="nowa_pracownica",
            usable_password="true",
            password1="Kis-haslo-2026!x",
            password2="Kis-haslo-2026!x",
        ),
    )

    assert response.status_code == 302
    created = User.objects.get(username="nowa_pracownica")
    [event] = events(AuditEvent.Action.CREATE)
    assert (event.user, event.object_type, event.object_id) == (admin_user, "auth.user", str(created.pk))


def test_the_administrator_cannot_delete_a_location(client, admin_user):
    location = LocationFactory()
    client.force_login(admin_user)

    assert client.post(f"/admin/kis/location/{location.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Location.objects.filter(pk=location.pk).exists()


# --- no escalation ---------------------------------------------------------------------------


def test_the_administrator_gives_roles_but_not_superuser_status_nor_permissions(client, admin_user):
    worker = make_user(Role.SOCIAL_WORKER, username="pracownik")
    manager_group = Group.objects.get(name=Role.MANAGER)
    any_participant = Permission.objects.get(codename="view_any_participant")
    client.force_login(admin_user)
    url = f"/admin/auth/user/{worker.pk}/change/"
    page = client.get(url)

    response = client.post(
        url,
        form_data(page, groups=[str(manager_group.pk)], is_superuser="on", user_permissions=[str(any_participant.pk)]),
    )

    assert response.status_code == 302
    worker = User.objects.get(pk=worker.pk)
    assert list(worker.groups.all()) == [manager_group]
    assert worker.is_superuser is False
    assert not worker.user_permissions.exists()
    assert {"is_superuser", "user_permissions"} <= set(page.context["adminform"].readonly_fields)


def test_the_administrator_cannot_change_a_superusers_account(client, admin_user, superuser):
    client.force_login(admin_user)

    assert client.post(f"/admin/auth/user/{superuser.pk}/change/", {"username": "x"}).status_code == 403
    assert client.post(f"/admin/auth/user/{superuser.pk}/password/", {}).status_code == 403
    assert User.objects.get(pk=superuser.pk).username == "root"


def test_the_administrator_cannot_widen_a_roles_permissions_nor_rename_it(client, admin_user):
    group = Group.objects.get(name=Role.ADMIN)
    before = set(group.permissions.values_list("pk", flat=True))
    any_participant = Permission.objects.get(codename="view_any_participant")
    client.force_login(admin_user)
    url = f"/admin/auth/group/{group.pk}/change/"
    page = client.get(url)

    response = client.post(url, {"name": "root", "permissions": [str(any_participant.pk)]})

    assert page.status_code == 200
    assert response.status_code == 302
    group = Group.objects.get(pk=group.pk)
    assert (group.name, set(group.permissions.values_list("pk", flat=True))) == (Role.ADMIN, before)


def test_a_superuser_may_still_change_a_roles_permissions(client, superuser):
    group = Group.objects.create(name="szkolenia")
    permission = Permission.objects.get(codename="view_location")
    client.force_login(superuser)

    client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "szkolenia", "permissions": [str(permission.pk)]})

    assert list(group.permissions.all()) == [permission]


def test_only_coordinators_are_offered_as_a_locations_coordinators(client, admin_user):
    coordinator = make_user(Role.COORDINATOR)
    make_user(Role.SOCIAL_WORKER, username="pracownik")
    client.force_login(admin_user)

    page = client.get("/admin/kis/location/add/")

    offered = list(page.context["adminform"].form.fields["coordinators"].queryset)
    assert offered == [coordinator]


# --- the role's permissions ------------------------------------------------------------------


def case_file_permissions_of(group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
        if f"{p.content_type.app_label}.{p.content_type.model}" in CASE_FILES
    }


def test_the_administrator_role_has_no_permission_on_any_case_file():
    group = Group.objects.get(name=Role.ADMIN)
    permissions = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}

    assert case_file_permissions_of(group) == set()
    assert {"auth.add_user", "auth.change_user", "auth.add_group", "auth.change_group", "kis.change_location"} <= (
        permissions
    )
    assert {"participants.change_riskfactor", "participation.change_exitsituation"} <= permissions


def test_the_migration_takes_case_files_away_from_the_administrators_and_keeps_reference_data():
    migration = importlib.import_module("kis.migrations.0004_admin_role")
    group = Group.objects.get(name=Role.ADMIN)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="participants", codename="view_participant"),
        Permission.objects.get(content_type__app_label="contracts", codename="change_socialcontract"),
    )
    group.permissions.remove(Permission.objects.get(codename="add_group"))

    migration.administrators_administer(apps, None)

    assert case_file_permissions_of(group) == set()
    assert group.permissions.filter(codename__in=["add_group", "change_riskfactor", "view_location"]).count() == 3


# --- permissions named in Polish ---------------------------------------------------------------


def test_a_roles_permissions_are_listed_in_polish_to_the_administrator(client, admin_user):
    group = Group.objects.get(name=Role.COORDINATOR)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(admin_user)

    content = client.get(f"/admin/auth/group/{group.pk}/change/").content.decode()

    # An app's own permission, by its Polish name; one of Django's, in Polish words.
    assert "Uczestnicy | uczestnik | Może edytować uczestników wszystkich pracowników" in content
    assert "może przeglądać: uczestnik" in content
    assert "Can view" not in content and "Can edit participants" not in content


def test_a_superuser_chooses_permissions_by_their_polish_names(client, superuser):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(superuser)

    content = client.get("/admin/auth/group/add/").content.decode()

    assert "| może dodawać: " in content
    assert "Can add" not in content
