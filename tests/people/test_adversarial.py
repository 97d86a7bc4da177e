"""Regression guards from an adversarial pass over the people features (issue 3): odd search input is a
clear 400 in the API and a form error on the page, spellings with invisible or decomposed characters
find the same person, unpublished and restricted records stay hidden, and bad import files name their
line and column and write nothing."""

import csv

import pytest
from rest_framework.test import APIClient

from register.core.importing import ImportFailed
from register.people.importers.bulk import COLUMNS, Options, import_people
from register.people.models import FamilyLink, Fate, Person, PersonEvent, PersonName, Privacy
from register.people.search import search_people

API = "/api/v1/people/"


def make(surname, given="", *, published=True, **fields):
    person = Person.objects.create(surname=surname, given_name=given, published=published, **fields)
    PersonName(person=person, part="surname", value=surname, is_primary=True, language="lt").save()
    if given:
        PersonName(person=person, part="given", value=given, is_primary=True, language="lt").save()
    return person


def counts():
    return (Person.objects.count(), PersonName.objects.count(), PersonEvent.objects.count())


# --- the API's parameters -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "a\x00b"}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"born_from": "-5"}, "born_from"),
        ({"born_from": "99999999999"}, "born_from"),
        ({"born_from": "1e10"}, "born_from"),
        ({"born_from": "NaN"}, "born_from"),
        ({"born_from": "1900", "born_to": "1850"}, "born_to"),
        ({"operation": "no-such-operation"}, "operation"),
        ({"operation": "../../x"}, "operation"),
        ({"place": "nope"}, "place"),
        ({"country": "XX"}, "country"),
        ({"country": "LTU"}, "country"),
        ({"fate": "zombie"}, "fate"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "999999"}, "page"),
    ],
)
def test_api_bad_parameters_are_400_naming_the_field(params, field):
    before = counts()
    response = APIClient().get(API, params, HTTP_ACCEPT="application/json")
    assert response.status_code == 400, response.content[:300]
    assert field in response.json()
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["'; DROP TABLE people_person; --", "%", "_", "\\", "%_%", "😀", "שמעון"])
def test_api_sql_like_and_foreign_text_is_an_ordinary_search(query):
    make("Droptaitis", "Jonas", privacy=Privacy.PUBLIC)
    response = APIClient().get(API, {"q": query}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert Person.objects.filter(surname="Droptaitis").exists()


# --- the search page ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"born_from": "-5"}, "greater than or equal to 1800"),
        ({"born_from": "1e10"}, "whole number"),
        ({"born_from": "1900", "born_to": "1850"}, "comes before the first"),
        ({"operation": "nope"}, "Select a valid choice"),
        ({"place": "nope"}, "Select a valid choice"),
        ({"fate": "zombie"}, "Select a valid choice"),
        ({"q": "a\x00b"}, "Null characters are not allowed"),
        ({"q": "x" * 201}, "at most 200 characters"),
    ],
)
def test_page_bad_filters_are_form_errors(client, params, message):
    response = client.get("/people/", params, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "999999"])
def test_page_odd_page_numbers_show_a_page(client, page):
    make("Puslapaitis", "Jonas", privacy=Privacy.PUBLIC)
    response = client.get("/people/", {"q": "Puslapaitis", "page": page}, follow=True)
    assert response.status_code == 200
    assert "Puslapaitis" in response.content.decode()


# --- spellings that must find the same person -----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "Žemaitaitis",
        "Z\u030cemaitaitis",  # decomposed Ž
        "Že\u200dmaitaitis",  # zero-width joiner
        "Že\u200bmaitaitis",  # zero-width space
        "Že\u00admaitaitis",  # soft hyphen
        "  ŽEMAITAITIS  ",
        "Zemaitaitis",
    ],
)
def test_invisible_and_decomposed_characters_find_the_same_person(query):
    person = make("Žemaitaitis", "Ona", privacy=Privacy.PUBLIC)
    result = search_people(query)
    assert result.hits and result.hits[0].person == person


