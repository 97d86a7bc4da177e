"""Person search through the name index in PostgreSQL: every case of the cases file, ranking, readings,
filters, reasons and paging."""

import csv
from pathlib import Path

import pytest
from django.conf import settings

from register.names.given_names import equivalent_given_names
from register.operations.models import Operation
from register.people.given import load_bundled_given_names
from register.people.index import form_text
from register.people.models import Fate, NameForm, NameKey, NamePart, Person, PersonEvent, PersonName
from register.people.search import PersonFilters, readings, search_people


@pytest.fixture(autouse=True)
def given_name_table(db):
    """The bundled given-name table in the database (the session data load does it too; idempotent)."""
    load_bundled_given_names()


CASES = Path(settings.BASE_DIR) / "fixtures" / "name-matching" / "cases.csv"


def make_person(
    surname="", given="", patronymic="", *, father="", birth="", fate="", published=True, **extra
):
    """A person with one primary form per given part (names are entered in the index on save)."""
    person = Person.objects.create(
        surname=surname, given_name=given, patronymic=patronymic, birth_edtf=birth, fate=fate,
        published=published, **extra,
    )  # fmt: skip
    for part, value in (
        (NamePart.SURNAME, surname), (NamePart.GIVEN, given), (NamePart.PATRONYMIC, patronymic),
        (NamePart.FATHER, father),
    ):  # fmt: skip
        if value:
            PersonName.objects.create(person=person, part=part, value=value, is_primary=True)
    return person


def store(name: str) -> Person:
    """A person recorded under `name` as the cases file means it: "Surname Given" for two words, a given
    name when the given-name table knows it, else a surname."""
    words = name.split()
    if len(words) == 2:
        return make_person(words[0], words[1])
    if equivalent_given_names(name):
        return make_person(given=name)
    return make_person(surname=name)


def ids(result):
    return [hit.person.pk for hit in result.hits]


def read_cases():
    with CASES.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.django_db
@pytest.mark.parametrize("case", read_cases(), ids=lambda case: f"{case['query']}~{case['stored']}")
def test_cases_file(case):
    """Every pair must be found; every near miss must rank below the exact match."""
    stored = store(case["stored"])
    if case["expect"] != "match":
        exact = store(case["expect"].split(":", 1)[1])
    result = search_people(case["query"], limit=100)
    if case["expect"] == "match":
        assert stored.pk in ids(result), f"{case['query']} did not find {case['stored']}: {case['why']}"
        hit = next(hit for hit in result.hits if hit.person.pk == stored.pk)
        assert hit.reasons and hit.reasons[0].reason != "no_match"
    else:
        found = ids(result)
        scores = {hit.person.pk: hit.score for hit in result.hits}
        assert exact.pk in found
        # first, or tied with a real record of the same name (the bundled persons are loaded too)
        assert scores[exact.pk] == result.hits[0].score, f"{case['query']}: the exact match must rank first"
        if stored.pk in found:
            assert scores[stored.pk] < scores[exact.pk]


@pytest.mark.django_db
def test_index_rows_for_a_name():
    person = make_person("Žemaitienė")
    form = NameForm.objects.get(text="žemaitienė")
    assert person.names.get().form_id == form.pk
    keys = set(NameKey.objects.filter(form=form).values_list("kind", "key"))
    assert (1, "zemaitiene") in keys and (2, "zhemaitiene") in keys and (4, "zhemait") in keys
    make_person("ŽEMAITIENĖ")  # same form text: the dictionary keeps one row
    assert NameForm.objects.filter(text=form_text("ŽEMAITIENĖ")).count() == 1


@pytest.mark.django_db
def test_exact_first_then_other_script_then_female_form_with_reasons():
    exact = make_person("Kazlauskas", "Jonas")
    cyrillic = make_person("Казлаускас", "Йонас")
    female = make_person("Kazlauskienė", "Ona")
    other = make_person("Kazlauskaitis", "Petras")
    result = search_people("Kazlauskas")
    found = ids(result)
    assert found[0] == exact.pk
    assert found.index(cyrillic.pk) < found.index(female.pk)
    if other.pk in found:
        assert found.index(female.pk) < found.index(other.pk)
    reasons = {hit.person.pk: hit.reasons[0] for hit in result.hits}
    assert reasons[exact.pk].reason == "exact"
    assert reasons[cyrillic.pk].reason == "same_in_other_script"
    assert reasons[cyrillic.pk].value == "Казлаускас"
    assert reasons[female.pk].reason == "female_form"
    assert str(reasons[female.pk].text) == "female form of the same surname"


