"""The rows of the participant list: what they show, how it is loaded, and their HTML.

The list is the page asked for most, and its rows were most of its time: a Django template looks up
each of a row's dozen values through its resolver (about 35 µs a row at 25 rows a page, a third of
the page). Here a row is one ``format_html`` of the same markup, every value escaped by it
(``{% participant_rows %}``, participants/templatetags/participant_rows.py); the table's head, its
caption and everything else stay in ``participants/includes/participant_results.html``.
"""

from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from kis.templatetags.dates import day_month_year

# The columns the rows show, the person's and their worker's and location's; the rest is deferred.
COLUMNS = ("first_name", "last_name", "pesel", "date_of_birth", "town", "status", "social_worker", "location")
RELATED = ("social_worker__first_name", "social_worker__last_name", "social_worker__username", "location__name")

# A row of someone whose record the user works with.
FULL_ROW = (
    '<tr><td><a href="{url}">{last_name} {first_name}</a>{stand_in}</td><td>{pesel}</td><td>{born}</td>'
    "<td>{town}</td><td>{status}</td><td>{worker}</td><td>{location}</td><td>{risk_factors}</td></tr>"
)
STAND_IN = ' <span class="badge text-bg-warning">{}</span>'
RISK_FACTOR = '<span class="badge text-bg-light border">{}</span>'
# A minimal card: enough to see that the person is registered and whom to ask, nothing more.
MINIMAL_ROW = (
    '<tr class="kis-card-minimal"><td>{last_name} {first_name} <span class="badge text-bg-light border">'
    "{not_yours}</span></td><td>{hidden}</td><td>{born}</td><td>{hidden}</td><td>{hidden}</td>"
    "<td>{worker}</td><td>{location}</td><td>{hidden}</td></tr>"
)
HIDDEN = '<span class="visually-hidden">{}</span>—'


def for_list(people):
    """``people`` (a Participant QuerySet) with what the rows show, in a fixed number of queries:
    ``listed_risk_factors``, the person's risk factors."""
    related = people.select_related("social_worker", "location").only(*COLUMNS, *RELATED)
    return related.prefetch_related(Prefetch("risk_factors", to_attr="listed_risk_factors"))


def worker_name(user) -> str:
    return user.get_full_name() or user.get_username()


def participant_rows(participants) -> SafeString:
    """The ``<tr>`` of each participant of the page: people of ``for_list`` (which reads
    ``listed_risk_factors``) annotated with ``in_reach`` and ``stand_in_until`` by the list's filter
    (``participants.filters.with_reach``); no query of its own."""
    no_pesel = gettext("no PESEL")
    hidden = format_html(HIDDEN, gettext("not shown"))
    not_yours = gettext("not on your caseload")
    rows = []
    for person in participants:
        if person.in_reach:
            stand_in = ""
            if person.stand_in_until:
                until = day_month_year(person.stand_in_until)
                stand_in = format_html(STAND_IN, gettext("stand-in until %(until)s") % {"until": until})
            row = format_html(
                FULL_ROW,
                url=person.get_absolute_url(),
                last_name=person.last_name,
                first_name=person.first_name,
                stand_in=stand_in,
                pesel=person.pesel or no_pesel,
                born=day_month_year(person.date_of_birth),
                town=person.town,
                status=person.get_status_display(),
                worker=worker_name(person.social_worker),
                location=person.location,
                risk_factors=format_html_join(" ", RISK_FACTOR, ((factor,) for factor in person.listed_risk_factors)),
            )
        else:
            row = format_html(
                MINIMAL_ROW,
                last_name=person.last_name,
                first_name=person.first_name,
                not_yours=not_yours,
                hidden=hidden,
                born=gettext("born %(year)s") % {"year": person.date_of_birth.year},
                worker=worker_name(person.social_worker),
                location=person.location,
            )
        rows.append(row)
    return mark_safe("\n".join(rows))  # each row is format_html's, every value escaped
