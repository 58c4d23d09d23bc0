"""Who may open which programme page and send which change: every URL with every role.

anonymous → sign-in page; a role without the permission → 403; a person outside the user's reach
(another worker's for a social worker, of a location they do not coordinate for a coordinator) →
404 (which does not confirm that they exist); allowed → 200 for a page, 302 for a change (which
then redirects back to the activity or the grid). A mark for a person the grid does not show is
refused like a mark for someone not enrolled: back to the grid, nothing changed.

Social workers read activities, mark attendance and enroll people from their own caseload;
coordinators run the programme; managers read, print the lists to sign, and change nothing; the
admin role runs the system and sees no activity.

Referrals: read by whom may read the person's record (their worker, the coordinators of their
location, managers); the person's social worker and coordinators refer, move the referral on, book
and mark appointments and print the letter (anyone else is told the person does not exist);
coordinators keep the specialists' weekly hours.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from activities.models import Appointment, Attendance, Enrollment, Referral, ServiceType, SpecialistSlot
from activities.tests.factories import ActivityFactory, EnrollmentFactory, SessionFactory
from activities.tests.referral_factories import (
    AppointmentFactory,
    ReferralFactory,
    SpecialistSlotFactory,
    next_weekday,
)
from conftest import make_user
from kis.roles import Role
from kis.tests.factories import LocationFactory
from participants.tests.factories import ParticipantFactory
from participation.tests.factories import active_in, today

pytestmark = pytest.mark.django_db

LOGIN = "→ sign-in page"
REFUSED = "302, nothing changed"
ROLES = [None, Role.SOCIAL_WORKER, Role.COORDINATOR, Role.MANAGER, Role.ADMIN]

# {activity}: a running activity; {session}: its session today; {enrollment}: a person enrolled
# in it; {own} / {others}: people active in its project, on the social worker's caseload / on
# another worker's; {referral} / {others_referral}: an issued referral of each, {started} one of
# {own} in progress; {slot}: a psychologist's Tuesday hours, {appointment} {referral}'s booking in
# them next Tuesday, {later} the Tuesday a week after. {mine}: an enrollment of a person of the
# social worker's caseload; {elsewhere}: a person of that caseload at a location the coordinator
# does not coordinate, enrolled as {elsewhere_enrollment}, referred as {elsewhere_referral} and
# booked as {elsewhere_appointment}, and {newcomer}, another such person, not enrolled;
# {enrollment} is another worker's person's.
URLS = {
    "activity list": ("GET", "/activities/", {}),
    "activity page": ("GET", "/activities/{activity}/", {}),
    "new activity": ("GET", "/activities/new/", {}),
    "edit activity": ("GET", "/activities/{activity}/edit/", {}),
    "add a session": ("GET", "/activities/{activity}/sessions/new/", {}),
    "attendance grid": ("GET", "/activities/sessions/{session}/attendance/", {}),
    "attendance list PDF": ("GET", "/activities/sessions/{session}/attendance.pdf", {}),
    "monthly attendance list PDF": ("GET", "/activities/{activity}/monthly-attendance.pdf", {}),
    "mark attendance": ("POST", "/activities/sessions/{session}/attendance/", {"mark-{mine}": "present"}),
    "mark another's person": ("POST", "/activities/sessions/{session}/attendance/", {"mark-{enrollment}": "present"}),
    "mark a person of another location": (
        "POST",
        "/activities/sessions/{session}/attendance/",
        {"mark-{elsewhere_enrollment}": "present"},
    ),
    "enroll own person": ("POST", "/activities/{activity}/enroll/", {"participant": "{own}"}),
    "enroll another's person": ("POST", "/activities/{activity}/enroll/", {"participant": "{others}"}),
    "enroll a person of another location": ("POST", "/activities/{activity}/enroll/", {"participant": "{newcomer}"}),
    "record a result": (
        "POST",
        "/activities/enrollments/{enrollment}/finish/",
        {"status": "dropped", "finished_on": "{today}"},
    ),
    "record a result of another location": (
        "POST",
        "/activities/enrollments/{elsewhere_enrollment}/finish/",
        {"status": "dropped", "finished_on": "{today}"},
    ),
    "referral list": ("GET", "/activities/referrals/", {}),
    "refer own person": ("GET", "/activities/referrals/new/?participant={own}", {}),
    "refer another's person": ("GET", "/activities/referrals/new/?participant={others}", {}),
    "referral page": ("GET", "/activities/referrals/{referral}/", {}),
    "another's referral page": ("GET", "/activities/referrals/{others_referral}/", {}),
    "referral page of another location": ("GET", "/activities/referrals/{elsewhere_referral}/", {}),
    "accept a referral": ("POST", "/activities/referrals/{referral}/accept/", {"accept-on": "{today}"}),
    "accept another's referral": ("POST", "/activities/referrals/{others_referral}/accept/", {"accept-on": "{today}"}),
    "accept a referral of another location": (
        "POST",
        "/activities/referrals/{elsewhere_referral}/accept/",
        {"accept-on": "{today}"},
    ),
    "decline a referral": (
        "POST",
        "/activities/referrals/{referral}/decline/",
        {"decline-on": "{today}", "decline-reason": "Osoba nie wyraziła zgody."},
    ),
    "close a referral": (
        "POST",
        "/activities/referrals/{started}/close/",
        {"close-on": "{today}", "close-outcome": "Cel osiągnięty."},
    ),
    "referral letter": ("GET", "/activities/referrals/{referral}/letter.pdf", {}),
    "another's referral letter": ("GET", "/activities/referrals/{others_referral}/letter.pdf", {}),
    "booking page": ("GET", "/activities/referrals/{referral}/book/", {}),
    "another's booking page": ("GET", "/activities/referrals/{others_referral}/book/", {}),
    "booking page of another location": ("GET", "/activities/referrals/{elsewhere_referral}/book/", {}),
    "book an appointment": ("POST", "/activities/referrals/{referral}/book/", {"slot": "{slot}", "date": "{later}"}),
    "mark an appointment": ("POST", "/activities/appointments/{appointment}/mark/", {"status": "cancelled"}),
    "mark an appointment of another location": (
        "POST",
        "/activities/appointments/{elsewhere_appointment}/mark/",
        {"status": "cancelled"},
    ),
    "specialists' hours": ("GET", "/activities/slots/", {}),
    "new hours": ("GET", "/activities/slots/new/", {}),
    "edit hours": ("GET", "/activities/slots/{slot}/edit/", {}),
}

# fmt: off
EXPECTED = {
    #                             anonymous  social_worker  coordinator  manager  admin
    "activity list":             (LOGIN,     200,           200,         200,     403),
    "activity page":             (LOGIN,     200,           200,         200,     403),
    "new activity":              (LOGIN,     403,           200,         403,     403),
    "edit activity":             (LOGIN,     403,           200,         403,     403),
    "add a session":             (LOGIN,     403,           200,         403,     403),
    "attendance grid":           (LOGIN,     200,           200,         403,     403),
    "attendance list PDF":       (LOGIN,     200,           200,         200,     403),
    "monthly attendance list PDF": (LOGIN,   200,           200,         200,     403),
    "mark attendance":           (LOGIN,     302,           302,         403,     403),
    "mark another's person":     (LOGIN,     REFUSED,       302,         403,     403),
    "mark a person of another location": (LOGIN, 302,       REFUSED,     403,     403),
    "enroll own person":         (LOGIN,     302,           302,         403,     403),
    "enroll another's person":   (LOGIN,     404,           302,         403,     403),
    "enroll a person of another location": (LOGIN, 302,     404,         403,     403),
    "record a result":           (LOGIN,     403,           302,         403,     403),
    "record a result of another location": (LOGIN, 403,     404,         403,     403),
    "referral list":             (LOGIN,     200,           200,         200,     403),
    "refer own person":          (LOGIN,     200,           200,         403,     403),
    "refer another's person":    (LOGIN,     404,           200,         403,     403),
    "referral page":             (LOGIN,     200,           200,         200,     403),
    "another's referral page":   (LOGIN,     404,           200,         200,     403),
    "referral page of another location": (LOGIN, 200,       404,         200,     403),
    "accept a referral":         (LOGIN,     302,           302,         403,     403),
    "accept another's referral": (LOGIN,     404,           302,         403,     403),
    "accept a referral of another location": (LOGIN, 302,   404,         403,     403),
    "decline a referral":        (LOGIN,     302,           302,         403,     403),
    "close a referral":          (LOGIN,     302,           302,         403,     403),
    "referral letter":           (LOGIN,     200,           200,         403,     403),
    "another's referral letter": (LOGIN,     404,           200,         403,     403),
    "booking page":              (LOGIN,     200,           200,         403,     403),
    "another's booking page":    (LOGIN,     404,           200,         403,     403),
    "booking page of another location": (LOGIN, 200,        404,         403,     403),
    "book an appointment":       (LOGIN,     302,           302,         403,     403),
    "mark an appointment":       (LOGIN,     302,           302,         403,     403),
    "mark an appointment of another location": (LOGIN, 302, 404,         403,     403),
    "specialists' hours":        (LOGIN,     200,           200,         200,     403),
    "new hours":                 (LOGIN,     403,           200,         403,     403),
    "edit hours":                (LOGIN,     403,           200,         403,     403),
}
# fmt: on

MATRIX = [(page, role, expected) for page, row in EXPECTED.items() for role, expected in zip(ROLES, row, strict=True)]


def test_the_matrix_covers_every_url_and_role():
    assert set(EXPECTED) == set(URLS)
    assert len(MATRIX) == len(URLS) * len(ROLES)


@pytest.fixture
def objects(social_worker):
    activity = ActivityFactory()
    own = active_in(activity.project, ParticipantFactory(social_worker=social_worker)).participant
    others = active_in(activity.project).participant
    mine = active_in(activity.project, ParticipantFactory(social_worker=social_worker)).participant
    knurow = LocationFactory(name="KIS Knurów")
    elsewhere = active_in(activity.project, ParticipantFactory(social_worker=social_worker, location=knurow))
    elsewhere = elsewhere.participant
    referral = ReferralFactory(participant=own)
    slot = SpecialistSlotFactory()
    appointment = AppointmentFactory(referral=referral, slot=slot)
    started = ReferralFactory(
        participant=own,
        service=ServiceType.objects.get(name="Poradnictwo prawne"),
        status=Referral.Status.IN_PROGRESS,
        accepted_on=today(),
        started_on=today(),
    )
    return {
        "activity": activity.pk,
        "session": SessionFactory(activity=activity, date=today()).pk,
        "enrollment": EnrollmentFactory(activity=activity).pk,
        "mine": EnrollmentFactory(activity=activity, participant=mine).pk,
        "newcomer": active_in(
            activity.project, ParticipantFactory(social_worker=social_worker, location=knurow)
        ).participant_id,
        "elsewhere_enrollment": EnrollmentFactory(activity=activity, participant=elsewhere).pk,
        "elsewhere_referral": ReferralFactory(participant=elsewhere).pk,
        "elsewhere_appointment": AppointmentFactory(referral=ReferralFactory(participant=elsewhere), slot=slot).pk,
        "own": own.pk,
        "others": others.pk,
        "today": f"{today():%Y-%m-%d}",
        "referral": referral.pk,
        "others_referral": ReferralFactory(participant=others).pk,
        "started": started.pk,
        "slot": slot.pk,
        "appointment": appointment.pk,
        "later": f"{next_weekday(slot.weekday, after=appointment.date):%Y-%m-%d}",
    }


def state():
    """Everything a change could touch."""
    return (
        list(Enrollment.objects.values().order_by("pk")),
        list(Attendance.objects.values("session", "enrollment", "status").order_by("pk")),
        list(Referral.objects.values().order_by("pk")),
        list(Appointment.objects.values().order_by("pk")),
        list(SpecialistSlot.objects.values().order_by("pk")),
    )


@pytest.mark.parametrize(
    ("page", "role", "expected"), MATRIX, ids=[f"{page} as {role or 'anonymous'}" for page, role, _ in MATRIX]
)
def test_who_may_open_which_programme_page(client, social_worker, objects, page, role, expected):
    user = social_worker if role == Role.SOCIAL_WORKER else make_user(role) if role else None
    if user is not None:
        client.force_login(user)
    method, path, data = URLS[page]
    url = path.format(**objects)
    before = state()

    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, {key.format(**objects): value.format(**objects) for key, value in data.items()})

    if expected == LOGIN:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == "/accounts/login/"
        assert parse_qs(location.query)["next"] == [url]
    elif expected == REFUSED:
        assert (response.status_code, response["Location"]) == (302, url)
    else:
        assert response.status_code == expected
    # A change goes through only when allowed.
    assert (state() != before) is (method == "POST" and expected == 302)
