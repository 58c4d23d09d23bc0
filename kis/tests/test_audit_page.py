"""The audit trail page (/audit/): managers and administrators only, filterable, constant queries."""

import pytest

from kis.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 302), ("social_worker", 403), ("coordinator", 403), ("manager", 200), ("admin", 200)],
)
def test_only_managers_and_administrators_see_the_audit_trail(client, user_of_role, role, status):
    user = user_of_role(role)
    if user:
        client.force_login(user)

    response = client.get("/audit/")

    assert response.status_code == status
    if role is None:
        assert response["Location"].startswith("/accounts/login/")


def test_the_audit_trail_filters_by_user_and_action(client, manager):
    AuditEvent.objects.create(
        username="anna", action=AuditEvent.Action.VIEW, object_type="participants.participant", object_id="7"
    )
    AuditEvent.objects.create(
        username="piotr", action=AuditEvent.Action.EXPORT, object_type="projects.project", object_id="3"
    )
    client.force_login(manager)

    rows = client.get("/audit/?username=anna&action=view").context["object_list"]

    assert [(e.username, e.action) for e in rows] == [("anna", "view")]


@pytest.mark.parametrize("rows", [1, 60])
def test_the_audit_trail_makes_the_same_queries_for_1_and_60_entries(client, manager, django_assert_num_queries, rows):
    AuditEvent.objects.bulk_create([AuditEvent(username=f"u{i}", action=AuditEvent.Action.VIEW) for i in range(rows)])
    client.force_login(manager)

    # 1 session, 2 user, 3 the user's roles and permissions, 4 the paginator's count, 5 the page.
    with django_assert_num_queries(5):
        response = client.get("/audit/")

    assert response.status_code == 200
    assert len(response.context["object_list"]) == min(rows + 1, 50)  # + the sign-in of the manager


def test_a_row_names_the_record_in_words_and_the_time_column_says_when(client, manager):
    AuditEvent.objects.create(
        username="anna",
        action=AuditEvent.Action.VIEW,
        object_type="participants.participant",
        object_id="301",
        object_repr="Kowalska Anna",
    )
    AuditEvent.objects.create(
        username="anna", action=AuditEvent.Action.EXPORT, object_type="gone.model", object_id="5", object_repr=""
    )
    client.force_login(manager)

    page = client.get("/audit/").content.decode()

    assert "Uczestnik: Kowalska Anna" in page and "(nr 301)" in page
    assert "participants.participant" not in page and "#301" not in page
    # A type KIS no longer has is shown as it was stored.
    assert "Gone.model" in page
    assert '<th scope="col">Kiedy</th>' in page and "Godziny" not in page
