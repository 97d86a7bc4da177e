"""The GET form of the places search and list page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from register.core.templatetags.register_tags import country_name, vocabulary_label
from register.places.models import Activity, Place, PlaceKind, Region

SORT_RELEVANCE, SORT_NAME, SORT_START = "relevance", "name", "start"


class PlaceSearchForm(forms.Form):
    """Search and filters of /places/. Vocabulary choices are the terms' `source_id`s, which is what
    `selectors.place_filter` takes; every field is optional."""

    q = forms.CharField(
        label=pgettext_lazy("name of a place or operation", "Name"),
        required=False,
        max_length=200,
        help_text=_("Any name in any script: Норильлаг and Norillag find the same camp."),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    activity = forms.TypedChoiceField(
        label=_("Economic activity"), required=False, coerce=int, empty_value=None
    )
    region = forms.TypedChoiceField(label=_("Macro-region"), required=False, coerce=int, empty_value=None)
    country = forms.ChoiceField(label=_("Present-day country"), required=False)
    year = forms.IntegerField(label=_("In operation in year"), required=False, min_value=1917, max_value=1991)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("relevance when searching, else name")),
            (SORT_NAME, _("name")),
            (SORT_START, _("start of period")),
            (SORT_RELEVANCE, _("relevance")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("any"))]
        self.fields["kind"].choices = anything + list(PlaceKind.choices)
        self.fields["activity"].choices = anything + vocabulary_choices(Activity)
        self.fields["region"].choices = anything + vocabulary_choices(Region)
        self.fields["country"].choices = anything + country_choices()

    def filters(self) -> dict:
        """Keyword arguments for `place_filter` from the cleaned data (call after is_valid())."""
        data = self.cleaned_data
        return {
            "q": data.get("q") or "",
            "kinds": [data["kind"]] if data.get("kind") else None,
            "activities": [data["activity"]] if data.get("activity") else None,
            "regions": [data["region"]] if data.get("region") else None,
            "countries": [data["country"]] if data.get("country") else None,
            "year": data.get("year"),
        }


def vocabulary_choices(model) -> list[tuple[int, str]]:
    """(source_id, label in the reader's language) for every term of an Activity/Region vocabulary."""
    choices = [(term.source_id, vocabulary_label(term)) for term in model.objects.all()]
    return sorted(choices, key=lambda choice: choice[1].casefold())


def country_choices() -> list[tuple[str, str]]:
    """(alpha-2, name in the reader's language) of the present-day countries of published places."""
    codes = Place.objects.filter(published=True).exclude(country="").values_list("country", flat=True)
    choices = [(code, country_name(code)) for code in set(codes)]
    return sorted(choices, key=lambda choice: choice[1].casefold())
