"""django-allauth adapter: a random internal username, and a clear message for the log-in lock-out."""

from __future__ import annotations

import math
import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_username
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


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


def lockout_minutes() -> int:
    """Minutes of the per-account lock-out window of ACCOUNT_RATE_LIMITS["login_failed"] (allauth's
    "count/period/key" syntax, e.g. "10/m/ip,5/15m/key" gives 15); 15 if none is configured."""
    for rate in settings.ACCOUNT_RATE_LIMITS.get("login_failed", "").split(","):
        parts = rate.strip().split("/")
        if len(parts) == 3 and parts[2] == "key" and parts[1]:
            number, unit = parts[1][:-1] or "1", parts[1][-1]
            if unit in UNIT_SECONDS:
                return max(1, math.ceil(float(number) * UNIT_SECONDS[unit] / 60))
    return 15


class AccountAdapter(DefaultAccountAdapter):
    """Settings-wide adapter (ACCOUNT_ADAPTER)."""

    def populate_username(self, request, user) -> None:
        """Give a new user without a username a random one (see `random_username`)."""
        if not user_username(user):
            user_username(user, random_username())

    def validation_error(self, code, *args) -> ValidationError:
        """allauth's errors, except the lock-out, which says what happened and what to do."""
        if code == "too_many_login_attempts":
            minutes = lockout_minutes()
            message = ngettext(
                "Too many failed sign-in attempts for this account. To protect it, signing in is paused "
                "for up to %(minutes)d minute, even with the right password. Try again later, or reset "
                "your password.",
                "Too many failed sign-in attempts for this account. To protect it, signing in is paused "
                "for up to %(minutes)d minutes, even with the right password. Try again later, or reset "
                "your password.",
                minutes,
            ) % {"minutes": minutes}
            return ValidationError(message, code=code)
        return super().validation_error(code, *args)
