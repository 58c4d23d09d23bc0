"""The referral figures of the outcome report, read where the report's template includes them."""

from django import template

from reports import referrals

register = template.Library()


@register.simple_tag
def referrals_by_service(project, period) -> list[referrals.ServiceRow]:
    """Referrals issued and attended per service, for ``project`` and ``period`` (one query)."""
    return referrals.by_service(project, period)
