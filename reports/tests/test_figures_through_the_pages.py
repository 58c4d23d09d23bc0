"""The guidelines' figures, with every path recorded through the pages a social worker uses, read
back from the report in HTML and in the PDF. The answers are worked out by hand from
DOMAIN-REFERENCE (thresholds: social 34%, employment 22%); everyone was registered unemployed at
entry; each path starts 90 days ago with an opening meeting (the first support) and ends 30 days ago.

== =================================== ================================ ==========================
   path                                situation on leaving             follow-up within 3 months
== =================================== ================================ ==========================
A  completed                           employed                         employment contract, 40 h
B  completed                           social progress                  more motivation
C  completed                           certified qualification (ECDL)   education; civil-law,
                                                                        minimum wage, 6 months
D  dropped out: took up a job          employed                         self-employment
E  completed                           qualification, not certified     —
F  dropped out (resigned) 115–110 days
   ago, re-joined, completed           other                            —
== =================================== ================================ ==========================

Recruited A–F = 6 (F once); completed A B C E F = 5; dropped out D = 1 (F's first episode is not
his outcome). A qualification counts for C only. Effectiveness base: the five who completed and D,
who left for a job = 6; social B C = 2/6 = 33.3% (not met); employment A C D = 3/6 = 50.0% (met).
"""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from contracts.tests.helpers import signed_contract
from participants.models import LabourMarketStatus
from participants.tests.factories import ParticipantFactory
from participation.models import ExitSituation, ProjectParticipation
from participation.tests.factories import ParticipationProjectFactory
from reports.tests.test_pdf import pdf_pages, squeezed

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def ago(days: int) -> str:
    return (datetime.date.today() - DAY * days).strftime("%d.%m.%Y")


class Worker:
    """The social worker's pages, in the order they are used."""

    def __init__(self, client, project):
        self.client, self.project = client, project

    def post(self, url, data):
        response = self.client.post(url, data)
        assert response.status_code == 302, (url, response.context and response.context["form"].errors)
        return response

    def recruit(self, person, *, applied: int) -> ProjectParticipation:
        self.post(
            "/activities/participations/new/",
            {"participant": person.pk, "project": self.project.pk, "applied_on": ago(applied)},
        )
        return ProjectParticipation.objects.filter(participant=person, project=self.project).latest("episode")

    def start(self, p, *, on: int) -> None:
        base = f"/activities/participations/{p.pk}/"
        self.post(
            base + "decide/",
            {"decision": "qualified", "decided_on": ago(on + 3), "categories": ["long_term_unemployed"]},
        )
        self.post(base + "start/", {"start_date": ago(on)})
        self.post(
            f"/activities/support/new/?participant={p.participant_id}",
            {
                "kind": "social_worker",
                "date": ago(on),
                "specialist": "Anna Nowak",
                "hours": "1.5",
                "project": self.project.pk,
            },
        )

    def complete(self, p, exit_code, **exit_data) -> None:
        self.post(
            f"/activities/participations/{p.pk}/complete/",
            {"end_date": ago(30), "completed_as_planned": "yes", "exit_situation": exit_id(exit_code), **exit_data},
        )

    def drop_out(self, p, reason, exit_code="", *, on: int = 30) -> None:
        data = {"end_date": ago(on), "reason": reason}
        if exit_code:
            data["exit_situation"] = exit_id(exit_code)
        self.post(f"/activities/participations/{p.pk}/drop-out/", data)

    def follow_up(self, p, **data) -> None:
        self.post(f"/activities/participations/{p.pk}/follow-up/", {"followup_on": ago(5), **data})


def exit_id(code: str) -> int:
    return ExitSituation.objects.get(code=code).pk