@pytest.mark.django_db
def test_both_name_orders_and_given_name_refines():
    jonas = make_person("Kazlauskas", "Jonas")
    petras = make_person("Kazlauskas", "Petras")
    for query in ("Jonas Kazlauskas", "Kazlauskas Jonas", "Казлаускас Иван"):
        found = ids(search_people(query))
        assert found[0] == jonas.pk, query
        assert petras.pk in found  # same surname, other given name: still found, below
    hit = search_people("Казлаускас Иван").hits[0]
    assert [reason.reason for reason in hit.reasons] == ["same_in_other_script", "given_name_equivalent"]


@pytest.mark.django_db
def test_patronymic_finds_the_fathers_given_name():
    with_father = make_person("Kalniņš", "Jānis", father="Pēteris")
    other = make_person("Kalniņš", "Jānis", father="Andrejs")
    result = search_people("Калныньш Янис Петрович")
    found = ids(result)
    assert found.index(with_father.pk) < found.index(other.pk)
    assert "father_name" in [reason.reason for reason in result.hits[0].reasons]


@pytest.mark.django_db
def test_birth_year_in_the_query_refines():
    older = make_person("Mägi", "Juhan", birth="1899")
    younger = make_person("Mägi", "Juhan", birth="1921-05")
    assert ids(search_people("Mägi Juhan 1921"))[0] == younger.pk
    assert ids(search_people("Mägi Juhan 1899"))[0] == older.pk


@pytest.mark.django_db
def test_filters_and_unpublished():
    operation = (
        Operation.objects.get(slug="june-deportation-1941")
        if Operation.objects.filter(slug="june-deportation-1941").exists()
        else Operation.objects.first()
    )
    deported = make_person("Baranauskas", "Juozas", birth="1891", fate=Fate.DIED_IN_EXILE, country="LT")
    PersonEvent.objects.create(
        person=deported, kind="deportation", period_edtf="1941-06-14", operation=operation
    )
    make_person("Baranauskas", "Jonas", birth="1920", fate=Fate.SURVIVED, country="LT")
    hidden = make_person("Baranauskas", "Juozas", published=False)
    assert hidden.pk not in ids(search_people("Baranauskas"))
    assert ids(search_people("Baranauskas", PersonFilters(operation=operation.pk))) == [deported.pk]
    assert ids(search_people("Baranauskas", PersonFilters(born_from=1880, born_to=1900))) == [deported.pk]
    assert ids(search_people("Baranauskas", PersonFilters(fate=Fate.SURVIVED)))[0] != deported.pk
    assert search_people("Baranauskas", PersonFilters(country="lv")).total == 0
    browse = search_people("", PersonFilters(country="LT", born_from=1885, born_to=1935))
    assert {hit.person.surname for hit in browse.hits} >= {"Baranauskas"}
    assert browse.total >= 2 and all(hit.score is None for hit in browse.hits)


@pytest.mark.django_db
def test_paging_and_totals():
    for number in range(25):
        make_person("Ivanov", f"Ivan{chr(97 + number)}")
    first = search_people("Иванов", limit=10)
    assert first.total == 25 and len(first.hits) == 10
    last = search_people("Иванов", offset=20, limit=10)
    assert last.total == 25 and len(last.hits) == 5
    beyond = search_people("Иванов", offset=40, limit=10)
    assert beyond.total == 25 and beyond.hits == []
    all_ids = ids(search_people("Иванов", limit=30))
    assert len(set(all_ids)) == 25


