"""The GET form of the person search page (/people/)."""

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from register.core.templatetags.register_tags import country_name
from register.operations.models import Operation
from register.people.models import Fate, Person, PersonEvent
from register.people.search import PersonFilters
from register.places.models import Place

EARLIEST_BIRTH_YEAR = 1800  # the oldest deportees of the 1940s were born in the 1850s-1860s


class PlaceChoiceField(forms.ModelChoiceField):
    """A place chosen by its stable public id, labelled with its display name."""

    def label_from_instance(self, obj):
        return obj.display_name


class OperationChoiceField(forms.ModelChoiceField):
    """An operation chosen by its slug, labelled with its English name."""

    def label_from_instance(self, obj):
        return obj.name_en


def places_with_people():
    """Published places where a published person has a life event or was born (at the place or one of its
    camp divisions, as `search._filter_sql` counts them), by display name."""
    here = Q(place=OuterRef("pk")) | Q(place__parent=OuterRef("pk"))
    event_here = PersonEvent.objects.filter(here, person__published=True)
    born_here = Person.objects.filter(
        Q(birthplace=OuterRef("pk")) | Q(birthplace__parent=OuterRef("pk")), published=True
    )
    places = Place.objects.filter(published=True).filter(Q(Exists(event_here)) | Q(Exists(born_here)))
    name = Coalesce(NullIf("primary_name_en", Value("")), "primary_name")
    return places.annotate(sort_name=name).order_by("sort_name", "id")


def country_choices() -> list[tuple[str, str]]:
    """(alpha-2, name in the reader's language) of the countries of origin of published persons."""
    codes = Person.objects.filter(published=True).exclude(country="").values_list("country", flat=True)
    choices = [(code, country_name(code)) for code in codes.distinct().order_by()]
    return sorted(choices, key=lambda choice: choice[1].casefold())


class PersonSearchForm(forms.Form):
    """Name box and filters of /people/; every field is optional. The place is given by its public id and
    the operation by its slug, so that search addresses stay valid on every installation. Bad values
    (unknown place, birth years out of range or reversed) are form errors."""

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Any name in any script and any spelling: Жемайтис and Žemaitis find the same person."),
    )
    born_from = forms.IntegerField(label=_("Born from (year)"), required=False, min_value=EARLIEST_BIRTH_YEAR)
    born_to = forms.IntegerField(label=_("Born until (year)"), required=False, min_value=EARLIEST_BIRTH_YEAR)
    operation = OperationChoiceField(
        label=_("Operation"), required=False, queryset=Operation.objects.none(), to_field_name="slug"
    )
    place = PlaceChoiceField(
        label=_("Camp or area"), required=False, queryset=Place.objects.none(), to_field_name="public_id"
    )
    country = forms.ChoiceField(label=_("Country of origin"), required=False)
    fate = forms.ChoiceField(label=_("Fate"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = dt.date.today().year
        for name in ("born_from", "born_to"):
            field = self.fields[name]
            field.max_value = this_year
            field.validators.append(MaxValueValidator(this_year))
            field.widget.attrs["max"] = this_year
        anything = _("any")
        self.fields["operation"].queryset = Operation.objects.filter(published=True)
        self.fields["operation"].empty_label = anything
        self.fields["place"].queryset = places_with_people()
        self.fields["place"].empty_label = anything
        self.fields["country"].choices = [("", anything), *country_choices()]
        self.fields["fate"].choices = [("", anything)] + [
            (value, label) for value, label in Fate.choices if value
        ]

    def clean(self):
        data = super().clean()
        first, last = data.get("born_from"), data.get("born_to")
        if first is not None and last is not None and first > last:
            self.add_error("born_to", _("The last birth year comes before the first."))
        return data

    def query(self) -> str:
        """The name searched for ("" to browse); call after is_valid()."""
        return (self.cleaned_data.get("q") or "").strip()

    def filters(self) -> PersonFilters:
        """The `search_people` filters from the cleaned data; call after is_valid()."""
        data = self.cleaned_data
        return PersonFilters(
            born_from=data.get("born_from"),
            born_to=data.get("born_to"),
            operation=data["operation"].pk if data.get("operation") else None,
            place=data["place"].pk if data.get("place") else None,
            country=data.get("country") or "",
            fate=data.get("fate") or "",
        )

    def has_filters(self) -> bool:
        """Whether any filter besides the name is set (after is_valid())."""
        return any(value not in (None, "") for name, value in self.cleaned_data.items() if name != "q")
