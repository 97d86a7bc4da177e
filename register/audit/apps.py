from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit trail: who changed a public record, when, why, and the old and new values (issue 4)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "register.audit"
    verbose_name = _("audit trail")

    def ready(self):
        from register.audit import signals

        signals.connect()
