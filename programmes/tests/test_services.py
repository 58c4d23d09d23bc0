"""The services of the programmes: what they refuse (saving nothing), and what they write to the
audit trail."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from conftest import make_user
from kis.models import AuditEvent
from kis.roles import Role
from kis.tests.factories import LocationFactory, UserFactory
from programmes.models import Programme, ProgrammeKind, ProgrammeLink
from programmes.services import (
    ProgrammeError,
    programme_change,
    programme_create,
    programme_link_add,
    programme_link_correct,
    programme_link_end,
)
from programmes.tests.factories import ProgrammeFactory, ProgrammeLinkFactory, niebieska_karta, programme_of

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def add(user, person, programme, **fields):
    return programme_link_add(
        user=user,
        participant=person,
        programme=programme,
        worker=fields.pop("worker", user),
        started_on=fields.pop("started_on", datetime.date(2025, 3, 3)),
        **fields,
    )


def refusal(call) -> dict:
    with pytest.raises(ProgrammeError) as caught:
        call()
    return caught.value.errors


# --- Adding a link ---------------------------------------------------------------------------------


def test_a_link_is_saved_with_its_audit_entry_marked_back_dated(social_worker, person):
    homelessness = programme_of(ProgrammeKind.HOMELESSNESS)

    link = add(social_worker, person, homelessness, ipwb_number=" IPWB/3/2025 ", ipwb_date=datetime.date(2025, 3, 10))

    assert (link.ipwb_number, link.created_by, link.worker) == ("IPWB/3/2025", social_worker, social_worker)
    entry = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(link.pk))
    assert entry.object_repr == f"{person.full_name} — {homelessness.name}"
    assert entry.details == {"participant": person.pk, "programme": homelessness.pk, "back_dated": "2025-03-03"}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"started_on": "tomorrow"}, "started_on", "A link to a programme cannot start in the future."),
        ({"ended_on": datetime.date(2025, 3, 2)}, "ended_on", "The end is before the start."),
        (
            {"ipwb_number": "IPWB/1"},
            "ipwb_number",
            "An individual programme of leaving homelessness belongs only to a link of that kind of programme.",
        ),
        ({"worker": "manager"}, "worker", "The responsible worker must be an active social worker or coordinator."),
        ({"worker": "inactive"}, "worker", "The responsible worker must be an active social worker or coordinator."),
    ],
)
def test_a_link_with_a_wrong_date_worker_or_individual_programme_is_refused(
    social_worker, person, fields, field, message
):
    if fields.get("started_on") == "tomorrow":
        fields["started_on"] = today() + DAY
    if fields.get("worker") == "manager":
        fields["worker"] = make_user(Role.MANAGER)
    elif fields.get("worker") == "inactive":
        fields["worker"] = make_user(Role.SOCIAL_WORKER, username="left", is_active=False)

    errors = refusal(lambda: add(social_worker, person, programme_of(ProgrammeKind.ALCOHOL), **fields))

    assert errors == {field: _(message)}
    assert not ProgrammeLink.objects.exists()
    assert not AuditEvent.objects.filter(object_type="programmes.programmelink").exists()


def test_the_individual_programme_cannot_be_dated_in_the_future(social_worker, person):
    errors = refusal(
        lambda: add(social_worker, person, programme_of(ProgrammeKind.HOMELESSNESS), ipwb_date=today() + DAY)
    )

    assert set(errors) == {"ipwb_date"}


def test_an_inactive_programme_or_one_of_another_site_takes_no_one_new(social_worker, person):
    closed = ProgrammeFactory(name="Program zamknięty", is_active=False)
    elsewhere = ProgrammeFactory(name="Program w Knurowie", location=LocationFactory(name="Knurów"))
    own_site = ProgrammeFactory(name="Program osiedlowy", location=person.location)

    for programme in (closed, elsewhere):
        assert set(refusal(lambda p=programme: add(social_worker, person, p))) == {"programme"}
    assert add(social_worker, person, own_site).programme == own_site


def test_only_the_person_s_worker_or_a_coordinator_links_them(social_worker, other_social_worker, person):
    assert str(refusal(lambda: add(other_social_worker, person, programme_of(ProgrammeKind.ALCOHOL)))[None])
    assert not ProgrammeLink.objects.exists()

    coordinator = make_user(Role.COORDINATOR)
    link = add(coordinator, person, niebieska_karta(), worker=other_social_worker)
    assert link.worker == other_social_worker


def test_a_second_link_to_the_same_programme_at_the_same_time_is_refused(social_worker, person):
    alcohol = programme_of(ProgrammeKind.ALCOHOL)
    add(social_worker, person, alcohol, started_on=datetime.date(2025, 1, 1), ended_on=datetime.date(2025, 2, 28))

    errors = refusal(lambda: add(social_worker, person, alcohol, started_on=datetime.date(2025, 2, 1)))
    later = add(social_worker, person, alcohol, started_on=datetime.date(2025, 3, 1))

    assert errors == {
        "started_on": _("The person is already linked to this programme from %(day)s at that time.")
        % {"day": "01.01.2025"}
    }
    assert later.started_on == datetime.date(2025, 3, 1)
    assert ProgrammeLink.objects.count() == 2


def test_a_niebieska_karta_link_the_worker_may_not_see_is_not_revealed_by_a_refusal(
    social_worker, other_social_worker, person
):
    # A coordinator made one with another worker responsible: the person's own worker does not see
    # it, so adding theirs is not refused (which would tell them it exists).
    add(make_user(Role.COORDINATOR), person, niebieska_karta(), worker=other_social_worker)

    own = add(social_worker, person, niebieska_karta())

    assert own.worker == social_worker
    assert ProgrammeLink.objects.filter(programme=niebieska_karta()).count() == 2


def test_a_niebieska_karta_link_s_audit_entry_names_neither_person_nor_programme(social_worker, person):
    link = add(social_worker, person, niebieska_karta(), started_on=today())

    entry = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(link.pk))
    assert entry.details == {}
    assert person.last_name not in entry.object_repr
    assert niebieska_karta().name not in entry.object_repr


# --- Ending and correcting ------------------------------------------------------------------------


@pytest.fixture
def link(social_worker, person):
    return ProgrammeLinkFactory(participant=person, programme=programme_of(ProgrammeKind.ALCOHOL))


def test_a_link_ends_on_a_day_not_after_today_and_not_before_its_start(social_worker, link):
    def end(on):
        return lambda: programme_link_end(link_id=link.pk, user=social_worker, version=link.version, ended_on=on)

    assert refusal(end(today() + DAY)) == {"ended_on": _("The end cannot be in the future.")}
    assert refusal(end(link.started_on - DAY)) == {"ended_on": _("The end is before the start.")}

    ended = programme_link_end(
        link_id=link.pk, user=social_worker, version=1, ended_on=datetime.date(2025, 6, 30), reason=" Ukończył "
    )

    assert (ended.ended_on, ended.end_reason, ended.version) == (datetime.date(2025, 6, 30), "Ukończył", 2)
    assert refusal(end(today()))[None] == _("This link already ended on %(day)s; correct it to change the end.") % {
        "day": "30.06.2025"
    }
    entry = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(link.pk))
    assert entry.details == {"fields": ["end_reason", "ended_on"], "ended_on": "2025-06-30", "back_dated": "2025-06-30"}


def test_an_end_from_a_form_loaded_before_someone_else_s_change_is_refused(social_worker, link):
    programme_link_correct(link_id=link.pk, user=social_worker, version=1, changes={"note": "x"}, reason="uzupełnienie")

    errors = refusal(
        lambda: programme_link_end(link_id=link.pk, user=social_worker, version=1, ended_on=datetime.date(2025, 4, 1))
    )

    assert list(errors) == [None]
    link.refresh_from_db()
    assert link.ended_on is None


def test_a_correction_needs_a_reason_and_a_change(social_worker, link):
    def correct(changes, reason):
        return lambda: programme_link_correct(
            link_id=link.pk, user=social_worker, version=link.version, changes=changes, reason=reason
        )

    assert refusal(correct({"note": "nowa"}, "  ")) == {"reason": _("Give the reason for the correction.")}
    assert refusal(correct({"note": ""}, "bez zmian")) == {None: _("Nothing was changed.")}
    assert refusal(correct({"started_on": datetime.date(2025, 7, 1), "ended_on": datetime.date(2025, 6, 1)}, "x")) == {
        "ended_on": _("The end is before the start.")
    }
    link.refresh_from_db()
    assert (link.started_on, link.version) == (datetime.date(2025, 3, 3), 1)


def test_a_correction_is_audited_with_the_old_and_new_values_but_not_the_note(social_worker, link):
    coordinator = make_user(Role.COORDINATOR)

    programme_link_correct(
        link_id=link.pk,
        user=social_worker,
        version=1,
        changes={"started_on": datetime.date(2025, 3, 1), "worker": coordinator, "note": "Terapia w poradni."},
        reason="Data ze skierowania.",
    )

    entry = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(link.pk))
    assert entry.details == {
        "fields": ["note", "started_on", "worker"],
        "corrected": {
            "started_on": ["2025-03-03", "2025-03-01"],
            "worker": [str(social_worker.pk), str(coordinator.pk)],
        },
        "reason": "Data ze skierowania.",
    }


def test_a_worker_who_has_left_stays_on_a_link_whose_note_is_corrected(social_worker, person):
    former = UserFactory(username="former", is_active=False)
    link = ProgrammeLinkFactory(participant=person, programme=programme_of(ProgrammeKind.ALCOHOL), worker=former)

    corrected = programme_link_correct(
        link_id=link.pk, user=social_worker, version=1, changes={"worker": former, "note": "x"}, reason="uzupełnienie"
    )

    assert corrected.worker == former


# --- The list of programmes ------------------------------------------------------------------------


def test_only_a_coordinator_adds_a_programme_and_its_name_is_unique(social_worker):
    coordinator = make_user(Role.COORDINATOR)

    assert list(refusal(lambda: programme_create(user=social_worker, name="Nowy", kind=ProgrammeKind.OTHER))) == [None]
    created = programme_create(user=coordinator, name=" Program „Senior” ", kind=ProgrammeKind.OTHER)
    duplicate = refusal(lambda: programme_create(user=coordinator, name="program „senior”", kind=ProgrammeKind.OTHER))

    assert created.name == "Program „Senior”"
    assert duplicate == {"name": _("A programme of this name is already on the list.")}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_id=str(created.pk)).exists()


def test_the_kind_of_a_programme_with_links_cannot_change(person):
    coordinator = make_user(Role.COORDINATOR)
    programme = niebieska_karta()
    ProgrammeLinkFactory(participant=person, programme=programme)

    errors = refusal(
        lambda: programme_change(
            programme_id=programme.pk, user=coordinator, version=1, changes={"kind": ProgrammeKind.OTHER}
        )
    )
    renamed = programme_change(
        programme_id=programme.pk, user=coordinator, version=1, changes={"name": "Niebieska Karta – MOPS"}
    )

    assert set(errors) == {"kind"}
    assert (renamed.kind, renamed.name) == (ProgrammeKind.NIEBIESKA_KARTA, "Niebieska Karta – MOPS")
    assert Programme.objects.get(pk=programme.pk).is_sensitive
