"""Socially useful work through the pages, as a social worker does it: a registered unemployed person
is placed on the labour office's referral, the hours are recorded day by day (those over the
monthly limit are refused), and the month's settlement list is printed for the labour office. A
person who is economically inactive or employed is refused, with the reason, and nothing is saved."""

import datetime
import subprocess

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from zeal import zeal_ignore

from kis.idempotency import TOKEN_FIELD
from kis.models import AuditEvent
from participants.models import LabourMarketStatus
from participants.tests.factories import ParticipantFactory
from usefulwork.models import Placement, WorkDay
from usefulwork.tests.factories import DAY, last_month, started, today

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "settlement.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text


def placement_form(labour_office, organisation, **changes) -> dict:
    month = last_month()
    data = {
        "referral_number": "PSU/BB/0042/2026",
        "referral_date": f"{month - DAY * 3:%d.%m.%Y}",
        "labour_office": labour_office.pk,
        "no_unemployment_benefit": "on",
        "organisation": organisation.pk,
        "kind_of_work": "pielęgnacja zieleni na Starym Mieście",
        "schedule": "pon., wt., czw. 8:00–12:00",
        "start_date": f"{month:%d.%m.%Y}",
        "end_date": f"{today() + DAY * 60:%d.%m.%Y}",
    }
    return {**data, **changes}


def post_placement(client, url: str, data: dict):
    # zeal false positive: the form's two partner fields (labour office, organisation) each load one
    # Partner with .get() from the same line; two fields, two queries, whatever the data.
    with zeal_ignore([{"model": "projects.Partner", "field": "get()"}]):
        return client.post(url, data)


def workdays(month: datetime.date, count: int) -> list[datetime.date]:
    """The first ``count`` working days (Monday to Friday) of the month."""
    days = [month + DAY * n for n in range(31) if (month + DAY * n).month == month.month]
    return [day for day in days if day.weekday() < 5][:count]


def test_a_registered_unemployed_person_works_and_the_settlement_list_shows_the_hours(
    client, social_worker, unemployed, labour_office, organisation, tmp_path
):
    client.force_login(social_worker)

    # Placed on the labour office's referral.
    page = client.get(f"/useful-work/new/?participant={unemployed.pk}")
    assert page.status_code == 200 and page.context["refusal"] is None
    response = post_placement(
        client, f"/useful-work/new/?participant={unemployed.pk}", placement_form(labour_office, organisation)
    )
    placement = Placement.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/useful-work/{placement.pk}/"
    assert (placement.participant, placement.labour_office, placement.organisation) == (
        unemployed,
        labour_office,
        organisation,
    )
    assert placement.referral_number == "PSU/BB/0042/2026"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_id=str(placement.pk)).exists()

    # Five days of 8 hours fill the monthly limit of 40; a sixth day is refused on the form.
    month = last_month()
    days = workdays(month, 6)
    for day in days[:5]:
        response = client.post(f"/useful-work/{placement.pk}/hours/", {"date": f"{day:%d.%m.%Y}", "hours": "8"})
        assert response.status_code == 302, response.context["hours_form"].errors
    response = client.post(f"/useful-work/{placement.pk}/hours/", {"date": f"{days[5]:%d.%m.%Y}", "hours": "2"})

    assert response.status_code == 200
    refusal = _(
        "This would exceed the monthly limit of %(limit)s hours: %(worked)s hours are already "
        "recorded in %(month)s, so at most %(left)s more can be."
    ) % {"limit": "40", "worked": "40", "month": f"{month:%m.%Y}", "left": "0"}
    assert response.context["hours_form"].errors["hours"] == [refusal]
    assert refusal in response.content.decode()
    assert WorkDay.objects.filter(placement=placement).count() == 5

    # The month's settlement list reads back each day's hours and the total.
    response = client.get(f"/useful-work/{placement.pk}/settlement.pdf", {"month": f"{month:%Y-%m}"})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Łucja Żółkiewska" in text
    assert "PSU/BB/0042/2026" in text
    assert organisation.name in text
    lines = {line.split()[1]: line.split() for line in text.splitlines() if len(line.split()) > 2}
    for day in days[:5]:
        assert lines[f"{day:%d.%m.%Y}"][-1] == "8", lines[f"{day:%d.%m.%Y}"]
    assert days[5].strftime("%d.%m.%Y") in lines and lines[f"{days[5]:%d.%m.%Y}"][-1] != "8"
    with translation.override("pl"):  # the list is printed in Polish, whatever the user reads
        total_label = _("Total hours")
    total = next(line for line in text.splitlines() if total_label in line)
    assert total.split()[-1] == "40"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PRINT, object_id=str(placement.pk)).count() == 1


