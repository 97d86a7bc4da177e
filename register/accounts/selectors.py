"""Reads of the account pages: the signed-in user's token and everything the register keeps about them."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from rest_framework.authtoken.models import Token

from register.accounts.models import Profile


def token_for(*, user) -> Token | None:
    """The user's API token, or None."""
    return Token.objects.filter(user=user).first()


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def account_data(*, user) -> dict:
    """Everything the register keeps about `user`, JSON-ready (the "Download my data" file).

    Shape: {"account": {"username", "date_joined", "last_login" (ISO 8601 UTC or None),
    "email_addresses": [{"email", "verified", "primary"}], "api_token": {"exists", "created"}},
    "profile": {"credit_name", "credit_public", "shown_credit"}} plus the keys of
    register.contributions.services.user_data (the submissions, messages and attachments).
    The token's key is not included: it is a password, not data about the person.
    """
    profile = Profile.objects.filter(user=user).first()
    token = token_for(user=user)
    data = {
        "account": {
            "username": user.get_username(),
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
            ],
            "api_token": {"exists": token is not None, "created": _iso(token.created) if token else None},
        },
        "profile": {
            "credit_name": profile.credit_name if profile else "",
            "credit_public": profile.credit_public if profile else False,
            "shown_credit": profile.credit if profile else Profile().credit,
        },
    }
    data.update(_contributions_user_data(user))
    return data


def _contributions_user_data(user) -> dict:
    # Imported here: register.contributions depends on this app, not the other way round.
    from register.contributions import services as contributions

    return contributions.user_data(user=user)
