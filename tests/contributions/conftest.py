"""Fixtures of the contribution tests: the records they correct, uploads in a temporary folder. The
personas (alice, bob, carol, mallory, dave) and the files they send are in tests/personas.py."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from register.accounts.roles import MODERATORS_GROUP
from register.operations.models import Operation
from register.people.models import Person
from register.places.models import Place


@pytest.fixture(scope="package")
def restore_session_data(django_db_blocker):
    """For the transactional tests (threads, the browser): the flush that ends each of them empties every
    table, so put back what the session had (the bundled data of tests/conftest.py and the Moderators
    group of the accounts migration) once they are done, for the tests that run after them and for the
    next run of a reused test database."""
    yield
    with django_db_blocker.unblock():
        Group.objects.get_or_create(name=MODERATORS_GROUP)
        call_command("load_register_data", "--no-progress", verbosity=0)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def person(real_data):
    """A real bundled person with name forms and events."""
    return Person.objects.filter(published=True, events__isnull=False).distinct().order_by("id").first()


@pytest.fixture
def place(real_data):
    return Place.objects.get(primary_name="Норильский ИТЛ")


@pytest.fixture
def operation(real_data):
    return Operation.objects.order_by("slug").first()
