"""The documents a participant signs for a project before the first support (DOMAIN-REFERENCE,
"Funding visibility"): the participation declaration (deklaracja uczestnictwa) and the
data-protection information statement (klauzula informacyjna, art. 13 and 14 GDPR).

``declaration_text`` says what each document says, pre-filled from the person's record and the
project, in the language of the documents; the page the participant signs on and the PDF show that
text, and its SHA-256 is kept with the signature. ``declaration_record`` records a document as
signed (drawn on screen, or a scan of the paper one); ``check_declarations`` is what the start of a
participation asks when the project requires both.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from contracts.services import ContractError, decode_signature
from kis.audit import back_dated, log_event
from kis.files import ScanRefused, check_scan
from kis.models import AuditEvent
from participants.models import Participant
from participation.models import Declaration, ProjectParticipation
from participation.results import ParticipationError, dmy
from projects.models import Project

Kind = Declaration.Kind
# What the document prints where a detail the project has not given belongs: a line to fill in by hand.
BLANK = "……………………………………"


@dataclass(frozen=True)
class DeclarationText:
    """What a document says, in the language of the documents: the text the participant signs.

    A detail the project has not given is printed as a blank line (see ``missing_details``)."""

    kind: str
    title: str
    intro: str
    points: tuple[str, ...]
    closing: str = ""

    @property
    def plain(self) -> str:
        """The text as one string, a line a part: what the SHA-256 is taken of."""
        return "\n".join(part for part in (self.title, self.intro, *self.points, self.closing) if part)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.plain.encode("utf-8")).hexdigest()


def identity(participant: Participant) -> str:
    """The person as the documents name them: name, PESEL (or the date of birth), address."""
    if participant.pesel:
        return _("%(name)s, PESEL %(pesel)s, residing at %(address)s") % {
            "name": participant.full_name,
            "pesel": participant.pesel,
            "address": participant.address,
        }
    return _("%(name)s, born on %(born)s, residing at %(address)s") % {
        "name": participant.full_name,
        "born": dmy(participant.date_of_birth),
        "address": participant.address,
    }


def beneficiary(project: Project) -> str:
    """Who carries out the project: its lead organisation, by default the centre itself."""
    return project.lead_organisation or settings.KIS_CENTRE_NAME


def controller(project: Project) -> str:
    """The controller of the participants' data by the project's layout: in 2014–2020 projects the
    managing authority (the beneficiary only processes the data for it), so only what the project
    names; in 2021–2027 projects the beneficiary (the lead organisation unless another is named)."""
    if project.esf_layout == Project.EsfLayout.SL2014:
        return project.data_controller
    return project.controller


def _participation_text(project: Project, participant: Participant) -> DeclarationText:
    points = [
        _(
            "I meet the conditions of taking part in the project, and the information I gave in the "
            "recruitment documents is true."
        ),
        _("I have read the rules of recruitment and participation in the project and accept them."),
        _(
            "I undertake to take part in the support planned for me, and to tell the project staff at once "
            "of any change in my data or situation and if I leave the project."
        ),
        _(
            "I undertake to give information on my situation (employment, education or training, other "
            "progress) within 4 weeks after leaving the project and again within 3 months after it: the "
            "project needs it to report its results."
        ),
    ]
    funding = ", ".join(part for part in (project.funder, project.programme) if part)
    if funding:
        points.append(_("I have been told that the project is co-financed by: %(funding)s.") % {"funding": funding})
    points += [
        _(
            "I know that my personal data are processed for the project as the data-protection information "
            "statement describes."
        ),
        _("I am aware of the liability for making statements that are not true."),
    ]
    intro = _(
        "I, the undersigned, %(person)s, declare that I wish to take part in the project “%(project)s” "
        "(%(code)s), carried out by %(beneficiary)s from %(start)s to %(end)s, and I declare that:"
    ) % {
        "person": identity(participant),
        "project": project.title,
        "code": project.code,
        "beneficiary": beneficiary(project),
        "start": dmy(project.start_date),
        "end": dmy(project.end_date),
    }
    return DeclarationText(Kind.PARTICIPATION, capfirst(str(Kind.PARTICIPATION.label)), intro, tuple(points))


def missing_details(project: Project, kind: str) -> list[str]:
    """The labels of the project's details the document needs and lacks (art. 13(1)(a) and (b) GDPR:
    the controller and the data protection officer's contact)."""
    if kind != Kind.DATA_PROTECTION:
        return []
    needed = {"data_controller": controller(project), "data_protection_contact": project.data_protection_contact}
    return [str(Project._meta.get_field(field).verbose_name) for field, value in needed.items() if not value]


