"""The changes to the list of programmes and to a person's links to them. Each runs in one
transaction, writes its audit entry and raises ProgrammeError with the reasons it refuses.

The audit entries of a Niebieska Karta link say which fields changed but not their values, nor
which person or programme it is: the audit trail is read by managers, who may not see such links.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kis.audit import back_dated, log_event
from kis.locking import EditedMeanwhile, claim_version
from kis.models import AuditEvent
from participants.models import Participant
from programmes.models import Programme, ProgrammeLink

PROGRAMME_FIELDS = ("name", "kind", "location", "description", "is_active")
# What a correction of a link may change; the programme and the person are never changed (a link to
# another programme is a new link).
CORRECTABLE = ("started_on", "ended_on", "end_reason", "worker", "note", "ipwb_number", "ipwb_date")


class ProgrammeError(Exception):
    """A refused change; ``errors`` maps each form field concerned (None: the form as a whole) to
    a translated message, and ``str(error)`` joins them."""

    def __init__(self, message=None, *, errors: dict | None = None):
        self.errors = dict(errors) if errors else {None: message}
        super().__init__(" ".join(str(text) for text in self.errors.values()))


def _refuse_errors(errors: dict) -> None:
    if errors:
        raise ProgrammeError(errors=errors)


def _shown(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


# --- The list of programmes ---------------------------------------------------------------------


def programme_create(
    *, user, name: str, kind: str, location=None, description: str = "", is_active: bool = True, request=None
) -> Programme:
    """Add a programme to the centre's list (coordinators)."""
    if not user.has_perm("programmes.add_programme"):
        raise ProgrammeError(_("You may not add programmes."))
    name = name.strip()
    with transaction.atomic():
        if Programme.objects.filter(name__iexact=name).exists():
            raise ProgrammeError(errors={"name": _("A programme of this name is already on the list.")})
        programme = Programme.objects.create(
            name=name, kind=kind, location=location, description=description, is_active=is_active
        )
        log_event(request=request, user=user, action=AuditEvent.Action.CREATE, obj=programme)
    return programme


def programme_change(*, programme_id: int, user, version: int | None, changes: dict, request=None) -> Programme:
    """Change a programme of the list (coordinators). Its kind cannot change once it has links: a
    Niebieska Karta programme turned into another kind would show its links to everyone."""
    with transaction.atomic():
        try:
            programme = Programme.objects.editable_by(user).select_for_update().get(pk=programme_id)
        except Programme.DoesNotExist:
            raise ProgrammeError(_("You may not change this programme.")) from None
        changed = {field: value for field, value in changes.items() if getattr(programme, field) != value}
        if set(changed) - set(PROGRAMME_FIELDS):
            raise ProgrammeError(_("These data cannot be changed here."))
        if "name" in changed:
            changed["name"] = changed["name"].strip()
            if Programme.objects.filter(name__iexact=changed["name"]).exclude(pk=programme.pk).exists():
                raise ProgrammeError(errors={"name": _("A programme of this name is already on the list.")})
        if "kind" in changed and programme.links.exists():
            raise ProgrammeError(
                errors={
                    "kind": _("The kind of a programme with participants cannot change: add a new programme instead.")
                }
            )
        try:
            claim_version(programme, version)
        except EditedMeanwhile as refusal:
            raise ProgrammeError(str(refusal)) from None
        for field, value in changed.items():
            setattr(programme, field, value)
        programme.save()
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.UPDATE,
            obj=programme,
            details={"fields": sorted(changed)},
        )
    return programme


# --- A person's links ---------------------------------------------------------------------------


def _overlap_errors(link: ProgrammeLink, user) -> dict:
    """Another link of the person to the same programme in the same time. Only the links ``user``
    sees are looked at: a refusal must not reveal a Niebieska Karta link they may not see."""
    others = (
        ProgrammeLink.objects.visible_to(user)
        .filter(participant_id=link.participant_id, programme_id=link.programme_id)
        .overlapping(link.started_on, link.ended_on)
        .exclude(pk=link.pk)
        .order_by("started_on")
        .first()
    )
    if others is None:
        return {}
    return {
        "started_on": _("The person is already linked to this programme from %(day)s at that time.")
        % {"day": others.started_on.strftime("%d.%m.%Y")}
    }


