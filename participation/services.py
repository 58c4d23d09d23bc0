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
from kis.audit import back_dated, log_event
from kis.models import AuditEvent
from participants.models import Participant, ParticipantStatus
from participation.declarations import check_declarations
from participation.eligibility import CATEGORIES, EXCLUSIONS
from participation.models import ExitSituation, ParticipationEvent, ProjectParticipation
from participation.results import ExitData, FollowUp, ParticipationError, check_exit, check_follow_up
from participation.signals import participation_started
from projects.models import Project

Status = ProjectParticipation.Status


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
    log_event(
        request=request,
        user=user,
        action=AuditEvent.Action.UPDATE,
        obj=participation,
        details={"status": to, **back_dated(on)},
    )
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


def locked(participation_id: int) -> ProjectParticipation:
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
    last = ProjectParticipation.objects.filter(project=project, participant=participant).order_by("-episode").first()
    if last is not None and last.status != Status.DROPPED_OUT:
        raise ParticipationError(
            _("%(name)s is already in this project (%(status)s).")
            % {"name": participant.full_name, "status": last.get_status_display()}
        )
    # After dropping out, a person may re-join: a new episode, the earlier one kept in the history.
    episode = last.episode + 1 if last is not None else 1
    if last is not None and applied_on < last.end_date:
        raise ParticipationError(
            _("A new application cannot be dated before the end of the previous participation (%(date)s).")
            % {"date": last.end_date.strftime("%d.%m.%Y")}
        )
    try:
        with transaction.atomic():
            participation = ProjectParticipation.objects.create(
                project=project, participant=participant, applied_on=applied_on, episode=episode
            )
            note = _("re-joined the project (episode %(n)s)") % {"n": episode} if episode > 1 else ""
            ParticipationEvent.objects.create(
                participation=participation, to_status=Status.APPLIED, date=applied_on, by=user, note=note
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
        participation = locked(participation_id)
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
        participation = locked(participation_id)
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
        check_declarations(project=project, participant=participant, on=start_date)
        then = copy.copy(participant)
        then.labour_market_status = labour_status or participant.labour_market_status
        if labour_status or unemployed_since:
            then.unemployed_since = unemployed_since
        participation.planned_start = start_date
        participation.labour_status_at_start = then.labour_market_status
        participation.unemployed_since_at_start = then.unemployed_since
        participation.disability_at_start = participant.disability
        participation.disability_group_at_start = participant.in_disability_group
        participation.entry = participant.entry_snapshot(start_date)
        participation.sex_at_start = participant.sex
        _move(participation, to=Status.ACTIVE, on=start_date, user=user, request=request)
        participation.risk_factors_at_start.set(participant.risk_factors.all())
        _follow_participations(participant, user=user, request=request)
        participation_started.send(sender=ProjectParticipation, participation=participation)
    return participation


def set_first_support(firsts: dict[int, datetime.date | None]) -> int:
    """Set the ESF start of these participations (id -> the day of their first support since the
    recorded start, or None) and fix on it the age and long-term unemployment; returns how many
    changed. Called by the programme whenever support is recorded (two queries, whatever the number)."""
    with transaction.atomic():
        # Locked: a completion saved meanwhile is seen (its end), and not overwritten.
        rows = list(
            ProjectParticipation.objects.select_for_update().filter(pk__in=firsts).select_related("participant")
        )
        return _set_first_support(rows, firsts)


def _set_first_support(rows: list[ProjectParticipation], firsts: dict) -> int:
    changed = []
    for participation in rows:
        on = firsts[participation.pk]
        if participation.start_date == on or (on is None and participation.end_date):
            continue  # a path that has ended keeps its start
        if on is not None and participation.end_date and on > participation.end_date:
            continue  # ended meanwhile, before that support
        participation.start_date = on
        participation.updated_at = timezone.now()
        fix_entry(participation)
        changed.append(participation)
    ProjectParticipation.objects.bulk_update(
        changed, ["start_date", "age_at_start", "long_term_unemployed_esf", "long_term_unemployed_pup", "updated_at"]
    )
    return len(changed)


def fix_entry(participation: ProjectParticipation) -> None:
    """Age and long-term unemployment on the ESF start, from the situation recorded at the start."""
    on = participation.start_date
    if on is None:
        participation.age_at_start = None
        participation.long_term_unemployed_esf = participation.long_term_unemployed_pup = False
        return
    then = copy.copy(participation.participant)
    then.labour_market_status = participation.labour_status_at_start
    then.unemployed_since = participation.unemployed_since_at_start
    participation.age_at_start = then.age_on(on)
    participation.long_term_unemployed_esf, participation.long_term_unemployed_pup = then.long_term_unemployment_on(on)


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
    started = participation.start_date or participation.planned_start
    if started and end_date < started:
        raise ParticipationError(_("The end cannot be before the start of participation."))
    if end_date > today:
        raise ParticipationError(_("The end cannot be in the future."))


def _set_exit(participation: ProjectParticipation, exit: ExitData, *, today: datetime.date) -> None:
    on, counts = check_exit(exit, left_on=participation.end_date, today=today)
    participation.exit_situation = exit.situation
    participation.exit_situation_on = on
    participation.exit_result_counts = counts
    qualification = exit.situation is not None and exit.situation.is_qualification
    participation.exit_qualification_certified = exit.qualification_certified if qualification else None
    participation.exit_qualification_body = exit.qualification_body.strip()[:200] if qualification else ""


def participation_complete(
    *,
    participation_id: int,
    user,
    end_date: datetime.date,
    completed_as_planned: bool | None,
    exit_situation: ExitSituation | None,
    exit_on: datetime.date | None = None,
    qualification_certified: bool | None = None,
    qualification_body: str = "",
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
        participation = locked(participation_id)
        if participation.status == Status.ACTIVE and participation.start_date is None:
            raise ParticipationError(
                _(
                    "No support has been recorded for this participation yet, so it has not started by the ESF "
                    "rules: record the first support, or record dropping out before it."
                )
            )
        _check_end(participation, end_date, today)
        participation.end_date = end_date
        participation.completed_as_planned = completed_as_planned
        _set_exit(
            participation,
            ExitData(exit_situation, exit_on, qualification_certified, qualification_body),
            today=today,
        )
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
    exit_on: datetime.date | None = None,
    qualification_certified: bool | None = None,
    qualification_body: str = "",
    today: datetime.date | None = None,
    request=None,
) -> ProjectParticipation:
    """Drop out (after starting, or before: then never recruited). Leaving because the person took
    up a job counts with those who completed in the effectiveness base."""
    today = today or timezone.localdate()
    if reason not in ProjectParticipation.DropoutReason.values:
        raise ParticipationError(_("Choose the reason for dropping out."))
    with transaction.atomic():
        participation = locked(participation_id)
        _check_end(participation, end_date, today)
        participation.end_date = end_date
        participation.completed_as_planned = False
        participation.dropout_reason = reason
        participation.dropout_note = note.strip()[:300]
        _set_exit(
            participation,
            ExitData(exit_situation, exit_on, qualification_certified, qualification_body),
            today=today,
        )
        # A person who leaves before starting was never recruited: no certificate.
        if participation.start_date:
            participation.certificate_number = next_certificate_number(end_date.year)
            participation.certificate_issued_on = today
        _move(participation, to=Status.DROPPED_OUT, on=end_date, user=user, note=note, request=request)
        _follow_participations(participation.participant, user=user, request=request)
    return participation


def participation_follow_up(
    *, participation_id: int, user, follow_up: FollowUp, today: datetime.date | None = None, request=None
):
    """Record the situation within three months after leaving (social and employment effectiveness):
    the kinds of social progress, and the employment found with its type, dates and evidence."""
    with transaction.atomic():
        participation = locked(participation_id)
        if participation.status not in (Status.COMPLETED, Status.DROPPED_OUT) or not participation.end_date:
            raise ParticipationError(_("The follow-up is recorded after the participation has ended."))
        check_follow_up(follow_up, left_on=participation.end_date, today=today or timezone.localdate())
        job = follow_up.employment
        participation.followup_on = follow_up.on
        participation.followup_social_progress_kinds = sorted(set(follow_up.social_progress))
        participation.followup_social_progress = bool(follow_up.social_progress)
        participation.followup_in_education = "education" in follow_up.social_progress
        participation.followup_looking_for_work = follow_up.looking_for_work
        participation.followup_qualification = follow_up.qualification
        participation.followup_employment_type = job.type
        participation.followup_employment_start = job.start if job.type else None
        participation.followup_employment_end = job.end if job.type else None
        participation.followup_hours_per_week = job.hours_per_week if job.type else None
        participation.followup_minimum_wage = job.minimum_wage if job.type else None
        participation.followup_evidence = job.evidence.strip()[:200] if job.type else ""
        participation.followup_employed = job.counts(left_on=participation.end_date)
        participation.save()
        log_event(
            request=request, user=user, action=AuditEvent.Action.UPDATE, obj=participation, details={"followup": True}
        )
    return participation
