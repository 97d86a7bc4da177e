"""`manage.py find_duplicates`: link possible duplicate person records for review."""

from django.core.management.base import BaseCommand, CommandError

from register.people.duplicates import find_possible_duplicates


class Command(BaseCommand):
    help = (
        "Link published persons that share surname, given name (by Latin skeleton) and birth year as "
        "possible duplicates (status open) for moderators to review; nothing is merged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dataset", default="", help="only pairs with a person of this data set")
        parser.add_argument("--max-group", type=int, default=10, help="skip name groups larger than this")

    def handle(self, *args, dataset: str, max_group: int, **options):
        try:
            created = find_possible_duplicates(dataset=dataset, max_group=max_group)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"possible duplicates linked: {created}")
