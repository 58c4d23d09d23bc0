"""Helpers for contract tests: a drawn signature, signing through the service, and the POST a
browser would send for the contract pages."""

import base64
import datetime

from django.contrib.messages import get_messages
from django.forms import BaseFormSet, Form
from django.utils import timezone

from contracts import services
from contracts.models import SocialContract
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory

# The password UserFactory gives every user.
PASSWORD = "kis-test-password"

# A 1×1 PNG, as the signature pad sends it (a data URL).
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG_BYTES).decode()


def signed_contract(*, tasks: int = 1, signed_on: datetime.date | None = None, **kwargs) -> SocialContract:
    """A complete contract with ``tasks`` tasks, signed through the service by its social worker:
    on ``signed_on``, by default the first day of its period when that day is past (so it is in
    force over the whole period), otherwise today."""
    contract = SocialContractFactory(**kwargs)
    for _index in range(tasks):
        ContractTaskFactory(contract=contract)
    today = timezone.localdate()
    signed_on = signed_on or min(contract.period_start, today)
    if signed_on == today:
        return services.contract_sign(
            contract_id=contract.pk, user=contract.social_worker, password=PASSWORD, signature=SIGNATURE, version=None
        )
    signed_at = timezone.make_aware(datetime.datetime.combine(signed_on, datetime.time(10, 0)))
    return services.contract_conclude(
        contract_id=contract.pk, user=contract.social_worker, signature=SIGNATURE, signed_at=signed_at
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _value(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def _add_form(data: dict, form: Form) -> None:
    for bound_field in form:
        value = bound_field.value()
        if isinstance(value, bool):
            if value:  # an unticked checkbox is not sent at all
                data[bound_field.html_name] = "on"
            continue
        data[bound_field.html_name] = _value(value)


def page_post_data(*forms: Form | BaseFormSet, **changes) -> dict:
    """What the browser POSTs for the forms and formsets of a page as loaded, with ``changes``
    (a value of None removes the field)."""
    data: dict = {}
    for form in forms:
        if isinstance(form, BaseFormSet):
            _add_form(data, form.management_form)
            for subform in form:
                _add_form(data, subform)
        else:
            _add_form(data, form)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def new_contract_data(participant, *, tasks=None, family=(), **changes) -> dict:
    """A complete, valid POST to /contracts/new/ (kind A, a 6-month period starting today)."""
    today = timezone.localdate()
    if tasks is None:
        tasks = [
            {
                "description": "Udział w warsztatach kompetencji społecznych",
                "responsible": "participant",
                "institution": "",
                "deadline": (today + datetime.timedelta(days=30)).isoformat(),
            }
        ]
    data = {
        "participant": str(participant.pk),
        "kind": "A",
        "place": "Wejherowo",
        "period_start": today.isoformat(),
        "period_end": (today + datetime.timedelta(days=180)).isoformat(),
        "social_worker_phone": "58 672 11 11",
        "problems": "Długotrwałe bezrobocie, zadłużenie czynszowe.",
        "strengths": "Motywacja do zmiany.",
        "limitations": "",
        "unemployment_causes": "",
        "work_barriers": "",
        "earlier_activation": "",
        "main_goal": "Podjęcie zatrudnienia.",
        "specific_goals": "Ukończenie kursu.",
        "centre_support": "Poradnictwo zawodowe raz w tygodniu.",
        "assessment_method": "Rozmowy co miesiąc.",
        "next_review_on": "",
        "version": "",
    }
    for prefix, rows in (("family", list(family)), ("tasks", list(tasks))):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
