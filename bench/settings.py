"""Settings of the benchmark's server: the production settings (read from the environment as
always) with a URL configuration that adds Django's admin changelist of participants, the yardstick
the participant list is measured against. Never used outside ``bench/run``."""

from kis.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
