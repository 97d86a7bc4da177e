"""Vocabulary endpoints: kinds, activities, regions, and the sources list and detail."""

from register.places.models import Activity, PlaceKind, Region
from register.sources.models import Source
from tests.api.helpers import get_all, get_json


def test_kinds_are_the_place_kinds_with_labels(anon):
    body = get_json(anon, "/api/v1/kinds/")
    assert [item["value"] for item in body] == PlaceKind.values
    assert {"value": "special_camp", "label": "special camp (osoblag)"} in body


def test_activities_and_regions_give_the_filter_ids(anon):
    activities = get_json(anon, "/api/v1/activities/")
    assert len(activities) == 13
    assert {item["id"] for item in activities} == set(Activity.objects.values_list("source_id", flat=True))
    assert set(activities[0]) == {"id", "label", "label_en", "label_ru"}
    regions = get_json(anon, "/api/v1/regions/")
    assert len(regions) == 15
    assert {item["id"] for item in regions} == set(Region.objects.values_list("source_id", flat=True))


def test_sources_list_and_detail(anon):
    results = get_all(anon, "/api/v1/sources/")
    assert {item["key"] for item in results} == set(Source.objects.values_list("key", flat=True))
    body = get_json(anon, "/api/v1/sources/memorial-1998/")
    assert body["kind"] == "publication" and body["year"] == "1998"
    assert {"title", "reference", "authors", "url", "archive", "fond", "opis", "delo", "list"} <= set(body)


def test_archive_file_source_gives_its_archive_reference(anon):
    Source.objects.create(
        key="garf-9401-1-4475",
        kind="archive_file",
        title="Report",
        archive="GARF",
        fond="9401",
        opis="1",
        delo="4475",
        list="12",
    )
    body = get_json(anon, "/api/v1/sources/garf-9401-1-4475/")
    assert body["archive_reference"] == "GARF, f. 9401, op. 1, d. 4475, l. 12"
    assert (body["fond"], body["opis"], body["delo"], body["list"]) == ("9401", "1", "4475", "12")


def test_unknown_source_is_404(anon):
    get_json(anon, "/api/v1/sources/no-such-source/", status=404)
