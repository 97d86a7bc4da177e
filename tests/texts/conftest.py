"""Fixtures of the translated-text tests: a place and an operation of the bundled data."""

import pytest

from register.operations.models import Operation
from register.places.models import Place


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads (none expected) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def place(real_data):
    """Norillag, a camp of the bundled data whose description is empty."""
    return Place.objects.get(primary_name="Норильский ИТЛ")


@pytest.fixture
def vesna(real_data):
    """Operation "Vesna": English original and a Lithuanian translation from the bundled descriptions."""
    return Operation.objects.get(slug="vesna-1948")


@pytest.fixture
def koreans(real_data):
    """The deportation of the Koreans: English original and a Russian translation."""
    return Operation.objects.get(slug="koreans-1937")


@pytest.fixture
def anon(real_data):
    """An anonymous API client."""
    from rest_framework.test import APIClient

    return APIClient()
