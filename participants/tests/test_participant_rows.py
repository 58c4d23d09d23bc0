"""The participant list's rows (``participants/listing.py``), read back from the
page as a browser gets it: every cell in its column, every value escaped, no query per row."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from conftest import make_user
from kis.roles import Role
from participants.choices import NEUTRAL
from participants.models import ParticipantStatus, RiskFactor
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def body_rows(client, query: str = "") -> list[str]:
    """The ``<tr>`` of the list's table body, in order."""
    page = client.get(f"/participants/{query}").content.decode()
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return re.findall(r"<tr.*?</tr>", body, flags=re.S)


def test_a_full_row_has_each_value_in_its_column_escaped(client, social_worker):
    addiction = RiskFactor.objects.get(code="addiction")
    poverty = RiskFactor.objects.get(code="poverty")
    person = ParticipantFactory(
        first_name="Jan <b>",
        last_name="O'Brien & Syn",
        pesel=None,
        no_pesel_reason="cudzoziemiec",
        date_of_birth=datetime.date(1985, 3, 4),
        town="Reda",
        status=ParticipantStatus.ACTIVE,
        social_worker=social_worker,
        risk_factors=[addiction, poverty],
    )
    client.force_login(social_worker)

    [row] = body_rows(client)

    # Given addiction first, shown in the reference list's order: poverty (1st) before addiction (5th).
    badges = (
        f'<span class="badge text-bg-light border">{poverty.name}</span> '
        f'<span class="badge text-bg-light border">{addiction.name}</span>'
    )
    assert row == (
        f'<tr><td><a href="/participants/{person.pk}/">O&#x27;Brien &amp; Syn Jan &lt;b&gt;</a></td>'
        f"<td>{_('no PESEL')}</td><td>04.03.1985</td><td>Reda</td><td>{pgettext(NEUTRAL, 'active')}</td>"
        f"<td>Anna Nowak</td><td>KIS Śródmieście</td><td>{badges}</td></tr>"
    )


def test_a_stand_in_sees_until_when_and_a_worker_without_a_name_is_shown_by_username(client, social_worker):
    nameless = make_user(Role.SOCIAL_WORKER, username="pracownik7", first_name="", last_name="")
    person = ParticipantFactory(last_name="Zastępowana", pesel="44051401359", social_worker=nameless)
    until = timezone.localdate() + datetime.timedelta(days=5)
    person.stand_ins.create(worker=social_worker, ends_on=until)
    client.force_login(social_worker)

    [row] = body_rows(client)

    stand_in = _("stand-in until %(until)s") % {"until": f"{until:%d.%m.%Y}"}
    assert f'</a> <span class="badge text-bg-warning">{stand_in}</span></td><td>44051401359</td>' in row
    assert "<td>pracownik7</td>" in row


def test_a_minimal_card_shows_the_name_year_worker_and_location_only(client, social_worker, other_social_worker):
    ParticipantFactory(
        first_name="Ewa",
        last_name="Cudza",
        pesel="44051401359",
        date_of_birth=datetime.date(1944, 5, 14),
        social_worker=other_social_worker,
        risk_factors=[RiskFactor.objects.get(code="addiction")],
    )
    client.force_login(social_worker)

    [row] = body_rows(client, "?scope=all")

    hidden = f'<span class="visually-hidden">{_("not shown")}</span>—'
    assert row == (
        f'<tr class="kis-card-minimal"><td>Cudza Ewa <span class="badge text-bg-light border">'
        f"{_('not on your caseload')}</span></td><td>{hidden}</td><td>{_('born %(year)s') % {'year': 1944}}</td>"
        f"<td>{hidden}</td><td>{hidden}</td><td>Piotr Wójcik</td><td>KIS Śródmieście</td><td>{hidden}</td></tr>"
    )


def test_the_rows_make_no_query_of_their_own(client, coordinator, social_worker):
    factors = list(RiskFactor.objects.all()[:3])
    client.force_login(coordinator)

    def queries_of_the_list() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/participants/").status_code == 200
        return len(queries.captured_queries)

    ParticipantFactory(social_worker=social_worker, risk_factors=factors)
    one = queries_of_the_list()
    ParticipantFactory.create_batch(6, social_worker=make_user(Role.SOCIAL_WORKER), risk_factors=factors)
    assert queries_of_the_list() == one


def test_a_stand_in_left_from_before_a_change_of_role_keeps_its_badge(client, social_worker):
    # The stand-in form offers social workers only; one assigned before the worker became a manager
    # still gives the badge (only a coordinator who is not a social worker is spared the subquery).
    person = ParticipantFactory(pesel="44051401359", social_worker=make_user(Role.SOCIAL_WORKER, username="w2"))
    until = timezone.localdate() + datetime.timedelta(days=3)
    person.stand_ins.create(worker=social_worker, ends_on=until)
    social_worker.groups.set([Group.objects.get(name=Role.MANAGER)])
    client.force_login(social_worker)

    [row] = body_rows(client)

    assert _("stand-in until %(until)s") % {"until": f"{until:%d.%m.%Y}"} in row
