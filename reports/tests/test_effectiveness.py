"""Effectiveness with the disability group's own thresholds, worked out by hand.

Project R (01.01.2025 – 31.12.2025): thresholds social 34% / employment 22%, and for people with a
significant or moderate disability, an intellectual disability or multiple disabilities 34% / 12%
(DOMAIN-REFERENCE). Everyone left in 2025 and was followed up within 3 months.

== ============================== ========= ======================== ===========================
   who                            group     left                     at entry / follow-up
== ============================== ========= ======================== ===========================
P1 completed                      general   30.06                    unemployed / employed
P2 completed                      general   30.06                    inactive / social progress
P3 dropped out, took up a job     general   31.05                    unemployed / employed
P4 completed                      general   30.06                    employed / —
P5 completed                      disability 30.06                   unemployed / employed
P6 completed                      disability 30.06                   inactive / —
P7 dropped out, health            disability 31.05                   unemployed / — (not in the base)
P8 completed                      disability 30.06                   unemployed / social progress
== ============================== ========= ======================== ===========================

General: base P1–P4 = 4; social P2 = 1/4 = 25.0% (not met); employment among those out of work at
entry P1–P3 = 3: P1, P3 = 2/3 = 66.7% (met). Disability group: base P5 P6 P8 = 3; social P8 =
1/3 = 33.3% (not met); employment P5 = 1/3 = 33.3% (met at 12%).
"""

from decimal import Decimal

import pytest

from participants.models import LabourMarketStatus
from participants.tests.factories import ParticipantFactory
from reports import outcomes
from reports.outcomes import Period
from reports.tests.factories import Reason, ReportProjectFactory, Status, d, participation
from reports.tests.test_pdf import one_line, pdf_pages, squeezed

pytestmark = pytest.mark.django_db

OUT, INACTIVE, WORKING = (
    LabourMarketStatus.REGISTERED_UNEMPLOYED,
    LabourMarketStatus.INACTIVE,
    LabourMarketStatus.EMPLOYED,
)


@pytest.fixture
def project():
    project = ReportProjectFactory(
        start_date=d("01.01.2025"),
        end_date=d("31.12.2025"),
        social_effectiveness_threshold=34,
        employment_effectiveness_threshold=22,
        social_effectiveness_threshold_disability=34,
        employment_effectiveness_threshold_disability=12,
    )
    rows = [
        ("P1", Status.COMPLETED, "", False, OUT, {"followup_employed": True}),
        ("P2", Status.COMPLETED, "", False, INACTIVE, {"followup_social_progress": True}),
        ("P3", Status.DROPPED_OUT, Reason.FOUND_JOB, False, OUT, {"followup_employed": True}),
        ("P4", Status.COMPLETED, "", False, WORKING, {}),
        ("P5", Status.COMPLETED, "", True, OUT, {"followup_employed": True}),
        ("P6", Status.COMPLETED, "", True, INACTIVE, {}),
        ("P7", Status.DROPPED_OUT, Reason.HEALTH, True, OUT, {}),
        ("P8", Status.COMPLETED, "", True, OUT, {"followup_social_progress": True}),
    ]
    for name, status, reason, group, at_entry, results in rows:
        participation(
            project,
            ParticipantFactory(last_name=name),
            status=status,
            qualified=d("10.01.2025"),
            started=d("15.01.2025"),
            ended=d("30.06.2025") if status == Status.COMPLETED else d("31.05.2025"),
            age=40,
            reason=reason,
            disability_group_at_start=group,
            labour_status_at_start=at_entry,
            followup_on=d("31.08.2025"),
            **results,
        )
    return project


def test_the_disability_group_is_measured_apart_against_its_own_thresholds(project):
    general, disability = outcomes.build(project, Period.of_project(project)).effectiveness

    assert (general.code, disability.code) == ("general", "disability")
    assert (general.social.people.value, general.social.base.value, general.social.rate) == (1, 4, Decimal("25.0"))
    assert (general.social.threshold, general.social.met) == (34, False)
    assert (general.employment.people.value, general.employment.base.value) == (2, 3)
    assert (general.employment.rate, general.employment.threshold, general.employment.met) == (
        Decimal("66.7"),
        22,
        True,
    )
    assert (disability.social.people.value, disability.social.base.value, disability.social.met) == (1, 3, False)
    assert (disability.employment.people.value, disability.employment.base.value) == (1, 3)
    assert (disability.employment.rate, disability.employment.threshold, disability.employment.met) == (
        Decimal("33.3"),
        12,
        True,
    )


def test_the_people_behind_each_group_are_listed(project):
    period = Period.of_project(project)

    def names(key, group):
        return {p.participant.last_name for p in outcomes.people(project, period, key, group)}

    assert names("effectiveness_base", "general") == {"P1", "P2", "P3", "P4"}
    assert names("employment_base", "general") == {"P1", "P2", "P3"}
    assert names("effective_employment", "disability") == {"P5"}
    assert names("effectiveness_base", "disability") == {"P5", "P6", "P8"}


def test_the_method_and_both_groups_are_on_the_page_and_in_the_pdf(client, manager, project, tmp_path):
    client.force_login(manager)

    page = one_line(client.get(f"/reports/projects/{project.pk}/").content.decode())
    pdf = squeezed("".join(pdf_pages(client.get(f"/reports/projects/{project.pk}/pdf/").content, tmp_path)))

    # The page in the browser's language of the tests, the PDF always in Polish.
    assert "those who left early because they took up a job" in page
    assert "an intellectual disability or multiple disabilities" in page and "everyone else" in page
    assert "33.3%" in page and "66.7%" in page
    assert squeezed("przerwali udział z powodu podjęcia pracy") in pdf
    assert squeezed("z niepełnosprawnością intelektualną lub sprzężoną") in pdf
    assert squeezed("pozostali uczestnicy") in pdf
    assert "33,3%" in pdf and "66,7%" in pdf
