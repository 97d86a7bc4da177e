"""GET /api/v1/operations/ and /api/v1/operations/{slug}/ on the real data."""

import pytest

from register.operations.models import Operation, OperationKind
from tests.api.helpers import get_all, get_json

URL = "/api/v1/operations/"
PUBLISHED = Operation.objects.filter(published=True)


def slugs(results):
    return {item["slug"] for item in results}


def test_lists_the_15_operations_earliest_first(anon):
    results = get_all(anon, URL)
    assert len(results) == 15 == PUBLISHED.count()
    starts = [item["period_start"] for item in results]
    assert starts == sorted(starts)


def test_priboi_has_its_official_figure_names_and_destinations(anon):
    priboi = Operation.objects.get(slug="priboi-1949")
    body = get_json(anon, f"{URL}priboi-1949/")
    assert body["kind"] == "deportation" and body["period"] == "1949-03-25/1949-03-28"
    assert body["period_start"] == "1949-03-25" and body["period_end"] == "1949-03-28"
    assert body["origin_countries"] == ["EE", "LV", "LT"]
    official = [figure for figure in body["figures"] if figure["is_official"]]
    assert [figure["people"] for figure in official] == [94779]
    assert official[0]["source"]
    assert {name["language"] for name in body["names"]} >= {"en", "ru"}
    expected = priboi.destination_links.filter(place__published=True).order_by("order", "id")
    assert [item["id"] for item in body["destinations"]] == [link.place.public_id for link in expected]
    assert len(body["destinations"]) == 6
    for item in body["destinations"]:
        assert item["geometry"]["type"] == "Point" and item["precision"]
        assert item["url"] == f"http://testserver/api/v1/places/{item['id']}/"
    assert body["citations"] and all(citation["source"] for citation in body["citations"])


def test_figures_that_disagree_are_kept_side_by_side(anon):
    figures = get_json(anon, f"{URL}priboi-1949/")["figures"]
    assert len(figures) == 2
    assert figures[1]["people"] is None and "Latvia 42,149" in figures[1]["text"]


def test_unknown_slug_is_404(anon):
    get_json(anon, f"{URL}no-such-operation/", status=404)


def test_kind_filter(anon):
    expected = PUBLISHED.filter(kind=OperationKind.DEPORTATION).values_list("slug", flat=True)
    assert slugs(get_all(anon, URL, {"kind": "deportation"})) == set(expected)
    assert get_json(anon, URL, {"kind": "mass_execution,mass_arrest_and_execution"})["count"] == (
        PUBLISHED.exclude(kind=OperationKind.DEPORTATION).count()
    )


@pytest.mark.parametrize("code", ["LT", "lt"])
def test_country_of_origin_filter(anon, code):
    expected = PUBLISHED.filter(origin_countries__contains=["LT"]).values_list("slug", flat=True)
    results = get_all(anon, URL, {"country": code})
    assert "priboi-1949" in slugs(results) and slugs(results) == set(expected)


def test_year_filter(anon):
    assert slugs(get_all(anon, URL, {"year": 1949})) == {"priboi-1949", "yug-1949"}


@pytest.mark.parametrize("q", ["Прибой", "Priboi", "priboy"])
def test_q_searches_names_in_any_script(anon, q):
    assert slugs(get_all(anon, URL, {"q": q})) == {"priboi-1949"}


def test_bad_parameters_are_400(anon):
    body = get_json(anon, URL, {"kind": "pogrom", "year": "soon"}, status=400)
    assert set(body) == {"kind", "year"}


def test_list_runs_nine_queries(anon, django_assert_num_queries):
    get_json(anon, URL)
    # count, operations, figures, names, destinations (+place), their locations, citations (+source),
    # translations of the descriptions, people counts
    with django_assert_num_queries(9):
        get_json(anon, URL)


def test_detail_runs_eight_queries(anon, django_assert_num_queries):
    get_json(anon, f"{URL}priboi-1949/")
    with django_assert_num_queries(8):  # the seven of the list's page, and the people count
        get_json(anon, f"{URL}priboi-1949/")
