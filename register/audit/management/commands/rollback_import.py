"""`manage.py rollback_import RUN_ID`: undo an import run (see register/audit/services.rollback_import)."""

from django.core.management.base import BaseCommand, CommandError

from register.audit.models import ImportRun
from register.audit.services import RollbackRefused, rollback_import


class Command(BaseCommand):
    """Roll back one import run in one transaction, or explain why it cannot be."""

    help = (
        "Undo an import run: delete the records it created, put the records it changed back in their state "
        "before it. Refused when a record it touched was changed since, or when it was already rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("run_id", type=int, help="the id of the import run (see /history/imports/)")

    def handle(self, *args, run_id: int, **options):
        run = ImportRun.objects.filter(pk=run_id).first()
        if run is None:
            raise CommandError(f"no import run has the id {run_id}")
        try:
            counts = rollback_import(run=run, user=None, command_line=True)
        except RollbackRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Import run {run_id} rolled back: {counts['deleted']} rows deleted, "
                f"{counts['created']} re-created, {counts['updated']} restored."
            )
        )
