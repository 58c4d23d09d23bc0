"""The recruitment and participation pages: what they show and what a POST does, including
bad input — a clear message and nothing half-saved."""

import datetime

import pytest
from django.utils import timezone

from contracts.tests.helpers import messages_of, signed_contract
from kis.models import AuditEvent
from participants.models import LabourMarketStatus, RiskFactor
from participants.tests.factories import ParticipantFactory
from participation.eligibility import CATEGORIES, EXCLUSIONS
from participation.models import ParticipationEvent, ProjectParticipation
from participation.tests.factories import (
    ParticipationProjectFactory,
    contract_from,
    ended_on,
    exit_situation,
    participation_in,
    started_on,
)
from projects.models import Project, ProjectCriterion
from projects.tests.factories import ProjectCriterionFactory

pytestmark = pytest.mark.django_db

Status = ProjectParticipation.Status
DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate
RECRUIT = "/activities/participations/new/"


def url(participation, action=""):
    return f"/activities/participations/{participation.pk}/{action}"


def row(participation) -> dict:
    return ProjectParticipation.objects.filter(pk=participation.pk).values().get()


def errors_of(response) -> list[str]:
    return [str(error) for error in response.context["form"].non_field_errors()]


@pytest.fixture
def signed_in(client, social_worker):
    client.force_login(social_worker)
    return client


@pytest.fixture
def contracted(participant):
    signed_contract(participant=participant, period_start=contract_from())
    return participant


# --- Recruitment ---------------------------------------------------------------------------------


def test_the_participant_page_offers_recruitment_and_lists_the_projects(signed_in, participant, project):
    participation = participation_in(Status.QUALIFIED, participant=participant, project=project)

    content = signed_in.get(f"/participants/{participant.pk}/").content.decode()

    assert f'href="{RECRUIT}?participant={participant.pk}"' in content
    assert f'href="{url(participation)}"' in content
    assert project.code in content


def test_the_recruitment_form_offers_the_projects_open_to_recruitment(signed_in, participant, project):
    closed = ParticipationProjectFactory(status=Project.Status.CLOSED)

    response = signed_in.get(f"{RECRUIT}?participant={participant.pk}")

    assert response.status_code == 200
    choices = list(response.context["form"].fields["project"].queryset)
    assert project in choices
    assert closed not in choices
    assert f'<input type="hidden" name="participant" value="{participant.pk}">' in response.content.decode()


def test_recruiting_from_the_participants_page(signed_in, participant, project, social_worker):
    response = signed_in.post(
        RECRUIT, {"participant": participant.pk, "project": project.pk, "applied_on": TODAY().isoformat()}
    )

    participation = ProjectParticipation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(participation)
    assert (participation.participant, participation.project, participation.status) == (
        participant,
        project,
        Status.APPLIED,
    )
    assert participation.events.get().by == social_worker
    assert messages_of(response) == [f"Łucja Żółkiewska applied to {project.code}. Check eligibility and decide."]


def test_recruiting_the_same_person_twice_is_refused_with_a_message(signed_in, participant, project):
    data = {"participant": participant.pk, "project": project.pk, "applied_on": TODAY().isoformat()}
    signed_in.post(RECRUIT, data)

    response = signed_in.post(RECRUIT, data)

    assert response.status_code == 200
    assert errors_of(response) == ["Łucja Żółkiewska is already in this project (applied)."]
    assert response.content.decode().count("Łucja Żółkiewska is already in this project") == 1
    assert ProjectParticipation.objects.count() == 1
    assert ParticipationEvent.objects.count() == 1


