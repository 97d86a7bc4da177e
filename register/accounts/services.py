"""Writes of the account pages: the credit choice, the API token, deleting the account.

Each service checks who may do it itself (register/accounts/roles.py), so that a view which forgets
a check still cannot let anyone change another person's account.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from register.accounts.models import Profile, profile_for
from register.accounts.roles import require_contributor


def _require_active(user) -> None:
    if not (user and user.is_authenticated and user.is_active):
        raise PermissionDenied("Sign in to change your account.")


@transaction.atomic
def profile_update(*, user, credit_name: str, credit_public: bool) -> Profile:
    """Set how `user`'s accepted contributions are credited; returns the saved Profile.

    `credit_name` (at most 100 characters) is kept even when `credit_public` is False, so that the
    choice can be switched back. Raises ValidationError for a public credit without a name or a name
    with "@" (an e-mail address must never become public), PermissionDenied for a signed-out user.
    """
    _require_active(user)
    credit_name = " ".join((credit_name or "").split())
    if credit_public and not credit_name:
        raise ValidationError({"credit_name": _("Enter the display name you want to be credited with.")})
    if "@" in credit_name:
        raise ValidationError({"credit_name": _("A display name cannot contain “@”.")})
    profile = profile_for(user)
    profile.credit_name = credit_name
    profile.credit_public = credit_public
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def token_create(*, user) -> Token:
    """Create the API token of `user` (a contributor); returns it, its `key` readable this once.

    Raises ValidationError if the user already has a token (use `token_regenerate`), PermissionDenied
    unless the user is a contributor (verified e-mail address), moderator or administrator.
    """
    require_contributor(user)
    if Token.objects.filter(user=user).exists():
        raise ValidationError(_("You already have an API token. Regenerate it to get a new key."))
    return Token.objects.create(user=user)


@transaction.atomic
def token_regenerate(*, user) -> Token:
    """Replace the API token of `user` by a new one (the old key stops working at once)."""
    require_contributor(user)
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def token_delete(*, user) -> bool:
    """Delete the API token of `user`; returns False if there was none."""
    _require_active(user)
    deleted, _rows = Token.objects.filter(user=user).delete()
    return bool(deleted)


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete `user`'s account for good.

    First register.contributions.services.forget_user withdraws and deletes the user's unreviewed
    submissions and their files (accepted facts stay, credited as "anonymous"); then the user row
    goes, and with it (database cascade) the profile, the API token, the e-mail addresses and the
    sessions' link to it. Raises PermissionDenied for a signed-out user and for an administrator
    (a superuser is removed by another administrator in the admin, so the site is never left
    without one by mistake).
    """
    _require_active(user)
    if user.is_superuser:
        raise PermissionDenied(
            _("An administrator's account is deleted by another administrator in the admin.")
        )
    from register.contributions.services import forget_user

    forget_user(user=user)
    user.delete()
