"""The contributor's own settings: how accepted contributions are credited in public."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """One row per user, made on demand by `profile_for`.

    `credit_name` is shown publicly only when `credit_public` is on; the e-mail address and the
    internal username never are.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    credit_name = models.CharField(
        _("display name"),
        max_length=100,
        blank=True,
        help_text=_("Shown with your accepted contributions if you choose to be credited by name."),
    )
    credit_public = models.BooleanField(_("credit me by this name"), default=False)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return credit_for(self.user)

    @property
    def credit(self) -> str:
        """The public credit: the display name if chosen and not blank, else "anonymous"."""
        if self.credit_public and self.credit_name.strip():
            return self.credit_name.strip()
        return gettext("anonymous")


def profile_for(user) -> Profile:
    """The user's Profile, created (not public: anonymous credit) if the user has none yet."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


def credit_for(user) -> str:
    """How `user` is credited in public: the chosen display name or the translated "anonymous".

    `user` may be None (a deleted account, or no submitter): "anonymous". Reads the profile without
    creating one.
    """
    if user is None or not getattr(user, "pk", None):
        return gettext("anonymous")
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        return gettext("anonymous")
    return profile.credit