@pytest.mark.django_db
def test_bad_queries():
    with pytest.raises(ValueError, match="at most 200"):
        search_people("x" * 201)
    assert search_people("???").total == 0  # no letters and no year: nothing to look for
    assert search_people("😀 %").total == 0
    assert search_people("ß" * 150).total == 0  # folds to 300 letters: longer than any form, no error
    assert search_people("Ivanov", offset=10**19).hits == []  # a huge page is empty, not a database error
    assert search_people("Qwxzyvbnm").total == 0


@pytest.mark.django_db
def test_readings():
    one = readings(["Žemaitis"])
    assert [(r.surname, r.given, r.given_kind) for r in one] == [
        ("Žemaitis", "", "given"),
        ("", "Žemaitis", "given_only"),
    ]
    two = readings(["Jonas", "Žemaitis"])
    assert {(r.surname, r.given) for r in two} >= {("Jonas", "Žemaitis"), ("Žemaitis", "Jonas")}
    three = readings(["Иванов", "Иван", "Петрович"])
    assert three[0].surname == "Иванов" and three[0].patronymic == "Петрович"
    assert three[1].surname == "Петрович" and three[1].given == "Иванов"


@pytest.mark.django_db
def test_reindex_recomputes_outdated_forms():
    from django.core.management import call_command

    make_person("Kalniņa")
    form = NameForm.objects.get(text="kalniņa")
    NameKey.objects.filter(form=form).delete()
    NameForm.objects.filter(pk=form.pk).update(key_version=0, latin="stale")
    assert search_people("Kalniņš").total == 0
    call_command("reindex_names", verbosity=0)
    form.refresh_from_db()
    assert form.latin == "kalnina" and form.key_version >= 1
    assert search_people("Kalniņš").hits[0].reasons[0].reason == "female_form"


@pytest.mark.django_db
def test_a_name_typed_without_diacritics_finds_the_other_forms_of_the_surname():
    daughter = make_person("Vaičiulaitytė", "Ona")
    father = make_person("Vaičiulaitis", "Petras")
    mother = make_person("Vaičiulaitienė", "Marija")
    result = search_people("Vaiciulaityte")
    reasons = {hit.person.pk: hit.reasons[0].reason for hit in result.hits}
    assert reasons[daughter.pk] == "exact"
    assert reasons[father.pk] == "male_form" and reasons[mother.pk] == "other_form"
    assert ids(result)[0] == daughter.pk


@pytest.mark.django_db
def test_place_counts_agree_with_the_place_lists():
    from register.people.selectors import people_at_place, people_counts
    from register.places.models import Place

    child = Place.objects.filter(parent__isnull=False, published=True).select_related("parent").first()
    if child is None:  # no camp divisions in the data: make one
        parent = Place.objects.filter(published=True).first()
        child = Place.objects.create(kind=parent.kind, primary_name="Test division", parent=parent)
    parent = child.parent
    at_division = make_person("Rimkus", "Jonas")
    PersonEvent.objects.create(person=at_division, kind="imprisonment", period_edtf="1946", place=child)
    born_there = make_person("Rimkus", "Petras", birth="1900", birthplace=parent)
    expected = set(people_at_place(parent.pk).values_list("pk", flat=True))
    assert {at_division.pk, born_there.pk} <= expected
    assert people_counts(place_ids=[parent.pk])[parent.pk] == len(expected)
    assert search_people("", PersonFilters(place=parent.pk)).total == len(expected)


@pytest.mark.django_db
def test_cyrillic_name_saved_with_the_default_script_is_marked_cyrillic():
    person = make_person("Пакальнишкис")
    assert person.names.get().script == "Cyrl"


