"""``{% participant_rows object_list %}``: the participant list's rows (participants.listing)."""

from django import template

from participants.listing import participant_rows

register = template.Library()
register.simple_tag(participant_rows)
