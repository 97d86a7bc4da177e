"""/places/: search by any name in any script, filters, sorting and pagination."""

import re

import pytest

from register.places.models import Place, PlaceKind


def result_names(html: str) -> list[str]:
    # [^>]*: a name without an English version is marked lang="ru"
    return re.findall(r'<th scope="row">\s*<a href="/places/[^"]+/"[^>]*>([^<]+)</a>', html)


@pytest.mark.parametrize("query", ["Норильлаг", "Norillag", "norillag", "Норильский"])
def test_search_finds_norilsk_itl_in_any_script(reader, query):
    response = reader.get("/places/", {"q": query})
    assert response.status_code == 200
    assert result_names(response.content.decode())[0] == "Norilsky ITL"


@pytest.mark.parametrize("query", ["Kraslag", "Краслаг"])
def test_search_finds_kraslag(reader, query):
    names = result_names(reader.get("/places/", {"q": query}).content.decode())
    assert names[0] == "Krasnoyarsky ITL"


def test_no_results_message(reader):
    html = reader.get("/places/", {"q": "Qwxzyvbn"}).content.decode()
    assert "0 places found" in html
    assert "No places match your search" in html


def test_kind_filter_and_count(reader):
    html = reader.get("/places/", {"kind": PlaceKind.NKVD_SPECIAL_CAMP}).content.decode()
    assert "10 places found" in html
    assert len(result_names(html)) == 10


def test_year_filter_keeps_places_in_operation(reader):
    html = reader.get("/places/", {"q": "Norillag", "year": 1950}).content.decode()
    assert "Norilsky ITL" in html
    html = reader.get("/places/", {"q": "Norillag", "year": 1930}).content.decode()
    assert "Norilsky ITL" not in html


def test_country_and_region_filters(reader):
    html = reader.get("/places/", {"country": "DE"}).content.decode()
    assert "10 places found" in html
    norillag = Place.objects.get(primary_name="Норильский ИТЛ")
    params = {"region": norillag.region.source_id, "activity": norillag.activity.source_id}
    assert "Norilsky ITL" in reader.get("/places/", params).content.decode()


def test_invalid_filter_shows_errors_not_a_crash(reader):
    response = reader.get("/places/", {"year": "1700"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_pagination_keeps_the_query(reader):
    total = Place.objects.filter(published=True, kind=PlaceKind.FILTRATION_CAMP).count()
    assert total > 50
    first = reader.get("/places/", {"kind": PlaceKind.FILTRATION_CAMP}).content.decode()
    assert len(result_names(first)) == 50
    assert "?kind=filtration_camp&amp;page=2" in first
    second = reader.get("/places/", {"kind": PlaceKind.FILTRATION_CAMP, "page": 2}).content.decode()
    assert len(result_names(second)) == total - 50
    assert set(result_names(first)).isdisjoint(result_names(second))


def test_sorting_by_start_of_period(reader):
    html = reader.get("/places/", {"sort": "start"}).content.decode()
    periods = re.findall(r'<td class="period">(\d{4})', html)
    assert periods == sorted(periods)


def test_sorting_by_name_is_the_default_without_a_query(reader):
    names = result_names(reader.get("/places/").content.decode())
    assert names == sorted(names, key=str.casefold) or len(names) == 50


@pytest.mark.parametrize(
    "params", [{}, {"q": "lag"}, {"kind": "corrective_labour_camp", "year": 1950, "page": 2}]
)
def test_list_query_count_is_pinned(reader, django_assert_max_num_queries, params):
    with django_assert_max_num_queries(8):
        assert reader.get("/places/", params).status_code == 200


@pytest.mark.parametrize(
    ("query", "matched"), [("Norillag", "Норильлаг"), ("Buchenwald", "Speziallager Nr. 2 Buchenwald")]
)
def test_results_say_which_name_matched(reader, query, matched):
    html = reader.get("/places/", {"q": query}).content.decode()
    assert f"found as “{matched}”" in html
