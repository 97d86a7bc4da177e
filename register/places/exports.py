"""Bulk exports of the published places: Linked Places Format (LPF) and CSV tables.

LPF follows the Linked Places format v1.2 (LinkedPasts/linked-places-format, README): a GeoJSON-LD
FeatureCollection whose features carry `@id`, `properties.title`/`ccodes`, `when.timespans`, `names`
with citations, `types`, a GeometryCollection with `certainty`, `links` and `relations`.
CSV tables put one place, or one yearly figure, on a row; an empty `prisoners` cell means "no figure".
"""

from collections.abc import Iterable, Iterator

from register.places.models import Place, Precision
from register.texts.selectors import texts_by_language

LPF_CONTEXT = (
    "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
)
# LPF geometry certainty by the precision of a location
CERTAINTY = {
    Precision.EXACT: "certain",
    Precision.SETTLEMENT: "less-certain",
    Precision.APPROXIMATE: "less-certain",
    Precision.DISTRICT: "uncertain",
    Precision.REGION: "uncertain",
}
PLACE_COLUMNS = [
    "id",
    "url",
    "name",
    "name_en",
    "kind",
    "period_edtf",
    "period_start",
    "period_end",
    "activity",
    "region",
    "country",
    "lon",
    "lat",
    "locations",
    "names",
    "sources",
]
FIGURE_COLUMNS = [
    "place_id",
    "place_name",
    "location_order",
    "lon",
    "lat",
    "year",
    "prisoners",
    "source_value",
    "source",
]


def lpf_when(edtf: str) -> dict | None:
    """LPF `when` for an EDTF period: "1935/1956" -> {"timespans": [{"start": {"in": "1935"}, "end": ...}]}.

    Open ends ("..") are left out; an empty period gives None.
    """
    if not edtf:
        return None
    start, _, end = edtf.partition("/")
    span = {}
    if start and start != "..":
        span["start"] = {"in": start}
    if end and end != "..":
        span["end"] = {"in": end}
    return {"timespans": [span]} if span else None


def place_to_lpf(place: Place, base_url: str) -> dict:
    """One place as an LPF Feature. Expects names, locations, citations (with their sources) and
    translations prefetched (`place_detail_queryset`)."""
    feature = {
        "@id": base_url + place.get_absolute_url(),
        "type": "Feature",
        "properties": {"title": place.display_name, "ccodes": [place.country] if place.country else []},
        "names": [_lpf_name(name) for name in place.names.all()],
        "types": [
            {
                "identifier": f"{base_url}/api/v1/kinds/#{place.kind}",
                "label": place.get_kind_display(),
                "sourceLabels": [{"label": place.kind, "lang": "en"}],
            }
        ],
        "geometry": {
            "type": "GeometryCollection",
            "geometries": [_lpf_geometry(loc) for loc in place.locations.all()],
        },
        "links": _lpf_links(place),
        "relations": [],
    }
    if place.parent_id and place.parent.published:
        feature["relations"].append(
            {
                "relationType": "gvp:broaderPartitive",
                "relationTo": base_url + place.parent.get_absolute_url(),
                "label": str(place.parent),
            }
        )
    descriptions = texts_by_language(place)
    if descriptions:  # LPF `descriptions`: the original and its translations, each with its language
        feature["descriptions"] = [
            {"value": text, "lang": lang} for lang, text in sorted(descriptions.items())
        ]
    when = lpf_when(place.period_edtf)
    if when:
        feature["when"] = when
    return feature


def _lpf_name(name) -> dict:
    entry = {"toponym": name.name, "lang": name.language}
    if name.source:
        citation = {"label": name.source.display}
        if name.source.url:
            citation["@id"] = name.source.url
        entry["citations"] = [citation]
    when = lpf_when(name.period_edtf)
    if when:
        entry["when"] = when
    return entry


def _lpf_geometry(location) -> dict:
    geometry = {
        "type": location.geom.geom_type,
        "coordinates": location.geom.coords,
        "certainty": CERTAINTY.get(location.precision, "uncertain"),
    }
    if location.geom.geom_type != "Point":
        geometry["geo_wkt"] = location.geom.wkt
    when = lpf_when(location.period_edtf)
    if when:
        geometry["when"] = when
    if location.source:
        geometry["citations"] = [
            {
                "label": location.source.display,
                **({"@id": location.source.url} if location.source.url else {}),
            }
        ]
    return geometry


def _lpf_links(place: Place) -> list[dict]:
    links = []
    if place.wikidata:
        links.append({"type": "closeMatch", "identifier": f"http://www.wikidata.org/entity/{place.wikidata}"})
    if place.geonames_id:
        links.append({"type": "closeMatch", "identifier": f"https://www.geonames.org/{place.geonames_id}"})
    return links


def places_to_lpf(places: Iterable[Place], base_url: str) -> dict:
    """A FeatureCollection of LPF features for `places`."""
    return {
        "type": "FeatureCollection",
        "@context": LPF_CONTEXT,
        "features": [place_to_lpf(place, base_url) for place in places],
    }


def place_rows(places: Iterable[Place], base_url: str) -> Iterator[list]:
    """Rows of places.csv (header first): one place a row, first location as lon/lat."""
    yield PLACE_COLUMNS
    for place in places:
        locations = list(place.locations.all())
        first = locations[0].geom.centroid if locations else None
        yield [
            place.public_id,
            base_url + place.get_absolute_url(),
            place.primary_name,
            place.primary_name_en,
            place.kind,
            place.period_edtf,
            place.period_start or "",
            place.period_end or "",
            place.activity.label_en if place.activity else "",
            place.region.label_en if place.region else "",
            place.country,
            round(first.x, 6) if first else "",
            round(first.y, 6) if first else "",
            len(locations),
            " | ".join(name.name for name in place.names.all()),
            " | ".join(sorted({citation.source.key for citation in place.citations.all()})),
        ]


def figure_rows(places: Iterable[Place]) -> Iterator[list]:
    """Rows of figures.csv (header first): one yearly prisoner figure a row, empty prisoners = no figure."""
    yield FIGURE_COLUMNS
    for place in places:
        for location in place.locations.all():
            point = location.geom.centroid
            for figure in location.figures.all():
                yield [
                    place.public_id,
                    place.display_name,
                    location.order,
                    round(point.x, 6),
                    round(point.y, 6),
                    figure.year,
                    "" if figure.prisoners is None else figure.prisoners,
                    figure.source_value,
                    figure.source.key if figure.source else "",
                ]
