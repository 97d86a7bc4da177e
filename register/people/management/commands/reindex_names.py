"""`manage.py reindex_names`: recompute the name index keys after the key rules changed (KEY_VERSION)."""

from django.core.management.base import BaseCommand

from register.names.keys import KEY_VERSION
from register.people.index import reindex_forms


class Command(BaseCommand):
    help = (
        "Recompute the keys of the name forms stored under an older key version (KEY_VERSION in "
        "register/names/keys.py), or of all forms with --all. Runs in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="recompute every form, not only outdated ones")

    def handle(self, *args, all: bool, **options):
        count = reindex_forms(all_forms=all)
        self.stdout.write(f"name forms reindexed: {count} (key version {KEY_VERSION})")
