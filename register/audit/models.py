"""The audit trail's own tables: import runs, and the stamp every history row of a public record carries.

The history rows themselves are django-simple-history's `Historical<Model>` tables, registered on each
public record model with `HistoricalRecords(bases=[HistoryStamp])`; register/audit/signals.py fills the
stamp from register/audit/context.py.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRunStatus(models.TextChoices):
    """The life of an import run: running -> done or failed; done -> rolled_back (audit/rollback.py)."""

    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    ROLLED_BACK = "rolled_back", _("rolled back")


class ImportKind(models.TextChoices):
    """What an import run loaded."""

    BUNDLED = "bundled", _("bundled data (places, operations, persons, given names)")
    PLACES = "places", _("places")
    OPERATIONS = "operations", _("operations")
    PEOPLE = "people", _("people")
    GIVEN_NAMES = "given_names", _("given names")


class ImportRun(models.Model):
    """One run of an importer: what file it read, who ran it, what it wrote (`counts`: {"created": n, ...}
    or the importer's own summary lines) and whether it was rolled back. Every history row the run wrote
    points to it (`HistoryStamp.import_run`), which is what `rollback_import` undoes."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    dataset = models.CharField(_("data set"), max_length=50, blank=True)
    file_name = models.CharField(_("file"), max_length=500, blank=True)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started = models.DateTimeField(_("started"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportRunStatus.choices, default=ImportRunStatus.RUNNING
    )
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    backend_pid = models.PositiveIntegerField(null=True, blank=True, editable=False)  # of a running run
    rolled_back_at = models.DateTimeField(_("rolled back at"), null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rolled back by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self):
        return f"#{self.pk} {self.kind} {self.file_name}".strip()


class HistoryStamp(models.Model):
    """The extra columns of every history row: the import run that wrote it and the accepted submission
    (contributions.Submission pk) it came from, both null for other changes."""

    import_run = models.ForeignKey(
        ImportRun,
        verbose_name=_("import run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submission_id = models.PositiveBigIntegerField(_("submission"), null=True, blank=True)

    class Meta:
        abstract = True


class indexed_only:  # noqa: N801 (used like a list literal in the model files)
    """The `no_db_index` of a history registration: every field of the history table loses its index
    except history's own and `id` plus the named ones (the parent key the history page filters on).
    The record tables' indexes (search keys, kinds, countries, ...) serve no query on history rows and
    would slow every import down.

        history = HistoricalRecords(bases=[HistoryStamp], no_db_index=indexed_only("person"))
    """

    def __init__(self, *names: str):
        self.kept = {"id", *names}

    def __contains__(self, name) -> bool:
        return name not in self.kept

    def __iter__(self):
        return iter(())
