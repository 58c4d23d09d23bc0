"""Demo participants (used by ``manage.py seed_demo``): invented people living around the demo sites.

Every person is generated from the shared random generator whatever is already in the database,
so the same people come out on every run; those already registered (by PESEL, or by first name,
surname and date of birth for people without one) are left as they are, so a second run creates
nothing. Names are common Polish names combined at random; phone numbers are random, e-mail
addresses are at example.pl.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.data import organisation
from demo.data.people import (
    BIRTH_YEARS,
    CARE_NOTES_ADULT,
    CARE_NOTES_CHILD,
    CHILD_NAMES,
    EXTRA_RISK_FACTORS,
    FEMALE_NAMES,
    FOREIGN_NAMES,
    FOREIGN_SURNAMES,
    GENERIC_NOTES,
    IMAGE_CONSENT_SCOPE,
    KNUROW_AREA,
    LAST_CHILD_BORN,
    LOCAL_SURNAMES,
    MALE_NAMES,
    MOBILE_PREFIXES,
    NO_PESEL_EVERY,
    NO_PESEL_REASONS,
    OTHER_RISK_FACTORS,
    REGISTERED_DAYS,
    REGISTERED_FROM,
    SITES,
    SURNAMES,
)
from kis.models import Location
from participants import pesel as pesel_rules
from participants.models import (
    AreaType,
    CitizenshipGroup,
    Consent,
    DisabilityDegree,
    Education,
    HouseholdMember,
    LabourMarketStatus,
    LabourStatusDetail,
    Participant,
    ParticipantStatus,
    RiskFactor,
    Sex,
    YesNoRefused,
)


def surname_for(masculine: str, sex: str) -> str:
    """The surname in the form for the given sex: Kowalski → Kowalska, Czarny → Czarna, Nowak → Nowak."""
    if sex == Sex.FEMALE and masculine.endswith(("ski", "cki", "dzki", "ny")):
        return masculine[:-1] + "a"
    return masculine


_ASCII = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def _ascii(text: str) -> str:
    return text.translate(_ASCII).lower().replace(" ", "").replace("-", "")


@dataclass
class DemoPerson:
    participant: Participant
    location_name: str
    worker_username: str
    risk_codes: list[str]
    household: list[HouseholdMember] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)

    @property
    def key(self):
        p = self.participant
        return p.pesel or (p.first_name, p.last_name, p.date_of_birth)


def _weighted(rng: random.Random, items):
    """Pick from (value, weight) pairs."""
    values, weights = zip(*items, strict=True)
    return rng.choices(values, weights=weights)[0]


def _random_day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def make_pesel(born: datetime.date, sex: str, serial: int) -> str:
    """A valid PESEL for the date and sex; ``serial`` (0–4999) tells apart people born the same day."""
    offset = {1900: 0, 2000: 20}[born.year // 100 * 100]
    sex_digit = (serial % 5) * 2 + (0 if sex == Sex.FEMALE else 1)
    first_ten = f"{born.year % 100:02d}{born.month + offset:02d}{born.day:02d}{serial // 5 % 1000:03d}{sex_digit}"
    return first_ten + str(pesel_rules.check_digit(first_ten))


def generate(rng: random.Random, count: int, today: datetime.date) -> list[DemoPerson]:
    """The demo people, the same ones for the same generator state whatever the database holds."""
    people: list[DemoPerson] = []
    keys: set = set()
    site_choices = [(name, site.weight) for name, site in SITES.items()]
    while len(people) < count:
        person = _person(rng, len(people), site_choices, today)
        if person.key in keys:  # practically never; draw another person
            continue
        keys.add(person.key)
        people.append(person)
    return people


def _person(rng: random.Random, index: int, site_choices, today: datetime.date) -> DemoPerson:
    location_name = _weighted(rng, site_choices)
    site = SITES[location_name]
    worker = _weighted(rng, site.workers)
    place = _weighted(rng, [(place, place.weight) for place in site.places])
    sex = Sex.FEMALE if rng.random() < 0.55 else Sex.MALE
    first_year, last_year, _weight = _weighted(rng, [(span, span[2]) for span in BIRTH_YEARS])
    born = _random_day(rng, datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31))
    registered = min(REGISTERED_FROM + datetime.timedelta(days=rng.randint(0, REGISTERED_DAYS)), today)
    age = registered.year - born.year - ((registered.month, registered.day) < (born.month, born.day))

    # Identity: about 3% have no PESEL, mostly foreigners.
    no_pesel = index % NO_PESEL_EVERY == NO_PESEL_EVERY // 2
    foreign = no_pesel and rng.random() < 0.8
    p = Participant(date_of_birth=born, sex=sex, registered_on=registered, citizenship="polskie")
    if foreign:
        p.first_name = rng.choice(FOREIGN_NAMES[sex])
        family_name = rng.choice(FOREIGN_SURNAMES)
        p.citizenship, p.citizenship_group = "ukraińskie", CitizenshipGroup.NON_EU
        p.foreign_origin = p.third_country_national = YesNoRefused.YES
        p.no_pesel_reason = rng.choice(
            [NO_PESEL_REASONS["foreign"], NO_PESEL_REASONS["applied_f" if sex == Sex.FEMALE else "applied_m"]]
        )
    else:
        generation = 0 if born.year < 1975 else 1 if born.year < 1990 else 2
        p.first_name = rng.choice((FEMALE_NAMES if sex == Sex.FEMALE else MALE_NAMES)[generation])
        family_name = rng.choice(LOCAL_SURNAMES[site.places] if rng.random() < 0.2 else SURNAMES)
        # A Polish citizen who answers "yes" belongs to a minority (e.g. the Roma community).
        p.minority = _weighted(rng, [(YesNoRefused.NO, 95), (YesNoRefused.YES, 2), (YesNoRefused.REFUSED, 3)])
        if p.minority == YesNoRefused.REFUSED:
            p.foreign_origin = YesNoRefused.REFUSED
        if no_pesel:
            p.no_pesel_reason = NO_PESEL_REASONS["homeless"]
        else:
            p.pesel = make_pesel(born, sex, rng.randint(0, 4999))
    p.last_name = surname_for(family_name, sex)

    # Situation
    if age >= 62:
        status_weights = [(LabourMarketStatus.INACTIVE, 70), (LONG_TERM, 20)]
    elif age < 22:
        status_weights = [(LabourMarketStatus.UNREGISTERED_UNEMPLOYED, 40), (LabourMarketStatus.INACTIVE, 30)]
        status_weights.append((LabourMarketStatus.REGISTERED_UNEMPLOYED, 30))
    else:
        status_weights = [
            (LONG_TERM, 35),
            (LabourMarketStatus.REGISTERED_UNEMPLOYED, 20),
            (LabourMarketStatus.UNREGISTERED_UNEMPLOYED, 15),
            (LabourMarketStatus.INACTIVE, 24),
            (LabourMarketStatus.EMPLOYED, 6),
        ]
    p.labour_market_status = _weighted(rng, status_weights)
    long_term = p.labour_market_status == LONG_TERM
    if long_term:  # registered, unemployed for over a year by the dates
        p.labour_market_status = LabourMarketStatus.REGISTERED_UNEMPLOYED
    unemployed_days = {
        LONG_TERM: (400, 3000),
        LabourMarketStatus.REGISTERED_UNEMPLOYED: (30, 330),
        LabourMarketStatus.UNREGISTERED_UNEMPLOYED: (60, 900),
    }.get(LONG_TERM if long_term else p.labour_market_status)
    if unemployed_days:
        since = registered - datetime.timedelta(days=rng.randint(*unemployed_days))
        p.unemployed_since = max(since, _years_after(born, 18))
    _labour_detail(p, index, age)
    education_weights = [(Education.ISCED1, 10), (Education.ISCED2, 30), (Education.ISCED3, 38), (Education.ISCED4, 10)]
    if age >= 22:
        education_weights += [(Education.ISCED6, 6), (Education.ISCED7, 4), (Education.ISCED0, 1), (None, 1)]
    p.education = _weighted(rng, education_weights)
    p.disability = _weighted(
        rng,
        [
            (DisabilityDegree.NONE, 78),
            (DisabilityDegree.LIGHT, 7),
            (DisabilityDegree.MODERATE, 8),
            (DisabilityDegree.SIGNIFICANT, 3),
            (DisabilityDegree.UNCERTIFIED, 2),
            (DisabilityDegree.REFUSED, 2),
        ],
    )
    if p.disability in (DisabilityDegree.LIGHT, DisabilityDegree.MODERATE, DisabilityDegree.SIGNIFICANT):
        issued = rng.randint(2012, 2025)
        number = f"PZON.4130.{rng.randint(1, 2500)}.{issued}"
        if rng.random() < 0.3:
            valid = "bezterminowo"
        else:
            valid = f"ważne do {rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{issued + rng.choice((3, 5, 7))}"
        p.disability_certificate = f"{number}, {valid}"

    # Address: a shelter's address for homeless people, otherwise a flat in town or a house in a village.
    homeless = no_pesel and not foreign
    if homeless or rng.random() < 0.03:
        homeless = True
        location = next(loc for loc in organisation.LOCATIONS if loc.name == location_name)
        p.street, p.house_number = location.street.rsplit(" ", 1)
        p.postal_code, p.town = location.postal_code, location.town
        place = site.places[0]
    else:
        p.street = rng.choice(place.streets)
        p.postal_code = rng.choice(place.postal_codes)
        p.town = place.town
        if place.area_type == AreaType.RURAL:
            p.house_number = str(rng.randint(1, 240))
        else:
            p.house_number = str(rng.randint(1, 120)) + ("A" if rng.random() < 0.05 else "")
            if rng.random() < 0.7:
                p.flat_number = str(rng.randint(1, 80))
    p.commune, p.county, p.voivodeship, p.area_type = place.commune, place.county, place.voivodeship, place.area_type

    # Contact
    if rng.random() < 0.8:
        p.phone = (
            f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 9)} {rng.randint(0, 999):03d} {rng.randint(0, 999):03d}"
        )
    if rng.random() < 0.25:
        p.email = f"{_ascii(p.first_name)}.{_ascii(p.last_name)}{rng.randint(1, 99)}@example.pl"

    # Household: spouse, children (young ones need care), sometimes a dependent adult.
    household: list[HouseholdMember] = []
    has_spouse = 22 <= age < 75 and not homeless and rng.random() < 0.35
    if has_spouse:
        spouse_sex = Sex.MALE if sex == Sex.FEMALE else Sex.FEMALE
        spouse_born = born + datetime.timedelta(days=rng.randint(-6 * 365, 6 * 365))
        generation = 0 if spouse_born.year < 1975 else 1 if spouse_born.year < 1990 else 2
        household.append(
            HouseholdMember(
                first_name=rng.choice(
                    FOREIGN_NAMES[spouse_sex]
                    if foreign
                    else (FEMALE_NAMES if spouse_sex == Sex.FEMALE else MALE_NAMES)[generation]
                ),
                last_name=surname_for(family_name, spouse_sex),
                relationship=HouseholdMember.Relationship.SPOUSE,
                date_of_birth=min(spouse_born, _years_after(registered, -18)),
            )
        )
    children = 0
    if 20 <= age < 52 and not homeless and rng.random() < 0.5:
        child_born = _random_day(rng, datetime.date(min(max(born.year + 19, 2004), 2023), 1, 1), LAST_CHILD_BORN)
        names = set()
        for _child in range(rng.choice((1, 1, 2, 2, 3))):
            if child_born > LAST_CHILD_BORN:
                break
            child_sex = rng.choice((Sex.FEMALE, Sex.MALE))
            name = rng.choice([name for name in CHILD_NAMES[child_sex] if name not in names])
            names.add(name)
            needs_care = child_born.year >= 2014
            household.append(
                HouseholdMember(
                    first_name=name,
                    last_name=surname_for(family_name, child_sex),
                    relationship=HouseholdMember.Relationship.CHILD,
                    date_of_birth=child_born,
                    needs_care=needs_care,
                    care_notes=_care_note(rng.choice(CARE_NOTES_CHILD), location_name) if needs_care else "",
                )
            )
            children += 1
            child_born += datetime.timedelta(days=rng.randint(400, 2200))  # the next one, if any
    if age >= 40 and born.year >= 1965 and not homeless and rng.random() < 0.1:
        parent_sex = rng.choice((Sex.FEMALE, Sex.MALE))
        household.append(
            HouseholdMember(
                first_name=rng.choice((FEMALE_NAMES if parent_sex == Sex.FEMALE else MALE_NAMES)[0]),
                last_name=surname_for(family_name if sex == Sex.MALE else rng.choice(SURNAMES), parent_sex),
                relationship=HouseholdMember.Relationship.PARENT,
                date_of_birth=born - datetime.timedelta(days=rng.randint(20 * 365, 30 * 365)),
                needs_care=True,
                care_notes=rng.choice(CARE_NOTES_ADULT),
            )
        )

    # Exclusion-risk factors: those that follow from the situation, then up to 1–3 in all.
    risk_codes = []
    if p.labour_market_status in (
        LabourMarketStatus.REGISTERED_UNEMPLOYED,
        LabourMarketStatus.UNREGISTERED_UNEMPLOYED,
    ):
        risk_codes.append("unemployment")
    if p.disability in (DisabilityDegree.LIGHT, DisabilityDegree.MODERATE, DisabilityDegree.SIGNIFICANT):
        risk_codes.append("disability")
    if foreign:
        risk_codes.append("migrant-minority")
    if homeless:
        risk_codes.append("homelessness")
    wanted = rng.choice((1, 2, 2, 2, 3))
    extras = [
        (code, weight)
        for code, weight in EXTRA_RISK_FACTORS
        if code != "homelessness"
        and (code not in ("parenting", "single-adult-household") or children)
        and (code != "single-adult-household" or not has_spouse)
    ]
    while len(risk_codes) < wanted:
        code = _weighted(rng, extras)
        if code not in risk_codes:
            risk_codes.append(code)
    risk_codes = risk_codes[:3]
    if "other" in risk_codes:
        p.other_risk_factor = rng.choice(OTHER_RISK_FACTORS)

    # Case
    p.status = _weighted(
        rng,
        [
            (ParticipantStatus.ACTIVE, 55),
            (ParticipantStatus.CANDIDATE, 20),
            (ParticipantStatus.INACTIVE, 10),
            (ParticipantStatus.CLOSED, 15),
        ],
    )
    consents = []
    if p.status != ParticipantStatus.CANDIDATE or rng.random() < 0.5:
        # Given the information clause at intake; some agree to their photos being published too.
        p.information_given_on = registered
        if rng.random() < 0.45:
            consents.append(Consent(purpose=Consent.Purpose.IMAGE, scope=IMAGE_CONSENT_SCOPE, given_on=registered))
    p.confidential_notes = _confidential_notes(rng, risk_codes, sex, registered)

    return DemoPerson(p, location_name, worker, risk_codes, household, consents)


def _care_note(note: str, location_name: str) -> str:
    if note.startswith("zajęcia dla dzieci") and SITES[location_name].places is KNUROW_AREA:
        return "zajęcia w Klubie Dziecka i Rodziny w czasie warsztatów rodzica"
    return note


def _confidential_notes(rng: random.Random, risk_codes: list[str], sex: str, registered: datetime.date) -> str:
    female = sex == Sex.FEMALE
    notes = []
    if "domestic-violence" in risk_codes and rng.random() < 0.6:
        notes.append(
            f"Procedura „Niebieska Karta” wszczęta w {registered.year - rng.randint(0, 2)} r.; "
            "nie udzielać informacji o miejscu pobytu osobom trzecim."
        )
    if "alcohol-addiction" in risk_codes and rng.random() < 0.5:
        notes.append(
            "Uzależnienie od alkoholu – terapia w poradni leczenia uzależnień, "
            f"abstynencja od {rng.randint(3, 18)} miesięcy."
        )
    if "leaving-prison" in risk_codes and rng.random() < 0.6:
        left = registered.year - rng.randint(0, 2)
        notes.append(f"{'Opuściła' if female else 'Opuścił'} zakład karny w {left} r.; dozór kuratora do {left + 2} r.")
    if "homelessness" in risk_codes and rng.random() < 0.6:
        notes.append("Mieszka w schronisku dla osób bezdomnych; indywidualny program wychodzenia z bezdomności.")
    if not notes and rng.random() < 0.03:
        notes.append(rng.choice(GENERIC_NOTES))
    return "\n".join(notes)


def seed(*, stdout, rng: random.Random, participants: int = 300, **options) -> None:
    today = timezone.localdate()
    people = generate(rng, participants, today)

    locations = {location.name: location for location in Location.objects.filter(name__in=SITES)}
    workers = {
        user.username: user for user in get_user_model().objects.filter(username__in=organisation.SOCIAL_WORKERS)
    }
    missing = (SITES.keys() - locations.keys()) | (set(organisation.SOCIAL_WORKERS) - workers.keys())
    if missing:
        raise RuntimeError(f"Demo locations or users missing ({', '.join(sorted(missing))}): run kis.demo first.")
    risk_factors = {factor.code: factor for factor in RiskFactor.objects.all()}

    # Leave alone whoever is registered already (by PESEL, or by name and date of birth).
    pesels = [person.participant.pesel for person in people if person.participant.pesel]
    existing = set()
    for start in range(0, len(pesels), 500):
        chunk = pesels[start : start + 500]
        existing.update(Participant.objects.filter(pesel__in=chunk).values_list("pesel", flat=True))
    existing.update(
        Participant.objects.filter(pesel__isnull=True).values_list("first_name", "last_name", "date_of_birth")
    )
    new_people = [person for person in people if person.key not in existing]

    for person in new_people:
        p = person.participant
        p.location = locations[person.location_name]
        p.social_worker = p.created_by = workers[person.worker_username]
        # The field rules and clean() (PESEL, its date of birth and sex); the site, the worker and
        # the uniqueness were settled above and are checked by the database on insert.
        p.full_clean(
            exclude=["location", "social_worker", "created_by"], validate_unique=False, validate_constraints=False
        )
    Participant.objects.bulk_create([person.participant for person in new_people], batch_size=500)

    Link = Participant.risk_factors.through
    links = [
        Link(participant_id=person.participant.pk, riskfactor_id=risk_factors[code].pk)
        for person in new_people
        for code in person.risk_codes
        if code in risk_factors
    ]
    Link.objects.bulk_create(links, batch_size=500)
    members = []
    for person in new_people:
        for member in person.household:
            member.participant = person.participant
            member.full_clean(exclude=["participant"])
            members.append(member)
    HouseholdMember.objects.bulk_create(members, batch_size=500)
    consents = []
    for person in new_people:
        for consent in person.consents:
            consent.participant = person.participant
            consent.recorded_by = person.participant.social_worker
            consent.full_clean(exclude=["participant", "recorded_by"])
            consents.append(consent)
    Consent.objects.bulk_create(consents, batch_size=500)

    stdout.write(
        f"participants: {len(people)} in the demo ({len(new_people)} new), "
        f"{len(members)} new household members, {len(links)} new risk-factor links, {len(consents)} new consents"
    )


# What the employed do and where (the ESF sheet's occupation and employer), chosen by the index so
# the random draws of the rest of the demo stay the same.
LONG_TERM = "long_term"  # drawn as a status, recorded as registered with a long spell

JOBS = [
    ("pracownik gospodarczy", "Przedsiębiorstwo Usług Komunalnych sp. z o.o.", LabourStatusDetail.SME),
    ("sprzedawca", "Sklep Spożywczy „Pod Lipami” s.c.", LabourStatusDetail.SME),
    ("opiekunka osoby starszej", "Stowarzyszenie Pomocy Wzajemnej „Razem”", LabourStatusDetail.NGO),
    ("pomocnik kucharza", None, LabourStatusDetail.SELF_EMPLOYED),
]


def _labour_detail(p: Participant, index: int, age: int) -> None:
    if p.labour_market_status == LabourMarketStatus.EMPLOYED:
        p.occupation, employer, p.labour_status_detail = JOBS[index % len(JOBS)]
        p.employer = employer or "działalność gospodarcza na własny rachunek"
    elif p.labour_market_status == LabourMarketStatus.INACTIVE:
        p.labour_status_detail = (
            LabourStatusDetail.LEARNING if age < 25 and index % 2 else LabourStatusDetail.NOT_IN_EDUCATION
        )
