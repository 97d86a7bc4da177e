"""Bulk exports: Linked Places Format and CSV tables of the published places, with the list's filters."""

import csv
import io
import json

import pytest

from register.places.models import Place, PrisonerFigure

PUBLISHED = Place.objects.filter(published=True)


def streamed_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_lpf_export_is_a_linked_places_feature_collection(client, db):
    response = client.get("/api/v1/export/places.lpf.json")
    assert response.status_code == 200
    assert "places.lpf.json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert data["@context"].endswith("linkedplaces-context-v1.1.jsonld")
    assert len(data["features"]) == PUBLISHED.count()
    for feature in data["features"]:
        assert feature["@id"].endswith(f"/places/{feature['@id'].rstrip('/').rsplit('/', 1)[1]}/")
        assert feature["properties"]["title"]
        assert feature["names"] and any(name.get("citations") for name in feature["names"])
        assert feature["geometry"]["type"] == "GeometryCollection"
        for geometry in feature["geometry"]["geometries"]:
            assert geometry["certainty"] in {"certain", "less-certain", "uncertain"}


def test_lpf_feature_of_norilsk_itl(client, db):
    place = Place.objects.get(names__name="Норильлаг")
    feature = json.loads(client.get(f"/api/v1/places/{place.public_id}/lpf/").content)["features"][0]
    assert feature["properties"] == {"title": "Norilsky ITL", "ccodes": ["RU"]}
    assert feature["when"] == {"timespans": [{"start": {"in": "1935"}, "end": {"in": "1956"}}]}
    assert {"toponym": "Норильлаг", "lang": "ru"}.items() <= feature["names"][2].items()
    lon, lat = feature["geometry"]["geometries"][0]["coordinates"]
    assert 87 < lon < 89 and 69 < lat < 70


def test_lpf_of_unpublished_or_unknown_place_is_404(client, db):
    placeholder = Place.objects.filter(published=False).first()
    assert client.get(f"/api/v1/places/{placeholder.public_id}/lpf/").status_code == 404
    assert client.get("/api/v1/places/nosuchplace/lpf/").status_code == 404


def test_exports_take_the_list_filters(client, db):
    data = json.loads(client.get("/api/v1/export/places.lpf.json", {"kind": "nkvd_special_camp"}).content)
    assert len(data["features"]) == 10
    assert {f["properties"]["ccodes"][0] for f in data["features"]} == {"DE"}
    rows = streamed_csv(client.get("/api/v1/export/places.csv", {"q": "Kraslag"}))
    assert [row["name"] for row in rows] == ["Красноярский ИТЛ"]


def test_places_csv_has_every_published_place(client, db):
    response = client.get("/api/v1/export/places.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = streamed_csv(response)
    assert len(rows) == PUBLISHED.count()
    assert {row["id"] for row in rows} == set(PUBLISHED.values_list("public_id", flat=True))


def test_figures_csv_keeps_no_figure_empty(client, db):
    rows = streamed_csv(client.get("/api/v1/export/figures.csv"))
    assert len(rows) == PrisonerFigure.objects.filter(location__place__published=True).count()
    assert not [row for row in rows if row["prisoners"] == "0"]
    no_figure = [row for row in rows if row["source_value"] == "0"]
    assert no_figure and all(row["prisoners"] == "" for row in no_figure)
    norilsk_1951 = [row for row in rows if row["place_name"] == "Norilsky ITL" and row["year"] == "1951"]
    assert norilsk_1951[0]["prisoners"] == "72490"


@pytest.mark.parametrize("url", ["/api/v1/export/places.csv", "/api/v1/export/places.lpf.json"])
def test_bad_filter_is_a_400(client, db, url):
    response = client.get(url, {"bbox": "1,2,3"})
    assert response.status_code == 400
    assert "bbox" in response.json()


def test_exports_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/?format=json").json()
    assert {
        "/api/v1/export/places.lpf.json",
        "/api/v1/export/places.csv",
        "/api/v1/export/figures.csv",
    } <= set(schema["paths"])


def test_pages_link_to_the_downloads(client, db):
    about = client.get("/about/data/").content.decode()
    for url in ("/api/v1/export/places.lpf.json", "/api/v1/export/places.csv", "/api/v1/export/figures.csv"):
        assert f'href="{url}"' in about
    place = Place.objects.get(names__name="Норильлаг")
    page = client.get(place.get_absolute_url()).content.decode()
    assert f'href="/api/v1/places/{place.public_id}/lpf/"' in page
