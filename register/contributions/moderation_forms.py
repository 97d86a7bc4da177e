"""Forms of the moderation pages: the queue's filters, bulk actions, and the actions on one submission."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from register.contributions.models import SubmissionKind, SubmissionStatus


class QueueFilterForm(forms.Form):
    """The queue's filters (GET)."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds")), *SubmissionKind.choices], required=False
    )
    status = forms.MultipleChoiceField(
        label=_("Status"),
        choices=SubmissionStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: waiting for review and more information requested."),
    )
    older_than = forms.IntegerField(
        label=_("Sent more than … days ago"), min_value=0, max_value=3650, required=False
    )
    record = forms.CharField(label=_("Record id"), max_length=80, required=False)
    submitter = forms.CharField(label=_("Submitter (user name or e-mail)"), max_length=200, required=False)
    sort = forms.ChoiceField(
        label=_("Order"), choices=[("new", _("newest first")), ("old", _("oldest first"))], required=False
    )

    def criteria(self) -> dict:
        """Keyword arguments of register.contributions.selectors.queue."""
        data = self.cleaned_data
        return {
            "kinds": [data["kind"]] if data.get("kind") else None,
            "statuses": data.get("status") or None,
            "older_than_days": data.get("older_than"),
            "record": (data.get("record") or "").strip(),
            "submitter": (data.get("submitter") or "").strip(),
            "oldest_first": data.get("sort") == "old",
        }


class BulkForm(forms.Form):
    """Bulk accept or reject of the ticked submissions."""

    ids = forms.TypedMultipleChoiceField(
        coerce=int, required=True, error_messages={"required": _("Tick at least one submission.")}
    )
    action = forms.ChoiceField(choices=[("accept", _("Accept all changes")), ("reject", _("Reject"))])
    reason = forms.CharField(label=_("Reason (for a rejection)"), max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = (
            [(value, value) for value in self.data.getlist("ids")] if self.data else []
        )

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not (data.get("reason") or "").strip():
            raise ValidationError(_("Give the submitters a reason for the rejection."))
        return data


class ActionForm(forms.Form):
    """One moderator action on one submission; `revision` is the submission's revision the page showed."""

    ACTIONS = [
        ("accept", _("Accept all")),
        ("accept_selected", _("Accept the ticked changes")),
        ("reject", _("Reject")),
        ("request_info", _("Ask for more information")),
        ("duplicate", _("Mark as duplicate")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    record_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (sent to the submitter)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    message = forms.CharField(
        label=_("Your question to the submitter"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    duplicate_of = forms.IntegerField(label=_("Duplicate of submission #"), min_value=1, required=False)
    record_key = forms.CharField(label=_("or of the record (id)"), max_length=80, required=False)
