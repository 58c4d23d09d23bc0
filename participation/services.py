"""Moves of a person's participation in a project: recruit, decide, start, complete, drop out,
follow up. Each runs in one transaction, records a dated ParticipationEvent with who made it,
writes the audit trail, and raises ParticipationError with a message for the user."""

from __future__ import annotations

import copy
import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.models import SocialContract
from kis.audit import log_event
from kis.models import AuditEvent
from participants.models import Participant, ParticipantStatus
from participation.eligibility import CATEGORIES, EXCLUSIONS
from participation.models import ExitSituation, ParticipationEvent, ProjectParticipation
from projects.models import Project

Status = ProjectParticipation.Status


class ParticipationError(Exception):
    """A refused move; ``str(error)`` is a translated message for the user."""


def _move(participation: ProjectParticipation, *, to: str, on: datetime.date, user, note: str = "", request=None):
    if not participation.can_move_to(to):
        raise ParticipationError(
            _("A participation that is “%(current)s” cannot become “%(new)s”.")
            % {"current": participation.get_status_display(), "new": Status(to).label}
        )
    event = ParticipationEvent.objects.create(
        participation=participation, from_status=participation.status, to_status=to, date=on, by=user, note=note[:300]
    )
    participation.status = to
    participation.save()
    log_event(request=request, user=user, action=AuditEvent.Action.UPDATE, obj=participation, details={"status": to})
    return event


def _follow_participations(participant: Participant, *, user, request=None) -> None:
    """The person's own status follows their participations: active while one is active, inactive
    once none is (a closed case stays closed). The version moves on, so a form of the person's
    record opened before is refused rather than writing the old status back."""
    if participant.status == ParticipantStatus.CLOSED:
        return
    taking_part = ProjectParticipation.objects.filter(participant=participant, status=Status.ACTIVE).exists()
    status = ParticipantStatus.ACTIVE if taking_part else ParticipantStatus.INACTIVE
    if participant.status == status:
        return
    Participant.objects.filter(pk=participant.pk).update(status=status, version=F("version") + 1)
    participant.status = status
    log_event(request=request, user=user, action=AuditEvent.Action.UPDATE, obj=participant, details={"status": status})


def _locked(participation_id: int) -> ProjectParticipation:
    return (
        ProjectParticipation.objects.select_for_update()
        .select_related("project", "participant")
        .get(pk=participation_id)
    )


def participation_recruit(
    *,
    project: Project,
    participant: Participant,
    user,
    applied_on: datetime.date,
    today: datetime.date | None = None,
    request=None,
) -> ProjectParticipation:
    """Register a person's application to a project.

    Every move takes ``today``, the day it is recorded (by default the real one): no move is dated
    after it, and a certificate issued on leaving bears it."""
    if applied_on > project.end_date:
        raise ParticipationError(
            _("The project ended on %(date)s: nobody can be recruited after its end.")
            % {"date": project.end_date.strftime("%d.%m.%Y")}
        )
    if applied_on > (today or timezone.localdate()):
        raise ParticipationError(_("The date of application cannot be in the future."))
    if project.status == Project.Status.CLOSED:
        raise ParticipationError(_("The project is closed to recruitment."))
    existing = ProjectParticipation.objects.filter(project=project, participant=participant).first()
    if existing is not None:
        raise ParticipationError(
            _("%(name)s is already in this project (%(status)s).")
            % {"name": participant.full_name, "status": existing.get_status_display()}
        )
    try:
        with transaction.atomic():
            participation = ProjectParticipation.objects.create(
                project=project, participant=participant, applied_on=applied_on
            )
            ParticipationEvent.objects.create(
                participation=participation, to_status=Status.APPLIED, date=applied_on, by=user
            )
    except IntegrityError:  # a parallel submission got there first
        raise ParticipationError(_("%(name)s is already in this project.") % {"name": participant.full_name}) from None
    log_event(request=request, user=user, action=AuditEvent.Action.CREATE, obj=participation)
    return participation


