"""Two people editing one activity: the second save is refused and told what the first changed;
a new activity or session sent twice is created once."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils.translation import gettext

from activities.models import Activity, Session
from activities.tests.factories import ActivityFactory
from conftest import make_user
from kis.idempotency import ALREADY_SENT, TOKEN_FIELD
from kis.locking import EDITED_MEANWHILE
from kis.roles import Role
from kis.tests.helpers import submitted_data
from participation.tests.factories import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_coordinators(client, coordinator):
    other = Client()
    other.force_login(make_user(Role.COORDINATOR, username="drugi_koordynator"))
    client.force_login(coordinator)
    return client, other


def test_the_second_save_of_an_activity_is_refused_naming_what_the_first_changed(two_coordinators):
    first, second = two_coordinators
    activity = ActivityFactory(name="Warsztaty komputerowe", capacity=12, trainer="Ewa Trenerska")
    url = f"/activities/{activity.pk}/edit/"
    loaded_first = submitted_data(first.get(url).context["form"])
    loaded_second = submitted_data(second.get(url).context["form"])

    saved = first.post(url, {**loaded_first, "capacity": "20", "trainer": "Jan Trener"})
    refused = second.post(url, {**loaded_second, "name": "ECDL Base"})

    assert (saved.status_code, refused.status_code) == (302, 200)
    form = refused.context["form"]
    listed = ", ".join(
        gettext("%(field)s (now: %(value)s)") % {"field": form.fields[name].label, "value": value}
        for name, value in [("trainer", "Jan Trener"), ("capacity", "20")]
    )
    assert form.non_field_errors() == [
        str(EDITED_MEANWHILE),
        gettext("Changed meanwhile: %(changes)s.") % {"changes": listed},
    ]
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.name, stored.capacity, stored.trainer) == ("Warsztaty komputerowe", 20, "Jan Trener")


def test_a_new_activity_sent_twice_is_created_once(client, coordinator, form_data):
    client.force_login(coordinator)
    token = client.get("/activities/new/").context["form"][TOKEN_FIELD].value()

    first = client.post("/activities/new/", {**form_data, TOKEN_FIELD: token})
    again = client.post("/activities/new/", {**form_data, TOKEN_FIELD: token})

    activity = Activity.objects.get()
    assert first["Location"] == again["Location"] == activity.get_absolute_url()
    assert activity.sessions.count() == 8  # the schedule's sessions made once, too
    assert str(ALREADY_SENT) in [str(m) for m in get_messages(again.wsgi_request)]


def test_a_new_session_sent_twice_is_added_once(client, coordinator):
    activity = ActivityFactory()
    client.force_login(coordinator)
    url = f"/activities/{activity.pk}/sessions/new/"
    data = submitted_data(client.get(url).context["form"], date=today().isoformat(), start_time="10:00")
    data["end_time"] = "12:00"

    first = client.post(url, data)
    again = client.post(url, data)

    assert Session.objects.filter(activity=activity).count() == 1
    assert first["Location"] == again["Location"] == activity.get_absolute_url() + "#sessions"
