"""A person's own programme: individual support, internships and volunteering agreements (who may
record them, what is refused), the programme on the participant's page (attendance, the flag for
absences in a row, the care of dependants, confidential notes), the progress shown at a contract
review, and the absences flagged on the home page."""

import datetime
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from activities.models import IndividualSupport, Internship
from activities.models import VolunteerAgreement as Agreement
from activities.tests.support_factories import (
    EmployerFactory,
    IndividualSupportFactory,
    InternshipFactory,
    VolunteerAgreementFactory,
)
from conftest import make_user
from contracts.tests.helpers import messages_of
from kis.models import AuditEvent
from kis.roles import Role
from kis.tests.factories import LocationFactory
from kis.tests.helpers import submitted_data
from participants.tests.factories import ParticipantFactory
from participation.models import ProjectParticipation
from participation.tests.factories import ParticipationFactory, ParticipationProjectFactory
from projects.models import Partner
from projects.tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
LOGIN = "→ sign-in page"
OWNER = "social_worker (owner)"
OTHER = "another social_worker"
ROLES = [None, OWNER, OTHER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN]


def today() -> datetime.date:
    return timezone.localdate()


def the_form_of(client, url) -> dict:
    """What the browser would send back for the form as loaded (its hidden version included)."""
    return submitted_data(client.get(url).context["form"])


def admitted(participant, project=None):
    """``participant`` active in a project (made directly, without the path)."""
    return ParticipationFactory(
        participant=participant,
        project=project or ParticipationProjectFactory(),
        status=ProjectParticipation.Status.ACTIVE,
        start_date=today() - DAY * 40,
    ).project


def user_for(role, social_worker, other_social_worker):
    users = {None: None, OWNER: social_worker, OTHER: other_social_worker}
    return users[role] if role in users else make_user(role)


# --- Who may open and post what ------------------------------------------------------------

URLS = {
    "record support": "/activities/support/new/?participant={participant}",
    "new internship": "/activities/internships/new/?participant={participant}",
    "edit internship": "/activities/internships/{internship}/edit/",
    "new volunteering": "/activities/volunteering/new/?participant={participant}",
    "edit volunteering": "/activities/volunteering/{agreement}/edit/",
    "record support, another location": "/activities/support/new/?participant={elsewhere}",
    "edit internship, another location": "/activities/internships/{elsewhere_internship}/edit/",
    "edit volunteering, another location": "/activities/volunteering/{elsewhere_agreement}/edit/",
}
# The person's social worker and the coordinators of the person's location record; another worker,
# and a coordinator of other locations, is told the person does not exist (404); managers read the
# records on the participant's page only; the admin sees no one.
# fmt: off
EXPECTED = {
    #                      anonymous  owner  other  coordinator  manager  admin
    "record support":     (LOGIN,     200,   404,   200,         403,     403),
    "new internship":     (LOGIN,     200,   404,   200,         403,     403),
    "edit internship":    (LOGIN,     200,   404,   200,         403,     403),
    "new volunteering":   (LOGIN,     200,   404,   200,         403,     403),
    "edit volunteering":  (LOGIN,     200,   404,   200,         403,     403),
    "record support, another location":    (LOGIN, 200, 404,  404,   403,     403),
    "edit internship, another location":   (LOGIN, 200, 404,  404,   403,     403),
    "edit volunteering, another location": (LOGIN, 200, 404,  404,   403,     403),
}
# fmt: on
MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


@pytest.fixture
def paths(participant):
    # {elsewhere}: a person of the same worker's caseload at a location the coordinator does not coordinate.
    elsewhere = ParticipantFactory(social_worker=participant.social_worker, location=LocationFactory(name="KIS Knurów"))
    return {
        "participant": participant.pk,
        "internship": InternshipFactory(participant=participant).pk,
        "agreement": VolunteerAgreementFactory(participant=participant).pk,
        "elsewhere": elsewhere.pk,
        "elsewhere_internship": InternshipFactory(participant=elsewhere).pk,
        "elsewhere_agreement": VolunteerAgreementFactory(participant=elsewhere).pk,
    }


def test_the_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_programme_page(client, social_worker, other_social_worker, paths, page, role, expected):
    user = user_for(role, social_worker, other_social_worker)
    url = URLS[page].format(**paths)
    if user is not None:
        client.force_login(user)

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert (location.path, parse_qs(location.query)["next"]) == ("/accounts/login/", [url])
    else:
        assert response.status_code == expected