def test_recruiting_after_the_projects_end_is_refused_with_a_message(signed_in, participant):
    ended = ParticipationProjectFactory(end_date=TODAY() - DAY * 10)

    response = signed_in.post(
        RECRUIT, {"participant": participant.pk, "project": ended.pk, "applied_on": TODAY().isoformat()}
    )

    assert response.status_code == 200
    assert errors_of(response) == [
        f"The project ended on {ended.end_date:%d.%m.%Y}: nobody can be recruited after its end."
    ]
    assert not ProjectParticipation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"project": ""}, "project"), ({"applied_on": "31.02.2026"}, "applied_on"), ({"applied_on": ""}, "applied_on")],
    ids=["no project", "impossible date", "no date"],
)
def test_an_incomplete_recruitment_form_is_shown_again(signed_in, participant, project, changes, field):
    data = {"participant": participant.pk, "project": project.pk, "applied_on": TODAY().isoformat(), **changes}

    response = signed_in.post(RECRUIT, data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ProjectParticipation.objects.exists()


def test_recruiting_into_a_closed_project_is_refused(signed_in, participant):
    closed = ParticipationProjectFactory(status=Project.Status.CLOSED)

    response = signed_in.post(
        RECRUIT, {"participant": participant.pk, "project": closed.pk, "applied_on": TODAY().isoformat()}
    )

    assert response.status_code == 200
    assert "project" in response.context["form"].errors
    assert not ProjectParticipation.objects.exists()


@pytest.mark.parametrize("query", ["", "?participant=abc", "?project=x1"])
def test_the_recruitment_page_needs_a_participant_or_a_project(signed_in, query):
    assert signed_in.get(f"{RECRUIT}{query}").status_code == 404


def test_recruiting_from_the_projects_page_finds_the_people_who_can_still_join(
    signed_in, participant, project, social_worker, other_social_worker
):
    already = ParticipantFactory(social_worker=social_worker, last_name="Żółkiewski")
    participation_in(Status.APPLIED, participant=already, project=project)
    not_mine = ParticipantFactory(social_worker=other_social_worker, last_name="Żółkiewska-Nowak")

    # The search text is swapped for a token on the way (it may be a PESEL); the list follows it.
    response = signed_in.get(f"{RECRUIT}?project={project.pk}&q=Żółk", follow=True)

    assert response.status_code == 200
    assert response.context["candidates"] == [participant]
    assert not_mine.last_name not in response.content.decode()

    response = signed_in.post(
        RECRUIT, {"participant": participant.pk, "project": project.pk, "applied_on": TODAY().isoformat()}
    )
    assert response.status_code == 302
    assert ProjectParticipation.objects.filter(participant=participant, project=project).exists()


# --- Qualification -------------------------------------------------------------------------------


@pytest.fixture
def criteria(project):
    return [
        ProjectCriterionFactory(
            project=project, kind=ProjectCriterion.Kind.TOWN, value="Wejherowo", description="Mieszka w Wejherowie"
        ),
        ProjectCriterionFactory(
            project=project, kind=ProjectCriterion.Kind.STREET, value="Kościuszki", description="Obszar rewitalizacji"
        ),
        ProjectCriterionFactory(
            project=project, kind=ProjectCriterion.Kind.MANUAL, description="Nie uczestniczy w innym projekcie"
        ),
    ]


def test_the_decision_page_shows_the_categories_exclusions_and_project_criteria(
    signed_in, participant, project, criteria
):
    participant.risk_factors.set([RiskFactor.objects.get(code="homelessness")])
    participant.labour_market_status = LabourMarketStatus.REGISTERED_UNEMPLOYED
    participant.long_term_unemployed_certified = True
    participant.save()
    participation = participation_in(Status.APPLIED, participant=participant, project=project)

    response = signed_in.get(url(participation, "decide/"))

    assert response.status_code == 200
    content = response.content.decode()
    for code in CATEGORIES:
        assert f'name="categories" value="{code}"' in content
    for code in EXCLUSIONS:
        assert f'name="exclusions" value="{code}"' in content
    # What the data suggests is shown with the reason, and ticked in advance.
    assert [str(label) for label, _reason in response.context["suggested_list"]] == [
        str(CATEGORIES["homeless"]),
        str(CATEGORIES["long_term_unemployed"]),
    ]
    assert "risk factor: homelessness" in content
    assert set(response.context["form"].initial["categories"]) == {"homeless", "long_term_unemployed"}
    # Each criterion of the project, checked against the data (or left to the worker).
    assert [(check.label, check.met) for check in response.context["checks"]] == [
        ("Mieszka w Wejherowie", True),
        ("Obszar rewitalizacji", False),
        ("Nie uczestniczy w innym projekcie", None),
    ]
    assert content.count("✔ met") == 1
    assert content.count("✘ not met") == 1
    assert content.count("? check by hand") == 1


def test_qualifying_on_the_decision_page(signed_in, participant, project, social_worker):
    participation = participation_in(Status.APPLIED, participant=participant, project=project)

    response = signed_in.post(
        url(participation, "decide/"),
        {
            "decision": "qualified",
            "decided_on": (TODAY() - DAY).isoformat(),
            "categories": ["long_term_unemployed", "mental"],
            "note": "Spełnia kryteria.",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url(participation)
    assert messages_of(response) == ["Decision recorded: qualified."]
    participation.refresh_from_db()
    assert participation.status == Status.QUALIFIED
    assert participation.eligibility_categories == ["long_term_unemployed", "mental"]
    assert (participation.eligibility_note, participation.decided_on, participation.decided_by) == (
        "Spełnia kryteria.",
        TODAY() - DAY,
        social_worker,
    )
    content = signed_in.get(url(participation)).content.decode()
    assert str(CATEGORIES["mental"]) in content
    assert "Spełnia kryteria." in content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "qualified"}, "Tick at least one eligibility category that applies to the person."),
        (
            {"decision": "qualified", "categories": ["alcohol"], "exclusions": ["pre_retirement"]},
            "A person entitled to pre-retirement allowance or benefit cannot take part in a KIS (art. 1 ust. 3): "
            "reject the application.",
        ),
        ({"decision": "rejected", "note": " "}, "Give the reason for rejecting the application."),
    ],
    ids=["no category", "an exclusion ticked", "rejected without a reason"],
)
def test_a_decision_without_grounds_is_shown_again_with_a_message(signed_in, participant, project, data, message):
    participation = participation_in(Status.APPLIED, participant=participant, project=project)
    before = row(participation)

    response = signed_in.post(url(participation, "decide/"), {"decided_on": TODAY().isoformat(), **data})

    assert response.status_code == 200
    assert errors_of(response) == [message]
    assert response.content.decode().replace("&#x27;", "'").count(message) == 1, "shown once, in the alert"
    assert row(participation) == before
    assert participation.events.count() == 1


