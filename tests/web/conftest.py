"""Fixtures of the web page tests: readers in English and in German, and well-known records."""

import pytest
from django.test import Client

from register.places.models import Place


@pytest.fixture
def reader(real_data):
    """An anonymous reader whose browser asks for English."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


class Browser(Client):
    """A client that follows redirects like a browser: an unprefixed page redirects a reader who chose
    another language to that language's address (register.core.middleware)."""

    def get(self, path, *args, follow=True, **kwargs):
        return super().get(path, *args, follow=follow, **kwargs)


@pytest.fixture
def german_reader(real_data):
    """An anonymous reader who chose German with the language switcher (the django_language cookie)."""
    client = Browser(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "de"
    return client


@pytest.fixture
def norillag(real_data):
    """Norilsk ITL (Норильский ИТЛ, short name Норильлаг): one location, figures for every year 1935-1956."""
    return Place.objects.get(primary_name="Норильский ИТЛ")


@pytest.fixture
def aldanski(real_data):
    """Aldanski ITL: real figures and, for 1949-1950, a 0 in the source ("no figure")."""
    return Place.objects.get(primary_name="Алданский ИТЛ")
