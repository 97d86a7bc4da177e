"""Import runs: each run of an importer is an `ImportRun`, and every history row it writes points to it.

    with import_run(kind=ImportKind.PEOPLE, dataset="lt-1941", paths=[path], user=None) as run:
        ...                      # writes; history rows carry import_run=run and the reason
        run.counts = {...}       # saved when the block ends

The run row is written first (outside the importer's transaction when there is none around it), so a
failed run stays listed as failed; a run inside a caller's transaction disappears with it when that
transaction is rolled back, like everything it wrote. Transitions: running -> done | failed
(here), done -> rolled_back (register/audit/rollback.py).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from register.audit.context import recording
from register.audit.models import ImportRun, ImportRunStatus


def file_digest(paths: Iterable[Path]) -> str:
    """SHA-256 (hex) of the files' bytes, one after the other ("" when none can be read)."""
    digest, read = hashlib.sha256(), False
    for path in paths:
        try:
            with Path(path).open("rb") as handle:
                for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(chunk)
            read = True
        except OSError:
            continue
    return digest.hexdigest() if read else ""


def run_reason(run: ImportRun) -> str:
    """The change reason of the history rows a run writes: "import run 12 (persons.csv)"."""
    name = run.file_name.rsplit("/", 1)[-1]
    return f"import run {run.pk} ({name})" if name else f"import run {run.pk}"


@contextlib.contextmanager
def import_run(*, kind: str, dataset: str = "", paths: Iterable[Path] = (), user=None):
    """Create an ImportRun (status running), record the block's writes under it, then mark it done (or
    failed, with the exception's text, re-raising it). The block may set `run.counts` (saved) and
    `run.discard = True` (a run that changed nothing, e.g. a re-run of the bundled data: deleted)."""
    paths = [Path(path) for path in paths]
    close_interrupted()
    run = ImportRun.objects.create(
        backend_pid=_backend_pid(),
        kind=kind,
        dataset=dataset[:50],
        file_name=", ".join(path.name for path in paths)[:500],
        sha256=file_digest(paths),
        user=user if user is not None and user.is_authenticated else None,
    )
    try:
        with recording(user=run.user, reason=run_reason(run), import_run=run):
            yield run
    except BaseException as exc:
        _fail(run, exc)
        raise
    if getattr(run, "discard", False) and not wrote_history(run):
        run.delete()
        return
    run.status, run.finished = ImportRunStatus.DONE, timezone.now()
    run.save(update_fields=["status", "finished", "counts"])


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def close_interrupted() -> int:
    """Mark failed the runs still "running" whose database session is gone (the process was killed:
    its transaction, and everything it wrote, was rolled back). Returns how many."""
    return (
        ImportRun.objects.filter(status=ImportRunStatus.RUNNING)
        .extra(  # noqa: S610 (no user input)
            where=["backend_pid IS NULL OR backend_pid NOT IN (SELECT pid FROM pg_stat_activity)"]
        )
        .update(
            status=ImportRunStatus.FAILED,
            finished=timezone.now(),
            message="interrupted: the importing process ended before it finished (nothing of it was kept)",
        )
    )


def _fail(run: ImportRun, exc: BaseException) -> None:
    """Mark the run failed, if its row outlived the rollback of the importer's transaction."""
    message = str(exc)[:5000] or type(exc).__name__
    if transaction.get_connection().needs_rollback:
        return  # the caller's transaction is broken: the run goes with it
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRunStatus.FAILED, finished=timezone.now(), message=message
    )


def wrote_history(run: ImportRun) -> bool:
    """Whether any history row points to `run`."""
    from register.audit.registry import TRACKED_MODELS

    return any(model.history.filter(import_run=run).exists() for model in TRACKED_MODELS())
