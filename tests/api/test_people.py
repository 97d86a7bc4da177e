"""GET /api/v1/people/ (the name search in any script, its filters and pages), /api/v1/people/{id}/ (the
full record, privacy), the people counts of places and operations, and the people CSV export.

Personas: jonas (Pakalniškis, 1901-1950, died in Norillag: public in full), ona (Pakalniškienė, born
1930, deported in Priboi, no recorded death: may be alive, so restricted), and a draft record that is not
published.
"""

import csv
import io

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from register.core.models import guess_script
from register.names.match import REASONS
from register.operations.models import Operation
from register.people.given import load_bundled_given_names
from register.people.importers.bulk import COLUMNS as IMPORT_COLUMNS
from register.people.models import (
    DuplicateStatus,
    EventKind,
    FamilyLink,
    Fate,
    FormKind,
    NamePart,
    Person,
    PersonEvent,
    PersonName,
    PossibleDuplicate,
    Privacy,
    Relation,
    Sex,
)
from register.places.models import Location, Place, PlaceKind
from register.sources.models import Citation, Source, SourceKind
from tests.api.helpers import get_json

URL = "/api/v1/people/"
NORILLAG = "Норильский ИТЛ"


@pytest.fixture(autouse=True)
def given_name_table(db):
    """The bundled given-name table (the session's data load does it too; idempotent)."""
    load_bundled_given_names()


def add_names(person, *forms):
    """Record name forms: (part, value, language, kind, primary)."""
    for part, value, language, kind, primary in forms:
        PersonName.objects.create(
            person=person,
            part=part,
            value=value,
            language=language,
            script=guess_script(value),
            kind=kind,
            is_primary=primary,
        )


@pytest.fixture
def archive(db):
    return Source.objects.create(
        key="test-lya-k1",
        kind=SourceKind.ARCHIVE_FILE,
        title="Criminal case file",
        archive="LYA",
        fond="K-1",
        opis="58",
        delo="12345",
        list="17",
    )


@pytest.fixture
def norillag(real_data):
    return Place.objects.get(primary_name=NORILLAG)


@pytest.fixture
def priboi(real_data):
    return Operation.objects.get(slug="priboi-1949")


@pytest.fixture
def jonas(norillag, archive):
    person = Person.objects.create(
        surname="Pakalniškis",
        given_name="Jonas",
        patronymic="Antanovich",
        sex=Sex.MALE,
        birth_edtf="1901-05",
        birthplace_text="Raseiniai",
        nationality="Lithuanian",
        country="LT",
        occupation="farmer",
        residence="Raseiniai district",
        death_edtf="1950-02",
        fate=Fate.DIED_IN_DETENTION,
        biography="Farmer, arrested in 1945.",
        dataset="test:cards",
        source_record_id="card-17",
    )
    add_names(
        person,
        (NamePart.SURNAME, "Pakalniškis", "lt", FormKind.NATIVE, True),
        (NamePart.SURNAME, "Пакальнишкис", "ru", FormKind.RUSSIFIED, False),
        (NamePart.GIVEN, "Jonas", "lt", FormKind.NATIVE, True),
        (NamePart.GIVEN, "Йонас", "ru", FormKind.RUSSIFIED, False),
    )
    events = [
        (EventKind.BIRTH, "1901-05", {"place_text": "Raseiniai"}),
        (EventKind.ARREST, "1945-03-02", {"place_text": "Raseiniai"}),
        (EventKind.SENTENCE, "1945-07", {"article": "58-1a", "authority": "OSO NKVD", "term": "10 years"}),
        (EventKind.IMPRISONMENT, "1945-09/1950-02", {"place": norillag}),
        (EventKind.DEATH, "1950-02", {"place": norillag, "cause": "pneumonia"}),
    ]
    for order, (kind, date, extra) in enumerate(events):
        event = PersonEvent.objects.create(person=person, kind=kind, period_edtf=date, order=order, **extra)
        if kind == EventKind.SENTENCE:
            Citation.objects.create(source=archive, record=event, locator="l. 17")
    Citation.objects.create(source=archive, record=person, locator="l. 1-40")
    return person


