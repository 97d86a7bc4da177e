"""Submissions in the API: what a contributor sends and reads back, and what a moderator reads and does.

The shapes follow register/contributions: `proposal` is the JSON object of
register/contributions/changes.py, `changes` the field-by-field difference against the record now.
The submitter's identity is shown only to moderators (`submitter`), never their e-mail address.
"""

from __future__ import annotations

import json

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.parsers import has_lone_surrogate
from register.contributions.changes import diff
from register.contributions.models import (
    Attachment,
    AttachmentKind,
    Submission,
    SubmissionKind,
    SubmissionMessage,
    SubmissionStatus,
    SubmitterRelation,
)


class ChangeSerializer(serializers.Serializer):
    """One proposed change: `key` (what a moderator accepts), `label`, `kind` add/remove/change, the
    record's value now (`old`), the proposed one (`new`), the value when submitted (`base`) and
    `conflict` (the record changed under the submission: this change cannot be accepted)."""

    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.ChoiceField(choices=["add", "remove", "change"])
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)
    base = serializers.JSONField(allow_null=True)
    conflict = serializers.BooleanField()

    def to_representation(self, change):
        data = super().to_representation(change)
        if isinstance(change.new, Attachment):  # `file:<uuid>`: the file is listed in `attachments`
            data["new"] = {"attachment": str(change.new.pk), "description": change.new.description}
        return data


class MessageSerializer(serializers.ModelSerializer):
    """A message on a submission (a moderator's question or decision, or the submitter's answer)."""

    class Meta:
        model = SubmissionMessage
        fields = ["from_moderator", "text", "created"]


class AttachmentSerializer(serializers.ModelSerializer):
    """An attached file; `url` is readable by the submitter and moderators (by everyone once published)."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "kind", "description", "date_edtf", "source"]
        fields += ["media_type", "size", "published", "url"]

    def get_url(self, attachment) -> str:
        return self.context["request"].build_absolute_uri(attachment.get_absolute_url())


class SubmissionSerializer(serializers.ModelSerializer):
    """A submission as its submitter (and a moderator) reads it."""

    record = serializers.SerializerMethodField(help_text="Public id (or slug) of the record, if any.")
    changes = serializers.SerializerMethodField()
    messages = MessageSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "kind",
            "status",
            "record",
            "created",
            "updated",
            "relation",
            "sources",
            "note",
            "proposal",
            "changes",
            "decision_reason",
            "accepted_keys",
            "messages",
            "attachments",
            "revision",
        ]

    def get_record(self, submission) -> str:
        return submission.target_key or submission.result_key

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, submission) -> list:
        return ChangeSerializer(diff(submission), many=True).data


class QueueItemSerializer(serializers.ModelSerializer):
    """A line of the moderation queue. `submitter` is the username (moderators only), never the e-mail."""

    record = serializers.SerializerMethodField()
    submitter = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = ["id", "url", "kind", "status", "record", "submitter", "relation", "created", "revision"]

    def get_record(self, submission) -> str:
        return submission.target_key or submission.result_key

    def get_submitter(self, submission) -> str:
        return submission.submitter.get_username() if submission.submitter else ""

    def get_url(self, submission) -> str:
        path = reverse("api:moderation-submission-detail", kwargs={"pk": submission.pk})
        return self.context["request"].build_absolute_uri(path)


class ModerationSubmissionSerializer(SubmissionSerializer):
    """A submission as a moderator reviews it: the submission plus who sent it (username)."""

    submitter = serializers.SerializerMethodField()

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "submitter", "reviewed_at"]

    def get_submitter(self, submission) -> str:
        return submission.submitter.get_username() if submission.submitter else ""


class FileMetaSerializer(serializers.Serializer):
    """What the submitter says of one attached file (the n-th of `files`)."""

    kind = serializers.ChoiceField(choices=AttachmentKind.choices, default=AttachmentKind.OTHER)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    date_edtf = serializers.CharField(required=False, allow_blank=True, default="")
    source = serializers.CharField(required=False, allow_blank=True, default="")


class JSONTextField(serializers.JSONField):
    """A JSON value sent as JSON, or as a JSON text in a multipart form field."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except (ValueError, RecursionError) as exc:
                raise serializers.ValidationError("Not valid JSON.") from exc
            if has_lone_surrogate(data):
                raise serializers.ValidationError("The text contains characters that are not valid Unicode.")
        return super().to_internal_value(data)


