"""Admin pieces of the audit trail: the stale-save guard of record admins, and the import runs (read-only)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from register.audit.concurrency import StaleRecord, lock_for_update
from register.audit.context import recording
from register.audit.models import ImportRun

VERSION_FIELD = "audit_version"


class VersionCheckedForm(forms.ModelForm):
    """A model form that carries the version of the record it showed (hidden field `audit_version`) and
    refuses to save over a newer version: `clean` locks the row (inside the admin's transaction) and adds
    a form error saying who changed it and when."""

    audit_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[VERSION_FIELD].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or self.instance._state.adding:
            return cleaned
        expected = cleaned.get(VERSION_FIELD)
        if expected is None:
            raise ValidationError(
                _("The form did not say which version of the record it showed; reload it."), code="stale"
            )
        try:
            lock_for_update(type(self.instance), self.instance.pk, expected_version=expected)
        except StaleRecord as exc:
            raise ValidationError(str(exc), code="stale") from exc
        return cleaned


class VersionedAdminMixin:
    """For the admins of Person, Place and Operation: a stale save is refused with a form error instead
    of overwriting the newer version, and every change is recorded in history with the admin user."""

    form = VersionCheckedForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = [name for _title, options in fieldsets for name in _flat(options.get("fields", ()))]
        if VERSION_FIELD in names or not fieldsets:
            return fieldsets
        title, options = fieldsets[0]
        first = (title, {**options, "fields": [*options.get("fields", ()), VERSION_FIELD]})
        return [first, *fieldsets[1:]]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with recording(user=request.user if request.user.is_authenticated else None):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        with recording(user=request.user if request.user.is_authenticated else None):
            return super().delete_view(request, object_id, extra_context)


def _flat(fields):
    for name in fields:
        if isinstance(name, list | tuple):
            yield from name
        else:
            yield name


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Import runs, read-only (rolled back from /history/imports/ or `manage.py rollback_import`)."""

    list_display = ["id", "kind", "dataset", "file_name", "user", "started", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["file_name", "dataset", "sha256"]
    readonly_fields = [field.name for field in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
