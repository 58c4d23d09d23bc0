"""A new project or partner form sent twice creates one record and leads the second sending to it."""

import pytest
from django.contrib.messages import get_messages

from kis.idempotency import ALREADY_SENT, TOKEN_FIELD
from projects.models import Partner, Project
from projects.tests.test_partners import partner_data
from projects.tests.test_projects import project_data

pytestmark = pytest.mark.django_db


def told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_new_partner_sent_twice_is_registered_once(client, manager):
    client.force_login(manager)
    token = client.get("/partners/new/").context["form"][TOKEN_FIELD].value()
    data = partner_data(**{TOKEN_FIELD: token})

    first = client.post("/partners/new/", data)
    again = client.post("/partners/new/", data)

    partner = Partner.objects.get()
    assert first["Location"] == again["Location"] == partner.get_absolute_url()
    assert str(ALREADY_SENT) in told(again)


def test_a_new_project_sent_twice_is_registered_once(client, manager):
    client.force_login(manager)
    token = client.get("/projects/new/").context["form"][TOKEN_FIELD].value()
    data = project_data(**{TOKEN_FIELD: token})

    first = client.post("/projects/new/", data)
    again = client.post("/projects/new/", data)

    project = Project.objects.get()
    assert first["Location"] == again["Location"] == project.get_absolute_url()
    assert str(ALREADY_SENT) in told(again)
