"""Drafting and editing a contract through its pages, the contract page, and the participant's page."""

import datetime
import html

import pytest
from django.db import connection
from django.utils import timezone

from contracts import services
from contracts.forms import ContractForm
from contracts.models import ContractFamilyMember, ContractFrozenError, ContractStatus, ContractTask, SocialContract
from contracts.tests.factories import ContractTaskFactory, SocialContractFactory
from contracts.tests.helpers import (
    PASSWORD,
    SIGNATURE,
    messages_of,
    new_contract_data,
    page_post_data,
    signed_contract,
)
from kis.models import AuditEvent
from participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
NOTHING_SAVED = "The form has errors; nothing was saved. Correct the fields marked below."


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def nothing_was_created():
    return not (
        SocialContract.objects.exists() or ContractTask.objects.exists() or ContractFamilyMember.objects.exists()
    )


# --- drafting ------------------------------------------------------------------------------


def test_the_draft_form_opens_for_a_participant_on_the_workers_caseload(client, social_worker, participant):
    client.force_login(social_worker)

    response = client.get(f"/contracts/new/?participant={participant.pk}")

    assert response.status_code == 200
    assert "Łucja Żółkiewska" in page_text(response)
    form = response.context["form"]
    assert form.initial["place"] == participant.location.town
    assert form.initial["period_start"] == TODAY()
    assert response.context["contract"].social_worker == social_worker


@pytest.mark.parametrize("query", ["", "?participant=", "?participant=abc", "?participant=999999"])
def test_the_draft_form_needs_an_existing_participant(client, social_worker, query):
    client.force_login(social_worker)

    assert client.get(f"/contracts/new/{query}").status_code == 404


def test_a_draft_is_saved_with_its_family_members_and_tasks(client, social_worker, participant):
    client.force_login(social_worker)
    data = new_contract_data(
        participant,
        family=[{"first_name": "Zofia", "last_name": "Żółkiewska", "pesel": "18251500123", "address": "Wejherowo"}],
        tasks=[
            {
                "description": "Rejestracja w PUP",
                "responsible": "participant",
                "institution": "",
                "deadline": (TODAY() + DAY * 14).isoformat(),
            },
            {
                "description": "Skierowanie na kurs",
                "responsible": "institution",
                "institution": "PUP Wejherowo",
                "deadline": (TODAY() + DAY * 60).isoformat(),
            },
        ],
    )

    response = client.post("/contracts/new/", data)

    contract = SocialContract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/contracts/{contract.pk}/"
    assert messages_of(response) == [f"Draft contract {contract.number} saved."]
    assert contract.number == f"KS/{TODAY().year}/0001"
    assert contract.status == ContractStatus.DRAFT
    assert contract.participant == participant
    assert contract.social_worker == social_worker
    assert contract.created_by == social_worker
    assert contract.main_goal == "Podjęcie zatrudnienia."
    assert list(contract.tasks.order_by("deadline").values_list("description", "responsible", "institution")) == [
        ("Rejestracja w PUP", "participant", ""),
        ("Skierowanie na kurs", "institution", "PUP Wejherowo"),
    ]
    assert list(contract.family_members.values_list("first_name", "last_name", "pesel")) == [
        ("Zofia", "Żółkiewska", "18251500123")
    ]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_id=str(contract.pk)).exists()


def test_a_kind_b_draft_keeps_the_diagnosis_of_unemployment(client, social_worker, participant):
    client.force_login(social_worker)

    client.post(
        "/contracts/new/",
        new_contract_data(
            participant, kind="B", unemployment_causes="Brak kwalifikacji.", work_barriers="Opieka nad dzieckiem."
        ),
    )

    contract = SocialContract.objects.get()
    assert (contract.kind, contract.unemployment_causes, contract.work_barriers) == (
        "B",
        "Brak kwalifikacji.",
        "Opieka nad dzieckiem.",
    )
    assert contract.missing_for_signing() == []


def test_a_period_ending_before_it_starts_is_refused_and_nothing_is_saved(client, social_worker, participant):
    client.force_login(social_worker)
    data = new_contract_data(
        participant,
        period_start=TODAY().isoformat(),
        period_end=(TODAY() - DAY).isoformat(),
        family=[{"first_name": "Zofia", "last_name": "Żółkiewska", "pesel": "", "address": ""}],
    )

    response = client.post("/contracts/new/", data)

    assert response.status_code == 200
    assert response.context["form"].errors == {"period_end": ["The end of the period cannot be before its start."]}
    assert NOTHING_SAVED in page_text(response)
    assert nothing_was_created()