# --- Start ---------------------------------------------------------------------------------------


CONTRACT_LINK = '/contracts/new/?participant={}"'


def test_without_a_contract_the_pages_link_to_drafting_one(signed_in, participant, project):
    participation = participation_in(Status.QUALIFIED, participant=participant, project=project)

    detail = signed_in.get(url(participation))
    start = signed_in.get(url(participation, "start/"))

    for response in (detail, start):
        assert response.status_code == 200
        assert response.context["contract"] is None
        assert CONTRACT_LINK.format(participant.pk) in response.content.decode()


def test_with_a_contract_in_force_the_pages_show_it(signed_in, contracted, project):
    participation = participation_in(Status.QUALIFIED, participant=contracted, project=project)
    contract = contracted.contracts.get()

    for response in (signed_in.get(url(participation)), signed_in.get(url(participation, "start/"))):
        content = response.content.decode()
        assert response.context["contract"] == contract
        assert f'href="/contracts/{contract.pk}/"' in content
        assert CONTRACT_LINK.format(contracted.pk) not in content


def test_starting_without_a_contract_is_refused_with_a_message(signed_in, participant, project):
    participation = participation_in(Status.QUALIFIED, participant=participant, project=project)
    before = row(participation)

    response = signed_in.post(url(participation, "start/"), {"start_date": started_on().isoformat()})

    assert response.status_code == 200
    [error] = errors_of(response)
    assert f"has no signed social contract in force on {started_on():%d.%m.%Y}" in error
    assert CONTRACT_LINK.format(participant.pk) in response.content.decode()
    assert row(participation) == before


