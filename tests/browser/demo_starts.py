"""Records of the demo in the states some pages need, and the addresses of those pages, for
``test_every_page.py``: run in the demo server's database after ``seed_demo``
(``manage.py shell -c "from tests.browser.demo_starts import main; main()"``), it prints
``{role: [path, …]}`` as JSON.

The demo has draft contracts, internships and volunteering agreements, but a crawl that reads one
page of each route rarely meets them; it has no stored scan, no draft amendment, no kept report
snapshot and no document made in the background, whose pages are added here as they are made in
use (a scan attached, an amendment drafted, a snapshot kept, a large sheet asked for).
"""

import datetime
import io
import json

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse


def scan(name: str) -> SimpleUploadedFile:
    """A small PNG, as a scanner gives one."""
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (40, 56), "white").save(data, "PNG")
    return SimpleUploadedFile(f"{name}.png", data.getvalue(), content_type="image/png")


def contract_pages(user) -> list[str]:
    from contracts import services
    from contracts.models import ContractAmendment, ContractStatus, SocialContract

    contracts = SocialContract.objects.manageable_by(user).order_by("pk")
    paths = []
    draft = contracts.filter(status=ContractStatus.DRAFT).first()
    if draft:
        paths += [reverse("contracts:edit", args=[draft.pk]), reverse("contracts:sign", args=[draft.pk])]
    signed = contracts.filter(status=ContractStatus.SIGNED).first()
    if signed:
        for version in ("skan-1", "skan-2"):
            services.scan_attach(contract=signed, upload=scan(version), user=user)
        amendment = ContractAmendment(contract=signed, created_by=user, reason="Zmiana harmonogramu zajęć.")
        amendment.save()
        paths += [
            reverse("contracts:detail", args=[signed.pk]),
            reverse("contracts:scan", args=[signed.pk]),
            reverse("contracts:scan_version", args=[signed.pk, 1]),
            reverse("contracts:amendment_sign", args=[signed.pk, amendment.number]),
        ]
    return paths


def participation_pages(user) -> list[str]:
    from participation.models import Declaration, EligibilityEvidence, ProjectParticipation

    participation = ProjectParticipation.objects.editable_by(user).order_by("pk").first()
    if participation is None:
        return []
    evidence = EligibilityEvidence(
        participation=participation,
        criterion="osoba długotrwale bezrobotna",
        kind=EligibilityEvidence.Kind.CERTIFICATE,
        number="PUP/123/2026",
        issued_on=datetime.date(2026, 1, 15),
        issued_by="Powiatowy Urząd Pracy",
        added_by=user,
    )
    evidence.scan.save("zaswiadczenie.png", scan("zaswiadczenie"), save=False)
    evidence.save()
    paths = [
        reverse("participation:detail", args=[participation.pk]),
        reverse("participation:evidence_scan", args=[participation.pk, evidence.pk]),
    ]
    # The decision on an application and the completion of a participation, each in the state
    # its page asks for.
    for status, route in (
        (ProjectParticipation.Status.APPLIED, "participation:decide"),
        (ProjectParticipation.Status.ACTIVE, "participation:complete"),
    ):
        found = ProjectParticipation.objects.editable_by(user).filter(status=status).order_by("pk").first()
        if found:
            paths.append(reverse(route, args=[found.pk]))
    declaration = Declaration.objects.filter(
        project=participation.project, participant=participation.participant
    ).first()
    if declaration:
        declaration.scan.save("deklaracja.png", scan("deklaracja"), save=True)
        paths.append(reverse("participation:declaration_scan", args=[participation.pk, declaration.kind]))
    return paths


def consent_pages(user) -> list[str]:
    """A consent in force of one of the worker's people, and the page that records its withdrawal."""
    from participants.consents import Consent
    from participants.models import Participant

    person = Participant.objects.editable_by(user).order_by("pk").first()
    consent = Consent.objects.filter(participant=person, withdrawn_on__isnull=True).first()
    if consent is None:
        consent = Consent.objects.create(
            participant=person,
            purpose=Consent.Purpose.IMAGE,
            given_on=datetime.date(2026, 1, 15),
            recorded_by=user,
        )
    return [reverse("participants:consent_withdraw", args=[consent.pk])]


def support_pages(user) -> list[str]:
    from activities.models import Internship, VolunteerAgreement

    paths = []
    for model, route in (
        (Internship, "activities:internship_edit"),
        (VolunteerAgreement, "activities:volunteering_edit"),
    ):
        manager = model.objects
        records = manager.editable_by(user) if hasattr(manager, "editable_by") else manager.all()
        record = records.order_by("pk").first()
        if record:
            paths.append(reverse(route, args=[record.pk]))
    return paths


def report_pages(user) -> list[str]:
    from kis.background import queue
    from projects.models import Project
    from reports.background import ActivitySheetDocument
    from reports.models import ReportSnapshot
    from reports.outcomes import Period

    project = Project.objects.order_by("pk").first()
    snapshot = ReportSnapshot(
        project=project,
        period_start=project.start_date,
        period_end=project.end_date,
        created_by=user,
        figures={},
        sha256="0" * 64,
    )
    snapshot.pdf.save("raport.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    snapshot.save()
    with transaction.atomic():
        document = queue(ActivitySheetDocument.of(project, Period.of_project(project), user=user))
    query = f"start={project.start_date.isoformat()}&end={project.end_date.isoformat()}"
    return [
        f"{reverse('reports:project', args=[project.pk])}?{query}",
        f"{reverse('reports:activities_xlsx', args=[project.pk])}?{query}",
        reverse("reports:snapshot", args=[snapshot.pk]),
        reverse("document", args=[document.pk]),
        reverse("document_status", args=[document.pk]),
    ]


def settlement_pages(user) -> list[str]:
    """The placements list filtered to one organisation and month, which links to its settlement."""
    from usefulwork.models import WorkDay

    day = WorkDay.objects.filter(placement__in=visible_placements(user)).order_by("date").first()
    if day is None:
        return []
    return [f"{reverse('usefulwork:list')}?month={day.date:%Y-%m}&organisation={day.placement.organisation_id}"]


def visible_placements(user):
    from usefulwork.models import Placement

    return Placement.objects.visible_to(user)


def superuser() -> None:
    """A superuser: the admin's pages of what the administrator role may not see or change (the
    sign-in attempts, the authenticator devices, deleting) are opened by one."""
    from tests.browser.demo_site import PASSWORD

    get_user_model().objects.create_superuser("superuser", "superuser@example.org", PASSWORD)


def main() -> None:
    users = {user.username: user for user in get_user_model().objects.all()}
    starts = {
        "social_worker": contract_pages(users["social_worker"])
        + participation_pages(users["social_worker"])
        + consent_pages(users["social_worker"])
        + support_pages(users["social_worker"])
        + settlement_pages(users["social_worker"]),
        "coordinator": report_pages(users["coordinator"])
        + support_pages(users["coordinator"])
        + settlement_pages(users["coordinator"]),
    }
    superuser()
    print(json.dumps(starts))