POSTS = {
    "record support": {"kind": "lawyer", "date": "{yesterday}", "specialist": "r.pr. Adam Kos", "hours": "1"},
    "new internship": {"employer": "{employer}", "start_date": "{yesterday}", "end_date": "{yesterday}", "hours": "8"},
    "edit internship": {"employer": "{employer}", "start_date": "{yesterday}", "end_date": "{yesterday}", "hours": "8"},
    "new volunteering": {"start_date": "{yesterday}", "end_date": "{yesterday}", "scope": "Festyn", "hours": "4"},
    "edit volunteering": {"start_date": "{yesterday}", "end_date": "{yesterday}", "scope": "Festyn", "hours": "4"},
}


def stored():
    return (
        list(IndividualSupport.objects.values().order_by("pk")),
        list(Internship.objects.values().order_by("pk")),
        list(Agreement.objects.values().order_by("pk")),
    )


@pytest.mark.parametrize("page", list(POSTS))
@pytest.mark.parametrize(("role", "status_code"), [(OTHER, 404), (Role.MANAGER, 403), (Role.ADMIN, 403)])
def test_those_who_may_not_record_cannot_post(
    client, social_worker, other_social_worker, participant, paths, page, role, status_code
):
    values = {"yesterday": (today() - DAY).isoformat(), "employer": EmployerFactory().pk}
    before = stored()
    client.force_login(user_for(role, social_worker, other_social_worker))

    response = client.post(
        URLS[page].format(**paths), {name: value.format(**values) for name, value in POSTS[page].items()}
    )

    assert response.status_code == status_code
    assert stored() == before


@pytest.mark.parametrize("query", ["", "?participant=", "?participant=abc", "?participant=999999"])
def test_a_form_without_a_person_is_not_found(client, social_worker, query):
    client.force_login(social_worker)

    assert client.get(f"/activities/support/new/{query}").status_code == 404


def test_the_participant_page_offers_recording_only_to_those_who_may(client, participant, paths, manager):
    links = [
        f'href="/activities/support/new/?participant={participant.pk}"',
        f'href="/activities/internships/{paths["internship"]}/edit/"',
        f'href="/activities/volunteering/{paths["agreement"]}/edit/"',
    ]
    client.force_login(participant.social_worker)
    owner_page = client.get(f"/participants/{participant.pk}/").content.decode()
    client.force_login(manager)
    manager_page = client.get(f"/participants/{participant.pk}/").content.decode()

    assert all(link in owner_page for link in links)
    assert not any(link in manager_page for link in links)
    assert 'id="h-support"' in manager_page  # but they read the records


# --- Individual support ---------------------------------------------------------------------


def support_data(**changes) -> dict:
    data = {
        "kind": IndividualSupport.Kind.PSYCHOLOGIST,
        "date": (today() - DAY).isoformat(),
        "specialist": "mgr Joanna Wierzbicka",
        "hours": "1.5",
        "project": "",
        "confidential_note": "Rozmowa o sytuacji w rodzinie; kolejna za tydzień.",
    }
    return {**data, **changes}


