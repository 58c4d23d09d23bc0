"""Large documents are made in the background (kis.background): the request answers at once with a
progress page; the file is made by the task worker, kept in private storage, downloaded only by
those the offering page let through, audited on download, and reused while the data is unchanged."""

import datetime
import io
import pathlib
import re
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django_tasks_db.management.commands import db_worker

from activities.models import Attendance
from activities.services import mark_attendance
from conftest import make_user
from kis.models import AuditEvent, GeneratedDocument
from kis.roles import Role
from participants.tests.factories import ParticipantFactory
from reports import background
from reports.tests.factories import participation

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_manager(db):
    return make_user(Role.MANAGER, username="other_manager")


UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@pytest.fixture(autouse=True)
def in_the_background(settings, private_media):
    """Every document of these tests goes to the worker."""
    settings.KIS_DOCUMENT_INLINE_LIMIT = 0


def requested(client, url, capture) -> GeneratedDocument:
    """Ask for a document; the worker (the immediate backend of the test settings) makes it when
    the request's transaction commits."""
    with capture(execute=True):
        response = client.get(url)
    assert response.status_code == 302, response
    match = re.fullmatch(rf"/reports/documents/({UUID})/", response["Location"])
    assert match, response["Location"]
    return GeneratedDocument.objects.get(pk=match.group(1))


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_large_report_pdf_is_made_in_the_background_and_downloaded(
    client, manager, built, django_capture_on_commit_callbacks, tmp_path
):
    client.force_login(manager)
    url = f"/reports/projects/{built.project.pk}/pdf/?start=2025-01-01&end=2025-06-30"

    document = requested(client, url, django_capture_on_commit_callbacks)

    document.refresh_from_db()
    assert document.state == GeneratedDocument.State.READY
    assert document.size > 1000 and len(document.sha256) == 64
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PRINT).exists()  # nothing read yet
    page = client.get(f"/reports/documents/{document.pk}/").content.decode()
    assert f'href="/reports/documents/{document.pk}/download/"' in page
    status = client.get(f"/reports/documents/{document.pk}/status/").json()
    assert status == {
        "state": "ready",
        "title": document.title,
        "download": f"/reports/documents/{document.pk}/download/",
    }
    response = client.get(f"/reports/documents/{document.pk}/download/")
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf" and content.startswith(b"%PDF-")
    assert "FESL.07.03-IZ.01-0042/25" in pdf_text(content, tmp_path)
    event = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert (event.user, event.object_type, event.object_id) == (manager, "projects.project", str(built.project.pk))
    assert event.details == {
        "report": "outcomes",
        "start": "2025-01-01",
        "end": "2025-06-30",
        "redacted": False,
        "document": str(document.pk),
    }


def test_the_same_document_asked_for_again_is_the_one_made(
    client, manager, other_manager, built, django_capture_on_commit_callbacks
):
    url = f"/reports/projects/{built.project.pk}/pdf/"
    client.force_login(manager)
    first = requested(client, url, django_capture_on_commit_callbacks)
    client.force_login(other_manager)

    again = requested(client, url, django_capture_on_commit_callbacks)

    assert again == first and GeneratedDocument.objects.count() == 1
    assert set(first.readers.all()) == {manager, other_manager}
    assert client.get(f"/reports/documents/{first.pk}/download/").status_code == 200


def test_another_period_or_changed_data_make_a_new_document(client, manager, built, django_capture_on_commit_callbacks):
    some_mark = Attendance.objects.filter(session__activity__project=built.project).first()
    with django_capture_on_commit_callbacks(execute=True):  # committed, as every request's writes are
        mark_attendance(
            session=some_mark.session, marks={some_mark.enrollment_id: Attendance.Status.ABSENT}, user=manager
        )
    client.force_login(manager)
    url = f"/reports/projects/{built.project.pk}/pdf/"
    first = requested(client, url, django_capture_on_commit_callbacks)

    other_period = requested(client, f"{url}?start=2025-01-01&end=2025-03-31", django_capture_on_commit_callbacks)
    # Marked again as the attendance grid does: an absence excused leaves the session's counts of
    # presences and marks as they were, and the data version still moves on.
    with django_capture_on_commit_callbacks(execute=True):
        mark_attendance(
            session=some_mark.session, marks={some_mark.enrollment_id: Attendance.Status.EXCUSED}, user=manager
        )
    remarked = requested(client, url, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        participation(built.project, ParticipantFactory(), status="active", started=datetime.date(2025, 2, 2))
    recruited = requested(client, url, django_capture_on_commit_callbacks)

    assert len({first.pk, other_period.pk, remarked.pk, recruited.pk}) == 4


def test_only_its_readers_reach_a_document(client, manager, other_manager, built, django_capture_on_commit_callbacks):
    client.force_login(manager)
    document = requested(client, f"/reports/projects/{built.project.pk}/pdf/", django_capture_on_commit_callbacks)
    client.force_login(other_manager)

    for suffix in ("", "status/", "download/"):
        assert client.get(f"/reports/documents/{document.pk}/{suffix}").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PRINT).exists()


