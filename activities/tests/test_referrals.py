"""Referrals to specialists: issuing one (to a specialist or a partner institution, never dated
ahead, one open per service), its dated moves and their refusals, the confidential reason, the
"by referral only" rule on individual support and the first meeting putting a referral in
progress, the letter, the lists and what they cost in queries."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext as _

from activities.models import Appointment, IndividualSupport, Referral, ServiceType
from activities.referrals import services
from activities.tests.referral_factories import (
    AppointmentFactory,
    ReferralFactory,
    SpecialistSlotFactory,
    by_referral_only,
    legal_advice,
    next_weekday,
    psychology,
    today,
)
from activities.tests.support_factories import IndividualSupportFactory
from contracts.tests.helpers import messages_of
from kis.idempotency import TOKEN_FIELD
from kis.models import AuditEvent
from kis.tests.emblems import STATEMENT, STRIP_SIZE, give_emblem, pdf_images, pdf_text
from kis.tests.helpers import SIGNED_IN
from participants.tests.factories import ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationFactory, ParticipationProjectFactory
from projects.models import Partner
from projects.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
Status = Referral.Status


def ddmmyyyy(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def referral_data(**changes) -> dict:
    data = {
        "service": psychology().pk,
        "specialist": "mgr Joanna Wierzbicka",
        "partner": "",
        "issued_on": ddmmyyyy(today()),
        "project": "",
        "reason": "Przemoc w rodzinie; procedura Niebieskiej Karty.",
    }
    return {**data, **changes}


def refer(client, participant, **changes):
    return client.post(f"/activities/referrals/new/?participant={participant.pk}", referral_data(**changes))


def test_a_referral_form_sent_twice_refers_once(client, social_worker, participant):
    client.force_login(social_worker)
    url = f"/activities/referrals/new/?participant={participant.pk}"
    token = client.get(url).context["form"][TOKEN_FIELD].value()

    first = client.post(url, referral_data(**{TOKEN_FIELD: token}))
    again = client.post(url, referral_data(**{TOKEN_FIELD: token}))

    referral = Referral.objects.get()
    assert first.status_code == again.status_code == 302
    assert again["Location"] == referral.get_absolute_url()


def issued(participant, user, *, on=None, service=None, **kwargs) -> Referral:
    return services.referral_issue(
        participant=participant,
        service=service or psychology(),
        issued_on=on or today() - DAY * 10,
        user=user,
        specialist=kwargs.pop("specialist", "mgr Joanna Wierzbicka"),
        **kwargs,
    )


def meeting(client, participant, **changes):
    data = {
        "kind": IndividualSupport.Kind.PSYCHOLOGIST,
        "date": ddmmyyyy(today() - DAY),
        "specialist": "mgr Joanna Wierzbicka",
        "hours": "1",
        "project": "",
        "confidential_note": "",
        **changes,
    }
    return client.post(f"/activities/support/new/?participant={participant.pk}", data)


# --- Issuing a referral ------------------------------------------------------------------------


def test_a_worker_refers_a_person_of_their_caseload_to_a_specialist(client, social_worker, participant):
    client.force_login(social_worker)

    response = refer(client, participant)

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert messages_of(response) == [
        _("%(name)s referred to %(service)s.") % {"name": participant.full_name, "service": psychology().name}
    ]
    assert (referral.status, referral.issued_on, referral.issued_by, referral.specialist) == (
        Status.ISSUED,
        today(),
        social_worker,
        "mgr Joanna Wierzbicka",
    )
    event = AuditEvent.objects.get(object_type="activities.referral", action=AuditEvent.Action.CREATE)
    assert event.object_id == str(referral.pk)
    assert "Niebieskiej" not in str(event.details) + event.object_repr  # the reason is not copied


def test_a_person_is_referred_to_career_counselling_at_the_labour_office(client, social_worker, participant):
    office = PartnerFactory(name="Powiatowy Urząd Pracy w Wejherowie", kind=Partner.Kind.LABOUR_OFFICE)
    client.force_login(social_worker)

    response = refer(
        client,
        participant,
        service=ServiceType.objects.get(name="Doradztwo zawodowe").pk,
        specialist="",
        partner=office.pk,
    )

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.partner, referral.to_whom) == (office, "Powiatowy Urząd Pracy w Wejherowie")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"specialist": "", "partner": ""}, "specialist"),
        ({"issued_on": ddmmyyyy(today() + DAY)}, "issued_on"),
        ({"issued_on": "31.02.2026"}, "issued_on"),
        ({"service": "group"}, "service"),
    ],
    ids=["to nobody", "dated ahead", "no such day", "a group service"],
)
def test_a_bad_referral_is_refused_on_its_form_and_nothing_saved(client, social_worker, participant, changes, field):
    if changes.get("service") == "group":
        changes["service"] = ServiceType.objects.get(name="Szkoła dla rodziców").pk  # no specialist's service
    client.force_login(social_worker)

    response = client.post(f"/activities/referrals/new/?participant={participant.pk}", {**referral_data(), **changes})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Referral.objects.exists()


def test_a_second_open_referral_to_the_same_service_is_refused(client, social_worker, participant):
    issued(participant, social_worker)
    client.force_login(social_worker)

    response = refer(client, participant)

    assert response.context["form"].errors["service"] == [
        _("%(name)s already has an open referral to %(service)s.")
        % {"name": participant.full_name, "service": psychology().name}
    ]
    assert Referral.objects.count() == 1


def test_a_referral_counts_only_towards_a_project_the_person_was_admitted_to(client, social_worker, participant):
    admitted = ParticipationFactory(
        participant=participant, status=ProjectParticipation.Status.ACTIVE, start_date=today() - DAY * 30
    ).project
    elsewhere = ParticipationProjectFactory()
    client.force_login(social_worker)

    refused = refer(client, participant, project=elsewhere.pk)
    accepted = refer(client, participant, project=admitted.pk)

    assert list(refused.context["form"].errors) == ["project"]
    assert accepted.status_code == 302 and Referral.objects.get().project == admitted


@pytest.mark.parametrize(
    ("viewer", "sees"),
    [("social_worker", True), ("coordinator", True), ("manager", False)],
    ids=["assigned worker", "coordinator", "manager"],
)
def test_the_reason_is_shown_only_to_whom_may_read_the_persons_confidential_notes(
    request, client, participant, viewer, sees
):
    referral = ReferralFactory(participant=participant, reason="Uzależnienie od alkoholu ojca.")
    client.force_login(request.getfixturevalue(viewer))

    detail = client.get(f"/activities/referrals/{referral.pk}/").content.decode()
    person = client.get(f"/participants/{participant.pk}/").content.decode()
    listed = client.get("/activities/referrals/").content.decode()

    assert ("Uzależnienie od alkoholu" in detail) is sees
    assert ("Uzależnienie od alkoholu" in person) is sees
    assert "Uzależnienie od alkoholu" not in listed
    assert f'href="/activities/referrals/{referral.pk}/"' in person  # the referral itself is listed for all


def test_another_worker_reaches_neither_the_referral_nor_the_person(client, participant, other_social_worker):
    referral = ReferralFactory(participant=participant, reason="Uzależnienie od alkoholu ojca.")
    client.force_login(other_social_worker)

    detail = client.get(f"/activities/referrals/{referral.pk}/")
    person = client.get(f"/participants/{participant.pk}/")
    listed = client.get("/activities/referrals/").content.decode()

    assert detail.status_code == person.status_code == 404
    assert "Uzależnienie od alkoholu" not in listed
    assert f'href="/activities/referrals/{referral.pk}/"' not in listed


# --- Its moves -----------------------------------------------------------------------------------


def post_move(client, referral, move, **data):
    return client.post(f"/activities/referrals/{referral.pk}/{move}/", {f"{move}-{k}": v for k, v in data.items()})


def test_a_referral_is_accepted_on_the_day_entered_and_the_entry_after_the_fact_is_audited(
    client, social_worker, participant
):
    referral = issued(participant, social_worker)
    client.force_login(social_worker)

    response = post_move(client, referral, "accept", on=ddmmyyyy(today() - DAY * 2))

    referral.refresh_from_db()
    assert response.status_code == 302
    assert (referral.status, referral.accepted_on) == (Status.ACCEPTED, today() - DAY * 2)
    event = AuditEvent.objects.filter(object_type="activities.referral", action=AuditEvent.Action.UPDATE).get()
    assert event.details == {"status": "accepted", "back_dated": (today() - DAY * 2).isoformat()}


@pytest.mark.parametrize(
    ("move", "data", "field", "message"),
    [
        ("accept", {"on": ddmmyyyy(today() + DAY)}, "on", "The date cannot be in the future."),
        ("accept", {"on": ddmmyyyy(today() - DAY * 11)}, "on", "before"),
        ("decline", {"on": ddmmyyyy(today()), "reason": ""}, "reason", "This field is required."),
        ("close", {"on": ddmmyyyy(today()), "outcome": "Zakończono."}, None, "Only a referral in progress"),
    ],
    ids=["accepted ahead", "accepted before it was issued", "declined without a reason", "closed before any meeting"],
)
def test_a_move_that_cannot_be_made_is_explained_on_its_form(
    client, social_worker, participant, move, data, field, message
):
    referral = issued(participant, social_worker)
    client.force_login(social_worker)
    before = Referral.objects.values().get()

    response = post_move(client, referral, move, **data)

    assert response.status_code == 200
    form = response.context[f"{move}_form"]
    assert message in " ".join(form.errors[field or "__all__"])
    assert Referral.objects.values().get() == before
    assert _("The form has errors; nothing was saved. Correct the fields marked below.") in messages_of(response)


def test_only_an_issued_referral_is_accepted_and_one_in_progress_is_not_declined(social_worker, participant):
    referral = issued(participant, social_worker)
    services.referral_accept(referral=referral, on=today(), user=social_worker)

    with pytest.raises(services.ReferralError, match="Only an issued referral can be accepted"):
        services.referral_accept(referral=referral, on=today(), user=social_worker)
    IndividualSupportFactory(participant=participant, date=today())
    services.support_recorded(support=IndividualSupport.objects.get(), user=social_worker)
    with pytest.raises(services.ReferralError, match="Only a referral not yet in progress can be declined"):
        services.referral_decline(referral=referral, on=today(), reason="Rezygnacja", user=social_worker)


def test_declining_cancels_the_appointments_booked_after_it(social_worker, participant):
    referral = issued(participant, social_worker)
    booked = AppointmentFactory(referral=referral, slot=SpecialistSlotFactory())

    services.referral_decline(referral=referral, on=today(), reason="Osoba nie zgłosiła się.", user=social_worker)

    referral.refresh_from_db()
    booked.refresh_from_db()
    assert (referral.status, referral.ended_on, referral.decline_reason) == (
        Status.DECLINED,
        today(),
        "Osoba nie zgłosiła się.",
    )
    assert booked.status == Appointment.Status.CANCELLED


def test_a_referral_is_not_closed_before_its_last_meeting(social_worker, participant):
    referral = issued(participant, social_worker)
    for days_ago in (5, 2):
        support = IndividualSupportFactory(participant=participant, date=today() - DAY * days_ago)
        services.support_recorded(support=support, user=social_worker)

    with pytest.raises(services.ReferralError, match="before its last meeting"):
        services.referral_close(referral=referral, on=today() - DAY * 3, outcome="Koniec", user=social_worker)
    with pytest.raises(services.ReferralError, match="outcome"):
        services.referral_close(referral=referral, on=today(), outcome="  ", user=social_worker)
    services.referral_close(referral=referral, on=today() - DAY, outcome="Poprawa", user=social_worker)
    assert Referral.objects.get().status == Status.CLOSED


# --- By referral only -----------------------------------------------------------------------------


def refused_for_no_referral(response, participant, day) -> bool:
    expected = _(
        "%(service)s is given by referral only, and %(name)s has no open referral to it on %(date)s: "
        "refer the person first."
    ) % {"service": psychology().name, "name": participant.full_name, "date": ddmmyyyy(day)}
    return response.status_code == 200 and response.context["form"].errors.get("kind") == [expected]


@pytest.mark.parametrize(
    "referral",
    ["none", "issued the day after", "declined", "to another service", "of another person", "closed the day before"],
)
def test_a_service_by_referral_only_is_not_recorded_without_an_open_referral(
    client, social_worker, participant, referral
):
    by_referral_only(psychology())
    day = today() - DAY
    if referral == "issued the day after":
        issued(participant, social_worker, on=today())
    elif referral == "declined":
        services.referral_decline(
            referral=issued(participant, social_worker), on=today() - DAY * 2, reason="Brak zgody", user=social_worker
        )
    elif referral == "to another service":
        issued(participant, social_worker, service=legal_advice())
    elif referral == "of another person":
        issued(ParticipantFactory(social_worker=social_worker), social_worker)
    elif referral == "closed the day before":
        closed = issued(participant, social_worker)
        services.support_recorded(
            support=IndividualSupportFactory(participant=participant, date=today() - DAY * 3), user=social_worker
        )
        services.referral_close(referral=closed, on=today() - DAY * 2, outcome="Koniec", user=social_worker)
    before = IndividualSupport.objects.count()
    client.force_login(social_worker)

    response = meeting(client, participant, date=ddmmyyyy(day))

    assert refused_for_no_referral(response, participant, day)
    assert IndividualSupport.objects.count() == before


def test_the_first_meeting_puts_an_accepted_referral_in_progress(client, social_worker, participant):
    by_referral_only(psychology())
    referral = issued(participant, social_worker)
    services.referral_accept(referral=referral, on=today() - DAY * 8, user=social_worker)
    client.force_login(social_worker)

    first = meeting(client, participant, date=ddmmyyyy(today() - DAY * 5))
    second = meeting(client, participant, date=ddmmyyyy(today() - DAY))

    assert (first.status_code, second.status_code) == (302, 302)
    referral.refresh_from_db()
    assert (referral.status, referral.accepted_on, referral.started_on) == (
        Status.IN_PROGRESS,
        today() - DAY * 8,
        today() - DAY * 5,
    )
    assert set(IndividualSupport.objects.values_list("referral", flat=True)) == {referral.pk}
    # One audit entry for the move to "in progress", none for the second meeting.
    moves = AuditEvent.objects.filter(object_type="activities.referral", details__status="in_progress")
    assert moves.count() == 1


def test_a_meeting_under_an_issued_referral_accepts_it_and_one_before_the_close_is_entered_after_the_fact(
    client, social_worker, participant
):
    by_referral_only(psychology())
    referral = issued(participant, social_worker)
    client.force_login(social_worker)

    assert meeting(client, participant, date=ddmmyyyy(today() - DAY * 6)).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.accepted_on, referral.started_on) == (
        Status.IN_PROGRESS,
        *[today() - DAY * 6] * 2,
    )
    services.referral_close(referral=referral, on=today() - DAY, outcome="Zakończono", user=social_worker)

    late_entry = meeting(client, participant, date=ddmmyyyy(today() - DAY * 2), hours="2")
    after_the_close = meeting(client, participant, date=ddmmyyyy(today()), hours="2")

    assert late_entry.status_code == 302
    assert refused_for_no_referral(after_the_close, participant, today())
    assert IndividualSupport.objects.filter(referral=referral).count() == 2


def test_a_service_not_by_referral_only_is_recorded_without_one_and_linked_to_one_there_is(
    client, social_worker, participant
):
    client.force_login(social_worker)
    assert meeting(client, participant).status_code == 302
    referral = issued(participant, social_worker, service=legal_advice(), specialist="r.pr. Adam Kos")

    assert (
        meeting(client, participant, kind=IndividualSupport.Kind.LAWYER, specialist="r.pr. Adam Kos").status_code == 302
    )

    assert IndividualSupport.objects.get(kind=IndividualSupport.Kind.PSYCHOLOGIST).referral is None
    assert IndividualSupport.objects.get(kind=IndividualSupport.Kind.LAWYER).referral == referral
    assert Referral.objects.get().status == Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"name": "Warsztaty rękodzieła", "mode": "group", "by_referral_only": "on"},
            "Only a specialist's service (recorded as a kind of individual support) can be by referral only.",
        ),
        (
            {"name": "Psychoterapia", "mode": "individual", "support_kind": "psychologist"},
            "Another service of the catalogue is already recorded as this kind.",
        ),
    ],
    ids=["a group service by referral only", "two services of one kind"],
)
def test_the_catalogue_refuses_a_referral_rule_it_could_not_keep(client, coordinator, changes, message):
    client.force_login(coordinator)

    response = client.post("/activities/catalogue/new/", {"track": "social", "is_active": "on", **changes})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [_(message)]
    assert not ServiceType.objects.filter(name=changes["name"]).exists()


def test_the_administrator_marks_a_service_by_referral_only_in_the_admin(client, admin_user):
    service = legal_advice()
    client.force_login(admin_user)
    url = f"/admin/activities/servicetype/{service.pk}/change/"
    page = client.get(url)
    data = {
        "name": service.name,
        "track": service.track,
        "mode": service.mode,
        "support_kind": service.support_kind,
        "counts_hours": "on",
        "is_active": "on",
        "by_referral_only": "on",
    }

    response = client.post(url, data)

    assert page.status_code == 200 and "by_referral_only" in page.content.decode()
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.by_referral_only, service.version) == (True, 2)
    audited = AuditEvent.objects.filter(object_type="activities.servicetype", details__via="admin", user=admin_user)
    assert audited.exists()


# --- The letter ------------------------------------------------------------------------------------


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_the_letter_is_printed_in_polish_with_the_project_s_emblems_and_without_the_reason(
    client, social_worker, participant, tmp_path, private_media
):
    project = give_emblem(ParticipationProjectFactory(title="Aktywna integracja w Wejherowie"))
    office = PartnerFactory(name="Poradnia Psychologiczno-Pedagogiczna", street="ul. Sobieskiego 1")
    referral = issued(participant, social_worker, project=project, partner=office, reason="Próba samobójcza w 2024.")
    client.force_login(social_worker)

    response = client.get(f"/activities/referrals/{referral.pk}/letter.pdf")

    text = pdf_text(response.content, tmp_path)
    with translation.override("pl"):
        heading, person = _("REFERRAL"), _("Person referred")
    assert response["Content-Disposition"].startswith('inline; filename="skierowanie-')
    assert heading in text and person in text
    for expected in (participant.full_name, psychology().name, "mgr Joanna Wierzbicka", office.name):
        assert expected in text
    assert ddmmyyyy(referral.issued_on) in text and social_worker.get_full_name() in text
    assert "samobójcza" not in text
    assert STATEMENT in text and pdf_images(response.content, tmp_path) == [(1, *STRIP_SIZE)]
    event = AuditEvent.objects.get(action=AuditEvent.Action.PRINT)
    assert (event.object_type, event.object_id) == ("activities.referral", str(referral.pk))


def test_the_letter_of_a_referral_outside_projects_has_no_emblems(client, social_worker, participant, tmp_path):
    referral = issued(participant, social_worker)
    client.force_login(social_worker)

    response = client.get(f"/activities/referrals/{referral.pk}/letter.pdf")

    assert pdf_images(response.content, tmp_path) == []
    assert "Unii Europejskiej" not in pdf_text(response.content, tmp_path)


# --- The lists ---------------------------------------------------------------------------------


def test_the_specialists_list_shows_the_open_referrals_of_a_service_or_specialist_with_their_appointments(
    client, coordinator
):
    hers = ReferralFactory(
        participant=ParticipantFactory(last_name="Kowalska"), specialist="", partner=PartnerFactory()
    )
    AppointmentFactory(referral=hers, slot=SpecialistSlotFactory(specialist="Paulina Hinz (psycholog)"))
    ReferralFactory(participant=ParticipantFactory(last_name="Nowicka"), specialist="Michał Formela (psycholog)")
    ReferralFactory(participant=ParticipantFactory(last_name="Prawna"), service=legal_advice())
    ReferralFactory(participant=ParticipantFactory(last_name="Zamknięta"), status=Status.CLOSED, ended_on=today())
    client.force_login(coordinator)

    def names(**query):
        return [r.participant.last_name for r in client.get("/activities/referrals/", query).context["object_list"]]

    assert sorted(names()) == ["Kowalska", "Nowicka", "Prawna"]  # open ones unless asked otherwise
    assert sorted(names(service=psychology().pk)) == ["Kowalska", "Nowicka"]
    assert names(specialist="hinz") == ["Kowalska"]  # in her hours, though not named on the referral
    assert names(specialist="Formela") == ["Nowicka"]
    assert names(state="ended") == ["Zamknięta"]
    content = client.get("/activities/referrals/", {"specialist": "Hinz"}).content.decode()
    assert "Paulina Hinz (psycholog) (booked)" in content


def test_referrals_waiting_more_than_14_days_are_flagged_and_listed(client, coordinator):
    ReferralFactory(participant=ParticipantFactory(last_name="Czekająca"), issued_on=today() - DAY * 15)
    ReferralFactory(participant=ParticipantFactory(last_name="Świeża"), issued_on=today() - DAY * 14)
    ReferralFactory(
        participant=ParticipantFactory(last_name="Przyjęta"),
        issued_on=today() - DAY * 30,
        status=Status.ACCEPTED,
        accepted_on=today() - DAY * 20,
    )
    client.force_login(coordinator)

    response = client.get("/activities/referrals/", {"state": "waiting"})

    assert [r.participant.last_name for r in response.context["object_list"]] == ["Czekająca"]
    assert "waiting 15 days" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_the_referral_list_makes_the_same_queries_for_1_and_30_referrals(
    client, coordinator, rows, django_assert_num_queries
):
    slot = SpecialistSlotFactory(capacity=30)
    for _index in range(rows):
        referral = ReferralFactory(partner=PartnerFactory())
        AppointmentFactory(referral=referral, slot=slot)
    client.force_login(coordinator)

    # SIGNED_IN + the paginator's count + the page of referrals with their people, services and
    # partners + their appointments with their slots + the filter's choice of services.
    with django_assert_num_queries(SIGNED_IN + 4):
        response = client.get("/activities/referrals/")

    assert len(response.context["object_list"]) == min(rows, 25)
    assert response.content.decode().count("(booked)") == min(rows, 25)


@pytest.mark.parametrize("rows", [1, 10])
def test_the_referral_page_makes_the_same_queries_for_1_and_10_appointments_and_meetings(
    client, social_worker, participant, rows, django_assert_num_queries
):
    referral = issued(participant, social_worker)
    slot = SpecialistSlotFactory(capacity=2)
    for week in range(rows):
        AppointmentFactory(referral=referral, slot=slot, date=next_weekday(1, after=today() + DAY * 7 * week))
        IndividualSupportFactory(participant=participant, referral=referral, date=today() - DAY * (week % 9))
    client.force_login(social_worker)

    # SIGNED_IN + the referral with its person, their worker, the service, partner, project and
    # issuer + its appointments with their slots and places + its meetings + INSERT of the "view"
    # audit entry + whether the user may edit the person (one EXISTS, for the reason and the moves).
    with django_assert_num_queries(SIGNED_IN + 5):
        response = client.get(f"/activities/referrals/{referral.pk}/")

    content = response.content.decode()
    assert content.count('action="/activities/appointments/') == rows
    assert len(re.findall(r"<td>mgr Joanna Wierzbicka</td>", content)) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_the_participant_page_s_referrals_take_two_queries_whatever_their_number(
    social_worker, participant, rows, django_assert_num_queries
):
    for index in range(rows):
        referral = ReferralFactory(participant=participant, partner=PartnerFactory(), specialist=f"Specjalista {index}")
        AppointmentFactory(referral=referral, slot=SpecialistSlotFactory(), date=next_weekday(1))
    request = RequestFactory().get("/")
    request.user = social_worker
    social_worker.has_perm("activities.add_referral")  # the permissions are read once per request, before
    template = Template("{% load referral_tags %}{% participant_referrals participant True as r %}{{ r.open|length }}")

    # The referrals with their services and partners + their appointments with their slots.
    with django_assert_num_queries(2):
        shown = template.render(Context({"participant": participant, "request": request}))

    assert shown == str(rows)
