"""django-allauth adapter: the internal username is random, never taken from the e-mail address."""

from __future__ import annotations

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_username
from django.contrib.auth import get_user_model


def random_username() -> str:
    """A fresh username such as "user-3f9a1c7d2b" (10 hex digits), unused so far.

    Django's User needs a unique username; allauth would derive it from the e-mail address, which
    would put part of that address wherever a username shows (admin, history pages).
    """
    User = get_user_model()
    while True:
        username = f"user-{secrets.token_hex(5)}"
        if not User.objects.filter(username=username).exists():
            return username


class AccountAdapter(DefaultAccountAdapter):
    """Settings-wide adapter (ACCOUNT_ADAPTER): only the username generation differs."""

    def populate_username(self, request, user) -> None:
        """Give a new user without a username a random one (see `random_username`)."""
        if not user_username(user):
            user_username(user, random_username())
