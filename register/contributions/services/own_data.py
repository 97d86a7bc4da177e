"""A contributor's own data: what the register keeps about their contributions, and forgetting them."""

from __future__ import annotations

from django.db import transaction

from register.contributions.models import (
    Attachment,
    Submission,
    SubmissionMessage,
)
from register.contributions.services.common import S


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
