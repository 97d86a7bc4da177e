"""Web forms of contributors: the record's fields, name forms, life events, a point, files, and what
every submission states (relation, sources, note, consent). They only collect input: the proposal is
checked by the service (register/contributions/services.py), whose errors are put back on the fields
(`SubmissionForms.show_errors`)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from register.contributions.changes import (
    EVENT_FIELDS,
    FIELDS,
    MODELS,
    NAME_FIELDS,
    PERSON_NAME_PARTS,
    event_value,
    point_value,
)
from register.contributions.checks import clean_proposal
from register.contributions.files import clean_upload
from register.contributions.models import AttachmentKind, SubmissionKind, SubmitterRelation
from register.operations.models import Operation
from register.people.models import REPRESSION_EVENTS, EventKind, FormKind, NamePart, PersonName
from register.places.models import Place
from register.texts.languages import language_choices

TEXTAREAS = {"biography", "description", "note"}


def _licence_label() -> str:
    return gettext(
        "I agree that the facts and files I submit are published in the register under the licence "
        "%(licence)s, credited as I choose in my profile. My e-mail address and this submission's relation, "
        "sources and note stay private: only the moderators read them."
    ) % {"licence": settings.CONTENT_LICENCE_NAME}


def _licence_help() -> str:
    return format_html(
        '{} <a href="{}" rel="license">{}</a>',
        gettext("Read the licence:"),
        settings.CONTENT_LICENCE_URL,
        settings.CONTENT_LICENCE_NAME,
    )


LICENCE = lazy(_licence_label, str)()  # settings.CONTENT_LICENCE_NAME, read when the form is shown
LICENCE_HELP = lazy(_licence_help, str)()


class CommonForm(forms.Form):
    """What every submission states."""

    relation = forms.ChoiceField(
        label=_("Your relation to the person or record"),
        choices=SubmitterRelation.choices,
        widget=forms.RadioSelect,
    )
    sources = forms.CharField(
        label=_("Your sources"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Documents, archive references (fond, opis, delo), family papers, publications."),
    )
    note = forms.CharField(
        label=_("Note to the moderators"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    consent = forms.BooleanField(label=LICENCE, help_text=LICENCE_HELP)
    base_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class FieldsForm(forms.Form):
    """The record's scalar fields, made from the model fields (labels, choices, lengths)."""

    def __init__(self, *args, record_kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        model = MODELS[record_kind]
        for name in FIELDS[record_kind]:
            field = model._meta.get_field(name).formfield()
            field.required = False
            if name in TEXTAREAS:
                field.widget = forms.Textarea(attrs={"rows": 4})
            if name in ("birth_edtf", "death_edtf", "period_edtf"):
                field.widget.attrs["placeholder"] = "1941-06-14"
            if name == "country":
                field.widget.attrs.update(placeholder="LT", size=3)
            self.fields[name] = field


class NameForm(forms.Form):
    """A name form to add (or an existing one, shown with a "remove" box)."""

    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remove = forms.BooleanField(label=_("remove"), required=False)
    part = forms.ChoiceField(label=_("name part"), choices=[("", "—"), *NamePart.choices], required=False)
    value = forms.CharField(label=_("name"), max_length=200, required=False)
    language = forms.CharField(
        label=_("language"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"size": 4, "placeholder": "lt"}),
    )
    script = forms.ChoiceField(
        label=_("script"),
        choices=[("", _("guess")), *PersonName._meta.get_field("script").choices],
        required=False,
    )
    kind = forms.ChoiceField(label=_("kind"), choices=FormKind.choices, required=False)


def place_choices():
    return [
        ("", "—"),
        *Place.objects.filter(published=True)
        .order_by("primary_name")
        .values_list("public_id", "primary_name"),
    ]


def operation_choices():
    return [("", "—"), *Operation.objects.filter(published=True).values_list("slug", "name_en")]


