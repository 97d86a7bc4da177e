"""The only writers of submissions: contributors send, answer and withdraw; moderators accept (all or
some changes), reject, ask for more information or mark duplicates. Permissions are checked here
(register/accounts/roles.py), not only in the views and the API.

Concurrency: every action locks the submission row (SELECT ... FOR UPDATE) and moderator actions
compare the caller's `expected_revision` with the stored one, so that of two moderators acting at once
exactly one wins and the other gets SubmissionConflict naming what happened. Accepting also locks the
record (register.audit.concurrency.lock_for_update) and refuses a change whose item was edited since the
submission was sent (StaleRecord).
"""

from register.contributions.changes import KEY_FIELD
from register.contributions.services.contributors import (
    RATE_LOCK_NAMESPACE,
    submission_create,
    submission_reply,
    submission_withdraw,
)
from register.contributions.services.moderators import (
    conflict_message,
    is_reviewer_of,
    submission_accept,
    submission_mark_duplicate,
    submission_reject,
    submission_request_info,
    submissions_bulk,
)
from register.contributions.services.own_data import forget_user, user_data

__all__ = [
    "KEY_FIELD",
    "RATE_LOCK_NAMESPACE",
    "conflict_message",
    "forget_user",
    "is_reviewer_of",
    "submission_accept",
    "submission_create",
    "submission_mark_duplicate",
    "submission_reject",
    "submission_reply",
    "submission_request_info",
    "submission_withdraw",
    "submissions_bulk",
    "user_data",
]