def test_the_social_worker_records_individual_support(client, social_worker, participant):
    project = admitted(participant)
    client.force_login(social_worker)

    response = client.post(f"/activities/support/new/?participant={participant.pk}", support_data(project=project.pk))

    assert response.status_code == 302
    assert response["Location"] == f"/participants/{participant.pk}/#programme"
    assert messages_of(response) == ["Individual support of Łucja Żółkiewska recorded."]
    support = IndividualSupport.objects.get()
    assert (support.participant, support.project, support.hours, support.recorded_by) == (
        participant,
        project,
        Decimal("1.5"),
        social_worker,
    )
    event = AuditEvent.objects.get(object_type="activities.individualsupport")
    assert (event.action, event.object_id, event.user) == (AuditEvent.Action.CREATE, str(support.pk), social_worker)
    assert "Rozmowa" not in str(event.details)  # the audit trail does not copy the confidential note


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date": (today() + DAY).isoformat()}, "date", "A meeting cannot be recorded in the future."),
        ({"hours": "0"}, "hours", "Enter the length of the meeting: more than 0 hours."),
        ({"hours": "-1"}, "hours", "Enter the length of the meeting: more than 0 hours."),
        ({"hours": "12.5"}, "hours", "One meeting lasts at most 12 hours."),
        ({"hours": ""}, "hours", "This field is required."),
        ({"specialist": ""}, "specialist", "This field is required."),
    ],
    ids=["date in the future", "no hours", "negative hours", "over 12 hours", "hours missing", "no specialist"],
)
def test_bad_individual_support_is_refused_and_nothing_saved(
    client, social_worker, participant, changes, field, message
):
    client.force_login(social_worker)

    response = client.post(f"/activities/support/new/?participant={participant.pk}", support_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert "The form has errors; nothing was saved." in response.content.decode()
    assert not IndividualSupport.objects.exists()


def test_support_counts_only_towards_a_project_the_person_was_admitted_to(client, social_worker, participant):
    admitted(participant)
    applied_only = ParticipationFactory(participant=participant).project  # applied, not admitted
    elsewhere = ParticipationProjectFactory()
    client.force_login(social_worker)
    url = f"/activities/support/new/?participant={participant.pk}"

    offered = client.get(url).context["form"].fields["project"].queryset
    responses = [client.post(url, support_data(project=project.pk)) for project in (applied_only, elsewhere)]

    assert list(offered) == [participant.participations.get(status="active").project]
    for response in responses:
        assert list(response.context["form"].errors) == ["project"]
    assert not IndividualSupport.objects.exists()


def test_a_meeting_sent_twice_is_recorded_once(client, social_worker, participant):
    client.force_login(social_worker)
    url = f"/activities/support/new/?participant={participant.pk}"

    client.post(url, support_data())
    second = client.post(url, support_data())

    assert second.context["form"].non_field_errors() == ["This meeting is already recorded."]
    assert IndividualSupport.objects.count() == 1


def test_a_bad_date_is_explained_in_polish(client, social_worker, participant):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(social_worker)

    response = client.post(
        f"/activities/support/new/?participant={participant.pk}",
        support_data(date=(today() + DAY).isoformat(), hours="0"),
    )

    assert response.context["form"].errors == {
        "date": ["Spotkania nie można zapisać z datą w przyszłości."],
        "hours": ["Podaj czas spotkania: więcej niż 0 godzin."],
    }


@pytest.mark.parametrize(
    ("viewer", "sees_note"),
    [("social_worker", True), ("coordinator", True), ("manager", False)],
    ids=["assigned worker", "coordinator", "manager"],
)
def test_the_confidential_note_is_shown_only_to_the_assigned_worker_and_coordinators(
    request, client, participant, viewer, sees_note
):
    IndividualSupportFactory(participant=participant, confidential_note="Zgłasza przemoc ze strony byłego partnera.")
    client.force_login(request.getfixturevalue(viewer))

    content = client.get(f"/participants/{participant.pk}/").content.decode()

    assert "mgr Joanna Wierzbicka" in content  # the meeting itself is listed for everyone
    assert ("Zgłasza przemoc" in content) is sees_note
    assert ("Confidential note" in content) is sees_note


def test_the_participant_page_totals_the_hours_of_support(client, social_worker, participant):
    IndividualSupportFactory(participant=participant, hours=Decimal("1.5"))
    IndividualSupportFactory(participant=participant, hours=Decimal("2"), kind=IndividualSupport.Kind.LAWYER)
    client.force_login(social_worker)

    response = client.get(f"/participants/{participant.pk}/")

    section = re.search(r'id="h-support".*?</section>', response.content.decode(), re.S).group(0)
    assert re.search(r"Total</th>\s*<td[^>]*>3.5</td>", section)
    assert "lawyer" in section and "psychologist" in section


# --- Internships and volunteering -------------------------------------------------------------


def internship_data(employer, **changes) -> dict:
    data = {
        "employer": employer.pk,
        "position": "pomocnik kucharza",
        "project": "",
        "start_date": (today() - DAY * 30).isoformat(),
        "end_date": (today() + DAY * 60).isoformat(),
        "hours": "320",
    }
    return {**data, **changes}


def test_an_internship_is_arranged_with_an_employer(client, social_worker, participant):
    employer = EmployerFactory(name="Bar Mleczny „Pod Arkadami”")
    PartnerFactory(name="Stowarzyszenie Sąsiedzkie", kind=Partner.Kind.NGO)
    client.force_login(social_worker)
    url = f"/activities/internships/new/?participant={participant.pk}"

    offered = [partner.name for partner in client.get(url).context["form"].fields["employer"].queryset]
    response = client.post(url, internship_data(employer))

    assert offered == ["Bar Mleczny „Pod Arkadami”"]  # employers only, not every partner
    assert response.status_code == 302
    internship = Internship.objects.get()
    assert (internship.participant, internship.employer, internship.hours, internship.completed) == (
        participant,
        employer,
        Decimal("320"),
        False,
    )
    assert AuditEvent.objects.filter(object_type="activities.internship", action=AuditEvent.Action.CREATE).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"start_date": today().isoformat(), "end_date": (today() - DAY).isoformat()},
            "end_date",
            "The end cannot be before the start.",
        ),
        ({"hours": "-8"}, "hours", "Hours cannot be negative."),
        ({"completed": "on"}, "completed", "An internship can be marked completed only once it has ended."),
    ],
    ids=["end before start", "negative hours", "completed before the end"],
)
def test_a_bad_internship_is_refused_and_nothing_saved(client, social_worker, participant, changes, field, message):
    client.force_login(social_worker)

    response = client.post(
        f"/activities/internships/new/?participant={participant.pk}", internship_data(EmployerFactory(), **changes)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}  # one clear message, no database rule
    assert not Internship.objects.exists()


