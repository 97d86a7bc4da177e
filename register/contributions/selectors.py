"""Reads of submissions: the moderation queue, a contributor's own submissions, what a record page shows
about its contributions, and who may read an attached file."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from register.accounts.roles import is_moderator
from register.contributions.models import Attachment, Submission, SubmissionStatus

S = SubmissionStatus
ACCEPTED = (S.ACCEPTED, S.PARTLY_ACCEPTED)


def attachment_for(user, pk) -> Attachment | None:
    """The attachment `pk` if `user` may read it: a published one on a public record anyone, any other
    only its submitter and the moderators; None otherwise (and for an unknown id)."""
    attachment = Attachment.objects.select_related("submission").filter(pk=pk).first()
    if attachment is None:
        return None
    if attachment.published and _record_is_public(attachment):
        return attachment
    if user is not None and user.is_authenticated:
        if attachment.submission.submitter_id == user.pk or is_moderator(user):
            return attachment
    return None


def _record_is_public(attachment: Attachment) -> bool:
    """Whether the record a published file belongs to is itself public and shown in full (a record taken
    off the register takes its files with it; a person who may be alive shows no documents or photos)."""
    model = attachment.record_type.model_class()
    record = model._default_manager.filter(pk=attachment.record_id, published=True).first()
    return record is not None and not getattr(record, "restricted", False)


def submissions_of(user) -> QuerySet[Submission]:
    """The user's own submissions, newest first, with their messages and attachments prefetched."""
    return (
        Submission.objects.filter(submitter=user)
        .select_related("target_type")
        .prefetch_related("messages", "attachments")
    )


def queue(
    *,
    kinds=None,
    statuses=None,
    older_than_days: int | None = None,
    record: str = "",
    submitter: str = "",
    oldest_first: bool = False,
) -> QuerySet[Submission]:
    """The moderation queue: submissions of `kinds` in `statuses` (default: pending and needs_info),
    sent more than `older_than_days` days ago, about the record with public id/slug `record`, from the
    submitter whose username or e-mail is `submitter` (case-insensitive, exact or contained); newest
    first unless `oldest_first`."""
    submissions = Submission.objects.select_related("submitter", "target_type")
    submissions = submissions.filter(status__in=statuses or (S.PENDING, S.NEEDS_INFO))
    if kinds:
        submissions = submissions.filter(kind__in=kinds)
    if older_than_days:
        submissions = submissions.filter(created__lt=timezone.now() - dt.timedelta(days=older_than_days))
    if record:
        submissions = submissions.filter(Q(target_key=record) | Q(result_key=record))
    if submitter:
        submissions = submissions.filter(
            Q(submitter__username__icontains=submitter) | Q(submitter__email__icontains=submitter)
        )
    return submissions.order_by(*(("created", "id") if oldest_first else ("-created", "-id")))


def record_contributions(record) -> dict:
    """What a public record page shows about contributions: {"last_reviewed": datetime or None,
    "credits": [credit names, "anonymous" at most once], "attachments": [published Attachments]}.
    One query for a record nobody contributed to, two otherwise."""
    from register.accounts.models import credit_for

    record_type = ContentType.objects.get_for_model(type(record))
    accepted = list(
        Submission.objects.filter(target_type=record_type, target_id=record.pk, status__in=ACCEPTED)
        .select_related("submitter__profile")
        .only(
            "reviewed_at",
            "submitter__id",
            "submitter__profile__credit_name",
            "submitter__profile__credit_public",
        )
        .order_by("reviewed_at", "id")
    )
    if not accepted:
        return {"last_reviewed": None, "credits": [], "attachments": []}
    credits: list[str] = []
    for submission in accepted:
        credit = credit_for(submission.submitter)
        if credit not in credits:
            credits.append(credit)
    attachments = Attachment.objects.filter(record_type=record_type, record_id=record.pk, published=True)
    if getattr(record, "restricted", False):  # names and repression facts only: no documents or photos
        attachments = attachments.none()
    return {
        "last_reviewed": max(sub.reviewed_at for sub in accepted if sub.reviewed_at),
        "credits": credits,
        "attachments": list(attachments),
    }


def published_record(record_kind: str, key: str):
    """The public Person, Place or Operation (`record_kind` "person", "place", "operation") whose public id
    or slug is `key`, or None."""
    from register.contributions.changes import KEY_FIELD, MODELS

    return MODELS[record_kind].objects.filter(**{KEY_FIELD[record_kind]: key, "published": True}).first()
