"""Errors raised by the contribution services (besides Django's PermissionDenied and ValidationError and
register.audit.concurrency.StaleRecord)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from register.audit.concurrency import StaleRecord


class IllegalTransition(Exception):
    """A status change the workflow (register/contributions/workflow.py) does not allow, e.g. accepting a
    withdrawn submission. The message names both statuses."""


class SubmissionConflict(Exception):
    """Someone acted on the submission since the caller read it (its `revision` moved on): another
    moderator accepted, rejected... it, or the submitter answered or withdrew it. Nothing was changed;
    the message says what happened."""


class RecordGone(SubmissionConflict):
    """The record a correction is for was deleted since the submission was sent: nothing can be accepted
    (an API maps it to HTTP 409 like every SubmissionConflict)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _("The record no longer exists."))


class SubmissionRateLimited(PermissionDenied):
    """The contributor sent settings.SUBMISSIONS_PER_HOUR submissions in the last hour (an API maps it to
    HTTP 429)."""


class ChangedSinceSubmission(StaleRecord):
    """A change to accept concerns an item of the record that was edited since the submission was sent
    (its value now differs from the one the submitter saw). `fields` are the labels of those changes."""

    def __init__(self, record, fields: list[str]):
        super().__init__(record)
        self.fields = fields
        self.args = (
            _(
                "The record was changed since this submission was sent (%(fields)s): these changes cannot "
                "be accepted any more; accept only the others."
            )
            % {"fields": ", ".join(fields)},
        )
