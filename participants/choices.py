"""The value lists of a person's record (labels translated; the ESF sheet maps them to its own wording)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sex(models.TextChoices):
    FEMALE = "K", _("woman")
    MALE = "M", _("man")


class Voivodeship(models.TextChoices):
    DOLNOSLASKIE = "dolnośląskie", "dolnośląskie"
    KUJAWSKO_POMORSKIE = "kujawsko-pomorskie", "kujawsko-pomorskie"
    LUBELSKIE = "lubelskie", "lubelskie"
    LUBUSKIE = "lubuskie", "lubuskie"
    LODZKIE = "łódzkie", "łódzkie"
    MALOPOLSKIE = "małopolskie", "małopolskie"
    MAZOWIECKIE = "mazowieckie", "mazowieckie"
    OPOLSKIE = "opolskie", "opolskie"
    PODKARPACKIE = "podkarpackie", "podkarpackie"
    PODLASKIE = "podlaskie", "podlaskie"
    POMORSKIE = "pomorskie", "pomorskie"
    SLASKIE = "śląskie", "śląskie"
    SWIETOKRZYSKIE = "świętokrzyskie", "świętokrzyskie"
    WARMINSKO_MAZURSKIE = "warmińsko-mazurskie", "warmińsko-mazurskie"
    WIELKOPOLSKIE = "wielkopolskie", "wielkopolskie"
    ZACHODNIOPOMORSKIE = "zachodniopomorskie", "zachodniopomorskie"


class AreaType(models.IntegerChoices):
    """Degree of urbanisation (DEGURBA) as the ESF sheet uses it."""

    CITY = 1, _("urban (cities)")
    INTERMEDIATE = 2, _("intermediate (towns and suburbs)")
    RURAL = 3, _("rural")


class Education(models.IntegerChoices):
    """Highest completed level, ISCED 2011 (mapped to the ESF bands on export)."""

    ISCED0 = 0, _("below primary (ISCED 0)")
    ISCED1 = 1, _("primary (ISCED 1)")
    ISCED2 = 2, _("lower secondary (ISCED 2)")
    ISCED3 = 3, _("upper secondary (ISCED 3)")
    ISCED4 = 4, _("post-secondary (ISCED 4)")
    ISCED5 = 5, _("short-cycle tertiary (ISCED 5)")
    ISCED6 = 6, _("bachelor's (ISCED 6)")
    ISCED7 = 7, _("master's (ISCED 7)")
    ISCED8 = 8, _("doctoral (ISCED 8)")


class LabourMarketStatus(models.TextChoices):
    REGISTERED_UNEMPLOYED = "registered_unemployed", _("registered unemployed")
    UNREGISTERED_UNEMPLOYED = "unregistered_unemployed", _("unregistered unemployed")
    INACTIVE = "inactive", _("economically inactive")
    EMPLOYED = "employed", _("employed")


class DisabilityDegree(models.TextChoices):
    NONE = "none", _("no disability")
    LIGHT = "light", _("light")
    MODERATE = "moderate", _("moderate")
    SIGNIFICANT = "significant", _("significant")
    UNCERTIFIED = "uncertified", _("disability without a certificate")
    REFUSED = "refused", _("refused to say")


class YesNoRefused(models.TextChoices):
    """The ESF sheet's answer to sensitive questions."""

    YES = "yes", _("yes")
    NO = "no", _("no")
    REFUSED = "refused", _("refused to say")


# Words that fit anyone, whatever their gender ("Patryk — aktywna" no more).
NEUTRAL = "status of a person in the registry, in neutral words"


class ParticipantStatus(models.TextChoices):
    CANDIDATE = "candidate", pgettext_lazy(NEUTRAL, "candidate")
    ACTIVE = "active", pgettext_lazy(NEUTRAL, "active")
    INACTIVE = "inactive", pgettext_lazy(NEUTRAL, "inactive")
    CLOSED = "closed", _("case closed")


class CitizenshipGroup(models.TextChoices):
    """Citizenship as the ESF 2021–2027 sheet asks it: a citizen of another EU state is of foreign
    origin but not a third-country national."""

    POLISH = "polish", _("Polish")
    EU = "eu", _("of another EU member state")
    NON_EU = "non_eu", _("of a country outside the EU")
    STATELESS = "stateless", _("stateless")


class LabourStatusDetail(models.TextChoices):
    """The ESF sheet's "W tym" under the labour-market status of the inactive and the employed (for
    the unemployed it is long-term unemployment, worked out from the dates)."""

    LEARNING = "learning", _("in education")
    NOT_IN_EDUCATION = "not_in_education", _("not in education or training")
    INACTIVE_OTHER = "inactive_other", _("other (economically inactive)")
    GOVERNMENT = "government", _("works in government administration")
    LOCAL_GOVERNMENT = "local_government", _("works in local government")
    SME = "sme", _("works in a micro, small or medium enterprise")
    NGO = "ngo", _("works in a non-governmental organisation")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    LARGE_ENTERPRISE = "large_enterprise", _("works in a large enterprise")
    EMPLOYED_OTHER = "employed_other", _("other (employed)")


# Which details belong to which status.
DETAILS_OF_STATUS = {
    LabourMarketStatus.INACTIVE: (
        LabourStatusDetail.LEARNING,
        LabourStatusDetail.NOT_IN_EDUCATION,
        LabourStatusDetail.INACTIVE_OTHER,
    ),
    LabourMarketStatus.EMPLOYED: (
        LabourStatusDetail.GOVERNMENT,
        LabourStatusDetail.LOCAL_GOVERNMENT,
        LabourStatusDetail.SME,
        LabourStatusDetail.NGO,
        LabourStatusDetail.SELF_EMPLOYED,
        LabourStatusDetail.LARGE_ENTERPRISE,
        LabourStatusDetail.EMPLOYED_OTHER,
    ),
}
UNEMPLOYED = (LabourMarketStatus.REGISTERED_UNEMPLOYED, LabourMarketStatus.UNREGISTERED_UNEMPLOYED)
