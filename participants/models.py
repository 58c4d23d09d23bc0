"""People supported by the club: identity, address, situation, consents, household, caseload."""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kis.bounds import search_text
from kis.collation import POLISH
from kis.figures import CountedInReports
from kis.locking import VersionedModel
from kis.models import Location
from participants import listing
from participants import pesel as pesel_rules
from participants.choices import (  # noqa: F401 (the value lists are read from here too)
    DETAILS_OF_STATUS,
    UNEMPLOYED,
    AreaType,
    CitizenshipGroup,
    DisabilityDegree,
    Education,
    LabourMarketStatus,
    LabourStatusDetail,
    ParticipantStatus,
    Sex,
    Voivodeship,
    YesNoRefused,
)
from participants.searchkey import SearchKeyed, SearchKeyQuerySet, name_matches

postal_code_validator = RegexValidator(r"^\d{2}-\d{3}$", _("Enter the postal code in the form NN-NNN, e.g. 84-200."))
phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{9,20}$", _("Enter a phone number of at least 9 digits, e.g. 501 234 567.")
)


def more_than_months(since: datetime.date, on: datetime.date, months: int) -> bool:
    """Whether ``on`` is more than ``months`` calendar months after ``since`` (the ESF and labour
    office count in months, not in days: 12 months can be 365 or 366 days)."""
    index = since.month - 1 + months
    year, month = since.year + index // 12, index % 12 + 1
    return on > since.replace(year=year, month=month, day=min(since.day, calendar.monthrange(year, month)[1]))


