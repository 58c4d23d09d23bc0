"""A Niebieska Karta link through the pages: made by the person's worker, it is flagged on the
person's page for that worker and for coordinators; another social worker and a manager see nothing
of it at all (no flag, no row, not even a sign that something is hidden) and get 404 on its pages;
each view of it is written to the audit trail, under a name that says nothing of whom or what."""

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from conftest import make_user
from kis.models import AuditEvent
from kis.roles import Role
from programmes.models import ProgrammeLink
from programmes.tests.factories import niebieska_karta

pytestmark = pytest.mark.django_db

FLAG = gettext_lazy("Confidential:")  # compared as text in the language the pages are in


def views_of(link, user) -> list[str]:
    """The pages on which ``user`` was recorded viewing ``link``."""
    return list(
        AuditEvent.objects.filter(
            action=AuditEvent.Action.VIEW, user=user, object_type="programmes.programmelink", object_id=str(link.pk)
        )
        .order_by("id")
        .values_list("details__page", flat=True)
    )


@pytest.fixture
def link(client, social_worker, person):
    """The Niebieska Karta link the person's social worker made on the page."""
    client.force_login(social_worker)
    today = timezone.localdate()
    response = client.post(
        f"/programmes/participants/{person.pk}/new/",
        {
            "programme": niebieska_karta().pk,
            "worker": social_worker.pk,
            "started_on": today.strftime("%d.%m.%Y"),
            "note": "Wszczęta procedura, grupa diagnostyczno-pomocowa.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    return ProgrammeLink.objects.get()


@pytest.mark.parametrize("role", ["worker", Role.COORDINATOR])
def test_the_link_is_flagged_on_the_person_s_page_for_its_worker_and_a_coordinator(
    client, social_worker, person, link, role
):
    user = social_worker if role == "worker" else make_user(role)
    client.force_login(user)

    page = client.get(f"/participants/{person.pk}/").content.decode()

    assert str(FLAG) in page
    assert niebieska_karta().name in page
    assert f'href="/programmes/links/{link.pk}/"' in page
    assert views_of(link, user) == ["participant"]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.MANAGER])
def test_another_social_worker_and_a_manager_see_nothing_of_it(client, person, link, role):
    user = make_user(role, username=f"someone_else_{role}")
    client.force_login(user)

    person_page = client.get(f"/participants/{person.pk}/")
    links_page = client.get(f"/programmes/participants/{person.pk}/")
    programme_page = client.get(f"/programmes/{link.programme_id}/")

    # Another worker does not open the person's record at all (need to know); a manager does.
    expected = 404 if role == Role.SOCIAL_WORKER else 200
    assert (person_page.status_code, links_page.status_code, programme_page.status_code) == (
        expected,
        expected,
        200,
    )
    for response in (person_page, links_page):
        content = response.content.decode()
        assert str(FLAG) not in content
        assert "Niebieska" not in content
        assert ">confidential</span>" not in content
        assert f"/programmes/links/{link.pk}/" not in content
    assert person.full_name not in programme_page.content.decode()
    assert programme_page.context["page_obj"].paginator.count == 0
    assert views_of(link, user) == []


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.MANAGER])
def test_another_social_worker_and_a_manager_get_404_on_its_page(client, link, role):
    client.force_login(make_user(role, username=f"someone_else_{role}"))

    assert client.get(f"/programmes/links/{link.pk}/").status_code == 404


def test_another_social_worker_gets_404_on_its_change_pages_and_changes_nothing(client, other_social_worker, link):
    client.force_login(other_social_worker)

    pages = [client.get(f"/programmes/links/{link.pk}/{action}/").status_code for action in ("end", "correct")]
    posted = client.post(f"/programmes/links/{link.pk}/end/", {"ended_on": "01.01.2026", "version": link.version})

    assert pages == [404, 404]
    assert posted.status_code == 404
    link.refresh_from_db()
    assert link.ended_on is None


def test_each_view_of_it_is_audited(client, social_worker, person, link):
    coordinator = make_user(Role.COORDINATOR)
    client.force_login(social_worker)
    for url in (
        f"/participants/{person.pk}/",
        f"/programmes/participants/{person.pk}/",
        f"/programmes/{link.programme_id}/",
        f"/programmes/links/{link.pk}/",
        f"/programmes/links/{link.pk}/end/",
        f"/programmes/links/{link.pk}/correct/",
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(coordinator)
    client.get(f"/programmes/links/{link.pk}/")

    assert views_of(link, social_worker) == ["participant", "participant", "programme", "detail", "end", "correct"]
    assert views_of(link, coordinator) == ["detail"]


def test_its_audit_entries_name_neither_the_person_nor_the_programme(client, social_worker, person, link):
    client.force_login(social_worker)
    client.get(f"/programmes/links/{link.pk}/")
    client.post(
        f"/programmes/links/{link.pk}/correct/",
        {
            "worker": social_worker.pk,
            "started_on": link.started_on.isoformat(),
            "note": "Zmieniona notatka o przemocy.",
            "reason": "Uzupełnienie po posiedzeniu grupy.",
            "version": link.version,
        },
    )

    entries = AuditEvent.objects.filter(object_type="programmes.programmelink", object_id=str(link.pk))
    assert set(entries.values_list("action", flat=True)) == {"create", "view", "update"}
    for entry in entries:
        written = f"{entry.object_repr} {entry.details}"
        assert person.last_name not in written
        assert "Niebieska" not in written
        assert "przemoc" not in written
        assert "posiedzeniu" not in written
    assert entries.get(action="update").details == {"fields": ["note"]}
