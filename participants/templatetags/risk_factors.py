"""``{% risk_factor_names codes %}``: the names of exclusion-risk factors given by their codes (a
project's criterion holds codes), read once per page however many criteria name them."""

from django import template

from participants.models import RiskFactor

register = template.Library()


@register.simple_tag(takes_context=True)
def risk_factor_names(context, codes) -> str:
    names = context.render_context.get(__name__)
    if names is None:
        names = context.render_context[__name__] = dict(RiskFactor.objects.values_list("code", "name"))
    # A code no factor has any more is shown as it was written, so that a mistyped criterion shows.
    return ", ".join(names.get(code, code) for code in codes)
