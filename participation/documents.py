"""The KIS certificate (zaświadczenie o uczestnictwie) and the scans of eligibility evidence as documents."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation

from kis.files import PDF, Document, content_type_of, file_name
from kis.pdf import render_pdf
from participation.declarations import Kind as DeclarationKind
from participation.declarations import declaration_context
from participation.models import EligibilityEvidence, ProjectParticipation
from participation.signals import certificate_support


@dataclass(frozen=True)
class SupportReceived:
    """One line of the support a certificate lists: what (an activity, a kind of individual
    support), its form (a track and a service type, "individual support") and the hours received."""

    name: str
    form: str
    hours: Decimal


def support_received(participation: ProjectParticipation) -> list[SupportReceived]:
    """The support recorded in this participation by the apps that record it (the programme
    answers ``certificate_support``); participation itself records none."""
    responses = certificate_support.send(sender=ProjectParticipation, participation=participation)
    return [line for _receiver, lines in responses for line in lines]


class CertificatePdf:
    """The certificate of a participation that has ended, in Polish, dated today, with the support
    received (by default, as recorded: ``support_received``)."""

    def __init__(self, participation: ProjectParticipation, support: list[SupportReceived] | None = None):
        self.participation = participation
        self.support = support

    def render(self) -> Document:
        support = self.support
        if support is None:
            with translation.override(settings.LANGUAGE_CODE):  # the lines are worded in the certificate's language
                support = support_received(self.participation)
        context = {
            "participation": self.participation,
            "project": self.participation.project,
            "support": support,
            "total_hours": sum((line.hours for line in support), Decimal(0)),
            "centre_name": settings.KIS_CENTRE_NAME,
            "today": timezone.localdate(),
        }
        content = render_pdf("participation/certificate_pdf.html", context, language=settings.LANGUAGE_CODE)
        return Document(f"zaswiadczenie-{file_name(self.participation.certificate_number)}.pdf", PDF, content)


class EvidenceScan:
    """The stored scan of a piece of eligibility evidence."""

    def __init__(self, evidence: EligibilityEvidence):
        self.evidence = evidence

    def render(self) -> Document:
        scan = self.evidence.scan
        extension = scan.name.rsplit(".", 1)[-1]
        return Document(
            f"dokument-{self.evidence.pk}.{extension}", content_type_of(scan.name), scan.open("rb"), attachment=True
        )


DECLARATION_FILE_NAMES = {
    DeclarationKind.PARTICIPATION: "deklaracja-uczestnictwa",
    DeclarationKind.DATA_PROTECTION: "klauzula-informacyjna",
}


class DeclarationPdf:
    """The participation declaration or the data-protection statement of a person in a project, in
    Polish, with the funding emblems: blank lines to print and sign on paper, or, once ``declaration``
    records it signed, its date and the signature drawn on screen."""

    def __init__(self, participation: ProjectParticipation, kind: str, declaration=None):
        self.participation = participation
        self.kind = kind
        self.declaration = declaration

    def render(self) -> Document:
        project, participant = self.participation.project, self.participation.participant
        context = declaration_context(
            project=project, participant=participant, kind=self.kind, declaration=self.declaration
        )
        content = render_pdf("participation/declaration_pdf.html", context, language=settings.LANGUAGE_CODE)
        return Document(f"{declaration_file_stem(self.kind, project, participant)}.pdf", PDF, content)


class DeclarationScan:
    """The stored scan of a document signed on paper."""

    def __init__(self, declaration):
        self.declaration = declaration

    def render(self) -> Document:
        declaration, scan = self.declaration, self.declaration.scan
        stem = declaration_file_stem(declaration.kind, declaration.project, declaration.participant)
        extension = scan.name.rsplit(".", 1)[-1]
        return Document(f"{stem}-skan.{extension}", content_type_of(scan.name), scan.open("rb"), attachment=True)


def declaration_file_stem(kind: str, project, participant) -> str:
    return f"{DECLARATION_FILE_NAMES[kind]}-{file_name(project.code)}-{participant.pk}"