@pytest.fixture
def project(client, social_worker):
    project = ParticipationProjectFactory(social_effectiveness_threshold=34, employment_effectiveness_threshold=22)
    client.force_login(social_worker)
    worker = Worker(client, project)
    people = {}
    for letter in "ABCDEF":
        person = ParticipantFactory(
            social_worker=social_worker,
            last_name=f"Osoba{letter}",
            labour_market_status=LabourMarketStatus.REGISTERED_UNEMPLOYED,
        )
        signed_contract(
            participant=person,
            period_start=datetime.date.today() - DAY * 150,
            period_end=datetime.date.today() + DAY * 100,
        )
        people[letter] = person
    paths = {}
    for letter, person in people.items():
        if letter == "F":
            first = worker.recruit(person, applied=125)
            worker.start(first, on=115)
            worker.drop_out(first, "resigned", on=110)
        paths[letter] = worker.recruit(person, applied=100)
        worker.start(paths[letter], on=90)

    worker.complete(paths["A"], "employed")
    worker.follow_up(
        paths["A"],
        employment_type="employment_contract",
        employment_start=ago(29),
        hours_per_week="40",
        evidence="kopia umowy o pracę",
    )
    worker.complete(paths["B"], "social-progress")
    worker.follow_up(paths["B"], social_progress=["motivation"])
    worker.complete(paths["C"], "qualification", qualification_certified="yes", qualification_body="ECDL Polska / PTI")
    worker.follow_up(
        paths["C"],
        social_progress=["education"],
        employment_type="civil_law",
        employment_start=ago(20),
        employment_end=(datetime.date.today() + DAY * 160).strftime("%d.%m.%Y"),
        minimum_wage="yes",
        evidence="kopia umowy zlecenia",
    )
    worker.drop_out(paths["D"], "found_job", "employed")
    worker.follow_up(paths["D"], employment_type="self_employment", employment_start=ago(29), evidence="wpis do CEIDG")
    worker.complete(paths["E"], "qualification", qualification_certified="no")
    worker.complete(paths["F"], "other")
    client.logout()
    return project


def test_the_report_gives_the_guidelines_answers_in_html_and_pdf(client, manager, project, tmp_path):
    client.force_login(manager)

    page = client.get(f"/reports/projects/{project.pk}/")
    report = page.context["report"]
    pdf = squeezed("".join(pdf_pages(client.get(f"/reports/projects/{project.pk}/pdf/").content, tmp_path)))

    assert {key: report.headline[key].value for key in ("recruited", "completed", "dropped_out")} == {
        "recruited": 6,
        "completed": 5,
        "dropped_out": 1,
    }
    results = {figure.filter_value: figure.value for _label, figure in report.exit_situations}
    assert results == {"employed": 2, "social-progress": 1, "qualification": 1, "other": 1}
    (everyone,) = report.effectiveness
    assert (everyone.social.people.value, everyone.social.base.value, str(everyone.social.rate)) == (2, 6, "33.3")
    assert everyone.social.met is False
    assert (everyone.employment.people.value, everyone.employment.base.value, str(everyone.employment.rate)) == (
        3,
        6,
        "50.0",
    )
    assert everyone.employment.met is True
    # The same figures in the PDF (Polish: a decimal comma).
    assert squeezed("6 zrekrutowanych / 5 ukończyło") in pdf
    assert "33,3%" in pdf and "50,0%" in pdf


def test_the_esf_sheet_of_the_project_reads_back_in_both_layouts(client, manager, project):
    """The sheet of the project built through the pages: one row a person (F re-joined: the
    second start), the start of the first support, the answer to "completed as planned"."""
    client.force_login(manager)
    base = f"/reports/projects/{project.pk}/participants"

    sl2014 = load_workbook(io.BytesIO(client.get(f"{base}.xlsx?layout=sl2014").content)).active
    lines = [["" if value is None else value for value in row] for row in sl2014.iter_rows(values_only=True)]
    cst2021 = list(csv.reader(io.StringIO(client.get(f"{base}.csv").content.decode("utf-8-sig")), delimiter=";"))

    started = ago(90)
    for header, rows in ((lines[1], lines[2:]), (cst2021[0], cst2021[1:])):
        # The last of a repeated title: the individual block's (SL2014 repeats the address block).
        column = {title: index for index, title in enumerate(header)}
        by_surname = {row[column["Nazwisko"]]: row for row in rows}
        assert sorted(by_surname) == [f"Osoba{letter}" for letter in "ABCDEF"]
        for row in rows:
            assert row[column["Data rozpoczęcia udziału w projekcie"]] == started
            status = row[column["Status osoby na rynku pracy w chwili przystąpienia do projektu"]]
            assert status == "osoba bezrobotna zarejestrowana w ewidencji urzędów pracy"
        planned = column["Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa"]
        assert {surname: row[planned] for surname, row in by_surname.items()} == {
            "OsobaA": "Tak",
            "OsobaB": "Tak",
            "OsobaC": "Tak",
            "OsobaD": "Nie",  # left early for a job
            "OsobaE": "Tak",
            "OsobaF": "Tak",
        }
    assert lines[2][0] == project.code
