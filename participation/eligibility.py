"""Eligibility for a KIS: the statutory categories and exclusions (Social Employment Act art. 1)
and the project's own criteria, checked against the person's data where the data can tell.

The system shows why a person seems eligible or not; a person decides.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from participants.models import (
    DisabilityDegree,
    Participant,
)
from projects.models import ProjectCriterion

# Art. 1 ust. 2 (open list): code -> label
CATEGORIES = {
    "homeless": _("homeless, on an individual programme of leaving homelessness"),
    "alcohol": _("addicted to alcohol"),
    "drugs": _("addicted to drugs or other substances"),
    "mental": _("with mental disorders"),
    "long_term_unemployed": _("long-term unemployed"),
    "prison": _("released from prison, with difficulty integrating"),
    "refugee": _("refugee on an individual integration programme"),
    "disability": _("person with disabilities"),
    "other": _("other person at risk of social exclusion"),
}

# Art. 1 ust. 3: entitlements that exclude a person from a KIS. A disability pension does not (ust. 3a).
EXCLUSIONS = {
    "unemployment_benefit": _("unemployment benefit"),
    "pre_retirement": _("pre-retirement allowance or benefit"),
    "structural_pension": _("structural pension"),
    "old_age_pension": _("old-age pension"),
    "teachers_benefit": _("teachers' compensatory benefit"),
}


@dataclass
class Check:
    """One line of the eligibility check: met True/False, or None when a person must check."""

    label: str
    met: bool | None
    detail: str = ""


def suggested_categories(participant: Participant, on: datetime.date) -> dict[str, str]:
    """Categories the person's data points to, with the reason (uses prefetched risk factors)."""
    codes = {rf.code for rf in participant.risk_factors.all()}
    found = {}
    if "homelessness" in codes:
        found["homeless"] = str(_("risk factor: homelessness"))
    if "alcohol-addiction" in codes:
        found["alcohol"] = str(_("risk factor: addiction to alcohol"))
    if "drug-addiction" in codes:
        found["drugs"] = str(_("risk factor: addiction to drugs"))
    if "leaving-prison" in codes:
        found["prison"] = str(_("risk factor: leaving prison"))
    # The Act's long-term unemployed are those of the labour office: registered, over 12 months.
    if participant.long_term_unemployment_on(on)[1]:
        found["long_term_unemployed"] = str(_("labour-market status"))
    if participant.disability in (
        DisabilityDegree.LIGHT,
        DisabilityDegree.MODERATE,
        DisabilityDegree.SIGNIFICANT,
        DisabilityDegree.UNCERTIFIED,
    ):
        found["disability"] = str(_("disability recorded"))
    if "refugee-programme" in codes:
        found["refugee"] = str(_("risk factor: refugee on an individual integration programme"))
    if not found and codes:
        found["other"] = str(_("other exclusion-risk factors recorded"))
    return found


def check_criterion(criterion: ProjectCriterion, participant: Participant, on: datetime.date) -> Check:
    values = [v.lower() for v in criterion.values]
    kind = ProjectCriterion.Kind
    if criterion.kind == kind.TOWN:
        met = participant.town.lower() in values
        return Check(criterion.description, met, participant.town)
    if criterion.kind == kind.COMMUNE:
        met = participant.commune.lower() in values
        return Check(criterion.description, met, participant.commune)
    if criterion.kind == kind.STREET:
        street = participant.street.lower()
        met = bool(street) and any(value in street for value in values)
        return Check(criterion.description, met, participant.address)
    if criterion.kind == kind.RISK_FACTOR:
        factors = list(participant.risk_factors.all())
        met = bool({rf.code for rf in factors} & set(values))
        return Check(criterion.description, met, ", ".join(rf.name for rf in factors) or "—")
    if criterion.kind in (kind.MIN_AGE, kind.MAX_AGE):
        try:
            limit = int(values[0])
        except (IndexError, ValueError):
            return Check(criterion.description, None, str(_("the limit is not a number")))
        age = participant.age_on(on)
        met = age >= limit if criterion.kind == kind.MIN_AGE else age <= limit
        return Check(criterion.description, met, str(_("age %(age)s") % {"age": age}))
    return Check(criterion.description, None, str(_("check by hand")))


def project_checks(participant: Participant, criteria, on: datetime.date) -> list[Check]:
    return [check_criterion(criterion, participant, on) for criterion in criteria]