def test_an_internship_is_completed_once_it_ended(client, social_worker, participant):
    internship = InternshipFactory(participant=participant, end_date=today() - DAY, hours=Decimal("160"))
    client.force_login(social_worker)
    url = f"/activities/internships/{internship.pk}/edit/"
    data = the_form_of(client, url)

    response = client.post(url, {**data, "completed": "on", "hours": "168"})

    assert response.status_code == 302
    internship.refresh_from_db()
    assert (internship.completed, internship.hours) == (True, Decimal("168"))
    event = AuditEvent.objects.get(object_type="activities.internship")
    assert (event.action, event.details) == (AuditEvent.Action.UPDATE, {"fields": ["completed", "hours"]})


def test_an_internship_with_a_partner_of_another_kind_stays_editable(client, social_worker, participant):
    cooperative_kitchen = PartnerFactory(kind=Partner.Kind.NGO)
    internship = InternshipFactory(participant=participant, employer=cooperative_kitchen)
    client.force_login(social_worker)

    form = client.get(f"/activities/internships/{internship.pk}/edit/").context["form"]

    assert cooperative_kitchen in form.fields["employer"].queryset


def test_a_change_made_meanwhile_by_someone_else_is_not_overwritten(client, social_worker, participant):
    internship = InternshipFactory(participant=participant, hours=Decimal("40"))
    client.force_login(social_worker)
    url = f"/activities/internships/{internship.pk}/edit/"
    data = the_form_of(client, url)
    # The coordinator saves it meanwhile (every save through a form moves the version on).
    Internship.objects.filter(pk=internship.pk).update(hours=Decimal("48"), version=F("version") + 1)

    response = client.post(url, {**data, "hours": "44"})

    assert response.status_code == 200
    assert list(response.context["form"].non_field_errors())[:1] == [
        "Someone else changed this record while you were editing it. Your changes were not saved: "
        "open it again to see the current data."
    ]
    assert Internship.objects.get(pk=internship.pk).hours == Decimal("48")


def volunteering_data(**changes) -> dict:
    data = {
        "organisation": "",
        "number": "W/7/2026",
        "start_date": (today() - DAY * 10).isoformat(),
        "end_date": (today() + DAY * 80).isoformat(),
        "scope": "Pomoc przy wydawaniu paczek żywnościowych",
        "hours": "0",
    }
    return {**data, **changes}


def test_a_volunteering_agreement_is_signed_with_the_club_or_an_organisation(client, coordinator, participant):
    food_bank = PartnerFactory(name="Bank Żywności w Słupsku", kind=Partner.Kind.NGO)
    client.force_login(coordinator)
    url = f"/activities/volunteering/new/?participant={participant.pk}"

    with_the_club = client.post(url, volunteering_data())
    with_the_bank = client.post(url, volunteering_data(organisation=food_bank.pk, number="W/8/2026"))

    assert (with_the_club.status_code, with_the_bank.status_code) == (302, 302)
    assert [(a.organisation, a.number) for a in Agreement.objects.order_by("pk")] == [
        (None, "W/7/2026"),
        (food_bank, "W/8/2026"),
    ]
    content = client.get(f"/participants/{participant.pk}/").content.decode()
    assert "the club itself" in content and "Bank Żywności w Słupsku" in content


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"start_date": today().isoformat(), "end_date": (today() - DAY * 3).isoformat()},
            "end_date",
            "The end cannot be before the start.",
        ),
        ({"hours": "-2"}, "hours", "Hours cannot be negative."),
        ({"scope": ""}, "scope", "This field is required."),
    ],
    ids=["end before start", "negative hours", "no scope"],
)
def test_a_bad_volunteering_agreement_is_refused_and_nothing_saved(
    client, social_worker, participant, changes, field, message
):
    client.force_login(social_worker)

    response = client.post(f"/activities/volunteering/new/?participant={participant.pk}", volunteering_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert not Agreement.objects.exists()


def test_the_hours_of_a_volunteering_agreement_are_updated(client, social_worker, participant):
    agreement = VolunteerAgreementFactory(participant=participant, hours=Decimal("24"))
    client.force_login(social_worker)
    url = f"/activities/volunteering/{agreement.pk}/edit/"

    response = client.post(url, {**the_form_of(client, url), "hours": "36.5"})

    assert response.status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).hours == Decimal("36.5")
    assert AuditEvent.objects.filter(object_type="activities.volunteeragreement", action="update").count() == 1
