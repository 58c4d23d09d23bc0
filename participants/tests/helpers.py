"""Helpers for tests that submit the participant form the way a browser would."""

from kis.tests.factories import LocationFactory


def with_check_digit(first_ten: str) -> str:
    """Append the PESEL check digit, computed here independently of participants.pesel."""
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    total = sum(int(digit) * weight for digit, weight in zip(first_ten, weights, strict=True))
    return first_ten + str((10 - total % 10) % 10)


def new_participant_data(*, household: list[dict] | None = None, **changes) -> dict:
    """A complete, valid registration POST (a man born 14.05.1944), with optional household members."""
    location = LocationFactory(name="KIS Śródmieście")
    data = {
        "first_name": "Jan",
        "last_name": "Kowalski",
        "pesel": "44051401359",
        "no_pesel_reason": "",
        "date_of_birth": "",
        "sex": "",
        "citizenship": "polskie",
        "street": "ul. Sobieskiego",
        "house_number": "12",
        "flat_number": "3",
        "postal_code": "84-200",
        "town": "Wejherowo",
        "commune": "Wejherowo",
        "county": "wejherowski",
        "voivodeship": "pomorskie",
        "area_type": "1",
        "phone": "",
        "email": "",
        "education": "",
        "labour_market_status": "",
        "unemployed_since": "",
        "disability": "none",
        "disability_certificate": "",
        "citizenship_group": "polish",
        "foreign_origin": "no",
        "third_country_national": "no",
        "minority": "no",
        "other_risk_factor": "",
        "status": "candidate",
        "location": str(location.pk),
        "registered_on": "2025-03-01",
        "information_given_on": "",
        "confidential_notes": "",
    }
    members = household or []
    data.update(
        {
            "household_members-TOTAL_FORMS": str(len(members)),
            "household_members-INITIAL_FORMS": "0",
            "household_members-MIN_NUM_FORMS": "0",
            "household_members-MAX_NUM_FORMS": "1000",
        }
    )
    for index, member in enumerate(members):
        for name, value in member.items():
            data[f"household_members-{index}-{name}"] = value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
