"""Who may open which report page: every URL with every role.

anonymous → sign-in page; social workers see no report (403); coordinators read the reports, their
PDF and the people behind the figures, and keep snapshots, but may not download the ESF sheet;
managers may do everything; the admin role runs the system and sees no report. The home page
opens for every signed-in role (each sees their own starting point: see test_dashboard).
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile

from conftest import make_user
from kis.models import AuditEvent
from kis.roles import Role
from participants.tests.factories import ParticipantFactory
from reports.models import ReportSnapshot
from reports.tests.factories import ReportProjectFactory, participation

pytestmark = pytest.mark.django_db

LOGIN = "→ sign-in page"
ROLES = [None, Role.SOCIAL_WORKER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN]

URLS = {
    "home": ("GET", "/"),
    "report list": ("GET", "/reports/"),
    "people without a contract": ("GET", "/reports/to-do/without-contract/"),
    "people absent in a row": ("GET", "/reports/to-do/absent-in-a-row/"),
    "a list there is not": ("GET", "/reports/to-do/no-such-list/"),
    "report": ("GET", "/reports/projects/{project}/?start=2024-01-01&end=2024-06-30"),
    "report PDF": ("GET", "/reports/projects/{project}/pdf/"),
    "people behind a figure": ("GET", "/reports/projects/{project}/people/?figure=recruited"),
    "ESF participant sheet": ("GET", "/reports/projects/{project}/participants.xlsx"),
    "ESF participant sheet (CSV)": ("GET", "/reports/projects/{project}/participants.csv?basis=started"),
    "activities' sheet": ("GET", "/reports/projects/{project}/activities.xlsx"),
    "people behind a figure (PDF)": ("GET", "/reports/projects/{project}/people.pdf?figure=recruited"),
    "own person's data (PDF)": ("GET", "/reports/participants/{own}/export.pdf"),
    "own person's data (JSON)": ("GET", "/reports/participants/{own}/export.json"),
    "another worker's person's data (PDF)": ("GET", "/reports/participants/{other}/export.pdf"),
    "another worker's person's data (JSON)": ("GET", "/reports/participants/{other}/export.json"),
    "keep a snapshot": ("POST", "/reports/projects/{project}/snapshots/"),
    "kept snapshot": ("GET", "/reports/snapshots/{snapshot}/"),
}

# fmt: off
EXPECTED = {
    #                             anonymous  social_worker  coordinator  manager  admin
    "home":                      (LOGIN,     200,           200,         200,     200),
    "report list":               (LOGIN,     403,           200,         200,     403),
    # The home page's to-do lists in full, for those whose home page shows them.
    "people without a contract": (LOGIN,     200,           200,         200,     403),
    "people absent in a row":    (LOGIN,     200,           200,         403,     403),
    "a list there is not":       (LOGIN,     404,           404,         404,     404),
    "report":                    (LOGIN,     403,           200,         200,     403),
    "report PDF":                (LOGIN,     403,           200,         200,     403),
    "people behind a figure":    (LOGIN,     403,           200,         200,     403),
    "ESF participant sheet":     (LOGIN,     403,           403,         200,     403),
    "ESF participant sheet (CSV)": (LOGIN,   403,           403,         200,     403),
    "activities' sheet":         (LOGIN,     403,           200,         200,     403),
    "people behind a figure (PDF)": (LOGIN,  403,           200,         200,     403),
    # The person's own copy of their data (GDPR art. 15) is handed over by whoever works the case:
    # the assigned worker or a coordinator of the person's location; managers read, they do not
    # hand over; another worker does not learn that the person exists.
    "own person's data (PDF)":   (LOGIN,     200,           200,         403,     403),
    "own person's data (JSON)":  (LOGIN,     200,           200,         403,     403),
    "another worker's person's data (PDF)": (LOGIN, 404,    200,         403,     403),
    "another worker's person's data (JSON)": (LOGIN, 404,   200,         403,     403),
    "keep a snapshot":           (LOGIN,     403,           302,         302,     403),
    "kept snapshot":             (LOGIN,     403,           200,         200,     403),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_the_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.fixture
def objects(private_media, db):
    project = ReportProjectFactory()
    participation(project, ParticipantFactory(), status="active", started=project.start_date, age=33)
    snapshot = ReportSnapshot(
        project=project,
        period_start=project.start_date,
        period_end=project.end_date,
        created_by=make_user(Role.MANAGER, username="snapshot_author"),
        figures={"recruited": 1},
        sha256="0" * 64,
    )
    snapshot.pdf.save("kept.pdf", ContentFile(b"%PDF-1.7 kept"), save=True)
    # make_user returns the same user for a role, so the social worker of the matrix owns ``own``.
    own = ParticipantFactory(social_worker=make_user(Role.SOCIAL_WORKER))
    other = ParticipantFactory()
    return {"project": project.pk, "snapshot": snapshot.pk, "own": own.pk, "other": other.pk}


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_report_page(client, objects, page, role, expected):
    if role is not None:
        client.force_login(make_user(role))
    method, path = URLS[page]
    url = path.format(**objects)
    snapshots_before = ReportSnapshot.objects.count()

    response = client.get(url) if method == "GET" else client.post(url)

    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == "/accounts/login/"
        assert parse_qs(location.query)["next"] == [url]
    else:
        assert response.status_code == expected
    # A snapshot is kept only when allowed; the sheet is exported (and audited) only when allowed.
    assert ReportSnapshot.objects.count() - snapshots_before == (1 if expected == 302 else 0)
    exported = AuditEvent.objects.filter(
        action=AuditEvent.Action.EXPORT, details__export__startswith="participants."
    ).exists()
    assert exported is (page.startswith("ESF participant sheet") and expected == 200)
