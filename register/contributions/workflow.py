"""The submission workflow: the one place that says which status may follow which.

    pending ──> needs_info ──(submitter answers)──> pending
       │            │
       └────────────┴──> accepted | partly_accepted | rejected | duplicate   (moderator)
                    └──> withdrawn                                            (submitter)

Accepted, partly accepted, rejected, duplicate and withdrawn are final.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from register.contributions.exceptions import IllegalTransition
from register.contributions.models import SubmissionStatus as S

OPEN = frozenset({S.PENDING, S.NEEDS_INFO})
DECIDED = frozenset({S.ACCEPTED, S.PARTLY_ACCEPTED, S.REJECTED, S.DUPLICATE})
FINAL = DECIDED | {S.WITHDRAWN}

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.NEEDS_INFO, S.WITHDRAWN} | DECIDED),
    S.NEEDS_INFO: frozenset({S.PENDING, S.WITHDRAWN} | DECIDED),
    **{status: frozenset() for status in FINAL},
}


def can_transition(current: str, target: str) -> bool:
    """Whether a submission in status `current` may move to `target`."""
    return target in TRANSITIONS.get(current, frozenset())


def check_transition(current: str, target: str) -> None:
    """Raise IllegalTransition when the workflow does not allow `current` -> `target`."""
    if not can_transition(current, target):
        raise IllegalTransition(
            _("A submission that is “%(current)s” cannot become “%(target)s”.")
            % {"current": S(current).label, "target": S(target).label}
        )


def transition(submission, target: str) -> None:
    """Set `submission.status` to `target` (not saved). Raises IllegalTransition when the workflow does not
    allow the move (e.g. accepted -> rejected)."""
    check_transition(submission.status, target)
    submission.status = target
