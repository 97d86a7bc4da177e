"""Signal handlers of the people app: a changed given-name table clears the cached index."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from register.people.models import GivenName, GivenNameGroup


@receiver([post_save, post_delete], sender=GivenNameGroup)
@receiver([post_save, post_delete], sender=GivenName)
def given_names_changed(**kwargs):
    """Forget this process's cached given-name index (other processes refresh it within a minute)."""
    from register.people.given import clear_cache

    clear_cache()
