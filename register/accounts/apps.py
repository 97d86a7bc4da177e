from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Contributor accounts, roles (contributor, moderator, administrator) and the account's own data."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "register.accounts"
    verbose_name = _("accounts")