@pytest.fixture
def ona(priboi, jonas):
    destination = priboi.destination_links.filter(place__published=True).first().place
    person = Person.objects.create(
        surname="Pakalniškienė",
        given_name="Ona",
        sex=Sex.FEMALE,
        birth_edtf="1930",
        birthplace_text="Raseiniai",
        nationality="Lithuanian",
        country="LT",
        occupation="pupil",
        residence="Raseiniai district",
        fate=Fate.SURVIVED,
        biography="Deported with her mother in March 1949.",
    )
    add_names(person, (NamePart.SURNAME, "Pakalniškienė", "lt", FormKind.NATIVE, True))
    add_names(person, (NamePart.GIVEN, "Ona", "lt", FormKind.NATIVE, True))
    PersonEvent.objects.create(person=person, kind=EventKind.BIRTH, period_edtf="1930")
    PersonEvent.objects.create(
        person=person, kind=EventKind.DEPORTATION, period_edtf="1949-03-25", operation=priboi, order=1
    )
    PersonEvent.objects.create(
        person=person, kind=EventKind.SETTLEMENT, period_edtf="1949-04/1956", place=destination, order=2
    )
    FamilyLink.objects.create(person=jonas, relation=Relation.PARENT_OF, other=person)
    return person


@pytest.fixture
def draft(jonas):
    person = Person.objects.create(surname="Pakalniškis", given_name="Petras", published=False)
    add_names(person, (NamePart.SURNAME, "Pakalniškis", "lt", FormKind.NATIVE, True))
    FamilyLink.objects.create(person=jonas, relation=Relation.SIBLING_OF, other=person)
    return person


def ids_of(body):
    return [item["id"] for item in body["results"]]


# --- the search -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "reasons"),
    [
        ("Pakalniškis", {"exact"}),
        ("Пакальнишкис", {"exact"}),
        ("PAKALNISKIS", {"exact"}),  # the folded key drops case and diacritics
        ("Pakalnishkis", {"same_in_other_script", "same_skeleton"}),  # a romanization of the Cyrillic
        ("Пакальнишкис Йонас", {"exact"}),  # Soviet order
        ("Jonas Pakalniškis", {"exact"}),
    ],
)
def test_a_name_in_any_script_finds_the_person_with_reasons(anon, jonas, draft, q, reasons):
    body = get_json(anon, URL, {"q": q})
    assert jonas.public_id in ids_of(body)
    assert draft.public_id not in ids_of(body)
    item = next(item for item in body["results"] if item["id"] == jonas.public_id)
    assert item["match"]["score"] > 0
    surname = next(hit for hit in item["match"]["reasons"] if hit["part"] == "surname")
    assert surname["value"] in {"Pakalniškis", "Пакальнишкис"}
    assert surname["reason"] in REASONS
    assert surname["text"] == str(REASONS[surname["reason"]])
    assert surname["reason"] in reasons


def test_the_exact_form_ranks_first_and_the_female_form_says_so(anon, jonas, ona):
    results = get_json(anon, URL, {"q": "Pakalniškis"})["results"]
    assert results[0]["id"] == jonas.public_id
    her = next(item for item in results if item["id"] == ona.public_id)
    assert [hit["reason"] for hit in her["match"]["reasons"]] == ["female_form"]
    assert her["match"]["score"] < results[0]["match"]["score"]


def test_reasons_are_in_the_readers_language(anon, jonas, ona):
    anon.cookies["django_language"] = "de"
    her = next(
        item for item in get_json(anon, URL, {"q": "Pakalniškis"})["results"] if item["id"] == ona.public_id
    )
    with translation.override("de"):
        assert her["match"]["reasons"][0]["text"] == str(REASONS["female_form"])
    assert her["match"]["reasons"][0]["text"] != "female form of the same surname"


def test_result_shape(anon, jonas):
    item = get_json(anon, URL, {"q": "Пакальнишкис Йонас"})["results"][0]
    assert item == {
        "id": jonas.public_id,
        "url": f"http://testserver/api/v1/people/{jonas.public_id}/",
        "web_url": f"http://testserver/people/{jonas.public_id}/",
        "name": "Pakalniškis Jonas Antanovich",
        "surname": "Pakalniškis",
        "given_name": "Jonas",
        "patronymic": "Antanovich",
        "sex": "m",
        "birth": "1901-05",
        "fate": "died_detention",
        "fate_label": "died in a camp or prison",
        "country": "LT",
        "flags": {"incomplete": False, "disputed": False, "possible_duplicate": False},
        "restricted": False,
        "synthetic": False,
        "match": {
            "score": 1.0,
            "reasons": [
                {"part": "surname", "value": "Пакальнишкис", "reason": "exact", "text": "same name"},
                {"part": "given", "value": "Йонас", "reason": "exact", "text": "same name"},
            ],
        },
    }