class EventForm(forms.Form):
    """A life event: an existing one (pk set; changed fields or "remove") or a new one."""

    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remove = forms.BooleanField(label=_("remove this event"), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=[("", "—"), *EventKind.choices], required=False)
    period_edtf = forms.CharField(
        label=_("date (EDTF)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "1941-06-14"}),
    )
    place = forms.ChoiceField(label=_("place of the register"), required=False)
    place_text = forms.CharField(label=_("or place as recorded"), max_length=300, required=False)
    operation = forms.ChoiceField(label=_("deportation operation"), required=False)
    origin = forms.CharField(label=_("from"), max_length=300, required=False)
    article = forms.CharField(label=_("criminal code article"), max_length=100, required=False)
    authority = forms.CharField(label=_("body"), max_length=200, required=False)
    term = forms.CharField(label=_("term"), max_length=100, required=False)
    cause = forms.CharField(label=_("cause"), max_length=200, required=False)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, places=(), operations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = places
        self.fields["operation"].choices = operations


class FileForm(forms.Form):
    """One attached file with what it is."""

    file = forms.FileField(
        label=_("file (PDF, JPEG, PNG or TIFF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/tiff"}),
    )
    kind = forms.ChoiceField(label=_("what it is"), choices=AttachmentKind.choices, required=False)
    description = forms.CharField(label=_("description"), max_length=500, required=False)
    date_edtf = forms.CharField(
        label=_("date (EDTF)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "1952"}),
    )
    source = forms.CharField(label=_("source"), max_length=500, required=False)


class PointForm(forms.Form):
    """A point in WGS 84 degrees, typed or picked on the map."""

    lat = forms.FloatField(label=_("latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("longitude"), required=False, min_value=-180, max_value=180)


class TranslationForm(forms.Form):
    """The description in one more language: an existing translation (emptied: removed) or a new one."""

    language = forms.ChoiceField(label=_("language"), required=False)
    text = forms.CharField(
        label=_("translation of the description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—"), *language_choices()]

    def clean(self):
        data = super().clean()
        if data.get("text") and not data.get("language"):
            self.add_error("language", gettext("Choose the language of this translation."))
        return data


class BaseTranslationFormSet(forms.BaseFormSet):
    """Translation rows: each language at most once."""

    def clean(self):
        seen = set()
        for form in self.forms:
            language = form.cleaned_data.get("language") if form.is_valid() else None
            if language and language in seen:
                form.add_error("language", gettext("This language is given twice."))
                raise ValidationError(gettext("Give each language at most once."))
            if language:
                seen.add(language)


class ReplyForm(forms.Form):
    """The submitter's answer to a moderator's question."""

    text = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}))


NameFormSet = forms.formset_factory(NameForm, extra=0)
TranslationFormSet = forms.formset_factory(TranslationForm, formset=BaseTranslationFormSet, extra=1)
EventFormSet = forms.formset_factory(EventForm, extra=0)
FileFormSet = forms.formset_factory(FileForm, extra=1)


