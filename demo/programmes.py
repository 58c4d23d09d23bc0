"""Demo municipal programmes (used by ``manage.py seed_demo``): the city's programmes of socially
useful work, leaving homelessness, alcohol problems and the Niebieska Karta procedure at the
Bielsko-Biała support point (DESIGN §1), with some of the people of that site linked to them by
their social worker, through the services, each link on the day it began and ended.

Its choices come from a generator of its own, so the rest of the demo is the same with or without
it. Idempotent: programmes are keyed by name, a person's link by programme.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.data import organisation
from kis.models import Location
from participants.models import LabourMarketStatus, Participant
from programmes.models import Programme, ProgrammeKind, ProgrammeLink
from programmes.services import programme_create, programme_link_add, programme_link_end

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class DemoProgramme:
    name: str
    kind: str
    description: str
    people: int  # how many of the site's people take part
    risk_factor: str = ""  # those with it are chosen first
    unemployed: bool = False  # only the unemployed take part


PROGRAMMES = [
    DemoProgramme(
        "Prace społecznie użyteczne – Bielsko-Biała",
        ProgrammeKind.USEFUL_WORK,
        "Gmina Bielsko-Biała z Powiatowym Urzędem Pracy w Bielsku-Białej: prace na rzecz miasta dla osób "
        "bezrobotnych bez prawa do zasiłku.",
        6,
        unemployed=True,
    ),
    DemoProgramme(
        "Bielski program wychodzenia z bezdomności",
        ProgrammeKind.HOMELESSNESS,
        "Indywidualne programy wychodzenia z bezdomności realizowane przez MOPS z noclegownią i schroniskiem.",
        3,
        risk_factor="homelessness",
    ),
    DemoProgramme(
        "Miejski Program Profilaktyki i Rozwiązywania Problemów Alkoholowych w Bielsku-Białej",
        ProgrammeKind.ALCOHOL,
        "Miejska Komisja Rozwiązywania Problemów Alkoholowych; terapia w poradni leczenia uzależnień.",
        4,
        risk_factor="alcohol-addiction",
    ),
    DemoProgramme(
        "Procedura „Niebieskie Karty” – Bielsko-Biała",
        ProgrammeKind.NIEBIESKA_KARTA,
        "Zespół interdyscyplinarny i grupy diagnostyczno-pomocowe.",
        2,
        risk_factor="domestic-violence",
    ),
]
NOTES = {
    ProgrammeKind.USEFUL_WORK: "Skierowanie z PUP; prace porządkowe w zieleni miejskiej.",
    ProgrammeKind.HOMELESSNESS: "Pobyt w schronisku; poszukiwanie mieszkania treningowego.",
    ProgrammeKind.ALCOHOL: "Terapia w poradni leczenia uzależnień, grupa wsparcia.",
    ProgrammeKind.NIEBIESKA_KARTA: "Procedura wszczęta; plan pomocy ustalony przez grupę diagnostyczno-pomocową.",
}


def candidates(spec: DemoProgramme, people: list[Participant]) -> list[Participant]:
    """The site's people who fit the programme: with its risk factor first, then the others."""
    if spec.unemployed:
        people = [p for p in people if p.labour_market_status == LabourMarketStatus.REGISTERED_UNEMPLOYED]
    marked = [p for p in people if spec.risk_factor in {rf.code for rf in p.risk_factors.all()}]
    return marked + [p for p in people if p not in marked]


def seed(*, stdout, rng: random.Random, **options) -> None:
    # Its own generator: the shared one must draw the same numbers with or without this module.
    rng = random.Random("programmes")
    today = timezone.localdate()
    coordinator = get_user_model().objects.get(username="coordinator")
    site = Location.objects.get(name=organisation.PUNKT_BIELSKO)
    people = list(
        Participant.objects.filter(location=site)
        .select_related("social_worker")
        .prefetch_related("risk_factors")
        .order_by("pk")
    )
    existing = {programme.name: programme for programme in Programme.objects.filter(location=site)}
    linked = set(ProgrammeLink.objects.values_list("programme_id", "participant_id"))
    new_programmes = new_links = 0

    for spec in PROGRAMMES:
        programme = existing.get(spec.name)
        if programme is None:
            programme = programme_create(
                user=coordinator, name=spec.name, kind=spec.kind, location=site, description=spec.description
            )
            new_programmes += 1
        for number, person in enumerate(candidates(spec, people)[: spec.people], start=1):
            # Every draw is made whether or not the link exists, so a second run draws the same.
            started = min(person.registered_on + DAY * rng.randint(7, 90), today)
            ends = rng.random() < 0.4
            ended = started + DAY * rng.randint(60, 240)
            if (programme.pk, person.pk) in linked:
                continue
            worker = person.social_worker
            individual = {}
            if programme.has_individual_programme:
                individual = {"ipwb_number": f"IPWB/{number}/{started.year}", "ipwb_date": started + DAY * 14}
                if individual["ipwb_date"] > today:
                    individual = {"ipwb_number": individual["ipwb_number"]}
            link = programme_link_add(
                user=worker,
                participant=person,
                programme=programme,
                worker=worker,
                started_on=started,
                note=NOTES[spec.kind],
                **individual,
            )
            if ends and ended <= today:
                programme_link_end(
                    link_id=link.pk, user=worker, version=link.version, ended_on=ended, reason="Zakończenie udziału."
                )
            new_links += 1
    stdout.write(f"Municipal programmes: {new_programmes} new, {new_links} new links of people at {site.name}.")
