"""What participation tells the apps to its right about: the programme (``activities``) listens for
a start, to count the support already recorded since then as the first support."""

from django.dispatch import Signal

# Sent with ``participation`` once a participation's start is recorded (inside its transaction).
participation_started = Signal()
