"""Hostile and careless requests to the API: a 200 with sensible results or a 400 naming the
parameter, never a 500; unpublished places and personal data never leak."""

import unicodedata

import pytest

from register.operations.models import Operation, OperationDestination
from register.places.models import NameKind, Place, PlaceKind, PlaceName
from tests.api.helpers import get_all, get_json, ids

PLACES, MAP, OPERATIONS = "/api/v1/places/", "/api/v1/map/locations/", "/api/v1/operations/"

HOSTILE = [
    ("q", "!!!"),
    ("q", "a" * 10_000),
    ("q", "' OR 1=1 --"),
    ("q", "%_\\"),
    ("q", "\x00"),
    ("q", "😀"),
    ("q", "\u202eשלום Норильлаг"),
    ("q", "Norilлаг"),
    ("q", "\u0301\u0301"),
    ("year", "abc"),
    ("year", "-1"),
    ("year", "99999"),
    ("bbox", "nan,0,1,1"),
    ("bbox", "inf,0,1,1"),
    ("bbox", "1,2,3,4,5"),
    ("bbox", "170,50,-170,60"),
    ("page", "0"),
    ("page", "-1"),
    ("page", "99999999"),
    ("page", "abc"),
    ("page_size", "100000"),
    ("page_size", "abc"),
    ("kind", "unknown-kind"),
    ("country", "xx"),
    ("country", "ru"),
    ("activity", "abc"),
    ("activity", "99999999999999999999"),
    ("ordering", "unknown"),
    ("ordering", "source_record_id"),
    ("format", "api"),
]


@pytest.mark.parametrize("url", [PLACES, MAP, OPERATIONS])
@pytest.mark.parametrize("name, value", HOSTILE)
def test_hostile_parameters_give_200_or_a_400_naming_the_parameter(anon, url, name, value):
    response = anon.get(url, {name: value})
    assert response.status_code in (200, 400), (response.status_code, response.content[:300])
    if response.status_code == 400:
        assert name in response.json()


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999"])
def test_an_impossible_page_is_a_400_naming_page(anon, page):
    body = get_json(anon, PLACES, {"page": page}, status=400)
    assert list(body) == ["page"] and body["page"][0].startswith("Invalid page. That page")
    german = anon.get(PLACES, {"page": page}, HTTP_ACCEPT_LANGUAGE="de").json()
    assert german["page"][0].startswith("Ungültige Seite. Diese Seite")


@pytest.mark.parametrize("url", [f"{OPERATIONS}a%00b/", "/api/v1/sources/x%00/", f"{OPERATIONS}%00/"])
def test_a_nul_byte_in_a_slug_or_key_is_a_404_not_a_500(anon, url):
    assert anon.get(url).status_code == 404


@pytest.mark.parametrize("query", ["Noril\u00adlag", "Noril\u200blag", "Nor\u200dillag"])
def test_invisible_format_characters_in_q_do_not_split_the_name(anon, query):
    """A soft hyphen or zero-width character pasted from a web page must not break the search."""
    expected = ids(get_json(anon, PLACES, {"q": "Norillag"})["results"])
    assert expected and ids(get_json(anon, PLACES, {"q": query})["results"]) == expected


def test_decomposed_unicode_in_q_finds_the_composed_name(anon):
    """Text in NFD (e.g. typed on macOS) finds the same places as the composed (NFC) form."""
    place = Place.objects.create(kind=PlaceKind.CAMP_POINT, primary_name="Сёмлаг")
    PlaceName.objects.create(place=place, name="Сёмлаг", language="ru", kind=NameKind.OFFICIAL)
    composed = ids(get_json(anon, PLACES, {"q": "Сёмлаг"})["results"])
    decomposed = ids(get_json(anon, PLACES, {"q": unicodedata.normalize("NFD", "Сёмлаг")})["results"])
    assert place.public_id in composed
    assert decomposed == composed


def test_unpublished_places_never_leak_through_relations_or_operations(anon):
    hidden = list(Place.objects.filter(published=False, dataset="memorial-gulag")[:3])
    shown = list(Place.objects.filter(published=True, dataset="memorial-gulag")[:2])
    hidden[0].parent = shown[0]
    hidden[0].save()
    shown[1].parent = hidden[1]
    shown[1].save()
    operation = Operation.objects.filter(published=True).first()
    OperationDestination.objects.create(operation=operation, place=hidden[2], order=99)
    hidden_ids = {place.public_id for place in hidden}
    bodies = [
        anon.get(url, {"page_size": 500}).content.decode()
        for url in [
            PLACES,
            f"{PLACES}?q=Unidentified",
            f"{PLACES}?bbox=89,61,91,63",
            MAP,
            f"{MAP}?bbox=89,61,91,63",
            f"{PLACES}{shown[0].public_id}/",
            f"{PLACES}{shown[1].public_id}/",
            OPERATIONS,
            f"{OPERATIONS}{operation.slug}/",
        ]
    ]
    for body in bodies:
        assert not hidden_ids & {word.strip('"/') for word in body.replace("/", '"').split('"')}
        assert "Unidentified camp" not in body
    for place in hidden:
        assert anon.get(f"{PLACES}{place.public_id}/").status_code == 404


def test_no_personal_data_anywhere(anon, django_user_model):
    django_user_model.objects.create_user("carol", email="carol@example.org", password="not-used-123")
    urls = [PLACES, MAP, OPERATIONS, "/api/v1/sources/", "/api/v1/", "/api/schema/", "/api/docs/"]
    for url in urls:
        body = anon.get(url).content.decode()
        assert "carol" not in body and "@example.org" not in body
    assert anon.get("/api/v1/users/").status_code == 404


def test_german_and_browsable_api(anon):
    response = anon.get("/api/v1/kinds/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200 and response["Content-Language"] == "de"
    assert all(item["label"] for item in response.json())
    assert anon.get(PLACES, {"format": "api"})["Content-Type"].startswith("text/html")
    assert get_all(anon, PLACES, {"q": "Норильлаг"})


def test_the_lpf_export_does_not_name_an_unpublished_parent(anon):
    hidden = Place.objects.filter(published=False, dataset="memorial-gulag").first()
    shown = Place.objects.filter(published=True, dataset="memorial-gulag").first()
    shown.parent = hidden
    shown.save()
    for url in [f"{PLACES}{shown.public_id}/lpf/", "/api/v1/export/places.lpf.json"]:
        body = anon.get(url).content.decode()
        assert hidden.public_id not in body and "Unidentified camp" not in body