def test_a_task_deadline_outside_the_period_is_refused_and_nothing_is_saved(client, social_worker, participant):
    client.force_login(social_worker)
    late = TODAY() + DAY * 200  # the period is 180 days
    data = new_contract_data(
        participant,
        tasks=[{"description": "Za późno", "responsible": "participant", "institution": "", "deadline": late}],
    )

    response = client.post("/contracts/new/", data)

    assert response.status_code == 200
    period = f"({TODAY():%d.%m.%Y} – {TODAY() + DAY * 180:%d.%m.%Y})"
    assert response.context["tasks"].errors == [
        {"deadline": [f"The deadline must fall within the contract's period {period}."]}
    ]
    assert f"The deadline must fall within the contract&#x27;s period {period}." in response.content.decode()
    assert nothing_was_created()


def test_a_draft_overlapping_a_contract_of_the_same_kind_in_force_is_refused(
    client, social_worker, participant, signed
):
    client.force_login(social_worker)

    response = client.post("/contracts/new/", new_contract_data(participant, kind="A"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"Contract {signed.number} of the same kind is already in force for this person in an overlapping period. "
        "Choose another period or kind, or amend the contract in force."
    ]
    assert SocialContract.objects.get() == signed
    assert ContractTask.objects.filter(contract=signed).count() == ContractTask.objects.count()


def test_a_draft_of_the_other_kind_is_allowed_next_to_a_contract_in_force(client, social_worker, participant, signed):
    client.force_login(social_worker)

    response = client.post("/contracts/new/", new_contract_data(participant, kind="B"))

    assert response.status_code == 302
    assert SocialContract.objects.filter(kind="B", status=ContractStatus.DRAFT).count() == 1


def test_a_worker_cannot_draft_a_contract_for_another_workers_participant(client, social_worker, other_social_worker):
    theirs = ParticipantFactory(social_worker=other_social_worker)
    client.force_login(social_worker)

    response = client.post("/contracts/new/", new_contract_data(theirs))

    assert response.status_code == 404
    assert nothing_was_created()


# --- the participant's page ----------------------------------------------------------------


def test_the_participants_page_lists_their_contracts_and_links_to_a_new_draft(client, social_worker, participant):
    signed = signed_contract(participant=participant)
    draft = SocialContractFactory(participant=participant, kind="B")
    client.force_login(social_worker)

    response = client.get(f"/participants/{participant.pk}/")

    content = response.content.decode()
    assert f'href="/contracts/new/?participant={participant.pk}"' in content
    assert f'<a href="/contracts/{signed.pk}/">{signed.number}</a>' in content
    assert f'<a href="/contracts/{draft.pk}/">{draft.number}</a>' in content
    assert "signed" in content


def test_the_participants_page_offers_no_draft_to_a_manager(client, manager, participant):
    signed = signed_contract(participant=participant)
    client.force_login(manager)

    response = client.get(f"/participants/{participant.pk}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "/contracts/new/" not in content
    assert f'<a href="/contracts/{signed.pk}/">{signed.number}</a>' in content


def test_the_participants_page_without_contracts_says_one_is_needed(client, social_worker, participant):
    client.force_login(social_worker)

    response = client.get(f"/participants/{participant.pk}/")

    assert "No social contract yet. Taking part in the club requires one in force." in response.content.decode()


# --- the contract page ---------------------------------------------------------------------


def test_the_page_of_a_signed_contract_shows_its_hash_and_that_it_is_intact(client, social_worker, signed):
    client.force_login(social_worker)

    response = client.get(f"/contracts/{signed.pk}/")

    content = response.content.decode()
    assert signed.snapshot_sha256 in content
    assert 'class="alert alert-success" role="status" id="integrity"' in content
    assert "The stored signed text matches its SHA-256" in content
    assert "does NOT match" not in content
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, object_type="contracts.socialcontract", object_id=str(signed.pk)
    ).exists()


def test_the_page_warns_when_the_stored_text_was_altered_in_the_database(client, social_worker, signed):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE contracts_socialcontract SET snapshot = REPLACE(snapshot, %s, %s) WHERE id = %s",
            ["Podjęcie zatrudnienia.", "Brak celu.", signed.pk],
        )
    client.force_login(social_worker)

    response = client.get(f"/contracts/{signed.pk}/")

    content = response.content.decode()
    assert 'class="alert alert-danger" role="status" id="integrity"' in content
    assert "WARNING: the stored signed text does NOT match its SHA-256. It has been altered after signing." in content
    assert signed.snapshot_sha256 in content


