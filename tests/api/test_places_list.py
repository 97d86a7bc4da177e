"""GET /api/v1/places/: pagination, every filter on the real data, ordering, shape and query count."""

import datetime as dt

import pytest
from django.db.models import Q

from register.places.models import Activity, Place, PlaceKind, Region
from tests.api.helpers import get_all, get_json, ids

URL = "/api/v1/places/"
PUBLISHED = Place.objects.filter(published=True)
GERMANY = "5.8,47.2,15.1,55.1"


def test_lists_every_published_place_and_no_other(anon):
    results = get_all(anon, URL)
    assert len(results) == PUBLISHED.count()
    assert ids(results) == set(PUBLISHED.values_list("public_id", flat=True))
    hidden = set(Place.objects.filter(published=False).values_list("public_id", flat=True))
    assert len(hidden) == 6 and not hidden & ids(results)


def test_574_camp_administrations_are_listed(anon):
    camps = PUBLISHED.filter(dataset="memorial-gulag").values_list("public_id", flat=True)
    assert camps.count() == 574
    assert set(camps) <= ids(get_all(anon, URL))


def test_pages_have_count_next_previous_results(anon):
    body = get_json(anon, URL)
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == PUBLISHED.count()
    assert len(body["results"]) == 50 and body["previous"] is None and "page=2" in body["next"]


@pytest.mark.parametrize("kind, expected", [("nkvd_special_camp", 10), ("special_camp", 13)])
def test_kind_filter_gives_the_real_counts(anon, kind, expected):
    results = get_all(anon, URL, {"kind": kind})
    assert len(results) == expected == PUBLISHED.filter(kind=kind).count()
    assert {item["kind"] for item in results} == {kind}


@pytest.mark.parametrize(
    "query", ["kind=nkvd_special_camp,special_camp", "kind=nkvd_special_camp&kind=special_camp"]
)
def test_kind_filter_takes_a_comma_list_or_repeats(anon, query):
    assert get_json(anon, f"{URL}?{query}")["count"] == 23


def test_unknown_kind_is_a_400_naming_the_value(anon):
    body = get_json(anon, URL, {"kind": "gulag,special_camp"}, status=400)
    assert body == {"kind": ['"gulag" is not a valid choice.']}


@pytest.mark.parametrize("code", ["DE", "de"])
def test_country_de_gives_the_nkvd_special_camps(anon, code):
    results = get_all(anon, URL, {"country": code})
    assert ids(results) == set(
        PUBLISHED.filter(kind=PlaceKind.NKVD_SPECIAL_CAMP).values_list("public_id", flat=True)
    )
    assert {item["country"] for item in results} == {"DE"}


def test_country_filter_takes_several_codes(anon):
    expected = PUBLISHED.filter(country__in=["KZ", "UA"]).count()
    assert expected > 0 and get_json(anon, URL, {"country": "KZ,UA"})["count"] == expected


def test_bad_country_code_is_a_400(anon):
    assert "country" in get_json(anon, URL, {"country": "Germany"}, status=400)


def test_activity_and_region_filters_take_source_ids(anon):
    activity = Activity.objects.get(label_en="Mining industry")
    region = Region.objects.get(label_en="Eastern Siberia and Taimyr")
    expected = PUBLISHED.filter(activity=activity, region=region)
    results = get_all(anon, URL, {"activity": activity.source_id, "region": region.source_id})
    assert expected.exists() and ids(results) == set(expected.values_list("public_id", flat=True))
    assert {(item["activity"]["id"], item["region"]["id"]) for item in results} == {
        (activity.source_id, region.source_id)
    }


@pytest.mark.parametrize("q", ["Норильлаг", "Norillag", "norillag"])
def test_norillag_in_any_script_finds_the_norilsk_itl_first(anon, q):
    first = get_json(anon, URL, {"q": q})["results"][0]
    assert first["name"] == "Норильский ИТЛ"
    assert first["match_score"] == 1.0


@pytest.mark.parametrize("q", ["Kraslag", "Краслаг"])
def test_kraslag_finds_the_krasnoyarsk_itl_first(anon, q):
    assert get_json(anon, URL, {"q": q})["results"][0]["name"] == "Красноярский ИТЛ"


def test_buchenwald_finds_special_camp_no_2(anon):
    first = get_json(anon, URL, {"q": "Buchenwald"})["results"][0]
    assert first["kind"] == "nkvd_special_camp"
    assert first["name"] == "Спецлагерь № 2"


def test_match_score_is_null_without_q(anon):
    assert {item["match_score"] for item in get_json(anon, URL)["results"]} == {None}


def test_q_without_letters_finds_nothing(anon):
    assert get_json(anon, URL, {"q": "№ …"})["count"] == 0