def programme_link_add(
    *,
    user,
    participant: Participant,
    programme: Programme,
    worker,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    note: str = "",
    ipwb_number: str = "",
    ipwb_date: datetime.date | None = None,
    request=None,
) -> ProgrammeLink:
    """Link a person the user may edit to an active programme of the centre or of the person's site."""
    today = timezone.localdate()
    if not user.has_perm("programmes.add_programmelink"):
        raise ProgrammeError(_("You may not link people to programmes."))
    with transaction.atomic():
        # Locking the person makes a second submission of the same form wait, then find the first.
        person = Participant.objects.editable_by(user).select_for_update().filter(pk=participant.pk).first()
        if person is None:
            raise ProgrammeError(_("Only the person's social worker or a coordinator links them to a programme."))
        if not Programme.objects.open_to(person).filter(pk=programme.pk).exists():
            raise ProgrammeError(
                errors={"programme": _("Choose an active programme of the centre or of the person's site.")}
            )
        link = ProgrammeLink(
            programme=programme,
            participant=person,
            worker=worker,
            started_on=started_on,
            ended_on=ended_on,
            note=note.strip(),
            ipwb_number=ipwb_number.strip(),
            ipwb_date=ipwb_date,
            created_by=user,
        )
        errors = link.rule_errors(today=today)
        _refuse_errors(errors or _overlap_errors(link, user))
        link.save()
        details = {} if link.is_sensitive else {"participant": person.pk, "programme": programme.pk}
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.CREATE,
            obj=link,
            details={**details, **back_dated(started_on)},
        )
    return link


def _locked_link(link_id: int, user) -> ProgrammeLink:
    try:
        links = ProgrammeLink.objects.editable_by(user).select_related("programme")
        return links.select_for_update(of=("self",)).get(pk=link_id)
    except ProgrammeLink.DoesNotExist:
        raise ProgrammeError(_("You may not change this link.")) from None


def programme_link_end(
    *, link_id: int, user, version: int | None, ended_on: datetime.date, reason: str = "", request=None
) -> ProgrammeLink:
    """Record the day the person's part in the programme ended (not after today)."""
    today = timezone.localdate()
    with transaction.atomic():
        link = _locked_link(link_id, user)
        if link.has_ended(today):
            raise ProgrammeError(
                _("This link already ended on %(day)s; correct it to change the end.")
                % {"day": link.ended_on.strftime("%d.%m.%Y")}
            )
        if ended_on > today:
            raise ProgrammeError(errors={"ended_on": _("The end cannot be in the future.")})
        if ended_on < link.started_on:
            raise ProgrammeError(errors={"ended_on": _("The end is before the start.")})
        try:
            claim_version(link, version)
        except EditedMeanwhile as refusal:
            raise ProgrammeError(str(refusal)) from None
        link.ended_on, link.end_reason = ended_on, reason.strip()
        link.save(update_fields=["ended_on", "end_reason", "version"])
        details = {"fields": ["end_reason", "ended_on"]}
        if not link.is_sensitive:
            details["ended_on"] = ended_on.isoformat()
        log_event(
            request=request,
            user=user,
            action=AuditEvent.Action.UPDATE,
            obj=link,
            details={**details, **back_dated(ended_on)},
        )
    return link


def programme_link_correct(
    *, link_id: int, user, version: int | None, changes: dict, reason: str, request=None
) -> ProgrammeLink:
    """Correct what was recorded of a link (dates, worker, note, individual programme), with the
    reason; the old and new values go to the audit trail, except for a Niebieska Karta link."""
    today = timezone.localdate()
    if not reason.strip():
        raise ProgrammeError(errors={"reason": _("Give the reason for the correction.")})
    if set(changes) - set(CORRECTABLE):
        raise ProgrammeError(_("These data cannot be corrected here."))
    with transaction.atomic():
        link = _locked_link(link_id, user)
        corrected = {}
        for field, value in changes.items():
            old = getattr(link, field)
            if isinstance(value, str):
                value = value.strip()
            if old == value:
                continue
            corrected[field] = [_shown(getattr(old, "pk", old)), _shown(getattr(value, "pk", value))]
            setattr(link, field, value)
        if not corrected:
            raise ProgrammeError(_("Nothing was changed."))
        errors = link.rule_errors(today=today)
        if "worker" not in corrected:
            # A worker who has left since stays on the links they were responsible for.
            errors.pop("worker", None)
        _refuse_errors(errors or _overlap_errors(link, user))
        try:
            claim_version(link, version)
        except EditedMeanwhile as refusal:
            raise ProgrammeError(str(refusal)) from None
        link.save()
        details = {"fields": sorted(corrected)}
        if not link.is_sensitive:
            corrected.pop("note", None)  # the note's text stays on the record
            details.update(corrected=corrected, reason=reason.strip()[:300])
        log_event(request=request, user=user, action=AuditEvent.Action.UPDATE, obj=link, details=details)
    return link
