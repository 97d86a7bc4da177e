from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Persons (victims of repression), their recorded name forms, life events and the name index."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "register.people"
    verbose_name = _("people")

    def ready(self):
        from register.people import signals  # noqa: F401  (connects the given-name cache invalidation)