class RiskFactor(models.Model):
    """A reason the person is at risk of social exclusion (reference data, editable in admin)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("exclusion-risk factor")
        verbose_name_plural = _("exclusion-risk factors")

    def __str__(self):
        return self.name


class ParticipantQuerySet(CountedInReports, SearchKeyQuerySet):
    """Need-to-know: who sees a person's full record and who may change it.

    - a manager (``view_any_participant``) sees everyone, read-only;
    - a coordinator (``change_any_participant``) sees and edits the people of their locations;
    - a social worker (``change_participant``) sees and edits their own caseload and the cases a
      coordinator handed them as a stand-in, until its end date.

    Anyone who may see participants at all may *find* anyone (``findable_by``), but the list then
    shows only a minimal card (name, year of birth, location, worker), so nobody is registered twice.
    """

    project_path = "participations__project"  # a report counts the people of its participations

    def visible_to(self, user) -> ParticipantQuerySet:
        if not user.has_perm("participants.view_participant"):
            return self.none()
        if user.has_perm("participants.view_any_participant"):
            return self
        return self.filter(self.reach_of(user))

    def editable_by(self, user) -> ParticipantQuerySet:
        if not user.has_perm("participants.change_participant"):
            return self.none()
        return self.filter(self.reach_of(user))

    def findable_by(self, user) -> ParticipantQuerySet:
        """Everyone, for the minimal card of a search; nobody without the view permission."""
        return self if user.has_perm("participants.view_participant") else self.none()

    @staticmethod
    def reach_of(user) -> Q:
        """The people whose full record ``user`` works with (see the class's docstring)."""
        if not user.is_authenticated:
            return Q(pk__in=[])
        if user.has_perm("participants.change_any_participant"):
            return Q(location__coordinators=user)
        return caseload_condition(user)

    def caseload_of(self, user) -> ParticipantQuerySet:
        """The people on ``user``'s caseload, with the cases they stand in for."""
        return self.filter(caseload_condition(user))

    def search(self, text: str) -> ParticipantQuerySet:
        """Match on the name (in any case, with or without diacritics) or the start of the PESEL;
        several words must all match, in any order. The text is cut to a search box's length
        (whatever a caller passes), so no pattern grows past what SQLite takes."""
        qs = self
        for word in search_text(text).split()[:5]:
            found = name_matches(word)
            if word.isascii() and word.isdigit():
                found |= Q(pesel__startswith=word)
            qs = qs.filter(found)
        return qs

    def for_list(self) -> ParticipantQuerySet:
        return listing.for_list(self)  # what the list's rows show, in a fixed number of queries


class Participant(VersionedModel, SearchKeyed, models.Model):
    # Identity
    first_name = models.CharField(_("first name"), max_length=100, db_collation=POLISH)
    last_name = models.CharField(_("surname"), max_length=100, db_index=True, db_collation=POLISH)
    pesel = models.CharField(
        _("PESEL"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("A person with this PESEL is already registered.")},
    )
    no_pesel_reason = models.CharField(
        _("reason for no PESEL"),
        max_length=200,
        blank=True,
        help_text=_("Fill in only when the person has no PESEL (e.g. a foreigner without one)."),
    )
    date_of_birth = models.DateField(_("date of birth"), help_text=_("Taken from the PESEL when given."))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, help_text=_("Taken from the PESEL when given."))
    citizenship = models.CharField(_("citizenship"), max_length=60, default="polskie", blank=True)
    citizenship_group = models.CharField(
        _("citizenship (ESF)"), max_length=10, choices=CitizenshipGroup.choices, default=CitizenshipGroup.POLISH
    )

    # Address
    street = models.CharField(_("street"), max_length=120, blank=True)
    house_number = models.CharField(_("house number"), max_length=10)
    flat_number = models.CharField(_("flat number"), max_length=10, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, validators=[postal_code_validator])
    town = models.CharField(_("town"), max_length=100)
    commune = models.CharField(_("commune"), max_length=100)
    county = models.CharField(_("county"), max_length=100)
    voivodeship = models.CharField(_("voivodeship"), max_length=30, choices=Voivodeship.choices)
    area_type = models.PositiveSmallIntegerField(_("area type (DEGURBA)"), choices=AreaType.choices)

    # Contact
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)

    # Situation
    education = models.PositiveSmallIntegerField(_("education"), choices=Education.choices, null=True, blank=True)
    labour_market_status = models.CharField(
        _("labour-market status"), max_length=30, choices=LabourMarketStatus.choices, blank=True
    )
    labour_status_detail = models.CharField(
        _("in detail"),
        max_length=20,
        choices=LabourStatusDetail.choices,
        blank=True,
        help_text=_("For the economically inactive and the employed (the ESF sheet's “W tym”)."),
    )
    occupation = models.CharField(_("occupation"), max_length=200, blank=True, help_text=_("For the employed."))
    employer = models.CharField(_("employer"), max_length=250, blank=True, help_text=_("For the employed."))
    unemployed_since = models.DateField(_("unemployed since"), null=True, blank=True)
    long_term_unemployed_certified = models.BooleanField(
        _("long-term unemployed according to the labour office"),
        default=False,
        help_text=_("When the date the unemployment began is not known (e.g. from a labour-office certificate)."),
    )
    disability = models.CharField(
        _("disability"), max_length=20, choices=DisabilityDegree.choices, default=DisabilityDegree.NONE
    )
    disability_certificate = models.CharField(
        _("disability certificate (number, valid until)"), max_length=120, blank=True
    )
    disability_intellectual_or_multiple = models.BooleanField(
        _("intellectual disability or multiple disabilities"),
        default=False,
        help_text=_("The ESF guidelines set a separate effectiveness threshold for these people."),
    )
    # The three origin questions of the ESF 2021–2027 sheet, asked and stored separately (the
    # 2014–2020 sheet's one question is "yes" when any of them is).
    foreign_origin = models.CharField(
        _("of foreign origin (a migrant or of foreign descent)"),
        max_length=10,
        choices=YesNoRefused.choices,
        default=YesNoRefused.NO,
    )
    third_country_national = models.CharField(
        _("a national of a country outside the EU (or stateless)"),
        max_length=10,
        choices=YesNoRefused.choices,
        default=YesNoRefused.NO,
    )
    minority = models.CharField(
        _("belongs to a national or ethnic minority (incl. marginalised communities)"),
        max_length=10,
        choices=YesNoRefused.choices,
        default=YesNoRefused.NO,
    )
    refused_homeless = models.BooleanField(_("refused to say whether homeless or excluded from housing"), default=False)
    refused_other_disadvantage = models.BooleanField(
        _("refused to say whether in another disadvantaged social situation"), default=False
    )
    risk_factors = models.ManyToManyField(
        RiskFactor, verbose_name=_("exclusion-risk factors"), blank=True, related_name="participants"
    )
    other_risk_factor = models.CharField(_("other risk factor (describe)"), max_length=200, blank=True)

    # Case
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.CANDIDATE,
        db_index=True,
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("social worker"),
        on_delete=models.PROTECT,
        related_name="caseload",
        limit_choices_to={"groups__name": "social_worker", "is_active": True},
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, related_name="participants"
    )
    registered_on = models.DateField(_("registered on"), default=datetime.date.today)

    # Processing rests on the law, not on consent (see participants.consents): what is recorded here is
    # that the person was told so, as GDPR art. 13 requires when the data are collected.
    information_given_on = models.DateField(
        _("data-protection information given on"),
        null=True,
        blank=True,
        help_text=_("The day the person received the information clause (GDPR art. 13)."),
    )

    confidential_notes = models.TextField(
        _("confidential notes"),
        blank=True,
        help_text=_("Seen only by the assigned social worker and coordinators."),
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # Set once the retention period of every project of the person has passed and their personal
    # data has been replaced by a token (the figures of the reports keep counting them).
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        permissions = [
            ("change_any_participant", _("Can edit participants on any caseload")),
            ("view_any_participant", _("Can read the record of any participant")),
            ("view_confidential_notes", _("Can read confidential notes of any participant")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pesel__isnull=False) | ~Q(no_pesel_reason=""),
                name="participant_pesel_or_reason",
            ),
        ]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("participants:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    def age_on(self, day: datetime.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    # Risk factors that make a person "other disadvantaged" for the ESF: ex-prisoners, the
    # drug-addicted, the homeless (DOMAIN-REFERENCE); rural residence and an adult without primary
    # education count too.
    OTHER_DISADVANTAGE = frozenset({"leaving-prison", "drug-addiction", "homelessness"})

    def entry_snapshot(self, on: datetime.date) -> dict:
        """What the ESF records of the person at the start of a participation, as it is now: the
        place of residence, education and the disadvantage answers (uses prefetched risk factors)."""
        codes = {rf.code for rf in self.risk_factors.all()}
        other = bool(codes & self.OTHER_DISADVANTAGE) or self.area_type == AreaType.RURAL
        other = other or (self.education == Education.ISCED0 and self.age_on(on) >= 18)
        employed = self.labour_market_status == LabourMarketStatus.EMPLOYED
        return {
            "sex": self.sex,
            "education": self.education,
            "citizenship": self.citizenship,
            "citizenship_group": self.citizenship_group,
            "voivodeship": self.voivodeship,
            "county": self.county,
            "commune": self.commune,
            "town": self.town,
            "street": self.street,
            "house_number": self.house_number,
            "flat_number": self.flat_number,
            "postal_code": self.postal_code,
            "area_type": self.area_type,
            "labour_status_detail": self.labour_status_detail,
            "occupation": self.occupation if employed else "",
            "employer": self.employer if employed else "",
            "foreign_origin": self.foreign_origin,
            "third_country_national": self.third_country_national,
            "minority": self.minority,
            "homeless": answer(self.refused_homeless, "homelessness" in codes),
            "other_disadvantage": answer(self.refused_other_disadvantage, other),
        }

    @property
    def in_disability_group(self) -> bool:
        """A significant or moderate disability, an intellectual disability or multiple disabilities:
        the group the ESF guidelines set a separate effectiveness threshold for."""
        if self.disability in (DisabilityDegree.SIGNIFICANT, DisabilityDegree.MODERATE):
            return True
        no_disability = self.disability in (DisabilityDegree.NONE, DisabilityDegree.REFUSED)
        return self.disability_intellectual_or_multiple and not no_disability

    def long_term_unemployment_on(self, on: datetime.date) -> tuple[bool, bool]:
        """(ESF definition, labour-office definition) of long-term unemployment on a date.

        ESF: continuously unemployed over 6 months under 25, over 12 months at 25 and over.
        Labour office: over 12 months within the last 24 — with only a start date known, a
        continuous spell of over 12 months is what can be shown.
        """
        if self.labour_market_status not in UNEMPLOYED:
            return False, False
        registered = self.labour_market_status == LabourMarketStatus.REGISTERED_UNEMPLOYED
        if self.unemployed_since is None:
            # Only a labour office's certificate can say so without the date.
            flagged = self.long_term_unemployed_certified
            return flagged, flagged and registered
        since = self.unemployed_since
        esf = more_than_months(since, on, 6 if self.age_on(on) < 25 else 12)
        return esf, more_than_months(since, on, 12) and registered

    @property
    def address(self) -> str:
        number = self.house_number + (f"/{self.flat_number}" if self.flat_number else "")
        street = f"{self.street} {number}" if self.street else f"{self.town} {number}"
        return f"{street}, {self.postal_code} {self.town}"

    def can_be_edited_by(self, user) -> bool:
        """Whether ``user`` may change this person's record (see ``editable_by``). One query the
        first time for a user; the answer is kept on the instance, since a page asks it for its
        links, its confidential parts and what it offers."""
        answers = self.__dict__.setdefault("_editable_by", {})
        if user.pk not in answers:
            answers[user.pk] = Participant.objects.editable_by(user).filter(pk=self.pk).exists()
        return answers[user.pk]

    def confidential_notes_visible_to(self, user) -> bool:
        """Confidential notes, individual support notes, referral reasons and the Niebieska Karta
        flag: for the worker the case is assigned to (or a stand-in) and the coordinators of the
        person's location — not for managers, administrators or other workers."""
        return self.can_be_edited_by(user)

    def origin_errors(self) -> dict:
        """A citizen of Poland or another EU state is not a third-country national, and a citizen of a
        country outside the EU or a stateless person is one unless they refused to say."""
        third_country = self.citizenship_group in (CitizenshipGroup.NON_EU, CitizenshipGroup.STATELESS)
        if not third_country and self.third_country_national == YesNoRefused.YES:
            return {
                "third_country_national": _("A citizen of Poland or another EU state is not a third-country national.")
            }
        if third_country and self.third_country_national == YesNoRefused.NO:
            return {
                "third_country_national": _(
                    "A citizen of a country outside the EU or a stateless person is a third-country national."
                )
            }
        return {}

    def clean(self):
        errors = {}
        if self.pesel:
            try:
                born = pesel_rules.validate(self.pesel)
            except pesel_rules.PeselError as exc:
                errors["pesel"] = PESEL_MESSAGES[exc.code]
            else:
                # PESEL is the source of truth for date of birth and sex.
                self.date_of_birth = born
                self.sex = Sex.FEMALE if pesel_rules.is_female(self.pesel) else Sex.MALE
                self.no_pesel_reason = ""
        else:
            if not self.no_pesel_reason:
                errors["pesel"] = _("Enter the PESEL, or give the reason the person has none.")
            # Without a PESEL there is nothing to take these from (and the date column is NOT NULL).
            if not self.date_of_birth:
                errors["date_of_birth"] = _("Without a PESEL, enter the date of birth.")
            if not self.sex:
                errors["sex"] = _("Without a PESEL, choose the sex.")
        today = timezone.localdate()
        if self.date_of_birth and self.date_of_birth > today and "pesel" not in errors:
            field = "pesel" if self.pesel else "date_of_birth"
            errors[field] = _("The date of birth cannot be in the future.")
        if self.information_given_on and self.information_given_on > today:
            errors["information_given_on"] = _("This date cannot be in the future.")
        if self.unemployed_since and self.unemployed_since > today:
            errors["unemployed_since"] = _("This date cannot be in the future.")
        errors.update(self.origin_errors())
        details = DETAILS_OF_STATUS.get(self.labour_market_status, ())
        if self.labour_status_detail and self.labour_status_detail not in details:
            errors["labour_status_detail"] = _("This detail does not go with the labour-market status chosen.")
        if errors:
            raise ValidationError(errors)


def answer(refused: bool, yes: bool) -> str:
    """A sensitive answer of the ESF sheet: refused, or yes/no as the record shows."""
    if refused:
        return YesNoRefused.REFUSED
    return YesNoRefused.YES if yes else YesNoRefused.NO


PESEL_MESSAGES = {
    "format": _("A PESEL has exactly 11 digits."),
    "checksum": _("This PESEL is not valid: its check digit does not match. Check for a typing error."),
    "date": _("This PESEL is not valid: it encodes a date of birth that does not exist."),
}


class HouseholdMember(models.Model):
    """Someone living with the participant; dependants may need care during activities."""

    class Relationship(models.TextChoices):
        SPOUSE = "spouse", _("spouse or partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        GRANDPARENT = "grandparent", _("grandparent")
        OTHER = "other", _("other")

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="household_members"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("surname"), max_length=100)
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    needs_care = models.BooleanField(
        _("needs care during activities"), default=False, help_text=_("A dependent child or adult.")
    )
    care_notes = models.CharField(_("care notes"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            raise ValidationError({"date_of_birth": _("The date of birth cannot be in the future.")})


# Stand-ins and consents per purpose live in modules of their own.
from participants.consents import Consent  # noqa: E402, F401
from participants.standins import StandIn, caseload_condition  # noqa: E402, F401
