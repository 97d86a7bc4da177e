"""Submissions by contributors: a new person or place, or a correction of a person, place or operation,
with attached files and the messages between the submitter and the moderators.

Nothing here is public: a submission's proposal reaches the register only when a moderator accepts it
(register/contributions/services.py), and an attachment is served to the public only once it is
`published` on the record it was accepted for.
"""

import secrets
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SubmissionKind(models.TextChoices):
    """What a submission proposes."""

    NEW_PERSON = "new_person", _("new person")
    PERSON_CHANGE = "person_change", _("correction of a person")
    NEW_PLACE = "new_place", _("new place")
    PLACE_CHANGE = "place_change", _("correction of a place")
    OPERATION_CHANGE = "operation_change", _("correction of an operation")


NEW_KINDS = (SubmissionKind.NEW_PERSON, SubmissionKind.NEW_PLACE)


class SubmitterRelation(models.TextChoices):
    """The submitter's relation to the person or record (private: moderators only)."""

    RELATIVE = "relative", _("relative")
    RESEARCHER = "researcher", _("researcher")
    OTHER = "other", _("other")


class SubmissionStatus(models.TextChoices):
    """The review state; the allowed moves are in register/contributions/workflow.py."""

    PENDING = "pending", _("waiting for review")
    NEEDS_INFO = "needs_info", _("more information requested")
    ACCEPTED = "accepted", _("accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("partly accepted")
    REJECTED = "rejected", _("rejected")
    DUPLICATE = "duplicate", _("duplicate")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Submission(models.Model):
    """One proposal of one contributor.

    `target_*` name the record a correction is for (and, once a new record is accepted, the record
    created); `target_key` is its public key (Person.public_id, Place.public_id or Operation.slug).
    `proposal` holds what the contributor proposes (shape: register/contributions/changes.py), `base` the
    record's values of the proposed items when it was submitted and `base_version` the record's version
    when the form was opened. `revision` goes up with every action on the submission: it is the token
    that lets exactly one of two moderators acting at once win.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=SubmissionKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_key = models.CharField(_("record"), max_length=80, blank=True, db_index=True)
    base_version = models.PositiveIntegerField(_("record version"), null=True, blank=True)
    proposal = models.JSONField(_("proposal"), default=dict)
    base = models.JSONField(_("values when submitted"), default=dict)
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        verbose_name=_("submitter"),
    )
    relation = models.CharField(_("relation"), max_length=12, choices=SubmitterRelation.choices)
    sources = models.TextField(_("sources"))
    note = models.TextField(_("note"), blank=True)
    consent = models.BooleanField(_("consent to publication"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    created = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    accepted_keys = models.JSONField(_("accepted changes"), default=list, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("duplicate of"),
    )
    duplicate_record_key = models.CharField(_("duplicate of record"), max_length=80, blank=True)
    result_key = models.CharField(_("record created or changed"), max_length=80, blank=True)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        indexes = [
            models.Index(fields=["status", "created"], name="submission_queue"),
            models.Index(fields=["target_type", "target_id"], name="submission_target"),
            models.Index(fields=["submitter", "created"], name="submission_submitter"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(consent=True), name="submission_consent"),
            models.CheckConstraint(condition=~models.Q(sources=""), name="submission_has_sources"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("contributions:detail", kwargs={"pk": self.pk})

    @property
    def is_new_record(self) -> bool:
        """Whether the submission proposes a new record (person or place) rather than a correction."""
        return self.kind in NEW_KINDS

    @property
    def record_kind(self) -> str:
        """ "person", "place" or "operation": the kind of record the submission is about."""
        return {
            SubmissionKind.NEW_PERSON: "person",
            SubmissionKind.PERSON_CHANGE: "person",
            SubmissionKind.NEW_PLACE: "place",
            SubmissionKind.PLACE_CHANGE: "place",
        }.get(self.kind, "operation")

    @property
    def record_url(self) -> str:
        """The public page of the record the submission is about ("" for a new record not accepted)."""
        key = self.target_key or self.result_key
        if not key:
            return ""
        name = {"person": "people:detail", "place": "places:detail"}.get(
            self.record_kind, "operations:detail"
        )
        from register.audit.registry import KINDS

        return reverse(name, kwargs={KINDS[self.record_kind].key_field: key})

    @property
    def record(self):
        """The record the submission is about (None for a new record not accepted yet, or a deleted one)."""
        if self.target_type_id is None or self.target_id is None:
            return None
        model = self.target_type.model_class()
        return model._default_manager.filter(pk=self.target_id).first()


class SubmissionMessage(models.Model):
    """A message on a submission: a moderator's question or decision, or the submitter's answer."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_moderator = models.BooleanField(default=False)
    text = models.TextField(_("message"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.text[:60]


class AttachmentKind(models.TextChoices):
    """What an attached file is."""

    DOCUMENT = "document", _("scan of a document")
    PHOTO = "photo", _("photograph")
    MEMOIR = "memoir", _("memoir")
    OTHER = "other", _("other")


def attachment_path(instance, filename: str) -> str:
    """contributions/<32 hex>/<32 hex>.<ext>: random, so that no one can guess another file's address;
    the extension comes from the checked content (register/contributions/files.py), not the upload."""
    ext = PurePosixPath(filename).suffix.lower().lstrip(".")[:5] or "bin"
    return f"contributions/{secrets.token_hex(16)}/{secrets.token_hex(16)}.{ext}"


class Attachment(models.Model):
    """A file sent with a submission (or with an answer to a moderator). Served only through the view
    `contributions:file`: to anyone once `published` (accepted onto the record `record_type`/`record_id`),
    before that only to the submitter and the moderators."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    description = models.CharField(_("description"), max_length=500, blank=True)
    date_edtf = models.CharField(_("date (EDTF)"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    media_type = models.CharField(_("media type"), max_length=50)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    published = models.BooleanField(_("published"), default=False)
    record_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [models.Index(fields=["record_type", "record_id"], name="attachment_record")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(record_id__isnull=False),
                name="attachment_published_on_record",
            )
        ]

    def __str__(self):
        return self.description or str(self.id)

    def get_absolute_url(self):
        return reverse("contributions:file", kwargs={"pk": self.pk})

    @property
    def is_image(self) -> bool:
        """Whether the file is an image a browser shows inline (JPEG or PNG after re-encoding)."""
        return self.media_type in ("image/jpeg", "image/png")
