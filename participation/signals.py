"""What participation tells the apps to its right about: the programme (``activities``) listens for
a start, to count the support already recorded since then as the first support, and is asked
what support a person received when their certificate is drawn up."""

from django.dispatch import Signal

# Sent with ``participation`` once a participation's start is recorded (inside its transaction).
participation_started = Signal()

# Sent with ``participation`` when its KIS certificate is drawn up; each receiver returns the
# support it recorded in that participation, a list of ``participation.documents.SupportReceived``.
certificate_support = Signal()