def test_a_restricted_person_is_listed_without_birth_and_fate(anon, ona):
    item = next(
        item for item in get_json(anon, URL, {"q": "Pakalniškienė"})["results"] if item["id"] == ona.public_id
    )
    assert item["restricted"] is True and "birth" not in item
    assert item["name"] == "Pakalniškienė Ona" and "fate" not in item and "fate_label" not in item


def test_browsing_without_a_query_lists_in_name_order_without_scores(anon, jonas, ona):
    body = get_json(anon, URL, {"country": "LT", "page_size": 100})
    assert {jonas.public_id, ona.public_id} <= set(ids_of(body))
    assert all(item["match"] == {"score": None, "reasons": []} for item in body["results"])
    names = [(item["surname"], item["given_name"]) for item in body["results"]]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("params", "finds_jonas", "finds_ona"),
    [
        ({"born_from": 1900, "born_to": 1905}, True, False),
        ({"born_from": 1925}, False, False),  # Ona (restricted) is never found by her birth year
        ({"born_to": 1900}, False, False),
        ({"operation": "priboi-1949"}, False, True),
        ({"country": "lt"}, True, True),
        ({"country": "LV"}, False, False),
        ({"fate": "died_detention"}, True, False),
        ({"fate": "survived"}, False, False),  # nor by her fate
    ],
)
def test_filters(anon, jonas, ona, params, finds_jonas, finds_ona):
    found = set(ids_of(get_json(anon, URL, {"q": "Pakalniškis", **params})))
    assert (jonas.public_id in found) is finds_jonas
    assert (ona.public_id in found) is finds_ona


def test_place_filter_takes_the_place_public_id(anon, jonas, ona, norillag):
    found = ids_of(get_json(anon, URL, {"q": "Pakalniškis", "place": norillag.public_id}))
    assert found == [jonas.public_id]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"born_from": "soon"}, "born_from"),
        ({"born_from": 1700}, "born_from"),
        ({"born_from": 1950, "born_to": 1900}, "born_to"),
        ({"country": "XX"}, "country"),
        ({"country": "LTU"}, "country"),
        ({"fate": "alive"}, "fate"),
        ({"operation": "no-such-operation"}, "operation"),
        ({"operation": "bad slug!"}, "operation"),
        ({"place": "nosuchplace"}, "place"),
        ({"q": "x" * 201}, "q"),
        ({"page": 0}, "page"),
        ({"page": "first"}, "page"),
        ({"page": 999}, "page"),
    ],
)
def test_bad_parameters_are_400_naming_them(anon, jonas, params, field):
    body = get_json(anon, URL, params, status=400)
    assert list(body) == [field] and body[field]


def test_an_unpublished_operation_or_place_is_refused(anon, priboi, norillag):
    Operation.objects.filter(pk=priboi.pk).update(published=False)
    Place.objects.filter(pk=norillag.pk).update(published=False)
    body = get_json(anon, URL, {"operation": priboi.slug, "place": norillag.public_id}, status=400)
    assert set(body) == {"operation", "place"}


@pytest.fixture
def camp_with_25(db):
    """A camp of its own with 25 prisoners of one surname, so that the pages depend on no other data."""
    camp = Place.objects.create(kind=PlaceKind.CORRECTIVE_LABOUR_CAMP, primary_name="Тестлаг")
    Location.objects.create(place=camp, geom=Point(60.0, 65.0), precision="settlement")
    people = []
    for number in range(25):
        person = Person.objects.create(surname="Testowski", given_name=f"Jan{chr(65 + number)}")
        add_names(
            person,
            (NamePart.SURNAME, person.surname, "pl", FormKind.ORIGINAL, True),
            (NamePart.GIVEN, person.given_name, "pl", FormKind.ORIGINAL, True),
        )
        PersonEvent.objects.create(person=person, kind=EventKind.IMPRISONMENT, period_edtf="1940", place=camp)
        people.append(person)
    return camp, people