def test_starting_with_a_contract_in_force(signed_in, contracted, project):
    participation = participation_in(Status.QUALIFIED, participant=contracted, project=project)

    response = signed_in.post(url(participation, "start/"), {"start_date": started_on().isoformat()})

    assert response.status_code == 302
    assert messages_of(response) == [
        "Participation started. It counts from the first support recorded from this day on "
        "(present at a session, an individual meeting, an internship)."
    ]
    participation.refresh_from_db()
    assert (participation.status, participation.planned_start, participation.start_date) == (
        Status.ACTIVE,
        started_on(),
        None,
    )
    page = signed_in.get(url(participation)).content.decode()
    assert "started, awaiting first support" in page


def test_a_step_not_possible_in_the_current_status_goes_back_to_the_participation(signed_in, participant, project):
    participation = participation_in(Status.APPLIED, participant=participant, project=project)

    for action in ("start/", "complete/", "follow-up/"):
        response = signed_in.post(url(participation, action), {"start_date": TODAY().isoformat()})

        assert response.status_code == 302
        assert response["Location"] == url(participation)
        assert messages_of(response)[-1] == "This step is not possible for a participation that is “applied”."
    participation.refresh_from_db()
    assert participation.status == Status.APPLIED


def test_the_detail_page_offers_only_the_legal_moves(signed_in, contracted, project):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)

    content = signed_in.get(url(participation)).content.decode()

    assert f'href="{url(participation, "complete/")}"' in content
    assert f'href="{url(participation, "drop-out/")}"' in content
    assert f'href="{url(participation, "decide/")}"' not in content
    assert f'href="{url(participation, "start/")}"' not in content


# --- Exit ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [{}, {"completed_as_planned": "yes"}, {"exit_situation": "employed"}],
    ids=["nothing", "no situation on leaving", "not said whether as planned"],
)
def test_completing_without_exit_data_is_refused_with_a_message(signed_in, contracted, project, data):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    if "exit_situation" in data:
        data["exit_situation"] = exit_situation(data["exit_situation"]).pk
    before = row(participation)

    response = signed_in.post(url(participation, "complete/"), {"end_date": TODAY().isoformat(), **data})

    assert response.status_code == 200
    assert errors_of(response) == [
        "Completing needs the exit data: whether the planned path was completed and the situation on leaving."
    ]
    assert row(participation) == before


def test_an_exit_before_the_start_is_refused_with_a_message(signed_in, contracted, project):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    before = row(participation)

    response = signed_in.post(
        url(participation, "complete/"),
        {
            "end_date": (started_on() - DAY).isoformat(),
            "completed_as_planned": "yes",
            "exit_situation": exit_situation().pk,
        },
    )

    assert response.status_code == 200
    assert errors_of(response) == ["The end cannot be before the start of participation."]
    assert row(participation) == before


def test_completing_issues_the_certificate_and_links_it(signed_in, contracted, project):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)

    response = signed_in.post(
        url(participation, "complete/"),
        {"end_date": TODAY().isoformat(), "completed_as_planned": "no", "exit_situation": exit_situation().pk},
    )

    participation.refresh_from_db()
    assert response.status_code == 302
    assert participation.status == Status.COMPLETED
    assert participation.completed_as_planned is False
    assert messages_of(response) == [f"Participation completed. Certificate {participation.certificate_number} issued."]
    content = signed_in.get(url(participation)).content.decode()
    assert f'href="{url(participation, "certificate.pdf")}"' in content
    assert participation.certificate_number in content


def test_dropping_out_without_a_reason_is_refused_with_a_message(signed_in, contracted, project):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)
    before = row(participation)

    response = signed_in.post(url(participation, "drop-out/"), {"end_date": TODAY().isoformat(), "reason": ""})

    assert response.status_code == 200
    assert errors_of(response) == ["Choose the reason for dropping out."]
    assert row(participation) == before


