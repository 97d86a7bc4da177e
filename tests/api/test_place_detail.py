"""GET /api/v1/places/{public_id}/: the full record, "no figure" kept null, 404s, parent/children."""

import pytest

from register.operations.models import Operation
from register.places.models import Place, PlaceKind, PrisonerFigure
from tests.api.helpers import get_json

NORILSK = "Норильский ИТЛ"


def url(place):
    return f"/api/v1/places/{place.public_id}/"


@pytest.fixture
def norilsk(real_data):
    return Place.objects.get(primary_name=NORILSK)


def test_detail_has_names_locations_figures_and_sources(anon, norilsk):
    body = get_json(anon, url(norilsk))
    assert body["id"] == norilsk.public_id and body["name"] == NORILSK
    assert {
        "name": "Норильлаг",
        "language": "ru",
        "script": "Cyrl",
        "kind": "short",
        "period": "",
        "source": "memorial-1998",
    } in body["names"]
    assert len(body["names"]) == norilsk.names.count()
    location = body["locations"][0]
    assert location["geometry"]["type"] == "Point"
    lon, lat = location["geometry"]["coordinates"]
    assert 87 < lon < 89 and 69 < lat < 70  # Norilsk
    assert location["precision"] == "settlement" and location["order"] == 0
    assert location["description_en"].startswith("Krasnoyarsk krai")
    figures = {figure["year"]: figure for figure in location["figures"]}
    assert figures[1935] == {
        "year": 1935,
        "prisoners": 1200,
        "source_value": "1200",
        "source": "urbica-gulag-api",
    }
    assert [figure["year"] for figure in location["figures"]] == sorted(figures)
    assert {source["key"] for source in body["sources"]} == {"memorial-1998", "urbica-gulag-api"}
    memorial = next(source for source in body["sources"] if source["key"] == "memorial-1998")
    assert {
        "kind",
        "title",
        "reference",
        "authors",
        "year",
        "url",
        "archive",
        "fond",
        "opis",
        "delo",
        "list",
    } <= set(memorial)
    assert {citation["source"] for citation in body["citations"]} == {"memorial-1998", "urbica-gulag-api"}
    assert body["parent"] is None and body["children"] == [] and body["operations"] == []


def test_no_figure_stays_null_never_zero(anon):
    figure = (
        PrisonerFigure.objects.filter(source_value="0", location__place__published=True)
        .select_related("location__place")
        .first()
    )
    body = get_json(anon, url(figure.location.place))
    location = next(item for item in body["locations"] if item["id"] == figure.location_id)
    shown = next(item for item in location["figures"] if item["year"] == figure.year)
    assert shown["prisoners"] is None and shown["source_value"] == "0"
    everywhere = [item for loc in body["locations"] for item in loc["figures"]]
    assert not [item for item in everywhere if item["prisoners"] == 0]


def test_destination_area_lists_its_operations(anon):
    priboi = Operation.objects.get(slug="priboi-1949")
    place = priboi.destinations.filter(published=True).first()
    operations = get_json(anon, url(place))["operations"]
    assert {
        "slug": "priboi-1949",
        "url": "http://testserver/api/v1/operations/priboi-1949/",
        "name_en": priboi.name_en,
        "kind": "deportation",
        "period": "1949-03-25/1949-03-28",
    } in operations


def test_unpublished_placeholder_is_404(anon):
    placeholder = Place.objects.filter(
        dataset="memorial-gulag", kind=PlaceKind.UNKNOWN, published=False
    ).first()
    assert placeholder is not None
    get_json(anon, url(placeholder), status=404)


@pytest.mark.parametrize("public_id", ["pzzzzzzzz", "P-not-an-id"])
def test_unknown_id_is_404(anon, public_id):
    assert anon.get(f"/api/v1/places/{public_id}/").status_code == 404


def test_parent_and_published_children(anon, norilsk):
    child = Place.objects.create(
        kind=PlaceKind.CAMP_DIVISION, primary_name="Лагерное отделение № 1", parent=norilsk
    )
    Place.objects.create(
        kind=PlaceKind.CAMP_DIVISION, primary_name="Черновик", parent=norilsk, published=False
    )
    children = get_json(anon, url(norilsk))["children"]
    assert [item["id"] for item in children] == [child.public_id]
    parent = get_json(anon, url(child))["parent"]
    assert parent == {
        "id": norilsk.public_id,
        "url": f"http://testserver{url(norilsk)}",
        "name": NORILSK,
        "name_en": "Norilsky ITL",
        "kind": "corrective_labour_camp",
    }


def test_unpublished_parent_is_not_shown(anon, norilsk):
    draft = Place.objects.create(
        kind=PlaceKind.CORRECTIVE_LABOUR_CAMP, primary_name="Черновик", published=False
    )
    child = Place.objects.create(kind=PlaceKind.CAMP_DIVISION, primary_name="Отделение", parent=draft)
    assert get_json(anon, url(child))["parent"] is None


def test_detail_runs_eleven_queries(anon, norilsk, django_assert_num_queries):
    get_json(anon, url(norilsk))
    # place (+activity, region, parent), names, their sources, locations (+source), figures (+source),
    # children, citations, their sources, operations, translations, people count
    with django_assert_num_queries(11):
        get_json(anon, url(norilsk))
