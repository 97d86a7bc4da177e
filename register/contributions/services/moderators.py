"""What moderators do: accept all or some changes, reject, ask for more information, mark a duplicate,
act on several at once. Each action takes the submission's revision the moderator read."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from register.accounts.roles import is_moderator, require_moderator
from register.audit.context import recording
from register.contributions import notify, workflow
from register.contributions.apply import apply_changes
from register.contributions.changes import KEY_FIELD, RECORD_KIND, diff
from register.contributions.exceptions import SubmissionConflict
from register.contributions.models import (
    Submission,
    SubmissionKind,
    SubmissionMessage,
)
from register.contributions.selectors import published_record
from register.contributions.services.common import S, bump_revision, lock_submission, text_field


def _review(submission: Submission, moderator, expected_revision: int) -> Submission:
    """Lock the submission and check the moderator may act on it at this revision."""
    require_moderator(moderator)
    locked = lock_submission(submission)
    if locked.revision != expected_revision:
        raise SubmissionConflict(conflict_message(locked, expected_revision=expected_revision))
    if locked.submitter_id is not None and locked.submitter_id == moderator.pk:
        raise PermissionDenied(_("You cannot review your own submission: another moderator must."))
    return locked


def conflict_message(submission: Submission, *, expected_revision: int | None = None) -> str:
    """What happened to a submission since a moderator's page was loaded (at `expected_revision`), as one
    translated sentence. A pending one says the submitter answered only when that is what happened (the
    newest message is theirs and the caller's revision is older than the stored one)."""
    messages = {
        S.ACCEPTED: _("Another moderator already accepted this submission."),
        S.PARTLY_ACCEPTED: _("Another moderator already accepted part of this submission."),
        S.REJECTED: _("Another moderator already rejected this submission."),
        S.DUPLICATE: _("Another moderator already marked this submission as a duplicate."),
        S.NEEDS_INFO: _("Another moderator already asked the submitter for more information."),
        S.WITHDRAWN: _("The submitter withdrew this submission."),
        S.PENDING: _("The submission changed since you opened it; read it again."),
    }
    text = messages[submission.status]
    if submission.status == S.PENDING and _answered_since(submission, expected_revision):
        text = _("The submission changed since you opened it (the submitter answered). Read it again.")
    return text + " " + _("Nothing was changed.")


def _answered_since(submission: Submission, expected_revision: int | None) -> bool:
    if expected_revision is not None and expected_revision >= submission.revision:
        return False
    last = submission.messages.order_by("-created", "-pk").first()
    return last is not None and not last.from_moderator


def _decide(submission: Submission, moderator, status: str, reason: str = "") -> None:
    workflow.transition(submission, status)
    submission.reviewed_by = moderator
    submission.reviewed_at = timezone.now()
    submission.decision_reason = reason
    bump_revision(submission)


@transaction.atomic
def submission_accept(
    *,
    submission: Submission,
    moderator,
    keys: list[str] | None = None,
    expected_revision: int,
    record_version: int | None = None,
) -> Submission:
    """Accept all changes (`keys` None) or only the changes `keys` (register/contributions/changes.py);
    a subset makes the status "partly_accepted". The changes are written at once (public), recorded in
    the audit trail as "Submission #<id>", the accepted files published on the record, and the submitter
    told by e-mail. `record_version` (optional) is the record's version the moderator's page showed.

    Raises PermissionDenied (not a moderator; own submission), SubmissionConflict, IllegalTransition,
    ValidationError ("keys": unknown or none, or a choice that would leave a translation in the language
    of the original text) or StaleRecord (the record changed under a chosen change).
    """
    submission = _review(submission, moderator, expected_revision)
    workflow.check_transition(submission.status, S.ACCEPTED)  # a closed submission fails early
    all_keys = [change.key for change in diff(submission)]
    chosen = all_keys if keys is None else [key for key in all_keys if key in set(keys)]
    unknown = set(keys or ()) - set(all_keys)
    if unknown or not chosen:
        raise ValidationError({"keys": [_("Choose at least one of the submission's changes.")]})
    _check_new_record_keys(submission, chosen)
    with recording(user=moderator, reason=f"Submission #{submission.pk}", submission_id=submission.pk):
        record = apply_changes(submission, chosen, record_version=record_version)
    record_kind = RECORD_KIND[submission.kind]
    _decide(submission, moderator, S.ACCEPTED if len(chosen) == len(all_keys) else S.PARTLY_ACCEPTED)
    submission.accepted_keys = chosen
    submission.result_key = getattr(record, KEY_FIELD[record_kind])
    if submission.is_new_record:
        submission.target_type = ContentType.objects.get_for_model(type(record))
        submission.target_id = record.pk
        submission.target_key = submission.result_key
    submission.save()
    notify.decision(submission)
    return submission


def _check_new_record_keys(submission: Submission, chosen: list[str]) -> None:
    """A new record cannot be created without what identifies it: a person's name, a place's name,
    kind and point."""
    fields = submission.proposal.get("fields", {})
    if submission.kind == SubmissionKind.NEW_PERSON:
        named = any(f"field:{name}" in chosen for name in ("surname", "given_name") if name in fields)
        if not named:
            raise ValidationError({"keys": [_("A new person needs at least the surname or the given name.")]})
    elif submission.kind == SubmissionKind.NEW_PLACE:
        if not {"field:primary_name", "field:kind", "point"} <= set(chosen):
            raise ValidationError({"keys": [_("A new place needs at least its name, kind and point.")]})


def _required_text(key: str, value, missing: str) -> str:
    errors: dict[str, list[str]] = {}
    value = text_field(key, value, errors)
    if not value and not errors:
        errors[key] = [missing]
    if errors:
        raise ValidationError(errors)
    return value


@transaction.atomic
def submission_reject(
    *, submission: Submission, moderator, reason: str, expected_revision: int
) -> Submission:
    """Reject with a reason (sent to the submitter). Raises PermissionDenied, SubmissionConflict,
    IllegalTransition or ValidationError ("reason")."""
    reason = _required_text("reason", reason, _("Give the submitter a reason."))
    submission = _review(submission, moderator, expected_revision)
    _decide(submission, moderator, S.REJECTED, reason)
    SubmissionMessage.objects.create(
        submission=submission, author=moderator, from_moderator=True, text=reason
    )
    notify.decision(submission)
    return submission


@transaction.atomic
def submission_request_info(
    *, submission: Submission, moderator, message: str, expected_revision: int
) -> Submission:
    """Ask the submitter for more information (status "needs_info"; the message is e-mailed). Raises
    PermissionDenied, SubmissionConflict, IllegalTransition or ValidationError ("message")."""
    message = _required_text("message", message, _("Write your question to the submitter."))
    submission = _review(submission, moderator, expected_revision)
    workflow.transition(submission, S.NEEDS_INFO)
    bump_revision(submission)
    SubmissionMessage.objects.create(
        submission=submission, author=moderator, from_moderator=True, text=message
    )
    notify.decision(submission, message=message)
    return submission


@transaction.atomic
def submission_mark_duplicate(
    *,
    submission: Submission,
    moderator,
    of_submission: Submission | None = None,
    of_record_key: str = "",
    expected_revision: int,
) -> Submission:
    """Close as a duplicate of another submission or of an existing record (its public id or slug).
    Raises PermissionDenied, SubmissionConflict, IllegalTransition or ValidationError ("of")."""
    errors: dict[str, list[str]] = {}
    of_record_key = text_field("of", of_record_key, errors)
    if errors:
        raise ValidationError(errors)
    if (of_submission is None) == (not of_record_key):
        raise ValidationError({"of": [_("Name either the other submission or the record.")]})
    if of_submission is not None and of_submission.pk == submission.pk:
        raise ValidationError({"of": [_("A submission cannot duplicate itself.")]})
    if of_record_key and not _record_exists(submission, of_record_key):
        raise ValidationError({"of": [_("No public record has the id “%(key)s”.") % {"key": of_record_key}]})
    submission = _review(submission, moderator, expected_revision)
    _decide(submission, moderator, S.DUPLICATE)
    submission.duplicate_of = of_submission
    submission.duplicate_record_key = of_record_key
    submission.save()
    notify.decision(submission)
    return submission


def _record_exists(submission: Submission, key: str) -> bool:
    return published_record(RECORD_KIND[submission.kind], key) is not None


def submissions_bulk(*, ids, moderator, action: str, reason: str = "") -> list[tuple[int, bool, str]]:
    """Accept (all changes) or reject (with `reason`) several submissions, each in its own transaction.
        `action` is "accept" or "reject". Returns [(id, ok, message)] in the order of `ids` (a repeated id
    once); a failure of one
        (conflict, own submission, stale record...) does not stop the others. Raises PermissionDenied for a
        non-moderator and ValidationError for an unknown action or a rejection without a reason."""
    require_moderator(moderator)
    if action not in ("accept", "reject"):
        raise ValidationError({"action": [_("Unknown action.")]})
    if action == "reject" and not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the submitters a reason.")]})
    results = []
    for pk in dict.fromkeys(ids):  # each submission once, in the order given
        submission = Submission.objects.filter(pk=pk).first()
        if submission is None:
            results.append((pk, False, _("No such submission.")))
            continue
        try:
            if action == "accept":
                submission_accept(
                    submission=submission, moderator=moderator, expected_revision=submission.revision
                )
                results.append((pk, True, _("Accepted.")))
            else:
                submission_reject(
                    submission=submission,
                    moderator=moderator,
                    reason=reason,
                    expected_revision=submission.revision,
                )
                results.append((pk, True, _("Rejected.")))
        except Exception as exc:  # noqa: BLE001  (every refusal is reported per submission)
            results.append((pk, False, _error_text(exc)))
    return results


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def is_reviewer_of(user, submission: Submission) -> bool:
    """Whether `user` may review `submission` (a moderator who is not its submitter)."""
    return is_moderator(user) and submission.submitter_id != user.pk