def test_dropping_out(signed_in, contracted, project):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project)

    response = signed_in.post(
        url(participation, "drop-out/"),
        {"end_date": TODAY().isoformat(), "reason": "health", "note": "Długie leczenie"},
    )

    assert response.status_code == 302
    participation.refresh_from_db()
    assert (participation.status, participation.dropout_reason, participation.dropout_note) == (
        Status.DROPPED_OUT,
        "health",
        "Długie leczenie",
    )
    assert "Długie leczenie" in signed_in.get(url(participation)).content.decode()


def test_the_follow_up_is_recorded_after_the_end(signed_in, contracted, project):
    participation = participation_in(Status.COMPLETED, participant=contracted, project=project)

    refused = signed_in.post(url(participation, "follow-up/"), {"followup_on": (ended_on() - DAY).isoformat()})
    assert refused.status_code == 200
    assert errors_of(refused) == ["The follow-up cannot be dated before the end of participation."]

    # Employment without what shows it is refused: "with its dates and evidence".
    job = {"employment_type": "employment_contract", "employment_start": TODAY().isoformat(), "hours_per_week": "20"}
    unproven = signed_in.post(url(participation, "follow-up/"), {"followup_on": TODAY().isoformat(), **job})
    assert errors_of(unproven) == ["Say what shows the employment (e.g. a copy of the contract, an entry in CEIDG)."]

    response = signed_in.post(
        url(participation, "follow-up/"),
        {
            "followup_on": TODAY().isoformat(),
            "social_progress": ["motivation", "volunteering"],
            **job,
            "evidence": "kopia umowy o pracę na ½ etatu",
        },
    )

    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.followup_on == TODAY()
    assert (participation.followup_employed, participation.followup_social_progress) == (True, True)
    assert participation.followup_social_progress_kinds == ["motivation", "volunteering"]
    assert (participation.followup_hours_per_week, participation.followup_employment_end) == (20, None)
    assert participation.followup_looking_for_work is False


def test_the_follow_up_form_proposes_no_date(signed_in, contracted, project):
    participation = participation_in(Status.COMPLETED, participant=contracted, project=project)

    form = signed_in.get(url(participation, "follow-up/")).context["form"]

    assert form["followup_on"].value() is None


# --- The participation page ----------------------------------------------------------------------


def test_the_participation_page_shows_the_history_and_is_audited(
    signed_in, contracted, project, coordinator, social_worker
):
    participation = participation_in(Status.ACTIVE, participant=contracted, project=project, user=coordinator)

    response = signed_in.get(url(participation))

    history = [
        (e.get_from_status_display(), e.get_to_status_display(), e.date, e.by)
        for e in response.context["participation"].events.all()
    ]
    assert [(old, new, by) for old, new, _date, by in history] == [
        ("", "applied", coordinator),
        ("applied", "qualified", coordinator),
        ("qualified", "active", coordinator),
    ]
    content = response.content.decode()
    assert content.count(f"<td>{coordinator.get_full_name()}</td>") == 3
    assert f"<td>{started_on():%d.%m.%Y}</td>" in content
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, object_id=str(participation.pk), user=social_worker
    ).exists()


# --- The project's page --------------------------------------------------------------------------


def test_the_project_page_names_only_the_participants_the_user_may_read(
    client, social_worker, other_social_worker, project
):
    mine = ParticipantFactory(social_worker=social_worker, last_name="Żółkiewska")
    theirs = ParticipantFactory(social_worker=other_social_worker, last_name="Wiśniewska-Tajna")
    for person in (mine, theirs):
        participation_in(Status.APPLIED, participant=person, project=project)
    client.force_login(social_worker)

    response = client.get(f"/projects/{project.pk}/")

    content = response.content.decode()
    assert [p.participant for p in response.context["participations_page"].object_list] == [mine]
    assert "Żółkiewska" in content and "Wiśniewska-Tajna" not in content
    assert response.context["participations_not_listed"] == 1