def participation_decide(
    *,
    participation_id: int,
    user,
    decision: str,
    on: datetime.date,
    categories: list[str],
    exclusions: list[str],
    note: str,
    today: datetime.date | None = None,
    request=None,
) -> ProjectParticipation:
    """Qualify, put on the reserve list, or reject, recording the eligibility check."""
    unknown = set(categories) - set(CATEGORIES) or set(exclusions) - set(EXCLUSIONS)
    if unknown:
        raise ParticipationError(_("Unknown eligibility category."))
    if decision in (Status.QUALIFIED, Status.RESERVE):
        if not categories:
            raise ParticipationError(_("Tick at least one eligibility category that applies to the person."))
        if exclusions:
            raise ParticipationError(
                _("A person entitled to %(what)s cannot take part in a KIS (art. 1 ust. 3): reject the application.")
                % {"what": ", ".join(str(EXCLUSIONS[e]) for e in exclusions)}
            )
    elif decision == Status.REJECTED:
        if not note.strip() and not exclusions:
            raise ParticipationError(_("Give the reason for rejecting the application."))
    else:
        raise ParticipationError(_("Choose a decision."))
    with transaction.atomic():
        participation = _locked(participation_id)
        if on < participation.applied_on:
            raise ParticipationError(_("The decision cannot be dated before the application."))
        if on > (today or timezone.localdate()):
            raise ParticipationError(_("The decision cannot be dated in the future."))
        participation.eligibility_categories = sorted(categories)
        participation.eligibility_note = note.strip()
        participation.decided_on = on
        participation.decided_by = user
        _move(participation, to=decision, on=on, user=user, note=note, request=request)
    return participation


def contract_in_force(participant: Participant, on: datetime.date) -> SocialContract | None:
    return SocialContract.objects.filter(participant=participant).in_force(on).first()


def contract_signed_later(participant: Participant, on: datetime.date) -> SocialContract | None:
    """A contract whose period covers ``on`` but which was signed only after that day."""
    return (
        SocialContract.objects.filter(
            participant=participant, signed_on__gt=on, period_start__lte=on, effective_period_end__gte=on
        )
        .order_by("signed_on")
        .first()
    )


def participation_activate(
    *,
    participation_id: int,
    user,
    start_date: datetime.date,
    labour_status: str | None = None,
    unemployed_since: datetime.date | None = None,
    today: datetime.date | None = None,
    request=None,
):
    """Start the participation on the date of the first form of support; fix age and status.

    The labour-market status (and the start of the unemployment spell) is the person's current
    record unless given: a start entered after the fact takes them from the recruitment documents."""
    with transaction.atomic():
        participation = _locked(participation_id)
        project = participation.project
        participant = participation.participant
        if not (project.start_date <= start_date <= project.end_date):
            raise ParticipationError(
                _("The start must fall within the project (%(start)s – %(end)s).")
                % {"start": project.start_date.strftime("%d.%m.%Y"), "end": project.end_date.strftime("%d.%m.%Y")}
            )
        if start_date > (today or timezone.localdate()):
            raise ParticipationError(_("The start (first support) cannot be in the future."))
        if start_date < participation.applied_on:
            raise ParticipationError(_("The start cannot be before the application."))
        if contract_in_force(participant, start_date) is None:
            later = contract_signed_later(participant, start_date)
            if later is not None:
                raise ParticipationError(
                    _(
                        "Contract %(number)s was signed on %(signed)s, after %(date)s: a social contract is in "
                        "force from its signing, so the participation can start on %(signed)s at the earliest."
                    )
                    % {
                        "number": later.number,
                        "signed": later.signed_on.strftime("%d.%m.%Y"),
                        "date": start_date.strftime("%d.%m.%Y"),
                    }
                )
            raise ParticipationError(
                _(
                    "%(name)s has no signed social contract in force on %(date)s. Taking part in a KIS "
                    "requires one (art. 18 ust. 4 of the Social Employment Act): draft and sign it first."
                )
                % {"name": participant.full_name, "date": start_date.strftime("%d.%m.%Y")}
            )
        then = copy.copy(participant)
        then.labour_market_status = labour_status or participant.labour_market_status
        if labour_status or unemployed_since:
            then.unemployed_since = unemployed_since
        participation.start_date = start_date
        participation.age_at_start = participant.age_on(start_date)
        participation.labour_status_at_start = then.labour_market_status
        participation.long_term_unemployed_esf, participation.long_term_unemployed_pup = then.long_term_unemployment_on(
            start_date
        )
        _move(participation, to=Status.ACTIVE, on=start_date, user=user, request=request)
        _follow_participations(participant, user=user, request=request)
    return participation


