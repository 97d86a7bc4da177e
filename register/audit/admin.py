"""Admin pieces of the audit trail: the stale-save guard of record admins and of the standalone admins of
their child rows, and the import runs (read-only)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from register.audit.concurrency import StaleRecord, lock_for_update
from register.audit.context import recording
from register.audit.models import ImportRun

VERSION_FIELD = "audit_version"


def lock_checked(record, expected: int | None) -> None:
    """Lock `record`'s row for the admin's transaction and raise ValidationError (code "stale") unless it
    is still at version `expected` (the version the form showed; None when the form did not carry one)."""
    if expected is None:
        raise ValidationError(
            _("The form did not say which version of the record it showed; reload it."), code="stale"
        )
    try:
        lock_for_update(type(record), record.pk, expected_version=expected)
    except StaleRecord as exc:
        raise ValidationError(str(exc), code="stale") from exc


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
        lock_checked(self.instance, cleaned.get(VERSION_FIELD))
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


PARENT_VERSION_FIELD = "audit_parent_version"


def _parent(instance, path: tuple[str, ...]):
    """The record (Person, Place, Operation) that `instance` (a child row) hangs from along `path` of
    foreign keys (("person",), ("location", "place")), as stored; None when there is none yet."""
    obj = instance
    for name in path:
        obj = getattr(obj, name, None) if obj is not None else None
        if obj is None:
            return None
    return obj


class ParentVersionCheckedForm(forms.ModelForm):
    """A model form of a child row (an event, a place name, a location ...) that carries the version of
    its parent record (hidden field `audit_parent_version`) and refuses to save when the record changed
    since the form was opened: `clean` locks the parent row, like VersionCheckedForm does for the record
    itself. `audit_parent_path` (the foreign keys to the parent) is set by ChildVersionedAdminMixin."""

    audit_parent_path: tuple[str, ...] = ()
    audit_parent_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = _parent(self.instance, self.audit_parent_path) if self.instance.pk is not None else None
        if parent is not None:
            self.fields[PARENT_VERSION_FIELD].initial = parent.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or self.instance._state.adding:
            return cleaned
        parent = _parent(self.instance, self.audit_parent_path)  # the stored parent (not yet the form's)
        if parent is None:
            return cleaned
        lock_checked(parent, cleaned.get(PARENT_VERSION_FIELD))
        return cleaned


class ChildVersionedAdminMixin:
    """For the standalone admins of child rows (person events, place names, locations, yearly figures):
    the form carries the parent record's version and a stale save is refused (ParentVersionCheckedForm);
    a save raises the parent's version (so that forms of the record opened before are refused in turn)
    and is recorded in history with the admin user. `audit_parent_path`: the foreign keys from the child
    to its record, e.g. ("person",) or ("location", "place")."""

    form = ParentVersionCheckedForm
    audit_parent_path: tuple[str, ...] = ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.audit_parent_path = tuple(self.audit_parent_path)
        return form

    def get_fieldsets(self, request, obj=None):
        return _with_field(super().get_fieldsets(request, obj), PARENT_VERSION_FIELD)

    def save_model(self, request, obj, form, change):
        before = _parent(type(obj).objects.get(pk=obj.pk), self.audit_parent_path) if change else None
        super().save_model(request, obj, form, change)
        for parent in {p for p in (before, _parent(obj, self.audit_parent_path)) if p is not None}:
            type(parent).objects.filter(pk=parent.pk).update(version=F("version") + 1)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with recording(user=request.user if request.user.is_authenticated else None):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        with recording(user=request.user if request.user.is_authenticated else None):
            return super().delete_view(request, object_id, extra_context)


def _with_field(fieldsets, field_name: str):
    """`fieldsets` with `field_name` added to the first fieldset (once)."""
    names = [name for _title, options in fieldsets for name in _flat(options.get("fields", ()))]
    if field_name in names or not fieldsets:
        return fieldsets
    title, options = fieldsets[0]
    first = (title, {**options, "fields": [*options.get("fields", ()), field_name]})
    return [first, *fieldsets[1:]]


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