@pytest.mark.parametrize("status", [LabourMarketStatus.INACTIVE, LabourMarketStatus.EMPLOYED])
def test_an_inactive_or_employed_person_is_refused_with_the_reason(
    client, social_worker, labour_office, organisation, status
):
    """Their record says registered unemployed today, but the participation started with the
    status that counts."""
    person = ParticipantFactory(
        social_worker=social_worker, labour_market_status=LabourMarketStatus.REGISTERED_UNEMPLOYED
    )
    participation = started(person, status=status)
    client.force_login(social_worker)

    page = client.get(f"/useful-work/new/?participant={person.pk}")
    response = post_placement(
        client, f"/useful-work/new/?participant={person.pk}", placement_form(labour_office, organisation)
    )

    reason = _(
        "Socially useful work is only for people registered as unemployed at the labour office: "
        "%(name)s was “%(status)s” at the start of the participation in %(project)s (%(date)s)."
    ) % {
        "name": person.full_name,
        "status": LabourMarketStatus(status).label,
        "project": participation.project.code,
        "date": participation.planned_start.strftime("%d.%m.%Y"),
    }
    assert page.context["refusal"] == reason  # said before the form is filled in
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [reason]
    assert Placement.objects.count() == 0


def test_a_person_entitled_to_unemployment_benefit_is_refused(
    client, social_worker, unemployed, labour_office, organisation
):
    client.force_login(social_worker)
    data = placement_form(labour_office, organisation)
    del data["no_unemployment_benefit"]

    response = post_placement(client, f"/useful-work/new/?participant={unemployed.pk}", data)

    assert response.status_code == 200
    assert response.context["form"].errors["no_unemployment_benefit"]
    assert Placement.objects.count() == 0


def test_bad_input_on_the_placement_form_is_told_on_its_fields_and_nothing_is_saved(
    client, social_worker, unemployed, labour_office, organisation
):
    client.force_login(social_worker)
    data = placement_form(
        labour_office,
        organisation,
        referral_number="",
        start_date=f"{today():%d.%m.%Y}",
        end_date=f"{today() - DAY:%d.%m.%Y}",
        referral_date="31.02.2026",
    )

    response = post_placement(client, f"/useful-work/new/?participant={unemployed.pk}", data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"referral_number", "referral_date"} <= errors.keys()
    assert Placement.objects.count() == 0


def test_the_person_is_found_by_name_on_the_new_placement_page(client, social_worker, unemployed):
    ParticipantFactory(last_name="Żółkiewska")  # another worker's: not theirs to place
    client.force_login(social_worker)

    posted = client.post("/useful-work/new/", {"q": "Żółkiewska"})
    response = client.get(posted["Location"])

    # Posted, and recalled by a token: a PESEL searched for would travel in no address.
    assert posted.status_code == 303 and "Żółkiewska" not in posted["Location"]
    assert response.status_code == 200
    assert response.context["found"] == [unemployed]
    assert f"?participant={unemployed.pk}" in response.content.decode()


def test_a_placement_form_sent_twice_places_the_person_once(
    client, social_worker, unemployed, labour_office, organisation
):
    client.force_login(social_worker)
    url = f"/useful-work/new/?participant={unemployed.pk}"
    token = client.get(url).context["form"][TOKEN_FIELD].value()
    data = placement_form(labour_office, organisation, **{TOKEN_FIELD: token})

    first = post_placement(client, url, data)
    again = post_placement(client, url, data)

    placement = Placement.objects.get()
    assert first.status_code == again.status_code == 302
    assert again["Location"] == placement.get_absolute_url()
