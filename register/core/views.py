"""Pages of the register that are not about one record: the home page with the map, "About the data"."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from register.core.selectors import data_quirk_counts, register_counts, source_list
from register.core.templatetags.register_tags import vocabulary_label
from register.places.models import Activity, PlaceKind, Precision, Region

# The map layer of the API (api/, GET /api/v1/map/locations/): a GeoJSON FeatureCollection of the
# locations of published places. Fetched once by static/js/map.js and filtered in the browser.
MAP_DATA_URL = "/api/v1/map/locations/"
MAP_YEARS = (1918, 1960)

# Map symbol of each kind of place: colour (Okabe-Ito palette, safe for colour-blind readers),
# shape and letter, so that the kind can be told without colour.
KIND_SYMBOLS = {
    PlaceKind.CORRECTIVE_LABOUR_CAMP: ("#0072B2", "circle", "C"),
    PlaceKind.SPECIAL_CAMP: ("#D55E00", "circle", "S"),
    PlaceKind.NKVD_SPECIAL_CAMP: ("#CC79A7", "circle", "N"),
    PlaceKind.CAMP_DIVISION: ("#56B4E9", "circle", "D"),
    PlaceKind.CAMP_POINT: ("#56B4E9", "circle", "L"),
    PlaceKind.FILTRATION_CAMP: ("#E69F00", "circle", "F"),
    PlaceKind.PRISON: ("#000000", "square", "P"),
    PlaceKind.TRANSIT_POINT: ("#6B6B6B", "square", "T"),
    PlaceKind.SPECIAL_SETTLEMENT_AREA: ("#009E73", "square", "A"),
    PlaceKind.EXECUTION_SITE: ("#8B0000", "diamond", "X"),
    PlaceKind.BURIAL_SITE: ("#4D4D4D", "diamond", "B"),
    PlaceKind.UNKNOWN: ("#8C8C8C", "circle", "?"),
}


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour (0 = black, 1 = white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def symbol_ink(colour: str) -> str:
    """The colour of a symbol's letter on `colour`: black or white, whichever contrasts more (WCAG)."""
    luminance = relative_luminance(colour)
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


def kind_symbols() -> list[dict]:
    """Every kind of place with its translated label and map symbol, in PlaceKind order."""
    return [
        {
            "value": kind.value,
            "label": str(kind.label),
            "colour": colour,
            "ink": symbol_ink(colour),
            "shape": shape,
            "letter": letter,
        }
        for kind, (colour, shape, letter) in KIND_SYMBOLS.items()
    ]


def map_strings() -> dict[str, str]:
    """The translated words static/js/map.js writes into popups, the list and the legend."""
    return {
        "prisoners": _("prisoners"),
        "noFigure": _("no figure"),
        "openPlace": _("Open the place page"),
        "precision": _("Precision"),
        "inYear": _("in %(year)s"),
        "allYears": _("all years"),
        "visible": _("%(count)s places in view"),
        "noneVisible": _("No places in view. Zoom out or change the filters."),
        "loadFailed": _("The map data could not be loaded."),
        "original": _("original name"),
        "regionPoint": _("region-level point: stands for a whole area"),
        "zoomIn": _("Zoom in"),
        "zoomOut": _("Zoom out"),
        "closePopup": _("Close popup"),
    }


def base_map_config(request) -> dict:
    """Settings of static/js/basemap.js (any map of the site), handed over as JSON."""
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "basemapUrl": static("basemap/countries-110m.geojson"),
        "basemapDetailUrl": static("basemap/countries-50m.geojson"),
        "language": request.LANGUAGE_CODE,
        "precisions": {value: str(label) for value, label in Precision.choices},
        "strings": map_strings(),
    }


def map_config(request) -> dict:
    """Settings of static/js/map.js: the base map's, the data URL and the kind symbols."""
    return {
        **base_map_config(request),
        "dataUrl": MAP_DATA_URL,
        "kinds": {kind["value"]: kind for kind in kind_symbols()},
    }


def home(request):
    """The map of all published places with year slider and filters, and a short introduction."""
    context = {
        "counts": register_counts(),
        "kinds": kind_symbols(),
        "activities": sorted(Activity.objects.all(), key=lambda term: vocabulary_label(term).casefold()),
        "regions": sorted(Region.objects.all(), key=lambda term: vocabulary_label(term).casefold()),
        "map_config": map_config(request),
        "year_min": MAP_YEARS[0],
        "year_max": MAP_YEARS[1],
    }
    return render(request, "core/home.html", context)


def about_data(request):
    """What the register is, where each bundled data set comes from, and the caveats of the data."""
    context = {"counts": register_counts(), "quirks": data_quirk_counts(), "sources": source_list()}
    return render(request, "core/about_data.html", context)


@require_POST
def set_language(request):
    """The language switcher (POST language, next): Django's set_language (remembers the choice in the
    language cookie and redirects to `next` in the chosen language), with two differences.

    `next` is resolved in its own language (its prefix, or English when it has none): Django resolves it
    in the language active for this request, the cookie's or the browser's, so a reader who followed a
    /lt/ link with a German browser could never leave Lithuanian. And only the languages of
    settings.LANGUAGES are taken ("zh", "DE" change nothing and leave the reader where they were).
    """
    code = request.POST.get("language", "")
    next_url = request.POST.get("next", "") or request.META.get("HTTP_REFERER", "") or "/"
    if code not in {language for language, _name in settings.LANGUAGES}:
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = "/"
        return HttpResponseRedirect(next_url)
    own = translation.get_language_from_path(urlsplit(next_url).path) or settings.LANGUAGE_CODE
    with translation.override(own):
        return django_set_language(request)
