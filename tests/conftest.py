"""Shared fixtures. The real bundled data is loaded once per test session into the test database."""

import pytest
from django.core.management import call_command

from tests.personas import make_user


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the test database as usual, then load the bundled real data (fixtures/) once."""
    with django_db_blocker.unblock():
        call_command("load_register_data", "--no-progress", verbosity=0)
        # A reused test database may have been flushed by the browser tests (transactional): put back
        # what a migration made, the Moderators group (register/accounts/migrations/0002).
        from django.contrib.auth.models import Group

        from register.accounts.roles import MODERATORS_GROUP

        Group.objects.get_or_create(name=MODERATORS_GROUP)


@pytest.fixture
def real_data(db):
    """Marks a test that reads the bundled real data (loaded by `django_db_setup`)."""
    return None


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Empty the shared cache around every test: the rate limits and log-in lock-out count in it."""
    from django.core.cache import cache

    try:
        cache.clear()
    except Exception:  # noqa: S110  (no database access in a pure test: nothing was counted)
        pass
    yield


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Every test starts in the default language: a request activates the reader's language in the
    thread, and a later test's reverse() would then build that language's /de/... addresses."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Django's default hasher (PBKDF2, a million rounds) would make every sign-in in the tests slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice(real_data, django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def bob(real_data, django_user_model):
    return make_user(django_user_model, "bob", moderator=True)


@pytest.fixture
def carol(real_data, django_user_model):
    return make_user(django_user_model, "carol", moderator=True)


@pytest.fixture
def mallory(real_data, django_user_model):
    return make_user(django_user_model, "mallory")


@pytest.fixture
def dave(real_data, django_user_model):
    return make_user(django_user_model, "dave", verified=False)