def _data_protection_text(project: Project, participant: Participant) -> DeclarationText:
    name = controller(project)
    if project.esf_layout == Project.EsfLayout.SL2014:
        who = _(
            "The controller of your personal data is %(controller)s, the managing authority of the programme. "
            "%(beneficiary)s, which carries out the project, processes them on the controller's behalf under "
            "the grant agreement."
        ) % {"controller": name or BLANK, "beneficiary": beneficiary(project)}
        law = _(
            "Regulation (EU) No 1303/2013 of the European Parliament and of the Council and the Act of 11 July "
            "2014 on the principles of implementing cohesion policy programmes financed in the 2014–2020 "
            "financial perspective"
        )
    else:
        who = _("The controller of your personal data is %(controller)s.") % {"controller": name or BLANK}
        law = _(
            "Regulation (EU) 2021/1060 of the European Parliament and of the Council and the Act of 28 April "
            "2022 on the principles of implementing tasks financed from European funds in the 2021–2027 "
            "financial perspective"
        )
    if project.retention_until:
        kept = _(
            "Your data will be kept until %(date)s, the date the grant agreement sets for keeping the project's "
            "documents."
        ) % {"date": dmy(project.retention_until)}
    else:
        kept = _("Your data will be kept for as long as the grant agreement sets for keeping the project's documents.")
    points = (
        who,
        _("You can contact the data protection officer at: %(contact)s.")
        % {"contact": project.data_protection_contact or BLANK},
        _(
            "Your data are processed to carry out the project (recruitment, support, confirming eligibility) "
            "and for its monitoring, evaluation, control and audit, and for reporting to the European Social "
            "Fund."
        ),
        _(
            "The legal basis is art. 6(1)(c) GDPR (the processing is needed to comply with a legal obligation "
            "of the controller) and, for special categories of data such as health, art. 9(2)(g) GDPR "
            "(reasons of substantial public interest), under the Act of 12 March 2004 on social assistance, "
            "the Act of 13 June 2003 on social employment, %(law)s."
        )
        % {"law": law},
        _(
            "Your data may be passed to the institutions that manage the programme and those acting for them, "
            "to the bodies that control and audit the project (including the European Commission and the "
            "European Court of Auditors), to the evaluators they commission, and to the firms that process "
            "data on the controller's behalf (e.g. IT services)."
        ),
        kept,
        _(
            "You have the right to access your data and to receive a copy of them (art. 15 GDPR), to have them "
            "corrected (art. 16) and to restrict their processing (art. 18); the right to have them erased is "
            "limited while the law requires them to be kept (art. 17(3)(b))."
        ),
        _(
            "You have the right to lodge a complaint with the President of the Personal Data Protection "
            "Office (ul. Stawki 2, 00-193 Warszawa)."
        ),
        _("Giving the data is required to take part in the project: without them you cannot take part."),
        _("Your data will not be used for automated decision-making, including profiling."),
    )
    intro = _(
        "As articles 13 and 14 of Regulation (EU) 2016/679 (GDPR) require, we inform you, %(person)s, of the "
        "following about the processing of your personal data in the project “%(project)s” (%(code)s):"
    ) % {"person": identity(participant), "project": project.title, "code": project.code}
    return DeclarationText(
        Kind.DATA_PROTECTION,
        capfirst(str(Kind.DATA_PROTECTION.label)),
        intro,
        points,
        closing=_("I confirm that I have read this information."),
    )


def declaration_text(*, project: Project, participant: Participant, kind: str) -> DeclarationText:
    """What the document of ``kind`` says, in the language of the documents (whatever the user's)."""
    build = {Kind.PARTICIPATION: _participation_text, Kind.DATA_PROTECTION: _data_protection_text}[Kind(kind)]
    with translation.override(settings.LANGUAGE_CODE):
        return build(project, participant)


def declaration_context(
    *, project: Project, participant: Participant, kind: str, declaration: Declaration | None = None
) -> dict:
    """What the document's page and PDF show: the text, and once signed the date and the signature
    (with whether the text worked out today is still the one signed)."""
    text = declaration_text(project=project, participant=participant, kind=kind)
    return {
        "project": project,
        "participant": participant,
        "text": text,
        "document_language": settings.LANGUAGE_CODE,
        "declaration": declaration,
        "text_unchanged": declaration is None or not declaration.sha256 or declaration.sha256 == text.sha256,
    }


@dataclass(frozen=True)
class DeclarationRow:
    kind: str
    label: str
    declaration: Declaration | None


def declaration_rows(project: Project, participant: Participant) -> list[DeclarationRow]:
    """Both documents of the person for the project, each with its record once signed (one query)."""
    signed = {d.kind: d for d in Declaration.objects.filter(project=project, participant=participant)}
    return [DeclarationRow(kind.value, kind.label, signed.get(kind.value)) for kind in Kind]