def next_certificate_number(year: int) -> str:
    prefix = f"KIS/{year}/"
    last = (
        ProjectParticipation.objects.filter(certificate_number__startswith=prefix)
        .order_by("-certificate_number")
        .values_list("certificate_number", flat=True)
        .first()
    )
    return f"{prefix}{(int(last.rsplit('/', 1)[1]) + 1) if last else 1:04d}"


def _check_end(participation: ProjectParticipation, end_date: datetime.date, today: datetime.date):
    if participation.start_date and end_date < participation.start_date:
        raise ParticipationError(_("The end cannot be before the start of participation."))
    if end_date > today:
        raise ParticipationError(_("The end cannot be in the future."))


def participation_complete(
    *,
    participation_id: int,
    user,
    end_date: datetime.date,
    completed_as_planned: bool | None,
    exit_situation: ExitSituation | None,
    today: datetime.date | None = None,
    request=None,
) -> ProjectParticipation:
    """Complete the path: exit data is required, and the KIS certificate is issued."""
    today = today or timezone.localdate()
    if completed_as_planned is None or exit_situation is None:
        raise ParticipationError(
            _("Completing needs the exit data: whether the planned path was completed and the situation on leaving.")
        )
    with transaction.atomic():
        participation = _locked(participation_id)
        _check_end(participation, end_date, today)
        participation.end_date = end_date
        participation.completed_as_planned = completed_as_planned
        participation.exit_situation = exit_situation
        participation.certificate_number = next_certificate_number(end_date.year)
        participation.certificate_issued_on = today
        _move(participation, to=Status.COMPLETED, on=end_date, user=user, request=request)
        _follow_participations(participation.participant, user=user, request=request)
    return participation


def participation_drop_out(
    *,
    participation_id: int,
    user,
    end_date: datetime.date,
    reason: str,
    note: str = "",
    exit_situation: ExitSituation | None = None,
    today: datetime.date | None = None,
    request=None,
) -> ProjectParticipation:
    today = today or timezone.localdate()
    if reason not in ProjectParticipation.DropoutReason.values:
        raise ParticipationError(_("Choose the reason for dropping out."))
    with transaction.atomic():
        participation = _locked(participation_id)
        _check_end(participation, end_date, today)
        participation.end_date = end_date
        participation.completed_as_planned = False
        participation.dropout_reason = reason
        participation.dropout_note = note.strip()[:300]
        participation.exit_situation = exit_situation
        # A person who leaves before starting was never recruited: no certificate.
        if participation.start_date:
            participation.certificate_number = next_certificate_number(end_date.year)
            participation.certificate_issued_on = today
        _move(participation, to=Status.DROPPED_OUT, on=end_date, user=user, note=note, request=request)
        if participation.start_date:
            _follow_participations(participation.participant, user=user, request=request)
    return participation


def participation_follow_up(
    *, participation_id: int, user, on: datetime.date, results: dict, today: datetime.date | None = None, request=None
):
    """Record the situation three months after leaving (social and employment effectiveness)."""
    with transaction.atomic():
        participation = _locked(participation_id)
        if participation.status not in (Status.COMPLETED, Status.DROPPED_OUT) or not participation.end_date:
            raise ParticipationError(_("The follow-up is recorded after the participation has ended."))
        if on < participation.end_date:
            raise ParticipationError(_("The follow-up cannot be dated before the end of participation."))
        if on > (today or timezone.localdate()):
            raise ParticipationError(_("The follow-up cannot be dated in the future."))
        participation.followup_on = on
        for field in (
            "followup_employed",
            "followup_looking_for_work",
            "followup_in_education",
            "followup_qualification",
            "followup_social_progress",
        ):
            setattr(participation, field, bool(results.get(field)))
        participation.save()
        log_event(
            request=request, user=user, action=AuditEvent.Action.UPDATE, obj=participation, details={"followup": True}
        )
    return participation
