"""A project's further indicators against their targets, computed by the database for a period and
by sex (the sex recorded at the start): two queries, whatever the number of indicators or people.

Each indicator says what it counts (``ProjectIndicator.measure``): the people behind one of the
report's figures (recruited, completed, the guidelines' social and employment effectiveness, a
certified qualification on leaving), or completed internships. An indicator "counted by hand"
shows its target alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from activities.models import Internship
from participants.models import Sex
from projects.models import Project, ProjectIndicator
from reports import outcomes
from reports.outcomes import Figure, OutcomeReport, Period, figure_filter, participations

Measure = ProjectIndicator.Measure
# A measure counted on participations, and the report's figure behind it.
FIGURES = {
    Measure.RECRUITED: "recruited",
    Measure.COMPLETED: "completed",
    Measure.SOCIAL_PROGRESS: "effective_social",
    Measure.EMPLOYED: "effective_employment",
    Measure.QUALIFICATION: "certified_qualification",
}


@dataclass
class IndicatorRow:
    indicator: ProjectIndicator
    total: Figure | None  # None: counted by hand
    by_sex: list[tuple[str, int]]

    @property
    def percent(self) -> Decimal | None:
        if self.total is None or not self.indicator.target:
            return None
        return (Decimal(100) * self.total.value / self.indicator.target).quantize(Decimal("0.1"))

    @property
    def below_target(self) -> bool:
        # On the numbers, not the rounded percentage: 9,996 of 10,000 is below the target.
        return self.percent is not None and self.total.value < self.indicator.target


def build(project: Project, period: Period, *, top: int | None = None) -> OutcomeReport:
    """The outcome report with its indicators (``top``: see ``outcomes.build``)."""
    indicators = list(project.indicators.all())
    report = outcomes.build(
        project,
        period,
        top=top,
        more_counts=lambda rejoined: participation_counts(period, indicators, rejoined=rejoined),
    )
    report.indicators = indicator_rows(project, period, indicators, rejoined=report.rejoined, counts=report.counts)
    return report


def participation_counts(period: Period, indicators, *, rejoined: bool = True) -> dict:
    """The aggregates of the participations behind ``indicators``, by sex."""
    measures = {indicator.measure for indicator in indicators}
    return {
        f"{measure}-{sex}": Count(
            "id", filter=figure_filter(FIGURES[measure], period, rejoined=rejoined) & Q(sex_at_start=sex)
        )
        for measure in FIGURES
        if measure in measures
        for sex in Sex.values
    }


def indicator_rows(
    project: Project, period: Period, indicators, *, rejoined: bool = True, counts: dict | None = None
) -> list[IndicatorRow]:
    """The rows of ``indicators``; ``counts``, when given, already holds ``participation_counts``."""
    measures = {indicator.measure for indicator in indicators}
    wanted = participation_counts(period, indicators, rejoined=rejoined)
    if counts is None:
        counts = participations(project).aggregate(**wanted) if wanted else {}
    counts = {key: counts[key] for key in wanted}
    if Measure.INTERNSHIPS in measures:
        counts.update(
            Internship.objects.filter(
                project=project, completed=True, end_date__gte=period.start, end_date__lte=period.end
            ).aggregate(
                # By the sex recorded when the person started the project, like every other indicator.
                **{
                    f"{Measure.INTERNSHIPS}-{sex}": Count(
                        "id",
                        filter=Q(
                            participant__participations__project=project,
                            participant__participations__sex_at_start=sex,
                        ),
                        distinct=True,
                    )
                    for sex in Sex.values
                }
            )
        )
    labels = dict(Sex.choices)
    rows = []
    for indicator in indicators:
        if indicator.measure == Measure.MANUAL:
            rows.append(IndicatorRow(indicator, None, []))
            continue
        by_sex = [(labels[sex], counts[f"{indicator.measure}-{sex}"]) for sex in Sex.values]
        total = Figure(FIGURES.get(indicator.measure, ""), sum(n for _label, n in by_sex))
        rows.append(IndicatorRow(indicator, total, by_sex))
    return rows
