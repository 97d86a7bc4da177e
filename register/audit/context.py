"""Who is changing public records right now, and why: the context every history row is stamped with.

Services open a context around their writes; a `pre_create_historical_record` receiver
(register/audit/signals.py) copies it onto each history row django-simple-history writes:

    with recording(user=moderator, reason="Submission 0b3f…", submission_id=sub.pk):
        person.save()

    with recording(import_run=run):        # a whole import run, rolled back as one
        ...

Contexts nest; an inner one overrides only what it sets. Outside any context (the admin, the shell)
the user comes from django-simple-history's request middleware and the reason is empty.
"""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class AuditContext:
    """The stamp of a change: `user` (a User or None), `reason` (free text, at most 100 characters are
    kept in the history row), `submission_id` (the accepted submission's id) and `import_run`
    (an audit.ImportRun or None)."""

    user: Any = None
    reason: str = ""
    submission_id: Any = None
    import_run: Any = None


_EMPTY = AuditContext()
_current: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar("audit_context", default=None)


def current() -> AuditContext:
    """The innermost open context (an empty AuditContext outside any)."""
    return _current.get() or _EMPTY


@contextlib.contextmanager
def recording(*, user=None, reason: str = "", submission_id=None, import_run=None):
    """Stamp every history row written inside the block with these values (None/"" keep the outer ones)."""
    outer = current()
    inner = replace(
        outer,
        user=user if user is not None else outer.user,
        reason=reason or outer.reason,
        submission_id=submission_id if submission_id is not None else outer.submission_id,
        import_run=import_run if import_run is not None else outer.import_run,
    )
    token = _current.set(inner)
    try:
        yield inner
    finally:
        _current.reset(token)
