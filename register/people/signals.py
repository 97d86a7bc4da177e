"""Signal handlers of the people app: a changed given-name table clears the cached index."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from register.people.models import GivenName, GivenNameGroup, PersonName


@receiver([post_save, post_delete], sender=GivenNameGroup)
@receiver([post_save, post_delete], sender=GivenName)
def given_names_changed(**kwargs):
    """Forget this process's cached given-name index (other processes refresh it within a minute)."""
    from register.people.given import clear_cache

    clear_cache()


@receiver([post_save, post_delete], sender=PersonName)
def name_form_changed(instance: PersonName, **kwargs):
    """Keep the person's surname, given name and patronymic equal to its primary forms (see
    `register.people.models.sync_display_names`) so that what a page shows is what the index finds."""
    from register.people.models import sync_display_names

    sync_display_names(instance.person_id, [instance.part])
