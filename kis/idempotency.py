"""One record per create form, however often it is sent.

A create form carries a hidden one-off token (``add_token_field``). When the form creates its
record, the token is written down (``record_submission``) in the same transaction. The same form
sent again by the same person — a double click, a page sent again after a slow answer — creates
nothing and leads to the record the first sending created. Two sendings at the same moment: the
unique constraint lets one through and rolls the other's transaction back, record and all.

A create view takes ``IdempotentCreateMixin``; a generic view saving in ``form_valid`` needs nothing
more, any other calls ``record_submission`` inside the transaction that creates its record.
"""

from __future__ import annotations

import datetime
import functools
import re
import secrets

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kis.models import SubmittedForm

TOKEN_FIELD = "submission_token"
# A form sent again after this long is a new record (the token was forgotten on a later write).
KEPT_FOR = datetime.timedelta(days=1)
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
ALREADY_SENT = _("This form had already been sent; here is the record it created.")


class AlreadySubmitted(Exception):
    """The same form was recorded meanwhile by a sending that came first."""


def new_token() -> str:
    return secrets.token_urlsafe(24)


def add_token_field(form):
    """Give an (unprefixed) create form its hidden token, a new one each time the form is shown;
    the form's crispy layout, when it has one, renders it. Returns the form."""
    if TOKEN_FIELD in form.fields:
        return form
    form.fields[TOKEN_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False, initial=new_token)
    layout = getattr(getattr(form, "helper", None), "layout", None)
    if layout is not None and TOKEN_FIELD not in layout.fields:
        layout.append(TOKEN_FIELD)
    return form


def submitted_token(request) -> str:
    """The token the request sent, or "" (none, or not one this application could have made)."""
    token = request.POST.get(TOKEN_FIELD, "")
    return token if TOKEN.fullmatch(token) and request.user.is_authenticated else ""


def earlier_submission(request) -> SubmittedForm | None:
    """The record this user's form already created, when the request sends that form again."""
    token = submitted_token(request)
    return SubmittedForm.objects.filter(user=request.user, token=token).first() if token else None


def record_submission(request, obj, *, url: str | None = None) -> None:
    """Write down that the request's form created ``obj`` (shown at ``url``, by default its own
    address). Call it inside the transaction that creates ``obj``: ``AlreadySubmitted`` — the same
    form recorded meanwhile — must roll that transaction back."""
    token = submitted_token(request)
    if not token:
        return
    SubmittedForm.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(
                token=token,
                user=request.user,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                url=url or obj.get_absolute_url(),
            )
    except IntegrityError:
        raise AlreadySubmitted from None


def already_sent(request, earlier: SubmittedForm) -> HttpResponseRedirect:
    """To the record the first sending created, saying so."""
    # What a sending that was rolled back queued ("Saved …") did not come true: it is not said.
    # (Django's message storage keeps this request's messages there; earlier ones stay.)
    queued = getattr(messages.get_messages(request), "_queued_messages", None)
    if queued is not None:
        queued.clear()
    messages.info(request, ALREADY_SENT)
    return HttpResponseRedirect(earlier.url)


class IdempotentCreateMixin:
    """For a create view: its form gets the token (``get_form`` of a generic view; a plain view calls
    ``add_token_field`` itself), a form sent again leads to the record already created, and
    ``form_valid`` records the token in the transaction of the save."""

    def get_form(self, form_class=None):
        return add_token_field(super().get_form(form_class))

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            # The view's own ``post`` (wherever it is defined) is wrapped for this request, so that
            # the permission and scope checks of the other mixins' ``dispatch`` still come first.
            self.post = functools.partial(self.sent_once, self.post)
        return super().dispatch(request, *args, **kwargs)

    def sent_once(self, post, request, *args, **kwargs):
        earlier = earlier_submission(request)
        if earlier is not None:
            return already_sent(request, earlier)
        try:
            return post(request, *args, **kwargs)
        except AlreadySubmitted:
            earlier = earlier_submission(request)
            if earlier is None:  # the row that stopped this sending is committed: not reached
                raise
            return already_sent(request, earlier)

    def created_object(self, form):
        """The record the view's ``form_valid`` created: its object, or its model form's instance."""
        return getattr(self, "object", None) or getattr(form, "instance", None)

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            created = self.created_object(form)
            if response.status_code == 302 and created is not None and created.pk is not None:
                record_submission(self.request, created, url=response.url)
        return response