@pytest.mark.parametrize("q", ["", "Testowski"])
def test_pages_have_consistent_count_and_links(anon, camp_with_25, q):
    camp, people = camp_with_25
    first = get_json(anon, URL, {"q": q, "place": camp.public_id, "page_size": 10})
    assert first["count"] == 25 and len(first["results"]) == 10 and first["previous"] is None
    assert f"place={camp.public_id}" in first["next"] and "page=2" in first["next"]
    second = get_json(anon, first["next"])
    assert "page=3" in second["next"] and "page=" not in second["previous"]
    third = get_json(anon, second["next"])
    assert third["next"] is None and len(third["results"]) == 5 and "page=2" in third["previous"]
    listed = ids_of(first) + ids_of(second) + ids_of(third)
    assert listed == [person.public_id for person in people]  # name order, every person once
    last = get_json(anon, URL, {"q": q, "place": camp.public_id, "page_size": 10, "page": "last"})
    assert ids_of(last) == ids_of(third)


def test_page_size_is_capped_at_100(anon, camp_with_25):
    camp, _ = camp_with_25
    body = get_json(anon, URL, {"place": camp.public_id, "page_size": 1000})
    assert len(body["results"]) == 25 and body["next"] is None


def test_default_page_is_20(anon, camp_with_25):
    camp, _ = camp_with_25
    assert len(get_json(anon, URL, {"place": camp.public_id})["results"]) == 20


def test_possible_duplicates_are_flagged_in_the_list(anon, jonas, ona):
    PossibleDuplicate.objects.create(person=jonas, other=ona)
    results = get_json(anon, URL, {"q": "Pakalniškis"})["results"]
    assert {item["id"]: item["flags"]["possible_duplicate"] for item in results}[jonas.public_id] is True
    PossibleDuplicate.objects.filter(person=jonas).update(status=DuplicateStatus.DISTINCT)
    results = get_json(anon, URL, {"q": "Pakalniškis"})["results"]
    assert not any(item["flags"]["possible_duplicate"] for item in results)


@pytest.mark.parametrize("page_size", [5, 25])
def test_browsing_runs_four_queries_whatever_the_page_size(
    anon, camp_with_25, page_size, django_assert_num_queries
):
    camp, _ = camp_with_25
    params = {"place": camp.public_id, "page_size": page_size}
    get_json(anon, URL, params)
    # the place parameter, the page with its total, the persons, their names, the page's duplicates
    with django_assert_num_queries(5):
        get_json(anon, URL, params)