def test_the_people_of_a_figure_are_each_users_own_document(
    client, coordinator, built, django_capture_on_commit_callbacks
):
    """Both coordinators of the location may see its people; each gets a document of their own."""
    url = f"/reports/projects/{built.project.pk}/people.pdf?figure=recruited"
    client.force_login(coordinator)
    mine = requested(client, url, django_capture_on_commit_callbacks)
    client.force_login(make_user(Role.COORDINATOR, username="second_coordinator"))

    theirs = requested(client, url, django_capture_on_commit_callbacks)

    assert mine != theirs
    assert not theirs.readers.filter(pk=coordinator.pk).exists()


def test_the_progress_page_asks_again_until_the_document_is_ready(client, manager, built):
    client.force_login(manager)
    response = client.get(f"/reports/projects/{built.project.pk}/pdf/")  # the worker has not run
    document = GeneratedDocument.objects.get()

    waiting = client.get(response["Location"]).content.decode()
    status = client.get(f"/reports/documents/{document.pk}/status/").json()
    early = client.get(f"/reports/documents/{document.pk}/download/")

    assert document.state == GeneratedDocument.State.QUEUED
    assert 'hx-trigger="every 1s"' in waiting and "waiting to be made" in waiting
    assert status["state"] == "queued" and status["download"] is None
    assert early.status_code == 200 and "waiting to be made" in early.content.decode()  # the page, no file
    GeneratedDocument.objects.filter(pk=document.pk).update(state=GeneratedDocument.State.FAILED)
    failed = client.get(f"/reports/documents/{document.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in failed and "could not be made" in failed
    # A failed document is not reused: asking again queues a new one.
    client.get(f"/reports/projects/{built.project.pk}/pdf/")
    assert GeneratedDocument.objects.count() == 2


def test_a_document_that_fails_is_marked_failed(
    client, manager, built, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(self):
        raise RuntimeError("layout")

    monkeypatch.setattr(background.OutcomeReportPdf, "render", broken)
    client.force_login(manager)

    document = requested(client, f"/reports/projects/{built.project.pk}/pdf/", django_capture_on_commit_callbacks)

    document.refresh_from_db()
    assert document.state == GeneratedDocument.State.FAILED and "layout" in document.error
    assert "could not be made" in client.get(f"/reports/documents/{document.pk}/").content.decode()


def test_the_sheet_is_made_in_the_background_as_an_attachment(
    client, manager, built, django_capture_on_commit_callbacks
):
    client.force_login(manager)

    document = requested(
        client, f"/reports/projects/{built.project.pk}/participants.xlsx", django_capture_on_commit_callbacks
    )
    response = client.get(f"/reports/documents/{document.pk}/download/")

    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert AuditEvent.objects.get(action=AuditEvent.Action.EXPORT).details["export"] == "participants.xlsx"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
def test_the_database_backends_worker_makes_the_document(
    client, manager, built, django_capture_on_commit_callbacks, monkeypatch
):
    # Between tasks the worker closes connections that are not in autocommit, as a request does: in
    # a test that is the test's own transaction, which must stay open.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    client.force_login(manager)
    document = requested(client, f"/reports/projects/{built.project.pk}/pdf/", django_capture_on_commit_callbacks)
    document.refresh_from_db()
    assert document.state == GeneratedDocument.State.QUEUED  # queued in the database, not made

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    document.refresh_from_db()
    assert document.state == GeneratedDocument.State.READY and document.file.name.endswith(".pdf")


@pytest.mark.parametrize("readers", [1, 10])
def test_the_progress_page_makes_the_same_queries_however_many_read_it(
    client, manager, built, readers, django_assert_num_queries
):
    client.force_login(manager)
    response = client.get(f"/reports/projects/{built.project.pk}/pdf/")
    document = GeneratedDocument.objects.get()
    document.readers.add(*(make_user(Role.MANAGER, username=f"reader{n}") for n in range(readers - 1)))

    # SIGNED_IN: the session, the user, the user's roles and permissions (the menu); + 1 the
    # document among the user's (the page needs nothing else)
    with django_assert_num_queries(3 + 1):
        client.get(response["Location"])


def test_a_large_organisations_settlement_list_is_made_in_the_background(
    client, manager, django_capture_on_commit_callbacks, tmp_path
):
    from usefulwork.tests.factories import OrganisationFactory, PlacementFactory, WorkDayFactory, last_month

    organisation = OrganisationFactory(name="Spółdzielnia Socjalna „Łączka”")
    month = last_month()
    for _index in range(2):
        placement = PlacementFactory(organisation=organisation, start_date=month, end_date=month.replace(day=28))
        WorkDayFactory(placement=placement, date=month.replace(day=3), hours=4)
    client.force_login(manager)
    url = f"/useful-work/organisations/{organisation.pk}/settlement.pdf?month={month:%Y-%m}"

    document = requested(client, url, django_capture_on_commit_callbacks)

    document.refresh_from_db()
    assert document.state == GeneratedDocument.State.READY and document.kind == "organisation_settlement"
    content = b"".join(client.get(f"/reports/documents/{document.pk}/download/").streaming_content)
    assert pdf_text(content, tmp_path).count("Łączka") >= 2  # a page per person
    event = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert event.object_type == "projects.partner" and len(event.details["placements"]) == 2


def test_old_documents_are_pruned_with_their_files(client, manager, built, django_capture_on_commit_callbacks):
    client.force_login(manager)
    old = requested(client, f"/reports/projects/{built.project.pk}/pdf/", django_capture_on_commit_callbacks)
    recent = requested(
        client, f"/reports/projects/{built.project.pk}/pdf/?start=2025-01-01", django_capture_on_commit_callbacks
    )
    old.refresh_from_db()
    path = old.file.path
    GeneratedDocument.objects.filter(pk=old.pk).update(created_at=old.created_at - datetime.timedelta(days=8))
    out = io.StringIO()

    call_command("prune_documents", stdout=out)

    assert list(GeneratedDocument.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not pathlib.Path(path).exists()
    assert out.getvalue().strip() == "1 documents older than 7 days deleted."


BULK_TABLES = (
    "participation_projectparticipation",
    "participants_participant",
    "activities_enrollment",
    "activities_session",
    "activities_attendance",
)


def read_in_bulk(queries) -> list[str]:
    """The queries of ``queries`` that read a table a report counts in bulk."""
    return [q["sql"] for q in queries.captured_queries if any(f'"{table}"' in q["sql"] for table in BULK_TABLES)]


def test_a_report_page_counts_its_figures_again_only_when_the_data_changed(
    client, manager, built, empty_cache, settings, django_capture_on_commit_callbacks
):
    settings.KIS_REPORT_CACHE_SECONDS = 3600
    client.force_login(manager)
    url = f"/reports/projects/{built.project.pk}/"
    first = client.get(url).context["report"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).context["report"]
    # Read now: the next request empties the connection's log of queries.
    in_bulk = read_in_bulk(queries)
    versions = [q["sql"] for q in queries.captured_queries if '"kis_figuresversion"' in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):  # committed, as a request's writes are
        participation(built.project, ParticipantFactory(), status="active", started=datetime.date(2025, 2, 2))
    changed = client.get(url).context["report"]

    # The data version reads the project's figures version (one row), not the large tables.
    assert in_bulk == [] and len(versions) == 1
    assert again.headline["recruited"].value == first.headline["recruited"].value
    assert changed.headline["recruited"].value == first.headline["recruited"].value + 1


def test_the_report_figures_are_shared_by_every_server_process(client, manager, built, empty_cache, settings):
    """Kept in the database's cache table, not in one process's memory: another gunicorn worker
    (its own memory cache empty) reads them instead of counting them again."""
    settings.KIS_REPORT_CACHE_SECONDS = 3600
    client.force_login(manager)
    url = f"/reports/projects/{built.project.pk}/"
    first = client.get(url).context["report"]
    empty_cache.clear()  # the memory of this process: what another worker starts with
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).context["report"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM kis_figures_cache")
        (kept,) = cursor.fetchone()

    assert kept == 1
    assert not read_in_bulk(queries)
    assert again.headline["recruited"].value == first.headline["recruited"].value
