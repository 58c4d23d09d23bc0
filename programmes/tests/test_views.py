"""The programme pages as a worker and a coordinator use them: bad input is told on the form and
nothing is saved; what the pages offer follows what the user may do."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from conftest import make_user
from kis.idempotency import TOKEN_FIELD
from kis.models import AuditEvent
from kis.roles import Role
from kis.tests.helpers import field_error_text, submitted_data
from programmes.models import Programme, ProgrammeKind, ProgrammeLink
from programmes.tests.factories import ProgrammeLinkFactory, niebieska_karta, programme_of

pytestmark = pytest.mark.django_db


def new_link_data(programme, worker, **changes):
    return {"programme": programme.pk, "worker": str(worker.pk), "started_on": "03.03.2025", **changes}


def test_a_worker_links_their_person_and_is_sent_to_the_person_s_links(client, social_worker, person):
    client.force_login(social_worker)
    homelessness = programme_of(ProgrammeKind.HOMELESSNESS)

    response = client.post(
        f"/programmes/participants/{person.pk}/new/",
        new_link_data(homelessness, social_worker, ipwb_number="IPWB/7/2025", ipwb_date="10.03.2025"),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/programmes/participants/{person.pk}/"
    link = ProgrammeLink.objects.get()
    assert (link.programme, link.started_on, link.ipwb_date) == (
        homelessness,
        datetime.date(2025, 3, 3),
        datetime.date(2025, 3, 10),
    )
    page = client.get(response["Location"]).content.decode()
    assert homelessness.name in page
    assert f"/programmes/links/{link.pk}/end/" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"started_on": "31.02.2025"}, "started_on", None),
        ({"ended_on": "01.03.2025"}, "ended_on", "The end is before the start."),
        ({"started_on": "tomorrow"}, "started_on", "A link to a programme cannot start in the future."),
        (
            {"ipwb_number": "IPWB/1"},
            "ipwb_number",
            "An individual programme of leaving homelessness belongs only to a link of that kind of programme.",
        ),
        ({"worker": "999999"}, "worker", None),
    ],
)
def test_bad_input_on_the_link_form_is_told_by_its_field_and_nothing_is_saved(
    client, social_worker, person, changes, field, message
):
    if changes.get("started_on") == "tomorrow":
        changes["started_on"] = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    client.force_login(social_worker)

    response = client.post(
        f"/programmes/participants/{person.pk}/new/",
        {**new_link_data(programme_of(ProgrammeKind.ALCOHOL), social_worker), **changes},
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    if message:
        assert field_error_text(response, field) == _(message)
    assert not ProgrammeLink.objects.exists()


def test_a_second_submission_of_the_same_link_is_refused_on_the_form(client, social_worker, person):
    client.force_login(social_worker)
    data = new_link_data(programme_of(ProgrammeKind.ALCOHOL), social_worker)

    first = client.post(f"/programmes/participants/{person.pk}/new/", data)
    second = client.post(f"/programmes/participants/{person.pk}/new/", data)

    assert (first.status_code, second.status_code) == (302, 200)
    assert field_error_text(second, "started_on") == _(
        "The person is already linked to this programme from %(day)s at that time."
    ) % {"day": "03.03.2025"}
    assert ProgrammeLink.objects.count() == 1


def test_the_same_link_form_sent_twice_leads_to_the_link_it_made(client, social_worker, person):
    client.force_login(social_worker)
    url = f"/programmes/participants/{person.pk}/new/"
    token = client.get(url).context["form"][TOKEN_FIELD].value()
    data = new_link_data(programme_of(ProgrammeKind.ALCOHOL), social_worker, **{TOKEN_FIELD: token})

    first = client.post(url, data)
    again = client.post(url, data)

    assert first.status_code == again.status_code == 302
    assert again["Location"] == f"/programmes/participants/{person.pk}/"
    assert ProgrammeLink.objects.count() == 1


def test_the_link_form_offers_only_active_programmes_and_the_staff_who_may_be_responsible(
    client, social_worker, person
):
    Programme.objects.filter(kind=ProgrammeKind.ALCOHOL).update(is_active=False)
    manager = make_user(Role.MANAGER)
    client.force_login(social_worker)

    form = client.get(f"/programmes/participants/{person.pk}/new/").context["form"]

    assert not form.fields["programme"].queryset.filter(kind=ProgrammeKind.ALCOHOL).exists()
    assert niebieska_karta() in form.fields["programme"].queryset
    assert social_worker in form.fields["worker"].queryset
    assert manager not in form.fields["worker"].queryset
    assert form.initial["worker"] == social_worker.pk


def test_ending_a_link_on_the_page_records_the_day_and_reason(client, social_worker, person):
    link = ProgrammeLinkFactory(participant=person, programme=programme_of(ProgrammeKind.ALCOHOL))
    client.force_login(social_worker)
    url = f"/programmes/links/{link.pk}/end/"
    form = client.get(url).context["form"]

    response = client.post(url, submitted_data(form, ended_on="30.06.2025", reason="Ukończona terapia"))

    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.ended_on, link.end_reason) == (datetime.date(2025, 6, 30), "Ukończona terapia")


def test_an_end_in_the_future_is_told_on_the_form_and_nothing_is_saved(client, social_worker, person):
    link = ProgrammeLinkFactory(participant=person, programme=programme_of(ProgrammeKind.ALCOHOL))
    client.force_login(social_worker)
    url = f"/programmes/links/{link.pk}/end/"
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d.%m.%Y")

    response = client.post(url, submitted_data(client.get(url).context["form"], ended_on=tomorrow))

    assert response.status_code == 200
    assert field_error_text(response, "ended_on") == _("The end cannot be in the future.")
    link.refresh_from_db()
    assert (link.ended_on, link.version) == (None, 1)


def test_a_correction_without_a_reason_is_refused_and_one_with_it_is_saved(client, social_worker, person):
    link = ProgrammeLinkFactory(participant=person, programme=programme_of(ProgrammeKind.HOMELESSNESS))
    client.force_login(social_worker)
    url = f"/programmes/links/{link.pk}/correct/"
    form = client.get(url).context["form"]

    refused = client.post(url, submitted_data(form, ipwb_number="IPWB/9/2025", reason=""))
    saved = client.post(url, submitted_data(form, ipwb_number="IPWB/9/2025", reason="Numer z dokumentu."))

    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    assert saved.status_code == 302
    link.refresh_from_db()
    assert (link.ipwb_number, link.version) == ("IPWB/9/2025", 2)


def test_a_correction_from_a_form_loaded_before_another_change_is_refused(client, social_worker, person):
    link = ProgrammeLinkFactory(participant=person, programme=programme_of(ProgrammeKind.ALCOHOL))
    client.force_login(social_worker)
    url = f"/programmes/links/{link.pk}/correct/"
    stale = client.get(url).context["form"]
    client.post(url, submitted_data(stale, note="Pierwsza", reason="uzupełnienie"))

    response = client.post(url, submitted_data(stale, note="Druga", reason="uzupełnienie"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    link.refresh_from_db()
    assert link.note == "Pierwsza"


def test_a_correction_of_a_programme_without_individual_programmes_does_not_offer_them(client, social_worker, person):
    link = ProgrammeLinkFactory(participant=person, programme=programme_of(ProgrammeKind.ALCOHOL))
    client.force_login(social_worker)

    form = client.get(f"/programmes/links/{link.pk}/correct/").context["form"]

    assert "ipwb_number" not in form.fields
    assert [name for name in form.fields if name != "version"][-2:] == ["note", "reason"]


def test_a_coordinator_adds_and_edits_a_programme_and_a_duplicate_name_is_told(client):
    coordinator = make_user(Role.COORDINATOR)
    client.force_login(coordinator)
    data = {"name": "Program „Bezpieczny senior”", "kind": ProgrammeKind.OTHER, "is_active": "on"}

    created = client.post("/programmes/new/", data)
    duplicate = client.post("/programmes/new/", data)
    programme = Programme.objects.get(name=data["name"])
    edit_url = f"/programmes/{programme.pk}/edit/"
    edited = client.post(edit_url, submitted_data(client.get(edit_url).context["form"], is_active=None))

    assert (created.status_code, duplicate.status_code, edited.status_code) == (302, 200, 302)
    assert "name" in duplicate.context["form"].errors
    programme.refresh_from_db()
    assert not programme.is_active
    assert AuditEvent.objects.filter(object_type="programmes.programme", object_id=str(programme.pk)).count() == 2


def test_the_kind_of_a_programme_with_participants_is_not_changed_on_its_page(client, person):
    programme = niebieska_karta()
    ProgrammeLinkFactory(participant=person, programme=programme)
    client.force_login(make_user(Role.COORDINATOR))
    url = f"/programmes/{programme.pk}/edit/"

    response = client.post(url, submitted_data(client.get(url).context["form"], kind=ProgrammeKind.OTHER))

    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    assert Programme.objects.get(pk=programme.pk).kind == ProgrammeKind.NIEBIESKA_KARTA


def test_the_participant_page_offers_to_link_only_to_those_who_may_edit_the_person(
    client, social_worker, manager, person
):
    add_url = f"/programmes/participants/{person.pk}/new/"

    client.force_login(social_worker)
    own = client.get(f"/participants/{person.pk}/").content.decode()
    # A manager reads the record but changes nothing.
    client.force_login(manager)
    other = client.get(f"/participants/{person.pk}/").content.decode()

    assert add_url in own
    assert add_url not in other
    assert _("Not linked to any municipal programme.") in other


def test_the_programme_page_filters_its_people_by_whether_they_take_part_now(client, social_worker):
    alcohol = programme_of(ProgrammeKind.ALCOHOL)
    now = ProgrammeLinkFactory(programme=alcohol, participant__last_name="Teraz", worker=social_worker)
    ProgrammeLinkFactory(
        programme=alcohol,
        participant__last_name="Dawniej",
        worker=social_worker,
        ended_on=datetime.date(2025, 4, 30),
    )
    client.force_login(social_worker)

    current = client.get(f"/programmes/{alcohol.pk}/?state=current")
    everyone = client.get(f"/programmes/{alcohol.pk}/")
    searched = client.get(f"/programmes/{alcohol.pk}/?q=dawn")

    assert [link.pk for link in current.context["links"]] == [now.pk]
    assert everyone.context["page_obj"].paginator.count == 2
    assert [link.participant.last_name for link in searched.context["links"]] == ["Dawniej"]


def test_the_counts_page_tells_a_period_that_ends_before_it_starts(client):
    client.force_login(make_user(Role.MANAGER))

    response = client.get("/programmes/counts/?start=2025-06-01&end=2025-01-01")
    unreadable = client.get("/programmes/counts/?start=jutro&end=2025-01-01")

    assert response.status_code == unreadable.status_code == 200
    assert "end" in response.context["form"].errors
    assert "start" in unreadable.context["form"].errors
    assert response.context["period"].start == timezone.localdate().replace(month=1, day=1)