def test_year_1950_lists_only_places_in_operation(anon):
    first, last = dt.date(1950, 1, 1), dt.date(1950, 12, 31)
    expected = PUBLISHED.exclude(period_edtf="").filter(
        Q(period_start__lte=last) | Q(period_start__isnull=True),
        Q(period_end__gte=first) | Q(period_end__isnull=True),
    )
    results = get_all(anon, URL, {"year": 1950})
    assert 0 < len(results) < PUBLISHED.count()
    assert ids(results) == set(expected.values_list("public_id", flat=True))
    for item in results:
        assert (item["period_start"] or "0000") <= "1950-12-31" and (
            item["period_end"] or "9999"
        ) >= "1950-01-01"


def test_year_outside_the_soviet_period_is_a_400(anon):
    assert "year" in get_json(anon, URL, {"year": 1900}, status=400)


def test_bbox_over_germany_gives_the_ten_german_camps(anon):
    results = get_all(anon, URL, {"bbox": GERMANY})
    assert len(results) == 10
    assert {item["country"] for item in results} == {"DE"}
    assert all(item["point"]["coordinates"][0] < 20 for item in results)  # nothing in Siberia


def test_filters_combine(anon):
    assert get_json(anon, URL, {"bbox": GERMANY, "kind": "special_camp"})["count"] == 0
    assert get_json(anon, URL, {"bbox": GERMANY, "q": "Buchenwald"})["count"] == 1


@pytest.mark.parametrize(
    "bbox, message",
    [
        ("5,47,15", "Give four numbers separated by commas: min_lon,min_lat,max_lon,max_lat."),
        ("a,b,c,d", "Give four numbers separated by commas: min_lon,min_lat,max_lon,max_lat."),
        ("5,47,15,55,1", "Give four numbers separated by commas: min_lon,min_lat,max_lon,max_lat."),
        ("nan,47,15,55", "Give four numbers separated by commas: min_lon,min_lat,max_lon,max_lat."),
        ("-200,47,15,55", "Longitudes must lie between -180 and 180."),
        ("5,-95,15,55", "Latitudes must lie between -90 and 90."),
        ("15,47,5,55", "min_lon must be less than max_lon."),
        ("5,55,15,47", "min_lat must be less than max_lat."),
    ],
)
def test_bad_bbox_is_a_400_with_a_clear_message(anon, bbox, message):
    assert get_json(anon, URL, {"bbox": bbox}, status=400) == {"bbox": [message]}


@pytest.mark.parametrize("ordering, key", [("name", "name"), ("period_start", "period_start")])
def test_ordering(anon, ordering, key):
    ascending = [item[key] for item in get_all(anon, URL, {"ordering": ordering, "kind": "special_camp"})]
    descending = [
        item[key] for item in get_all(anon, URL, {"ordering": f"-{ordering}", "kind": "special_camp"})
    ]
    assert ascending == sorted(ascending) and descending == sorted(descending, reverse=True)


def test_unknown_ordering_is_a_400(anon):
    assert "ordering" in get_json(anon, URL, {"ordering": "prisoners"}, status=400)


def test_result_shape(anon):
    place = Place.objects.get(primary_name="Норильский ИТЛ")
    item = get_json(anon, URL, {"q": "Norillag"})["results"][0]
    assert item == {
        "id": place.public_id,
        "url": f"http://testserver/api/v1/places/{place.public_id}/",
        "web_url": f"http://testserver{place.get_absolute_url()}",
        "name": "Норильский ИТЛ",
        "name_en": "Norilsky ITL",
        "kind": "corrective_labour_camp",
        "kind_label": "corrective labour camp (ITL)",
        "period": "1935/1956",
        "period_start": "1935-01-01",
        "period_end": "1956-12-31",
        "activity": {
            "id": place.activity.source_id,
            "label": "Mining industry",
            "label_en": "Mining industry",
            "label_ru": place.activity.label_ru,
        },
        "region": {
            "id": place.region.source_id,
            "label": "Eastern Siberia and Taimyr",
            "label_en": "Eastern Siberia and Taimyr",
            "label_ru": place.region.label_ru,
        },
        "country": "RU",
        "point": {"type": "Point", "coordinates": list(place.locations.first().geom.coords)},
        "match_score": 1.0,
        "people_count": 0,
    }


@pytest.mark.parametrize("params", [{}, {"page_size": 500}, {"q": "lag"}, {"year": 1946, "bbox": GERMANY}])
def test_list_runs_four_queries_whatever_the_page_size(anon, django_assert_num_queries, params):
    get_json(anon, URL, params)  # warm the caches (content types)
    with django_assert_num_queries(4):  # count, the page, the page's locations, the page's people counts
        get_json(anon, URL, params)