def test_a_name_search_runs_as_many_queries_whatever_the_page_size(anon, camp_with_25):
    counts = []
    for page_size in (5, 25):
        get_json(anon, URL, {"q": "Testowski", "page_size": page_size})
        with CaptureQueriesContext(connection) as queries:
            assert (
                len(get_json(anon, URL, {"q": "Testowski", "page_size": page_size})["results"]) == page_size
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- one person -------------------------------------------------------------------------------------


def detail(client, person, status=200):
    return get_json(client, f"{URL}{person.public_id}/", status=status)


def test_detail_has_names_identity_events_links_and_sources(anon, jonas, ona, norillag):
    body = detail(anon, jonas)
    assert body["id"] == jonas.public_id and body["web_url"].endswith(f"/people/{jonas.public_id}/")
    assert {
        "part": "surname",
        "value": "Пакальнишкис",
        "language": "ru",
        "script": "Cyrl",
        "kind": "russified",
        "is_primary": False,
        "source": None,
    } in body["names"]
    assert len(body["names"]) == 4
    assert (
        body["birth"] == "1901-05"
        and body["birth_start"] == "1901-05-01"
        and body["birth_end"] == "1901-05-31"
    )
    assert body["birthplace"] is None and body["birthplace_text"] == "Raseiniai"
    assert (body["occupation"], body["residence"], body["nationality"]) == (
        "farmer",
        "Raseiniai district",
        "Lithuanian",
    )
    assert body["death"] == "1950-02" and body["biography"].startswith("Farmer")
    assert [event["kind"] for event in body["events"]] == [
        "birth",
        "arrest",
        "sentence",
        "imprisonment",
        "death",
    ]
    sentence = body["events"][2]
    assert (sentence["article"], sentence["authority"], sentence["term"]) == ("58-1a", "OSO NKVD", "10 years")
    assert sentence["citations"][0]["locator"] == "l. 17"
    assert sentence["citations"][0]["source"]["archive_reference"] == "LYA, f. K-1, op. 58, d. 12345, l. 17"
    camp = body["events"][3]
    assert camp["date"] == "1945-09/1950-02"
    assert (camp["date_start"], camp["date_end"]) == ("1945-09-01", "1950-02-28")
    assert camp["place"]["id"] == norillag.public_id and camp["place"]["name"] == NORILLAG
    assert camp["place"]["url"] == f"http://testserver/api/v1/places/{norillag.public_id}/"
    lon, lat = camp["place"]["point"]["coordinates"]
    assert 87 < lon < 89 and 69 < lat < 70
    assert body["events"][0]["place"] is None and body["events"][0]["place_text"] == "Raseiniai"
    assert body["events"][4]["cause"] == "pneumonia"
    source = body["citations"][0]["source"]
    assert (source["archive"], source["fond"], source["opis"], source["delo"], source["list"]) == (
        "LYA",
        "K-1",
        "58",
        "12345",
        "17",
    )
    assert body["family_links"] == []  # the link to Ona is withheld: she may be alive (restricted)
    assert body["privacy"] == {"restricted": False, "withheld": [], "withheld_event_kinds": [], "note": ""}
    assert body["dataset"] == "test:cards" and body["synthetic"] is False


def test_detail_does_not_expose_dataset_internals(anon, jonas):
    body = detail(anon, jonas)
    assert "card-17" not in str(body)
    assert not {"source_record_id", "privacy_setting", "published", "created", "updated"} & set(body)


def test_operation_of_a_deportation_event(anon, ona, priboi):
    Person.objects.filter(pk=ona.pk).update(privacy=Privacy.PUBLIC)
    deportation = next(event for event in detail(anon, ona)["events"] if event["kind"] == "deportation")
    assert deportation["operation"] == {
        "slug": "priboi-1949",
        "url": "http://testserver/api/v1/operations/priboi-1949/",
        "name_en": priboi.name_en,
    }


def test_links_read_from_the_other_side(anon, jonas, ona):
    Person.objects.filter(pk=ona.pk).update(privacy=Privacy.PUBLIC)
    links = detail(anon, ona)["family_links"]
    assert [(link["relation"], link["person"]["id"]) for link in links] == [("child_of", jonas.public_id)]


def test_a_person_who_may_be_alive_shows_name_and_repression_facts_only(anon, ona):
    assert ona.restricted
    body = detail(anon, ona)
    for field in ("birth", "birthplace", "birthplace_text", "occupation", "residence", "biography", "death"):
        assert field not in body
    assert "family_links" not in body and "nationality" not in body
    assert [event["kind"] for event in body["events"]] == ["deportation", "settlement"]
    assert body["privacy"]["restricted"] is True and body["restricted"] is True
    assert set(body["privacy"]["withheld"]) >= {
        "birth",
        "residence",
        "occupation",
        "family_links",
        "biography",
    }
    assert "birth" in body["privacy"]["withheld_event_kinds"]
    assert body["privacy"]["note"]
    assert body["name"] == "Pakalniškienė Ona" and body["names"]
    assert "1930" not in str(body) and "pupil" not in str(body) and "mother" not in str(body)


def test_a_record_marked_restricted_hides_death_details_too(anon, jonas):
    Person.objects.filter(pk=jonas.pk).update(privacy=Privacy.RESTRICTED)
    body = detail(anon, jonas)
    assert [event["kind"] for event in body["events"]] == ["arrest", "sentence", "imprisonment"]
    assert "pneumonia" not in str(body) and "death" not in body


@override_settings(PERSON_PRIVACY_YEARS=90)
def test_the_privacy_period_is_configurable(anon, ona):
    assert detail(anon, ona)["birth"] == "1930"


def test_a_record_made_public_is_shown_in_full(anon, ona):
    Person.objects.filter(pk=ona.pk).update(privacy=Privacy.PUBLIC)
    body = detail(anon, ona)
    assert body["birth"] == "1930" and body["occupation"] == "pupil" and len(body["events"]) == 3


def test_unpublished_or_unknown_person_is_404(anon, draft):
    detail(anon, draft, status=404)
    get_json(anon, f"{URL}nosuchperson/", status=404)


def test_links_and_duplicates_to_unpublished_records_are_not_shown(anon, jonas, ona, draft):
    PossibleDuplicate.objects.create(person=jonas, other=draft)
    Person.objects.filter(pk=ona.pk).update(
        privacy=Privacy.PUBLIC
    )  # links to restricted persons are withheld
    body = detail(anon, jonas)
    assert body["family_links"] == [
        {
            "relation": "parent_of",
            "relation_label": "parent of",
            "person": {
                "id": ona.public_id,
                "url": f"http://testserver/api/v1/people/{ona.public_id}/",
                "name": "Pakalniškienė Ona",
            },
            "source": None,
        }
    ]
    assert body["possible_duplicates"] == [] and body["flags"]["possible_duplicate"] is False


def test_possible_duplicates_are_listed_with_their_status(anon, jonas, ona):
    other = Person.objects.create(surname="Pakalniskis", given_name="Jonas")
    PossibleDuplicate.objects.create(person=jonas, other=other)
    PossibleDuplicate.objects.create(person=jonas, other=ona, status=DuplicateStatus.DISTINCT)
    body = detail(anon, jonas)
    assert [(item["person"]["id"], item["status"]) for item in body["possible_duplicates"]] == [
        (other.public_id, "open")
    ]
    assert body["flags"]["possible_duplicate"] is True
    assert [item["person"]["id"] for item in detail(anon, other)["possible_duplicates"]] == [jonas.public_id]


def test_synthetic_records_say_so(anon, jonas):
    Person.objects.filter(pk=jonas.pk).update(synthetic=True)
    assert detail(anon, jonas)["synthetic"] is True


def test_detail_runs_twelve_queries_however_long_the_record(anon, jonas, ona, django_assert_num_queries):
    detail(anon, jonas)
    # person (+birthplace), names (+source), events (+place, operation), their places' locations, event
    # citations, their sources, links (+other, source), linked_from, duplicates both ways, birthplace
    # locations (none: no birthplace, no query), citations, their sources
    with django_assert_num_queries(12):
        detail(anon, jonas)
    for number in range(5):
        PersonEvent.objects.create(person=jonas, kind=EventKind.TRANSFER, period_edtf=f"194{number}")
    with django_assert_num_queries(12):
        detail(anon, jonas)


# --- people counts of places and operations -------------------------------------------------------------


def test_places_and_operations_count_their_people(anon, jonas, ona, norillag, priboi):
    expected = Person.objects.filter(published=True, events__place=norillag).distinct().count()
    assert expected >= 1
    assert get_json(anon, f"/api/v1/places/{norillag.public_id}/")["people_count"] == expected
    listed = get_json(anon, "/api/v1/places/", {"q": "Norillag"})["results"]
    assert next(item for item in listed if item["id"] == norillag.public_id)["people_count"] == expected
    in_priboi = Person.objects.filter(published=True, events__operation=priboi).distinct().count()
    assert get_json(anon, "/api/v1/operations/priboi-1949/")["people_count"] == in_priboi >= 1
    listed = get_json(anon, "/api/v1/operations/", {"q": "Priboi"})["results"]
    assert listed[0]["people_count"] == in_priboi


def test_unpublished_people_are_not_counted(anon, norillag, draft):
    before = get_json(anon, f"/api/v1/places/{norillag.public_id}/")["people_count"]
    PersonEvent.objects.create(person=draft, kind=EventKind.IMPRISONMENT, period_edtf="1946", place=norillag)
    assert get_json(anon, f"/api/v1/places/{norillag.public_id}/")["people_count"] == before


# --- the CSV export -------------------------------------------------------------------------------------


def export(client) -> list[dict]:
    response = client.get("/api/v1/export/people.csv")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="gulag-register-people.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.splitlines()[0] == ",".join(IMPORT_COLUMNS)
    return list(csv.DictReader(io.StringIO(text)))


def test_people_csv_has_the_persons_public_in_full_in_the_importers_columns(
    anon, jonas, ona, draft, norillag
):
    synthetic = Person.objects.create(surname="Generated", death_edtf="1950", synthetic=True)
    rows = {row["record_id"]: row for row in export(anon)}
    expected = {
        "record_id": jonas.public_id,
        "surname": "Pakalniškis",
        "given_name": "Jonas",
        "patronymic": "Antanovich",
        "surname_ru": "Пакальнишкис",
        "given_name_ru": "Йонас",
        "patronymic_ru": "",
        "surname_latn": "",
        "given_name_latn": "",
        "name_lang": "lt",
        "sex": "m",
        "birth": "1901-05",
        "birthplace": "Raseiniai",
        "nationality": "Lithuanian",
        "occupation": "farmer",
        "residence": "Raseiniai district",
        "country": "LT",
        "arrest_date": "1945-03-02",
        "sentencing_body": "OSO NKVD",
        "sentence_date": "1945-07",
        "article": "58-1a",
        "sentence": "10 years",
        "verdict": "",
        "deportation_operation": "",
        "camp": norillag.public_id,
        "death_date": "1950-02",
        "execution_date": "",
        "rehabilitation_date": "",
        "rehabilitation_body": "",
        "source": "l. 1-40",
    }
    row = rows[jonas.public_id]
    assert {column: row[column] for column in expected} == expected
    assert not any(row[column] for column in set(row) - set(expected))  # columns the importer may add
    assert ona.public_id not in rows  # may be alive
    assert draft.public_id not in rows and synthetic.public_id not in rows
    assert all(not Person.objects.get(public_id=public_id).restricted for public_id in rows)


def test_people_csv_follows_the_privacy_settings(anon, jonas, ona):
    Person.objects.filter(pk=ona.pk).update(privacy=Privacy.PUBLIC)
    Person.objects.filter(pk=jonas.pk).update(privacy=Privacy.RESTRICTED)
    rows = {row["record_id"]: row for row in export(anon)}
    assert jonas.public_id not in rows
    assert rows[ona.public_id]["deportation_operation"] == "priboi-1949"


def test_people_csv_goes_back_in_through_the_bulk_importer(anon, jonas, tmp_path):
    path = tmp_path / "people.csv"
    rows = [row for row in export(anon) if row["record_id"] == jonas.public_id]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=IMPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    call_command("import_people", str(path), "--dataset", "reimport", "--workers", "1", verbosity=0)
    copy = Person.objects.get(dataset="reimport", source_record_id=jonas.public_id)
    assert (copy.surname, copy.birth_edtf, copy.death_edtf) == ("Pakalniškis", "1901-05", "1950-02")
    assert set(copy.names.values_list("value", flat=True)) >= {"Пакальнишкис", "Йонас"}
    assert copy.events.filter(kind=EventKind.SENTENCE, article="58-1a", authority="OSO NKVD").exists()


def test_people_csv_streams_in_a_fixed_number_of_queries(anon, camp_with_25, django_assert_num_queries):
    Person.objects.filter(surname="Testowski").update(death_edtf="1942", death_end="1942-12-31")
    with django_assert_num_queries(4):  # persons (+birthplace), names, events (+place, operation), citations
        rows = export(anon)
    assert sum(row["surname"] == "Testowski" for row in rows) == 25


def test_people_csv_cells_never_run_as_spreadsheet_formulas(anon, jonas):
    Person.objects.filter(pk=jonas.pk).update(birthplace_text='=HYPERLINK("http://x")', occupation="-teacher")
    row = next(row for row in export(anon) if row["record_id"] == jonas.public_id)
    assert row["birthplace"] == '\'=HYPERLINK("http://x")' and row["occupation"] == "'-teacher"


def test_spreadsheet_safe_keeps_numbers():
    from api.views.exports import spreadsheet_safe

    assert (
        spreadsheet_safe("-73.5") == "-73.5" and spreadsheet_safe("+7") == "+7" and spreadsheet_safe(5) == 5
    )
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)" and spreadsheet_safe("Žemaitis") == "Žemaitis"
