"""Fixtures of the report tests."""

import pytest
from django.conf import settings
from django.utils import translation

from reports.tests.factories import hand_built


@pytest.fixture(autouse=True)
def english(client):
    """Pages and messages are asserted in English, so the tests hold when the Polish catalogue
    grows (the PDF is rendered in Polish whatever the language: see test_pdf)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def built(db):
    """Projects P and Q of ``reports.tests.factories`` with every figure known in advance."""
    return hand_built()


@pytest.fixture
def private_media(settings, tmp_path):
    """Snapshots are stored in a temporary private directory."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
