"""GET /api/v1/map/locations/: the GeoJSON contract the home page map relies on, and its filters."""

import datetime as dt

import pytest
from django.db.models import Q

from register.places.models import Location, Place
from tests.api.helpers import get_json

URL = "/api/v1/map/locations/"
PROPERTIES = {
    "place",
    "name",
    "name_original",
    "kind",
    "kind_label",
    "url",
    "activity",
    "region",
    "order",
    "precision",
    "start_year",
    "end_year",
    "figures",
}
PUBLISHED_LOCATIONS = Location.objects.filter(place__published=True)


def test_is_a_feature_collection_of_every_published_location(anon):
    body = get_json(anon, URL)
    assert set(body) == {"type", "features"}  # not paginated
    assert body["type"] == "FeatureCollection"
    assert {feature["id"] for feature in body["features"]} == set(
        PUBLISHED_LOCATIONS.values_list("pk", flat=True)
    )
    for feature in body["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(feature["properties"]) == PROPERTIES


def test_feature_properties_follow_the_contract(anon):
    place = Place.objects.get(primary_name="Норильский ИТЛ")
    location = place.locations.get()
    feature = next(
        item for item in get_json(anon, URL, {"q": "Norillag"})["features"] if item["id"] == location.pk
    )
    properties = feature["properties"]
    assert {key: properties[key] for key in PROPERTIES - {"figures"}} == {
        "place": place.public_id,
        "name": "Norilsky ITL",
        "name_original": "Норильский ИТЛ",
        "kind": "corrective_labour_camp",
        "kind_label": "corrective labour camp (ITL)",
        "url": place.get_absolute_url(),
        "activity": place.activity.source_id,
        "region": place.region.source_id,
        "order": 0,
        "precision": "settlement",
        "start_year": 1935,
        "end_year": 1956,
    }
    expected = {str(figure.year): figure.prisoners for figure in location.figures.all()}
    assert properties["figures"] == expected and properties["figures"]["1935"] == 1200


def test_no_figure_is_null_in_the_map_too(anon):
    body = get_json(anon, URL)
    values = [value for feature in body["features"] for value in feature["properties"]["figures"].values()]
    assert None in values and 0 not in values


def test_year_filter_keeps_locations_in_use_that_year(anon):
    first, last = dt.date(1950, 1, 1), dt.date(1950, 12, 31)

    def overlaps(prefix=""):
        return (
            (Q(**{f"{prefix}period_start__lte": last}) | Q(**{f"{prefix}period_start__isnull": True}))
            & (Q(**{f"{prefix}period_end__gte": first}) | Q(**{f"{prefix}period_end__isnull": True}))
            & ~Q(**{f"{prefix}period_edtf": ""})
        )

    expected = PUBLISHED_LOCATIONS.filter(overlaps() | (Q(period_edtf="") & overlaps("place__")))
    features = get_json(anon, URL, {"year": 1950})["features"]
    assert 0 < len(features) < PUBLISHED_LOCATIONS.count()
    assert {feature["id"] for feature in features} == set(expected.values_list("pk", flat=True))
    for feature in features:
        properties = feature["properties"]
        assert (properties["start_year"] or 0) <= 1950 <= (properties["end_year"] or 9999)


def test_bbox_and_kind_filters(anon):
    features = get_json(anon, URL, {"bbox": "5.8,47.2,15.1,55.1"})["features"]
    assert len({feature["properties"]["place"] for feature in features}) == 10
    assert {feature["properties"]["kind"] for feature in features} == {"nkvd_special_camp"}
    special = get_json(anon, URL, {"kind": "special_camp"})["features"]
    assert {feature["properties"]["kind"] for feature in special} == {"special_camp"}
    assert len(special) == Location.objects.filter(place__published=True, place__kind="special_camp").count()


def test_bad_bbox_is_a_400(anon):
    assert get_json(anon, URL, {"bbox": "60,50,40,70"}, status=400) == {
        "bbox": ["min_lon must be less than max_lon."]
    }


@pytest.mark.parametrize("params", [{}, {"year": 1950, "q": "lag"}])
def test_map_runs_two_queries(anon, django_assert_num_queries, params):
    get_json(anon, URL, params)
    with django_assert_num_queries(2):  # locations with place, activity and region; figures
        get_json(anon, URL, params)
