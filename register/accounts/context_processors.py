"""Template context: the reader's role, for the navigation (moderation queue link)."""

from register.accounts.roles import is_moderator


def roles(request):
    """Add `is_moderator` (bool) for the signed-in user; False for everybody else."""
    user = getattr(request, "user", None)
    return {"is_moderator": is_moderator(user) if user is not None else False}