# --- privacy --------------------------------------------------------------------------------------


@pytest.fixture
def restricted_person(db):
    person = make(
        "Slaptaitytė",
        "Onutė",
        privacy=Privacy.RESTRICTED,
        birth_edtf="1931-05-05",
        birthplace_text="SECRETBIRTHPLACE",
        residence="SECRETRESIDENCE",
        occupation="SECRETOCCUPATION",
        biography="SECRETBIOGRAPHY",
        nationality="SECRETNATIONALITY",
        death_edtf="1990-02-02",
        fate=Fate.DIED,
    )
    PersonEvent.objects.create(person=person, kind="death", period_edtf="1990-02-02", cause="SECRETCAUSE")
    PersonEvent.objects.create(person=person, kind="arrest", period_edtf="1948-05-22", authority="MGB")
    other = make("Viešaitis", "Petras", privacy=Privacy.PUBLIC, birth_edtf="1900", death_edtf="1950")
    FamilyLink.objects.create(person=person, relation="child_of", other=other)
    return person


SECRETS = [
    "SECRETBIRTHPLACE",
    "SECRETRESIDENCE",
    "SECRETOCCUPATION",
    "SECRETBIOGRAPHY",
    "SECRETNATIONALITY",
    "SECRETCAUSE",
    "1931",
    "1990",
    "Viešaitis",
]


@pytest.mark.django_db
def test_restricted_person_page_and_record_withhold_private_facts(client, restricted_person):
    html = client.get(restricted_person.get_absolute_url()).content.decode()
    body = APIClient().get(f"{API}{restricted_person.public_id}/", HTTP_ACCEPT="application/json")
    listed = APIClient().get(API, {"q": "Slaptaitytė"}, HTTP_ACCEPT="application/json")
    assert body.status_code == 200 and listed.status_code == 200
    for secret in SECRETS:
        assert secret not in html, secret
        assert secret not in body.content.decode(), secret
        assert secret not in listed.content.decode(), secret
    assert "MGB" in html and "MGB" in body.content.decode()  # the repression facts are shown
    assert body.json()["privacy"]["restricted"] is True


@pytest.mark.django_db
def test_restricted_and_unpublished_persons_are_not_exported(client, restricted_person):
    make("Nepaskelbtasis", "Jonas", published=False, privacy=Privacy.PUBLIC, birth_edtf="1900")
    make("Gyvasaitė", "Rūta", birth_edtf="1950")  # may be alive
    csv_text = b"".join(client.get("/api/v1/export/people.csv").streaming_content).decode()
    for name in ("Slaptaitytė", "Nepaskelbtasis", "Gyvasaitė"):
        assert name not in csv_text


@pytest.mark.django_db
def test_unpublished_person_is_reachable_nowhere(client):
    hidden = make("Nepaskelbtasis", "Jonas", published=False, privacy=Privacy.PUBLIC, birth_edtf="1900")
    assert client.get(f"/people/{hidden.public_id}/").status_code == 404
    assert APIClient().get(f"{API}{hidden.public_id}/").status_code == 404
    assert search_people("Nepaskelbtasis").total == 0
    assert search_people("Nepaskelbtasis Jonas").total == 0
    assert hidden.public_id not in client.get("/people/", {"q": "Nepaskelbtasis"}).content.decode()


# --- the bulk importer ----------------------------------------------------------------------------


def write_csv(path, rows, *, encoding="utf-8", newline="\n"):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator=newline)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([row.get(column, "") for column in COLUMNS])
    return path


def run(path, dataset="adversarial"):
    return import_people(path, Options(dataset=dataset, workers=1, report=lambda _: None))


def problems(path):
    before = counts()
    with pytest.raises(ImportFailed) as failed:
        run(path)
    assert counts() == before
    return [str(problem) for problem in failed.value.problems]


