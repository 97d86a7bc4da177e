"""What the service modules share."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from register.contributions.models import Submission, SubmissionStatus
from register.contributions.text import clean_text

S = SubmissionStatus


def text_field(key: str, value, errors: dict, *, max_length: int | None = None) -> str:
    """`value` checked by register/contributions/text.py (at most `max_length` characters); an error goes
    to errors[key] (returns "")."""
    try:
        return clean_text(value, max_length=max_length)
    except ValidationError as exc:
        errors[key] = exc.messages
        return ""


def lock_submission(submission: Submission) -> Submission:
    """The submission's row, locked (SELECT ... FOR UPDATE) until the caller's transaction ends."""
    return Submission.objects.select_for_update().get(pk=submission.pk)


def bump_revision(submission: Submission) -> None:
    """Raise the submission's revision (the moderators' concurrency token) and save it."""
    submission.revision += 1
    submission.save()
