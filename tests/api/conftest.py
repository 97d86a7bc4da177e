"""Fixtures of the API tests: an anonymous client and a signed-in one (bob, a registered user)."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def anon(real_data):
    """An anonymous visitor (the API's main audience), reading the real data in the test database."""
    return APIClient()


@pytest.fixture
def bob(real_data, django_user_model):
    """A signed-in user who is not staff: the API is as read-only for him as for anyone."""
    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_user("bob", password="not-used-123"))
    return client