@pytest.mark.django_db
def test_import_names_without_letters_are_line_and_column_problems(tmp_path):
    rows = [
        {"record_id": "a", "surname": "123"},
        {"record_id": "b", "surname": "---"},
        {"record_id": "c", "surname": "\u200b"},
        {"record_id": "d", "surname": "Kalnas", "given_name": "!!"},
    ]
    found = problems(write_csv(tmp_path / "letters.csv", rows))
    assert any("line 2" in p and "surname" in p for p in found)
    assert any("line 3" in p and "surname" in p for p in found)
    assert any("line 4" in p and "surname" in p for p in found)
    assert any("line 5" in p and "given_name" in p for p in found)


@pytest.mark.django_db
def test_import_name_that_grows_when_case_folded_is_refused(tmp_path):
    found = problems(write_csv(tmp_path / "fold.csv", [{"record_id": "a", "surname": "ß" * 150}]))
    assert any("line 2" in p and "surname" in p and "200" in p for p in found)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_import_utf16_and_utf32_files_are_refused(tmp_path, encoding):
    path = write_csv(tmp_path / "wide.csv", [{"record_id": "a", "surname": "Kalnas"}], encoding=encoding)
    assert any("UTF-16" in p for p in problems(path))


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["latin-1", "cp1251"])
def test_import_non_utf8_files_are_refused(tmp_path, encoding):
    surname = "Müller" if encoding == "latin-1" else "Иванов"
    path = write_csv(tmp_path / "legacy.csv", [{"record_id": "a", "surname": surname}], encoding=encoding)
    assert any("not UTF-8" in p for p in problems(path))


@pytest.mark.django_db
def test_import_crlf_and_embedded_newlines_keep_line_numbers(tmp_path):
    rows = [
        {"record_id": "a", "surname": "Kalnas", "birthplace": "Kau\nnas"},
        {"record_id": "b", "surname": "Kalnas", "birth": "19x1"},
    ]
    found = problems(write_csv(tmp_path / "crlf.csv", rows, newline="\r\n"))
    assert any("line 4" in p and "birth" in p and "19x1" in p for p in found)


@pytest.mark.django_db
def test_import_rows_with_extra_or_missing_fields_name_the_line(tmp_path):
    path = tmp_path / "width.csv"
    width = len(COLUMNS)
    good = ",".join(["a", "Kalnas"] + [""] * (width - 2))
    lines = [",".join(COLUMNS), good, "b,Kalnas" + "," * (width - 1), "c,Kalnas" + "," * (width - 4)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems(path)
    assert any("line 3" in p and f"{width + 1} fields" in p for p in found)
    assert any("line 4" in p and f"{width - 2} fields" in p for p in found)


@pytest.mark.django_db
def test_import_repeated_record_ids_and_a_joined_file_are_refused(tmp_path):
    rows = [{"record_id": "a", "surname": "Kalnas"}, {"record_id": "a", "surname": "Kalnas"}]
    assert any("line 3" in p and "record_id" in p for p in problems(write_csv(tmp_path / "dup.csv", rows)))
    joined = tmp_path / "joined.csv"
    joined.write_text(
        ",".join(COLUMNS) + "\n" + "a,Kalnas" + "," * (len(COLUMNS) - 2) + "\n"
        "\ufeffb,Kalnas" + "," * (len(COLUMNS) - 2) + "\n",
        encoding="utf-8",
    )
    assert any("line 3" in p and "byte order mark" in p for p in problems(joined))


@pytest.mark.django_db
def test_reimport_of_the_same_file_updates_and_adds_nothing(tmp_path):
    rows = [{"record_id": f"r{i}", "surname": "Kalnas", "birth": "1900"} for i in range(5)]
    path = write_csv(tmp_path / "twice.csv", rows)
    first = run(path)
    after_first = counts()
    second = run(path)
    assert (first.created, second.created, second.updated) == (5, 0, 5)
    assert counts() == after_first
