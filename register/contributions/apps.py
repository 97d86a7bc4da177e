from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    """Submissions by contributors (new records, corrections, files) and their moderation (issue 4)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "register.contributions"
    verbose_name = _("contributions")