class UploadsMixin(serializers.Serializer):
    """Files sent as multipart/form-data: `files` (repeated) and `files_meta`, a JSON list of
    {kind, description, date_edtf, source} in the same order (JSON requests cannot carry files)."""

    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    files_meta = JSONTextField(required=False, default=list)

    def validate_files_meta(self, value):
        if not isinstance(value, list):
            raise serializers.ValidationError("A list of objects, one per file.")
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                message = "An object with kind, description, date_edtf and source."
                raise serializers.ValidationError({index: [message]})
            meta = FileMetaSerializer(data=item)
            if not meta.is_valid():
                raise serializers.ValidationError({index: meta.errors})
            items.append(meta.validated_data)
        return items

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if len(attrs.get("files_meta") or []) > len(attrs.get("files") or []):
            raise serializers.ValidationError({"files_meta": ["More descriptions than files."]})
        return attrs

    def uploads(self) -> list[dict]:
        """[{"file", "kind", "description", "date_edtf", "source"}] for the service."""
        metas = self.validated_data.get("files_meta") or []
        return [
            {"file": upload, **(metas[index] if index < len(metas) else {})}
            for index, upload in enumerate(self.validated_data.get("files") or [])
        ]


class SubmissionCreateSerializer(UploadsMixin):
    """A new submission. `record` is the public id (person, place) or slug (operation) of the record a
    correction is for; leave it out for a new person or place. `proposal` has the shape given in
    register/contributions/changes.py, e.g. {"fields": {"death_edtf": "1942-03"}}, or for a place or an
    operation {"translations": {"description": {"lt": "..."}}} (an empty text removes a translation;
    errors are keyed "translations.description.lt"). `base_version` is the
    record's `version` the proposal was written against (default: its version now)."""

    kind = serializers.ChoiceField(choices=SubmissionKind.choices)
    record = serializers.CharField(required=False, allow_blank=True, default="")
    proposal = JSONTextField()
    relation = serializers.ChoiceField(choices=SubmitterRelation.choices)
    sources = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    consent = serializers.BooleanField(
        help_text="Consent to publication of the submitted facts and files under the register's content "
        "licence (CONTENT_LICENCE_NAME; Creative Commons Attribution 4.0 by default), credited by the "
        "contributor's chosen name or as anonymous. Must be true."
    )
    base_version = serializers.IntegerField(required=False, min_value=1, allow_null=True, default=None)

    def validate_proposal(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError("A JSON object.")
        return value


class ReplySerializer(UploadsMixin):
    """The submitter's answer to a request for more information."""

    text = serializers.CharField()


class RevisionSerializer(serializers.Serializer):
    """`revision`: the submission's revision the moderator read (409 when another action came first)."""

    revision = serializers.IntegerField(min_value=0)


class AcceptSerializer(RevisionSerializer):
    """Accept all changes, or only `keys` (the `key` of items in `changes`)."""

    keys = serializers.ListField(child=serializers.CharField(), required=False, allow_null=True, default=None)
    record_version = serializers.IntegerField(required=False, min_value=1, allow_null=True, default=None)


class RejectSerializer(RevisionSerializer):
    """Reject with a reason the submitter is sent."""

    reason = serializers.CharField()


class RequestInfoSerializer(RevisionSerializer):
    """Ask the submitter a question."""

    message = serializers.CharField()


class DuplicateSerializer(RevisionSerializer):
    """Close as a duplicate of another submission (`of_submission`) or of a record (`of_record`)."""

    of_submission = serializers.IntegerField(required=False, allow_null=True, default=None)
    of_record = serializers.CharField(required=False, allow_blank=True, default="")


class BulkSerializer(serializers.Serializer):
    """Accept (all changes) or reject (with `reason`) several submissions at once."""

    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=200)
    action = serializers.ChoiceField(choices=["accept", "reject"])
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class BulkResultSerializer(serializers.Serializer):
    """What happened to one submission of a bulk action."""

    id = serializers.IntegerField()
    ok = serializers.BooleanField()
    message = serializers.CharField()


class QueueParamsSerializer(serializers.Serializer):
    """Filters of the moderation queue."""

    kind = serializers.MultipleChoiceField(choices=SubmissionKind.choices, required=False)
    status = serializers.MultipleChoiceField(choices=SubmissionStatus.choices, required=False)
    older_than_days = serializers.IntegerField(required=False, min_value=1, max_value=36500)
    record = serializers.CharField(required=False, allow_blank=True, max_length=80)
    submitter = serializers.CharField(required=False, allow_blank=True, max_length=150)
    ordering = serializers.ChoiceField(choices=["newest", "oldest"], required=False, default="newest")