def test_the_page_of_a_draft_says_what_it_lacks_and_has_no_hash(client, social_worker, participant):
    draft = SocialContractFactory(participant=participant, main_goal="")
    client.force_login(social_worker)

    response = client.get(f"/contracts/{draft.pk}/")

    content = response.content.decode()
    assert "Before signing, the draft needs: the main goal, at least one task." in content
    assert 'id="integrity"' not in content
    assert f'href="/contracts/{draft.pk}/edit/"' in content
    assert f'href="/contracts/{draft.pk}/sign/"' in content


def test_the_page_of_a_signed_contract_offers_no_edit_but_reviews_amendments_and_closing(client, social_worker, signed):
    client.force_login(social_worker)

    content = client.get(f"/contracts/{signed.pk}/").content.decode()

    assert f"/contracts/{signed.pk}/edit/" not in content
    assert f"/contracts/{signed.pk}/sign/" not in content
    assert f'href="/contracts/{signed.pk}/reviews/new/"' in content
    assert f'href="/contracts/{signed.pk}/amendments/new/"' in content
    assert f'href="/contracts/{signed.pk}/close/"' in content
    assert f'action="/contracts/tasks/{signed.tasks.get().pk}/status/"' in content


def test_a_manager_sees_the_contract_without_actions(client, manager, signed):
    client.force_login(manager)

    content = client.get(f"/contracts/{signed.pk}/").content.decode()

    assert signed.number in content
    assert "/reviews/new/" not in content
    assert "/amendments/new/" not in content
    assert "/status/" not in content


def test_the_page_shows_the_parties_goals_tasks_support_and_consequence_clause(client, social_worker, participant):
    contract = SocialContractFactory(participant=participant, kind="A", problems="Brak doświadczenia.")
    ContractFamilyMember.objects.create(contract=contract, first_name="Zofia", last_name="Żółkiewska")
    ContractTaskFactory(contract=contract, description="Rejestracja w PUP", deadline=TODAY() + DAY * 5)
    client.force_login(social_worker)

    content = page_text(client.get(f"/contracts/{contract.pk}/"))

    for text in (
        "Łucja Żółkiewska",
        "Zofia Żółkiewska",
        "Anna Nowak",
        "58 672 11 11",
        "setting out how the following will cooperate:",
        "(kind A)",
        "Wejherowo, on",
        "and the social worker Anna Nowak",
        "signature of the family member",
        "Brak doświadczenia.",
        "Podjęcie zatrudnienia.",
        "Ukończenie kursu.",
        "Rejestracja w PUP",
        f"{TODAY() + DAY * 5:%d.%m.%Y}",
        "Poradnictwo zawodowe raz w tygodniu.",
        "Rozmowy z pracownikiem socjalnym co miesiąc.",
        f"from {contract.period_start:%d.%m.%Y} to {contract.period_end:%d.%m.%Y}",
        "art. 11 ust. 2 ustawy o pomocy społecznej",  # the clause is in the language of the contract
        "odmowy przyznania świadczenia, uchylenia decyzji o przyznaniu świadczenia",
    ):
        assert text in content, text


# --- editing a draft -----------------------------------------------------------------------


def test_a_draft_is_edited_with_its_tasks(client, social_worker, draft):
    client.force_login(social_worker)
    page = client.get(f"/contracts/{draft.pk}/edit/")
    task = draft.tasks.get()
    data = page_post_data(
        page.context["form"],
        page.context["family"],
        page.context["tasks"],
        main_goal="Usamodzielnienie się.",
        **{
            "tasks-0-description": "Warsztaty — zmieniony opis",
            "tasks-1-description": "Nowe zadanie",
            "tasks-1-responsible": "social_worker",
            "tasks-1-deadline": (TODAY() + DAY * 20).isoformat(),
            "family-0-first_name": "Zofia",
            "family-0-last_name": "Żółkiewska",
        },
    )

    response = client.post(f"/contracts/{draft.pk}/edit/", data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.main_goal == "Usamodzielnienie się."
    assert draft.version == 2
    assert ContractTask.objects.get(pk=task.pk).description == "Warsztaty — zmieniony opis"
    assert sorted(draft.tasks.values_list("description", flat=True)) == ["Nowe zadanie", "Warsztaty — zmieniony opis"]
    assert draft.family_members.get().first_name == "Zofia"
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(draft.pk))
    assert "main_goal" in event.details["fields"]


def test_a_task_of_a_draft_can_be_removed(client, social_worker, draft):
    client.force_login(social_worker)
    page = client.get(f"/contracts/{draft.pk}/edit/")

    client.post(
        f"/contracts/{draft.pk}/edit/",
        page_post_data(page.context["form"], page.context["family"], page.context["tasks"], **{"tasks-0-DELETE": "on"}),
    )

    assert not draft.tasks.exists()


