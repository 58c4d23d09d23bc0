"""Query expressions the ORM does not have."""

from django.db.models import BooleanField, Count, Expression, F, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(rows, by: str) -> Coalesce:
    """A correlated COUNT of ``rows`` (already filtered on an OuterRef of ``by``), 0 without any:
    each outer row counts its own, from ``by``'s index, with no grouping of the outer query."""
    counted = rows.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


class InFewOf(Expression):
    """``field IN (subquery)`` for a subquery that gives a few values (a user's stand-ins, say).

    On PostgreSQL it is written ``field = ANY(ARRAY(subquery))``: the subquery is then run once,
    before the rest, and an OR of this condition with another (``social_worker = …``) can be
    answered from both columns' indexes. Written as ``IN (subquery)``, PostgreSQL checks the OR
    against every row of the table.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, queryset):
        super().__init__()
        self.lhs = F(field)
        self.subquery = Subquery(queryset)

    def get_source_expressions(self):
        return [self.lhs, self.subquery]

    def set_source_expressions(self, expressions):
        self.lhs, self.subquery = expressions

    def as_sql(self, compiler, connection):
        lhs, lhs_params = compiler.compile(self.lhs)
        subquery, subquery_params = compiler.compile(self.subquery)
        if not subquery.startswith("("):
            subquery = f"({subquery})"
        template = "%s = ANY(ARRAY%s)" if connection.vendor == "postgresql" else "%s IN %s"
        return template % (lhs, subquery), (*lhs_params, *subquery_params)
