"""The register's roles: contributor (any user with a verified e-mail), moderator, administrator.

Moderators are the members of the group MODERATORS_GROUP; administrators are superusers (both are
managed in the admin: Users and Groups). Services call these checks themselves, so that a view or an
API endpoint that forgets one still cannot let a contributor moderate.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

MODERATORS_GROUP = "Moderators"


def is_administrator(user) -> bool:
    """True for an active superuser."""
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def is_moderator(user) -> bool:
    """True for an active member of the Moderators group, and for administrators."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_moderator", None)
    if cached is None:
        cached = user.groups.filter(name=MODERATORS_GROUP).exists()
        user._is_moderator = cached
    return cached


def is_contributor(user) -> bool:
    """True for an active user whose e-mail address is verified (allauth's EmailAddress), and for
    moderators and administrators (whose accounts the admin creates)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if is_moderator(user):
        return True
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def require_moderator(user) -> None:
    """Raise PermissionDenied unless `user` is a moderator or an administrator."""
    if not is_moderator(user):
        raise PermissionDenied("Only moderators can do this.")


def require_contributor(user) -> None:
    """Raise PermissionDenied unless `user` may send submissions (a verified e-mail address)."""
    if not is_contributor(user):
        raise PermissionDenied("Sign in with a verified e-mail address to contribute.")