def missing_declarations(project: Project, participant: Participant) -> list:
    """The labels of the documents the person has not signed for the project (one query)."""
    signed = set(Declaration.objects.filter(project=project, participant=participant).values_list("kind", flat=True))
    return [kind.label for kind in Kind if kind.value not in signed]


def check_declarations(*, project: Project, participant: Participant, on: datetime.date) -> None:
    """Refuse a start on ``on`` of a project that requires the documents signed before the start
    when one is not, or was signed only after that day (one query; none when not required)."""
    if not project.requires_declarations:
        return
    signed = {d.kind: d.signed_on for d in Declaration.objects.filter(project=project, participant=participant)}
    missing = [str(kind.label) for kind in Kind if kind.value not in signed]
    if missing:
        raise ParticipationError(
            _("Before the start %(name)s must sign: %(documents)s.")
            % {"name": participant.full_name, "documents": ", ".join(missing)}
        )
    later = {kind: day for kind, day in signed.items() if day > on}
    if later:
        latest = max(later.values())
        raise ParticipationError(
            _(
                "Signed only on %(signed)s, after %(date)s: %(documents)s. The participation can start on "
                "%(signed)s at the earliest."
            )
            % {
                "signed": dmy(latest),
                "date": dmy(on),
                "documents": ", ".join(str(Kind(kind).label) for kind in later),
            }
        )


def declaration_record(
    *,
    project: Project,
    participant: Participant,
    kind: str,
    signed_on: datetime.date,
    signature: str = "",
    upload=None,
    user,
    request=None,
) -> Declaration:
    """Record a document as signed on ``signed_on``: drawn on screen (``signature``, a PNG data URL)
    or on paper (``upload``, its scan: a PDF, JPEG or PNG of at most 10 MB, kept in private storage).

    The SHA-256 of the text as it reads now is kept with it. Refused: a date in the future or before
    the person applied to the project, a second record of the same document, an unreadable signature
    or scan, and a statement signed on screen that does not name the controller and the data
    protection officer's contact (its text would be incomplete)."""
    if kind not in Kind.values:
        raise ParticipationError(_("Unknown document."))
    if bool(signature) == (upload is not None):
        raise ParticipationError(_("Record either the signature drawn on screen or the scan of the signed paper."))
    if signed_on > timezone.localdate():
        raise ParticipationError(_("The date of signing cannot be in the future."))
    if signature:
        try:
            signature = decode_signature(signature)
        except ContractError as error:
            raise ParticipationError(str(error)) from None
    if upload is not None:
        try:
            check_scan(upload, name="declaration")
        except ScanRefused as refusal:
            raise ParticipationError(str(refusal)) from None
    missing = missing_details(project, kind)
    if signature and missing:
        raise ParticipationError(
            _(
                "The statement cannot be signed on screen while the project does not give: %(missing)s. "
                "Complete the project's data-protection details, or record a paper one."
            )
            % {"missing": ", ".join(missing)}
        )
    text = declaration_text(project=project, participant=participant, kind=kind)
    with transaction.atomic():
        # Locked: two records of the same document at once are told apart here, not by the database.
        applications = list(
            ProjectParticipation.objects.select_for_update()
            .filter(project=project, participant=participant)
            .values_list("applied_on", flat=True)
        )
        if not applications:
            raise ParticipationError(_("%(name)s has not applied to this project.") % {"name": participant.full_name})
        if signed_on < min(applications):
            raise ParticipationError(
                _("The date of signing cannot be before the application to the project (%(date)s).")
                % {"date": dmy(min(applications))}
            )
        earlier = Declaration.objects.filter(project=project, participant=participant, kind=kind).first()
        if earlier is not None:
            raise _already_recorded(earlier, participant)
        declaration = Declaration(
            project=project,
            participant=participant,
            kind=kind,
            signed_on=signed_on,
            signature=signature,
            sha256=text.sha256,
            recorded_by=user,
        )
        if upload is not None:
            declaration.scan.save(upload.name, upload, save=False)
        try:
            with transaction.atomic():
                declaration.save()
        except IntegrityError:  # recorded meanwhile all the same
            if declaration.scan:
                declaration.scan.delete(save=False)
            raise _already_recorded(
                Declaration.objects.get(project=project, participant=participant, kind=kind), participant
            ) from None
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.CREATE,
            obj=declaration,
            details={
                "kind": kind,
                "signed": "on screen" if signature else "scan",
                "sha256": declaration.sha256,
                **back_dated(signed_on),
            },
        )
    return declaration


def _already_recorded(earlier: Declaration, participant: Participant) -> ParticipationError:
    return ParticipationError(
        _("Already recorded for %(name)s in this project: %(document)s, signed on %(date)s.")
        % {"name": participant.full_name, "document": earlier.get_kind_display(), "date": dmy(earlier.signed_on)}
    )