@pytest.mark.django_db
def test_filters_do_not_reveal_what_a_restricted_record_withholds():
    from register.people.selectors import people_at_place, people_counts
    from register.places.models import Place

    camp, birthplace = Place.objects.filter(published=True, parent__isnull=True)[:2]
    hidden = make_person("Slaptaitytė", "Onutė", birth="1931", fate=Fate.DIED_IN_EXILE, privacy="restricted",
                         birthplace=birthplace)  # fmt: skip
    PersonEvent.objects.create(person=hidden, kind="settlement", period_edtf="1948", place=camp)
    PersonEvent.objects.create(person=hidden, kind="burial", period_edtf="1990", place=birthplace)
    assert hidden.restricted
    assert ids(search_people("Slaptaitytė")) == [hidden.pk]  # the name is public
    withheld = [PersonFilters(born_from=1931), PersonFilters(born_to=1931), PersonFilters(fate="died_exile")]
    for filters in [*withheld, PersonFilters(place=birthplace.pk)]:
        assert hidden.pk not in ids(search_people("Slaptaitytė", filters)), filters
    assert ids(search_people("Slaptaitytė", PersonFilters(place=camp.pk))) == [hidden.pk]  # a repression fact
    assert search_people("Slaptaitytė 1931").hits[0].score == search_people("Slaptaitytė 1900").hits[0].score
    assert hidden.pk not in set(people_at_place(birthplace.pk).values_list("pk", flat=True))
    assert hidden.pk in set(people_at_place(camp.pk).values_list("pk", flat=True))
    assert (
        people_counts(place_ids=[birthplace.pk]).get(birthplace.pk, 0)
        == people_at_place(birthplace.pk).count()
    )


@pytest.mark.django_db
def test_a_lone_given_name_finds_its_bearers_above_phonetic_surnames():
    bearer = make_person("Zubrickas", "Rimvydas")
    result = search_people("Rimvydas")
    assert bearer.pk in ids(result)
    hit = next(hit for hit in result.hits if hit.person.pk == bearer.pk)
    assert hit.reasons[0].part == "given" and hit.reasons[0].reason == "exact"
    assert all(other.score <= hit.score for other in result.hits if other.reasons[0].reason == "sounds_alike")


@pytest.mark.django_db
def test_a_query_of_years_only_lists_the_persons_born_then():
    born = make_person("Kairys", "Jonas", birth="1899")
    make_person("Kairys", "Petras", birth="1905")
    found = ids(search_people("1899", limit=100))
    assert born.pk in found and all(
        Person.objects.get(pk=pk).birth_year_min <= 1899 <= Person.objects.get(pk=pk).birth_year_max
        for pk in found
    )


@pytest.mark.django_db
def test_the_shown_name_follows_the_recorded_forms():
    person = make_person("Viešasaitis", "Petras")
    surname = person.names.get(part=NamePart.SURNAME)
    surname.value = "Pakeistaitis"
    surname.save()
    person.refresh_from_db()
    assert person.surname == "Pakeistaitis"
    assert ids(search_people("Pakeistaitis")) == [person.pk] and search_people("Viešasaitis").total == 0
    PersonName.objects.create(person=person, part=NamePart.SURNAME, value="Пакейстайтис")
    surname.delete()
    person.refresh_from_db()
    assert person.surname == "Пакейстайтис"  # the remaining form is shown, and it is what the index finds
    assert ids(search_people("Pakeistaitis")) == [person.pk]


@pytest.mark.django_db
def test_the_form_by_form_page_of_a_common_name_equals_the_full_ranking(monkeypatch):
    from register.people import search

    for number in range(6):
        make_person("Kowalska", f"Anna{chr(97 + number)}")
        make_person("Ковальская", f"Maria{chr(97 + number)}")
        make_person("Kowalski", f"Jan{chr(97 + number)}")
    both = make_person("Kowalska", "Zofia")
    PersonName.objects.create(person=both, part=NamePart.SURNAME, value="Ковальская")  # two matching forms
    make_person("Kowalska", "Hidden", published=False)
    monkeypatch.setattr(search, "NAME_ORDER_LIMIT", 3)  # "very common" from 4 persons on
    pages = {}
    for top_n in (search.TOP_N_LIMIT, 0):  # form by form, then the full aggregate
        monkeypatch.setattr(search, "TOP_N_LIMIT", top_n)
        pages[top_n] = [
            [(hit.person.pk, hit.score) for hit in search_people("Kowalska", offset=offset, limit=5).hits]
            for offset in (0, 5, 10, 15, 20)
        ]
        assert search_people("Kowalska").total == 19
    assert pages[0] == pages[search.TOP_N_LIMIT]
    flat = [pk for page in pages[0] for pk, _score in page]
    assert len(flat) == len(set(flat)) == 19 and both.pk in flat
