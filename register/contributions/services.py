"""The only writers of submissions: contributors send, answer and withdraw; moderators accept (all or
some changes), reject, ask for more information or mark duplicates. Permissions are checked here
(register/accounts/roles.py), not only in the views and the API.

Concurrency: every action locks the submission row (SELECT ... FOR UPDATE) and moderator actions
compare the caller's `expected_revision` with the stored one, so that of two moderators acting at once
exactly one wins and the other gets SubmissionConflict naming what happened. Accepting also locks the
record (register.audit.concurrency.lock_for_update) and refuses a change whose item was edited since the
submission was sent (StaleRecord).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from register.accounts.roles import is_moderator, require_contributor, require_moderator
from register.audit.context import recording
from register.contributions import notify, workflow
from register.contributions.apply import apply_changes
from register.contributions.changes import MODELS, RECORD_KIND, base_values, clean_proposal, diff
from register.contributions.exceptions import IllegalTransition, SubmissionConflict, SubmissionRateLimited
from register.contributions.files import clean_upload, upload_size
from register.contributions.models import (
    NEW_KINDS,
    Attachment,
    AttachmentKind,
    Submission,
    SubmissionKind,
    SubmissionMessage,
    SubmissionStatus,
    SubmitterRelation,
)
from register.contributions.text import clean_text
from register.core.edtf import edtf_bounds

S = SubmissionStatus
KEY_FIELD = {"person": "public_id", "place": "public_id", "operation": "slug"}


# ---------------------------------------------------------------- contributors


@transaction.atomic
def submission_create(
    *,
    user,
    kind: str,
    target=None,
    proposal: dict,
    relation: str,
    sources: str,
    note: str = "",
    consent: bool,
    files=(),
    base_version: int | None = None,
) -> Submission:
    """Send a proposal. `target` is the Person, Place or Operation a correction is for (None for a new
    person or place); `proposal` has the shape of register/contributions/changes.py; `files` is a list of
    dicts {"file": UploadedFile, "kind", "description", "date_edtf", "source"}; `base_version` the
    record's version when the form was opened (default: its version now).

    Raises PermissionDenied (not a verified contributor), SubmissionRateLimited (more than
    settings.SUBMISSIONS_PER_HOUR in the last hour) or ValidationError (a dict of field errors: the
    proposal's keys, "relation", "sources", "note", "consent", "target", "files" (more than
    settings.UPLOAD_MAX_FILES files or UPLOAD_MAX_TOTAL_BYTES bytes), "files.<n>.<field>"; text with
    control characters or not a string is refused, see register/contributions/text.py). Nothing is written
    on an error.
    """
    require_contributor(user)
    _check_rate(user)
    errors: dict[str, list[str]] = {}
    if kind not in SubmissionKind.values:
        raise ValidationError({"kind": [_("Unknown kind of submission.")]})
    record_kind = RECORD_KIND[kind]
    if (target is None) != (kind in NEW_KINDS) or (
        target is not None and not isinstance(target, MODELS[record_kind])
    ):
        raise ValidationError({"target": [_("This kind of submission needs a matching record.")]})
    if target is not None and not getattr(target, "published", True):
        raise ValidationError({"target": [_("This record is not public.")]})
    if not isinstance(relation, str) or relation not in SubmitterRelation.values:
        errors["relation"] = [_("Say how you are related to the person or record.")]
    sources = _text_field("sources", sources, errors)
    note = _text_field("note", note, errors)
    if not sources and "sources" not in errors:
        errors["sources"] = [_("Name your sources (documents, archives, family papers, publications).")]
    if consent is not True:
        errors["consent"] = [
            _("You must agree to the publication of the facts under the register's licence.")
        ]
    files = list(files)
    checked_files = _check_files(files, errors)
    try:
        proposal = clean_proposal(kind, proposal, target, has_files=bool(files))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    submission = Submission(
        kind=kind,
        proposal=proposal,
        base=base_values(target, proposal) if target is not None else {},
        submitter=user,
        relation=relation,
        sources=sources,
        note=note,
        consent=True,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    if target is not None:
        submission.target_type = ContentType.objects.get_for_model(type(target))
        submission.target_id = target.pk
        submission.target_key = getattr(target, KEY_FIELD[record_kind])
        submission.base_version = base_version if base_version is not None else target.version
    submission.full_clean(exclude=["proposal", "base", "accepted_keys"])
    submission.save()
    _store_files(submission, checked_files)
    return submission


def _text_field(key: str, value, errors: dict) -> str:
    """`value` checked by register/contributions/text.py; an error goes to errors[key] (returns "")."""
    try:
        return clean_text(value)
    except ValidationError as exc:
        errors[key] = exc.messages
        return ""


RATE_LOCK_NAMESPACE = 4_004  # first key of pg_advisory_xact_lock(namespace, user id): the hourly count


def _check_rate(user) -> None:
    """Refuse a submission beyond settings.SUBMISSIONS_PER_HOUR. The user's sends are serialised first
    (a transaction-level advisory lock keyed by the user, held until the caller's transaction ends), so
    that parallel requests cannot all count the same number and all pass."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [RATE_LOCK_NAMESPACE, user.pk])
    limit = settings.SUBMISSIONS_PER_HOUR
    since = timezone.now() - dt.timedelta(hours=1)
    if Submission.objects.filter(submitter=user, created__gte=since).count() >= limit:
        raise SubmissionRateLimited(
            _(
                "You have sent %(count)d submissions in the last hour, the most the register takes. "
                "Please try again later."
            )
            % {"count": limit}
        )


def _check_files(files: list, errors: dict, *, present: tuple[int, int] = (0, 0)) -> list:
    """Check the files' metadata and content (register/contributions/files.py) and return [(CleanFile,
    meta)]. `present` is (count, bytes) of the files the submission already has: with the new ones they
    may be at most settings.UPLOAD_MAX_FILES files and settings.UPLOAD_MAX_TOTAL_BYTES bytes; beyond
    that errors["files"] is set and no file is read."""
    if not files:
        return []
    if not _within_limits(files, present, errors):
        return []
    checked = []
    for index, item in enumerate(files):
        item = item if isinstance(item, dict) else {"file": item}
        meta = {
            field: _text_field(f"files.{index}.{field}", item.get(field), errors)
            for field in ("kind", "description", "date_edtf", "source")
        }
        meta["kind"] = meta["kind"] or AttachmentKind.OTHER
        meta["description"], meta["source"] = meta["description"][:500], meta["source"][:500]
        if meta["kind"] not in AttachmentKind.values:
            errors[f"files.{index}.kind"] = [_("Choose what the file is.")]
        try:
            edtf_bounds(meta["date_edtf"])
        except ValidationError as exc:
            errors[f"files.{index}.date_edtf"] = exc.messages
        try:
            checked.append((clean_upload(item["file"]), meta))
        except ValidationError as exc:
            errors[f"files.{index}.file"] = exc.messages
        except (KeyError, AttributeError):
            errors[f"files.{index}.file"] = [_("No file was sent.")]
    return checked


def _within_limits(files: list, present: tuple[int, int], errors: dict) -> bool:
    count, total = present
    max_files, max_bytes = settings.UPLOAD_MAX_FILES, settings.UPLOAD_MAX_TOTAL_BYTES
    if count + len(files) > max_files:
        errors["files"] = [
            ngettext(
                "A submission can have at most %(count)d file.",
                "A submission can have at most %(count)d files.",
                max_files,
            )
            % {"count": max_files}
            + (" " + _("It already has %(present)d.") % {"present": count} if count else "")
        ]
        return False
    try:
        total += sum(upload_size(item["file"] if isinstance(item, dict) else item) for item in files)
    except (KeyError, AttributeError, OSError):
        return True  # the file's own check names what is missing
    if total > max_bytes:
        errors["files"] = [
            _("The files of a submission can be at most %(limit)s together.")
            % {"limit": filesizeformat(max_bytes)}
        ]
        return False
    return True


def _store_files(submission, checked: list) -> None:
    """Store the checked files through the default storage; a failure deletes those already stored."""
    stored = []
    try:
        for clean, meta in checked:
            attachment = Attachment(
                submission=submission, media_type=clean.media_type, size=clean.size, **meta
            )
            attachment.file.save(clean.content.name, clean.content, save=False)
            stored.append(attachment.file)
            attachment.save()
    except Exception:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise


@transaction.atomic
def submission_reply(*, submission: Submission, user, text: str, files=()) -> Submission:
    """The submitter answers a request for more information: a message (and files); the submission goes
    back to "pending". Raises PermissionDenied (not the submitter), IllegalTransition (no request is
    open: "There is no open question to answer.") or ValidationError ("text", "files" when the
    submission's files would exceed the limits, "files.<n>.<field>")."""
    submission = _locked(submission)
    if user is None or submission.submitter_id != user.pk:
        raise PermissionDenied(_("Only the submitter can answer."))
    if submission.status != S.NEEDS_INFO:
        raise IllegalTransition(_("There is no open question to answer."))
    errors: dict[str, list[str]] = {}
    text = _text_field("text", text, errors)
    if not text and "text" not in errors:
        errors["text"] = [_("Write your answer.")]
    present = submission.attachments.aggregate(count=Count("pk"), size=Sum("size"))
    checked = _check_files(list(files), errors, present=(present["count"], present["size"] or 0))
    if errors:
        raise ValidationError(errors)
    workflow.transition(submission, S.PENDING)
    SubmissionMessage.objects.create(submission=submission, author=user, from_moderator=False, text=text)
    _store_files(submission, checked)
    _bump(submission)
    return submission


@transaction.atomic
def submission_withdraw(*, submission: Submission, user) -> Submission:
    """The submitter withdraws an open submission. Raises PermissionDenied or IllegalTransition."""
    submission = _locked(submission)
    if user is None or submission.submitter_id != user.pk:
        raise PermissionDenied(_("Only the submitter can withdraw a submission."))
    workflow.transition(submission, S.WITHDRAWN)
    _bump(submission)
    return submission


# ---------------------------------------------------------------- moderators


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _review(submission: Submission, moderator, expected_revision: int) -> Submission:
    """Lock the submission and check the moderator may act on it at this revision."""
    require_moderator(moderator)
    locked = _locked(submission)
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
    _bump(submission)


def _bump(submission: Submission) -> None:
    submission.revision += 1
    submission.save()


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
    ValidationError ("keys": unknown or none) or StaleRecord (the record changed under a chosen change).
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
    value = _text_field(key, value, errors)
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
    _bump(submission)
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
    of_record_key = _text_field("of", of_record_key, errors)
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
    record_kind = RECORD_KIND[submission.kind]
    return MODELS[record_kind].objects.filter(**{KEY_FIELD[record_kind]: key, "published": True}).exists()


def submissions_bulk(*, ids, moderator, action: str, reason: str = "") -> list[tuple[int, bool, str]]:
    """Accept (all changes) or reject (with `reason`) several submissions, each in its own transaction.
    `action` is "accept" or "reject". Returns [(id, ok, message)] in the order of `ids`; a failure of one
    (conflict, own submission, stale record...) does not stop the others. Raises PermissionDenied for a
    non-moderator and ValidationError for an unknown action or a rejection without a reason."""
    require_moderator(moderator)
    if action not in ("accept", "reject"):
        raise ValidationError({"action": [_("Unknown action.")]})
    if action == "reject" and not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the submitters a reason.")]})
    results = []
    for pk in ids:
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


# ---------------------------------------------------------------- the user's own data


def user_data(*, user) -> dict:
    """Everything the register keeps about `user`'s contributions, JSON-ready: {"submissions": [{"id",
    "kind", "status", "record", "created", "updated", "relation", "sources", "note", "proposal",
    "decision_reason", "accepted_changes", "messages": [{"from_moderator", "text", "created"}],
    "attachments": [{"id", "kind", "description", "date_edtf", "source", "media_type", "size",
    "published"}]}]}. Moderators' names are not included."""
    submissions = Submission.objects.filter(submitter=user).prefetch_related("messages", "attachments")
    return {
        "submissions": [
            {
                "id": sub.pk,
                "kind": sub.kind,
                "status": sub.status,
                "record": sub.target_key or sub.result_key,
                "created": sub.created.isoformat(),
                "updated": sub.updated.isoformat(),
                "relation": sub.relation,
                "sources": sub.sources,
                "note": sub.note,
                "proposal": sub.proposal,
                "decision_reason": sub.decision_reason,
                "accepted_changes": sub.accepted_keys,
                "messages": [
                    {
                        "from_moderator": msg.from_moderator,
                        "text": msg.text,
                        "created": msg.created.isoformat(),
                    }
                    for msg in sub.messages.all()
                ],
                "attachments": [
                    {
                        "id": str(att.pk),
                        "kind": att.kind,
                        "description": att.description,
                        "date_edtf": att.date_edtf,
                        "source": att.source,
                        "media_type": att.media_type,
                        "size": att.size,
                        "published": att.published,
                    }
                    for att in sub.attachments.all()
                ],
            }
            for sub in submissions
        ]
    }


@transaction.atomic
def forget_user(*, user) -> None:
    """Delete `user`'s submissions that did not become part of the register (open, rejected, withdrawn,
    duplicate) with their files, and the files of accepted ones that were not published. Accepted facts
    stay; once the account is deleted their credit is "anonymous" (Submission.submitter is SET_NULL)."""
    kept = (S.ACCEPTED, S.PARTLY_ACCEPTED)
    submissions = Submission.objects.filter(submitter=user)
    files = Attachment.objects.filter(submission__submitter=user).exclude(
        submission__status__in=kept, published=True
    )
    names = [(att.file.storage, att.file.name) for att in files]
    files.delete()
    submissions.exclude(status__in=kept).delete()
    SubmissionMessage.objects.filter(author=user, from_moderator=False).update(text="")
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def is_reviewer_of(user, submission: Submission) -> bool:
    """Whether `user` may review `submission` (a moderator who is not its submitter)."""
    return is_moderator(user) and submission.submitter_id != user.pk
