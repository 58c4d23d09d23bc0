"""The settlement list of everyone at one organisation in a month, as a recipe of kis.background: a
page (or worksheet) per person, so a large organisation's list is made by the task worker. Each
user's list is their own: it lists only the placements they may see."""

from __future__ import annotations

import datetime
from functools import cached_property

from django.db.models import Count, Max, Sum
from django.utils.translation import gettext as _

from kis.background import Recipe, recipe
from kis.files import Document
from kis.models import AuditEvent
from projects.models import Partner
from usefulwork.documents import SettlementPdf, SettlementXlsx, sheets
from usefulwork.models import Placement, WorkDay, month_end

# The settlement list: a PDF to sign is printed, a spreadsheet is exported.
RENDERERS = {"pdf": (SettlementPdf, AuditEvent.Action.PRINT), "xlsx": (SettlementXlsx, AuditEvent.Action.EXPORT)}
DAYS_PER_SHEET = 31  # a sheet lists every day of the month: its rows


def placements_with_everything():
    return Placement.objects.select_related("participant", "organisation", "labour_office", "project")


@recipe
class OrganisationSettlementDocument(Recipe):
    kind = "organisation_settlement"
    per_user = True

    def __init__(self, params: dict, user, organisation: Partner | None = None):
        super().__init__(params, user)
        self.organisation = organisation or Partner.objects.get(pk=params["organisation"])
        self.month = datetime.date.fromisoformat(params["month"])

    @classmethod
    def of(cls, organisation: Partner, month: datetime.date, *, user, extension: str):
        params = {"organisation": organisation.pk, "month": month.isoformat(), "extension": extension}
        return cls(params, user, organisation)

    def visible_placements(self):
        return (
            placements_with_everything()
            .visible_to(self.user)
            .filter(organisation=self.organisation)
            .in_month(self.month)
            .order_by("participant__last_name", "participant__first_name", "start_date", "pk")
        )

    @cached_property
    def placements(self) -> list[Placement]:
        """The placements listed, with everything a sheet shows (one query)."""
        return list(self.visible_placements())

    def rows(self) -> int:
        return len(self.placements) * DAYS_PER_SHEET

    def version(self) -> str:
        placements = self.visible_placements()
        days = WorkDay.objects.filter(placement__in=placements, date__gte=self.month, date__lte=month_end(self.month))
        return repr(
            [
                placements.aggregate(n=Count("id"), versions=Sum("version"), last=Max("id")),
                days.aggregate(n=Count("id"), last=Max("id"), hours=Sum("hours")),
            ]
        )

    def title(self) -> str:
        return _("Settlement list of %(organisation)s, %(month)s (%(format)s)") % {
            "organisation": self.organisation.name,
            "month": f"{self.month:%m.%Y}",
            "format": self.params["extension"].upper(),
        }

    def render(self) -> Document:
        renderer, _action = RENDERERS[self.params["extension"]]
        name = f"lista-psu-organizacja-{self.organisation.pk}-{self.month:%Y-%m}"
        return renderer(sheets(self.placements, self.month), name).render()

    def audit(self):
        action = RENDERERS[self.params["extension"]][1]
        placements = [placement.pk for placement in self.placements]
        return action, self.organisation, {"settlement": f"{self.month:%Y-%m}", "placements": placements}
