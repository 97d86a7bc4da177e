"""Submissions in the admin, read-only: decisions are taken on the moderation pages (and the API), where
the workflow, the revision token and the audit trail apply. Administrators may delete spam."""

from django.contrib import admin

from register.contributions.models import Attachment, Submission, SubmissionMessage


class MessageInline(admin.TabularInline):
    model = SubmissionMessage
    extra = 0
    fields = ["created", "from_moderator", "author", "text"]
    readonly_fields = fields


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["id", "kind", "description", "media_type", "size", "published"]
    readonly_fields = fields


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "status",
        "target_key",
        "submitter",
        "created",
        "reviewed_by",
        "reviewed_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["target_key", "result_key", "submitter__username", "submitter__email"]
    list_select_related = ["submitter", "reviewed_by"]
    inlines = [MessageInline, AttachmentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
