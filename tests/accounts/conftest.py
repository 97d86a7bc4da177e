"""Personas of the account tests: alice (contributor, verified e-mail), bob (moderator), mallory."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from register.accounts.adapter import random_username
from register.accounts.roles import MODERATORS_GROUP

PASSWORD = "Kolyma-1937-winter"  # noqa: S105 (a test password)
ALICE_EMAIL = "alice.relative@example.org"


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    """Hashing with Django's default (PBKDF2, a million rounds) would make the rate-limit tests slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(django_user_model, email, *, verified=True, password=PASSWORD):
    """A user as allauth's sign-up makes one: random username, the e-mail address recorded (and verified)."""
    user = django_user_model.objects.create_user(random_username(), email, password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


@pytest.fixture
def alice(db, django_user_model):
    """A relative with a verified e-mail address: a contributor."""
    return make_user(django_user_model, ALICE_EMAIL)


@pytest.fixture
def bob(db, django_user_model):
    """A moderator (member of the Moderators group made by the accounts migration)."""
    user = make_user(django_user_model, "bob.moderator@example.org")
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


@pytest.fixture
def mallory(db, django_user_model):
    """An attacker with an account of her own."""
    return make_user(django_user_model, "mallory@example.net")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def link_in_mail(message, path_start: str) -> str:
    """The path of the first link in an e-mail starting with `path_start` ("/accounts/confirm-email/")."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_start) + r"\S+)", message.body)
    assert match, message.body
    return match.group(1)