def test_a_stale_edit_of_a_draft_is_refused_and_the_other_change_stays(
    client, social_worker, coordinator, draft, django_user_model
):
    # The worker opens the draft; meanwhile the coordinator saves a change to it.
    client.force_login(social_worker)
    stale_page = client.get(f"/contracts/{draft.pk}/edit/")
    stale = page_post_data(
        stale_page.context["form"],
        stale_page.context["family"],
        stale_page.context["tasks"],
        main_goal="Cel pracownika",
        **{"tasks-0-description": "Opis pracownika"},
    )
    client.force_login(coordinator)
    fresh_page = client.get(f"/contracts/{draft.pk}/edit/")
    fresh = page_post_data(
        fresh_page.context["form"],
        fresh_page.context["family"],
        fresh_page.context["tasks"],
        main_goal="Cel koordynatora",
    )
    assert client.post(f"/contracts/{draft.pk}/edit/", fresh).status_code == 302

    client.force_login(social_worker)
    response = client.post(f"/contracts/{draft.pk}/edit/", stale)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Someone else changed this draft while you were editing it. Your changes were not saved: "
        "open the draft again to see the current text."
    ]
    draft.refresh_from_db()
    assert draft.main_goal == "Cel koordynatora"
    assert draft.version == 2
    assert draft.tasks.get().description == "Udział w warsztatach kompetencji społecznych"


def test_an_edit_with_a_period_ending_before_it_starts_changes_nothing(client, social_worker, draft):
    client.force_login(social_worker)
    page = client.get(f"/contracts/{draft.pk}/edit/")
    before = SocialContract.objects.values().get(pk=draft.pk)

    response = client.post(
        f"/contracts/{draft.pk}/edit/",
        page_post_data(
            page.context["form"],
            page.context["family"],
            page.context["tasks"],
            period_end=(draft.period_start - DAY).isoformat(),
            main_goal="Zmiana, która nie powinna się zapisać",
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"period_end": ["The end of the period cannot be before its start."]}
    assert SocialContract.objects.values().get(pk=draft.pk) == before


def test_an_edit_moving_a_task_outside_the_period_changes_nothing(client, social_worker, draft):
    client.force_login(social_worker)
    page = client.get(f"/contracts/{draft.pk}/edit/")
    task_before = ContractTask.objects.values().get()

    response = client.post(
        f"/contracts/{draft.pk}/edit/",
        page_post_data(
            page.context["form"],
            page.context["family"],
            page.context["tasks"],
            main_goal="Zmiana, która nie powinna się zapisać",
            **{"tasks-0-deadline": (draft.period_start - DAY).isoformat()},
        ),
    )

    assert response.status_code == 200
    assert response.context["tasks"].errors[0]["deadline"][0].startswith("The deadline must fall within")
    assert SocialContract.objects.get(pk=draft.pk).main_goal == "Podjęcie zatrudnienia."
    assert ContractTask.objects.values().get() == task_before


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_signed_contract_cannot_be_edited_through_its_edit_page(client, social_worker, signed, method):
    client.force_login(social_worker)
    before = SocialContract.objects.values().get(pk=signed.pk)
    tasks_before = list(ContractTask.objects.values())

    response = getattr(client, method)(
        f"/contracts/{signed.pk}/edit/",
        {"main_goal": "Po podpisaniu", "period_end": "2099-01-01", "version": str(signed.version)},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/contracts/{signed.pk}/"
    assert messages_of(response) == ["A signed contract cannot be edited. Changes are made by an amendment."]
    assert SocialContract.objects.values().get(pk=signed.pk) == before
    assert list(ContractTask.objects.values()) == tasks_before


def test_a_draft_signed_while_being_edited_is_not_changed(client, social_worker, draft):
    client.force_login(social_worker)
    page = client.get(f"/contracts/{draft.pk}/edit/")
    data = page_post_data(page.context["form"], page.context["family"], page.context["tasks"], main_goal="Później")
    services.contract_sign(
        contract_id=draft.pk, user=social_worker, password=PASSWORD, signature=SIGNATURE, version=None
    )

    response = client.post(f"/contracts/{draft.pk}/edit/", data)

    assert response.status_code == 302
    assert SocialContract.objects.get(pk=draft.pk).main_goal == "Podjęcie zatrudnienia."
    assert SocialContract.objects.get(pk=draft.pk).snapshot_matches_hash() is True


def test_the_contract_form_cannot_save_a_signed_contract(signed):
    form = ContractForm(page_post_data(ContractForm(instance=signed), main_goal="Po podpisaniu"), instance=signed)
    assert form.is_valid(), form.errors

    with pytest.raises(ContractFrozenError):
        form.save()

    assert SocialContract.objects.get(pk=signed.pk).main_goal == "Podjęcie zatrudnienia."
