"""The demo is written through the application's services, each move on its own day: every row a
service writes has that service's audit entry, and what a service dates by the day it is recorded
(contract numbers, certificates) follows the demo's own dates, not the day it was seeded."""

import pytest
from django.db.models import Model
from django.utils import timezone

from activities.models import Activity, Enrollment, IndividualSupport, Internship, VolunteerAgreement
from contracts.models import ContractStatus, SocialContract
from kis.models import AuditEvent
from participation.models import ProjectParticipation

pytestmark = pytest.mark.django_db


def audited(model: type[Model], action: str) -> set[str]:
    return set(
        AuditEvent.objects.filter(action=action, object_type=model._meta.label_lower).values_list(
            "object_id", flat=True
        )
    )


def ids(queryset) -> set[str]:
    return {str(pk) for pk in queryset.values_list("pk", flat=True)}


@pytest.mark.parametrize(
    "model",
    [ProjectParticipation, SocialContract, Activity, Enrollment, IndividualSupport, Internship, VolunteerAgreement],
)
def test_every_demo_row_was_created_by_the_service_or_form_of_its_page(demo, model):
    rows = ids(model.objects.all())

    assert rows
    assert rows <= audited(model, AuditEvent.Action.CREATE)


def test_every_signed_demo_contract_was_concluded_through_the_service_on_the_day_it_bears(demo):
    signed = SocialContract.objects.exclude(status=ContractStatus.DRAFT)
    today = timezone.localdate()
    entries = {
        event.object_id: event.details
        for event in AuditEvent.objects.filter(
            action=AuditEvent.Action.SIGN, object_type=SocialContract._meta.label_lower
        )
    }

    for contract in signed:
        details = entries[str(contract.pk)]
        assert contract.snapshot_matches_hash()
        if contract.signed_on < today:  # entered after the fact: marked as such
            assert details["signed_on"] == contract.signed_on.isoformat(), contract
        # Numbered in the series of the year it was drafted, never after it was signed.
        assert int(contract.number.split("/")[1]) <= contract.signed_on.year, contract
    historical = signed.filter(period_start__year__lte=2017)
    assert {c.number.split("/")[1] for c in historical} <= {"2016", "2017"}


def test_demo_certificates_are_issued_on_the_day_the_path_ended(demo):
    left = ProjectParticipation.objects.exclude(certificate_number="")

    assert left.count() > 145
    for participation in left:
        assert participation.certificate_issued_on == participation.end_date, participation
        assert participation.certificate_number.startswith(f"KIS/{participation.end_date.year}/")