class SubmissionForms:
    """All forms of one submission page, bound to the request or filled from the record.

    kind: a SubmissionKind; record: the Person, Place or Operation corrected (None for a new one);
    initial_fields: values for the new record's fields (e.g. the name searched for); translate: a
    language code to preselect in the first new translation row (a correction of a place or operation).
    """

    def __init__(self, kind: str, record=None, data=None, files=None, initial_fields=None, translate=""):
        self.kind, self.record = kind, record
        self.record_kind = {"new_person": "person", "person_change": "person", "new_place": "place"}.get(
            kind, "place" if kind == "place_change" else "operation"
        )
        self.is_person = self.record_kind == "person"
        self.is_place = self.record_kind == "place"
        self.common = CommonForm(data, prefix="c", initial={"base_version": getattr(record, "version", None)})
        # A restricted person (who may be alive) shows only the names and the repression facts, here too:
        # the other fields start empty and an empty one means "no change" (see `proposal`).
        self.restricted = bool(getattr(record, "restricted", False))
        fields_initial = initial_fields or {}
        if record is not None:
            shown = PERSON_NAME_PARTS if self.restricted else FIELDS[self.record_kind]
            fields_initial = {name: getattr(record, name) for name in shown}
        self.fields = FieldsForm(data, prefix="f", record_kind=self.record_kind, initial=fields_initial)
        self.files = FileFormSet(data, files, prefix="file")
        self.names = self.events = self.new_names = self.new_events = self.point = None
        self.translations = None
        if record is not None and not self.is_person:
            self.translations = self._translation_forms(data, translate)
        if self.is_person:
            self._person_forms(data)
        if self.is_place:
            self.point = PointForm(data, prefix="pt", initial=point_value(record) if record else None)

    def _translation_forms(self, data, translate: str):
        """The record's translations of its description (editable) and one empty row for a new one."""
        rows = [
            {"language": row.language, "text": row.text}
            for row in self.record.translations.filter(field="description").order_by("language")
        ]
        if translate in {code for code, _name in language_choices()} and translate not in {
            row["language"] for row in rows
        }:
            rows.append({"language": translate})
        return TranslationFormSet(data, prefix="tr", initial=rows)

    def _person_forms(self, data):
        record = self.record
        names = (
            [{"pk": name.pk, **{f: getattr(name, f) for f in NAME_FIELDS}} for name in record.names.all()]
            if record
            else []
        )
        self.names = NameFormSet(data, prefix="name", initial=names)
        self.new_names = forms.formset_factory(NameForm, extra=1 if record else 2)(data, prefix="newname")
        choices = {"places": place_choices(), "operations": operation_choices()}
        shown_events = []
        if record:
            shown_events = [
                event
                for event in record.events.select_related("place", "operation")
                if not self.restricted or event.kind in REPRESSION_EVENTS
            ]
        events = [{"pk": event.pk, **event_value(event)} for event in shown_events]
        self.events = EventFormSet(data, prefix="event", initial=events, form_kwargs=choices)
        if record:
            for form, name in zip(self.names, record.names.all(), strict=False):
                form.summary = (
                    f"{name.value} ({name.get_part_display()}{', ' + name.language if name.language else ''})"
                )
            for form, event in zip(self.events, shown_events, strict=False):
                form.summary = " · ".join(
                    str(item)
                    for item in (event.get_kind_display(), event.period_edtf, event.place or event.place_text)
                    if item
                )
        self.new_events = forms.formset_factory(EventForm, extra=1)(
            data, prefix="newevent", form_kwargs=choices
        )

    def all_forms(self):
        forms_ = [self.common, self.fields, self.point]
        sets = [self.names, self.new_names, self.events, self.new_events, self.translations, self.files]
        return [form for form in forms_ if form is not None], [
            formset for formset in sets if formset is not None
        ]

    def is_valid(self) -> bool:
        single, sets = self.all_forms()
        return all([form.is_valid() for form in single] + [formset.is_valid() for formset in sets])

    # ---------------------------------------------------------------- to the service and back

    def proposal(self) -> dict:
        """The proposal for the service (see register/contributions/changes.py); remembers which row gave
        which item so that the service's errors can be shown on the right row."""
        self._rows: dict[str, object] = {}
        fields = {name: value for name, value in self.fields.cleaned_data.items() if value is not None}
        if self.restricted:  # hidden fields were not shown: an empty one is not a change
            fields = {
                name: value for name, value in fields.items() if value != "" or name in PERSON_NAME_PARTS
            }
        proposal: dict = {"fields": fields}
        if self.is_person:
            proposal["names_add"] = self._new_items(self.new_names, "names_add", "value")
            proposal["names_remove"] = [
                form.cleaned_data["pk"] for form in self.names if form.cleaned_data.get("remove")
            ]
            proposal["events_add"] = self._new_items(self.new_events, "events_add", "kind")
            proposal["events_remove"], proposal["events_change"] = [], {}
            for form in self.events:
                pk = form.cleaned_data.get("pk")
                if form.cleaned_data.get("remove"):
                    proposal["events_remove"].append(pk)
                else:
                    proposal["events_change"][str(pk)] = {
                        f: form.cleaned_data.get(f) or "" for f in EVENT_FIELDS
                    }
                    self._rows[f"events_change.{pk}"] = form
        if self.is_place:
            lat, lon = self.point.cleaned_data.get("lat"), self.point.cleaned_data.get("lon")
            if lat is not None or lon is not None:
                proposal["point"] = {"lat": lat, "lon": lon}
        if self.translations is not None:
            texts = {}
            for form in self.translations:
                language = form.cleaned_data.get("language")
                if language:
                    texts[language] = form.cleaned_data.get("text") or ""
                    self._rows[f"translations.description.{language}"] = form
            if texts:
                proposal["translations"] = {"description": texts}
        return proposal

    def check_proposal(self) -> None:
        """Show the proposal's errors (register/contributions/checks.clean_proposal) while other forms of
        the page are invalid; nothing is written."""
        single, sets = self.all_forms()
        if not (
            self.fields.is_valid()
            and all(formset.is_valid() for formset in sets if formset is not self.files)
        ):
            return
        if self.point is not None and not self.point.is_valid():
            return
        try:
            clean_proposal(self.kind, self.proposal(), self.record, has_files=True)
        except ValidationError as exc:
            self.show_errors(exc.message_dict)
        uploads = [form for form in self.files if form.is_valid() and form.cleaned_data.get("file")]
        if len(uploads) > settings.UPLOAD_MAX_FILES:
            return  # the service names the limit; reading every file would only cost time
        for form in self.files:
            upload = form.cleaned_data.get("file") if form.is_valid() else None
            if upload is not None:
                try:
                    clean_upload(upload)
                except ValidationError as exc:
                    form.add_error("file", exc.messages)

    def _new_items(self, formset, key: str, required: str) -> list[dict]:
        items = []
        for form in formset:
            data = form.cleaned_data
            if not data.get(required):
                continue
            self._rows[f"{key}.{len(items)}"] = form
            fields = NAME_FIELDS if key == "names_add" else EVENT_FIELDS
            items.append({field: data.get(field) or "" for field in fields})
        return items

    def uploads(self) -> list[dict]:
        """The files to send: [{"file", "kind", "description", "date_edtf", "source"}]."""
        self._file_rows = []
        out = []
        for form in self.files:
            if form.cleaned_data.get("file"):
                self._file_rows.append(form)
                out.append(dict(form.cleaned_data))
        return out

    def show_errors(self, message_dict: dict) -> None:
        """Put the service's field errors on the forms and rows they belong to."""
        for key, messages in message_dict.items():
            form, field = self._target(key)
            for message in messages:
                form.add_error(field, message)

    def _target(self, key: str):
        if key in CommonForm.base_fields:
            return self.common, key
        if key in self.fields.fields:
            return self.fields, key
        if key == "point" and self.point is not None:
            return self.point, None
        if key.startswith("translations.") and key in getattr(self, "_rows", {}):
            return self._rows[key], "text"
        if key.startswith("files."):
            _files, index, field = key.split(".")
            return self._file_rows[int(index)], field if field in FileForm.base_fields else None
        row_key, _dot, field = key.rpartition(".")
        row = getattr(self, "_rows", {}).get(row_key)
        if row is not None:
            return row, field if field in row.fields else None
        row = getattr(self, "_rows", {}).get(key)
        if row is not None:
            return row, None
        return self.common, None


def kind_for(record_kind: str, new: bool) -> str:
    """The SubmissionKind of a new record or a correction of `record_kind`."""
    if new:
        return SubmissionKind.NEW_PERSON if record_kind == "person" else SubmissionKind.NEW_PLACE
    return {"person": SubmissionKind.PERSON_CHANGE, "place": SubmissionKind.PLACE_CHANGE}.get(
        record_kind, SubmissionKind.OPERATION_CHANGE
    )
