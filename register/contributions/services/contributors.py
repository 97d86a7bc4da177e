"""What contributors do: send a submission, answer a moderator's question, withdraw."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from register.accounts.roles import require_contributor
from register.contributions import workflow
from register.contributions.changes import KEY_FIELD, MODELS, RECORD_KIND, base_values
from register.contributions.checks import clean_proposal
from register.contributions.exceptions import IllegalTransition, SubmissionRateLimited
from register.contributions.models import (
    NEW_KINDS,
    Submission,
    SubmissionKind,
    SubmissionMessage,
    SubmitterRelation,
)
from register.contributions.services.common import S, bump_revision, lock_submission, text_field
from register.contributions.services.uploads import check_files, store_files


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
    sources = text_field("sources", sources, errors)
    note = text_field("note", note, errors)
    if not sources and "sources" not in errors:
        errors["sources"] = [_("Name your sources (documents, archives, family papers, publications).")]
    if consent is not True:
        errors["consent"] = [
            _("You must agree to the publication of the facts under the register's licence.")
        ]
    files = list(files)
    checked_files = check_files(files, errors)
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
    store_files(submission, checked_files)
    return submission


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


@transaction.atomic
def submission_reply(*, submission: Submission, user, text: str, files=()) -> Submission:
    """The submitter answers a request for more information: a message (and files); the submission goes
    back to "pending". Raises PermissionDenied (not the submitter), IllegalTransition (no request is
    open: "There is no open question to answer.") or ValidationError ("text", "files" when the
    submission's files would exceed the limits, "files.<n>.<field>")."""
    submission = lock_submission(submission)
    if user is None or submission.submitter_id != user.pk:
        raise PermissionDenied(_("Only the submitter can answer."))
    if submission.status != S.NEEDS_INFO:
        raise IllegalTransition(_("There is no open question to answer."))
    errors: dict[str, list[str]] = {}
    text = text_field("text", text, errors)
    if not text and "text" not in errors:
        errors["text"] = [_("Write your answer.")]
    present = submission.attachments.aggregate(count=Count("pk"), size=Sum("size"))
    checked = check_files(list(files), errors, present=(present["count"], present["size"] or 0))
    if errors:
        raise ValidationError(errors)
    workflow.transition(submission, S.PENDING)
    SubmissionMessage.objects.create(submission=submission, author=user, from_moderator=False, text=text)
    store_files(submission, checked)
    bump_revision(submission)
    return submission


@transaction.atomic
def submission_withdraw(*, submission: Submission, user) -> Submission:
    """The submitter withdraws an open submission. Raises PermissionDenied or IllegalTransition."""
    submission = lock_submission(submission)
    if user is None or submission.submitter_id != user.pk:
        raise PermissionDenied(_("Only the submitter can withdraw a submission."))
    workflow.transition(submission, S.WITHDRAWN)
    bump_revision(submission)
    return submission
