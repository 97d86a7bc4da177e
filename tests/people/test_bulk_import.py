"""The bulk person importer: columns to records, re-imports, the name index, and bad files that change
nothing and say where they are wrong (line and column)."""

import csv
import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection

from register.core.ids import stable_public_id
from register.core.importing import ImportFailed
from register.operations.models import Operation, OperationKind
from register.people.importers.bulk import COLUMNS, Options, import_people
from register.people.models import Fate, Person, PersonEvent, PersonName
from register.people.search import search_people
from register.people.synthetic import generate_people
from register.places.importers.bundled import DATASET as CAMPS
from register.places.models import Place
from register.sources.models import Source

FULL = {
    "record_id": "r1", "surname": "Žemaitienė", "given_name": "Ona", "patronymic": "",
    "surname_ru": "Жемайтене", "given_name_ru": "Она", "patronymic_ru": "Йонасовна",
    "surname_latn": "Zhemaitiene", "given_name_latn": "", "name_lang": "lt", "sex": "ж", "birth": "1905-03?",
    "birthplace": "Kaunas", "nationality": "литовка", "occupation": "учитель", "residence": "Kaunas",
    "country": "lt", "arrest_date": "1945-02-10", "sentencing_body": "ОСО при НКВД СССР",
    "sentence_date": "1945-06", "article": "58-1а", "sentence": "10 лет ИТЛ", "verdict": "ИТЛ",
    "deportation_operation": "june-1941-baltic", "camp": "1", "death_date": "1950/1951",
    "execution_date": "", "rehabilitation_date": "1989-05-04",
    "rehabilitation_body": "Прокуратура Литовской ССР",
    "source": "vol. 2, p. 34",
}  # fmt: skip


def write(path, rows, columns=None, *, bom=False):
    columns = columns or COLUMNS
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column, "") for column in columns])
    return path


def person(record_id="r1", surname="Kalniņš", **values):
    return {"record_id": record_id, "surname": surname, **values}


def run(path, dataset="test", **options):
    return import_people(path, Options(dataset=dataset, workers=1, report=lambda _: None, **options))


@pytest.mark.django_db
def test_every_column_goes_to_its_field_name_and_event(tmp_path):
    result = run(write(tmp_path / "list.csv", [FULL]), dataset="memory-book")
    assert (result.rows, result.created, result.updated) == (1, 1, 0)
    p = Person.objects.get(dataset="memory-book", source_record_id="r1")
    assert p.public_id == stable_public_id("memory-book", "r1", "v")
    assert (p.surname, p.given_name, p.patronymic) == ("Žemaitienė", "Ona", "Йонасовна")
    assert (p.sex, p.country, p.nationality, p.residence) == ("f", "LT", "литовка", "Kaunas")
    assert (p.birth_start, p.birth_end, p.birth_year_min) == (dt.date(1905, 3, 1), dt.date(1905, 3, 31), 1905)
    assert (p.death_edtf, p.death_end, p.fate) == ("1950/1951", dt.date(1951, 12, 31), Fate.DIED)
    assert not p.synthetic and p.published
    names = {(n.part, n.value, n.language, n.script, n.kind, n.is_primary) for n in p.names.all()}
    assert names == {
        ("surname", "Žemaitienė", "lt", "Latn", "original", True),
        ("given", "Ona", "lt", "Latn", "original", True),
        ("surname", "Жемайтене", "ru", "Cyrl", "russified", False),
        ("given", "Она", "ru", "Cyrl", "russified", False),
        ("patronymic", "Йонасовна", "ru", "Cyrl", "russified", True),
        ("surname", "Zhemaitiene", "", "Latn", "romanized", False),
    }
    events = {e.kind: e for e in p.events.all()}
    assert list(p.events.order_by("order").values_list("kind", flat=True)) == [
        "arrest", "sentence", "deportation", "imprisonment", "death", "rehabilitation",
    ]  # fmt: skip
    assert events["arrest"].period_start == dt.date(1945, 2, 10)
    sentence = events["sentence"]
    assert (sentence.authority, sentence.article, sentence.term, sentence.note) == (
        "ОСО при НКВД СССР", "58-1а", "10 лет ИТЛ", "ИТЛ",
    )  # fmt: skip
    operation = Operation.objects.get(slug="june-1941-baltic")
    assert events["deportation"].operation == operation
    assert (
        events["deportation"].period_edtf == operation.period_edtf
        and events["deportation"].origin == "Kaunas"
    )
    assert events["imprisonment"].place == Place.objects.get(dataset=CAMPS, source_record_id="1")
    assert events["rehabilitation"].authority == "Прокуратура Литовской ССР"


@pytest.mark.django_db
def test_an_execution_gives_the_fate_and_date_of_death(tmp_path):
    run(write(tmp_path / "a.csv", [person(execution_date="1937-11-03", verdict="ВМН")]))
    p = Person.objects.get(source_record_id="r1")
    assert (p.fate, p.death_edtf, p.death_start) == (Fate.EXECUTED, "1937-11-03", dt.date(1937, 11, 3))
    assert set(p.events.values_list("kind", flat=True)) == {"sentence", "execution"}


@pytest.mark.django_db
def test_a_camp_by_public_id_or_dataset_key(tmp_path):
    place = Place.objects.get(dataset=CAMPS, source_record_id="5")
    rows = [person("a", camp=place.public_id), person("b", camp=f"{CAMPS}:5")]
    run(write(tmp_path / "a.csv", rows))
    assert PersonEvent.objects.filter(kind="imprisonment", place=place).count() == 2


@pytest.mark.django_db
def test_reimport_replaces_names_and_events_and_keeps_the_record(tmp_path):
    run(write(tmp_path / "a.csv", [person(given_name="Jānis", arrest_date="1941")]))
    first = Person.objects.get(source_record_id="r1")
    Person.objects.filter(pk=first.pk).update(published=False)  # a moderator's decision survives
    result = run(write(tmp_path / "b.csv", [person(surname="Kalniņa", sex="f", death_date="1942")]))
    assert (result.created, result.updated) == (0, 1)
    again = Person.objects.get(source_record_id="r1")
    assert (again.pk, again.public_id, again.published) == (first.pk, first.public_id, False)
    assert (again.surname, again.given_name, again.sex) == ("Kalniņa", "", "f")
    assert list(again.names.values_list("value", flat=True)) == ["Kalniņa"]
    assert list(again.events.values_list("kind", flat=True)) == ["death"]


@pytest.mark.django_db
def test_source_gives_each_person_a_citation_with_the_locator(tmp_path):
    source = Source.objects.create(key="memory-book-lt", kind="publication", title="Memory book")
    run(write(tmp_path / "a.csv", [person(source="vol. 3, p. 12")]), source_id=source.pk)
    p = Person.objects.get(source_record_id="r1")
    assert list(p.citations.values_list("source__key", "locator")) == [("memory-book-lt", "vol. 3, p. 12")]
    assert p.names.get().source == source
    run(write(tmp_path / "a.csv", [person(source="vol. 3, p. 13")]), source_id=source.pk)
    assert list(p.citations.values_list("locator", flat=True)) == ["vol. 3, p. 13"]


@pytest.mark.django_db
def test_dry_run_counts_and_writes_nothing(tmp_path):
    result = run(write(tmp_path / "a.csv", [person("a"), person("b")]), dry_run=True)
    assert (result.created, result.names) == (2, 2)
    assert not Person.objects.filter(dataset="test").exists()


@pytest.mark.django_db
def test_a_utf8_byte_order_mark_at_the_start_is_accepted(tmp_path):
    run(write(tmp_path / "a.csv", [person()], ["record_id", "surname"], bom=True))
    assert Person.objects.filter(source_record_id="r1").exists()


@pytest.mark.django_db
def test_a_public_id_taken_by_another_record_is_derived_again(tmp_path):
    other = Person.objects.create(surname="X", dataset="elsewhere", source_record_id="1")
    Person.objects.filter(pk=other.pk).update(public_id=stable_public_id("test", "r2", "v"))
    run(write(tmp_path / "a.csv", [person("r2")]))
    assert Person.objects.get(dataset="test").public_id == stable_public_id("test", "r2#1", "v")


def bad(tmp_path, text: str):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    return path


BAD_FILES = {  # name: (file text, line, column, part of the message)
    "bad EDTF": (
        "record_id,surname,birth\nr1,Kalniņš,1905\nr2,Bērziņš,1905-13\n", 3, "birth", "not a valid EDTF",
    ),
    "unknown operation": (
        "record_id,surname,deportation_operation\nr1,Kalniņš,june-1941-baltic\nr2,Ozols,june-1942\n",
        3, "deportation_operation", "june-1942",
    ),
    "unknown camp": ("record_id,surname,camp\nr1,Kalniņš,99999\n", 2, "camp", "99999"),
    "too-long name": (f"record_id,surname\nr1,{'a' * 201}\n", 2, "surname", "longer than 200"),
    "missing column": ("record_id,given_name\nr1,Jonas\n", 1, "surname", "required column is missing"),
    "unknown column": ("record_id,surname,surnmae\nr1,Kalniņš,x\n", 1, "surnmae", "unknown column"),
    "BOM inside the file": (
        "record_id,surname\nr1,Kalniņš\n\ufeffr2,Ozols\n", 3, "record_id", "byte order mark",
    ),
    "duplicate record_id": ("record_id,surname\nr1,Kalniņš\nr2,Ozols\nr1,Liepa\n", 4, "record_id", "line 2"),
    "empty file": ("", 1, "", "empty"),
    "header only": ("record_id,surname\n", 2, "", "no rows"),
    "name without letters": ("record_id,surname,given_name\nr1,Kalniņš,123\n", 2, "given_name", "one letter"),
    "missing surname": ("record_id,surname\nr1,\n", 2, "surname", "is empty"),
    "too many fields": ("record_id,surname\nr1,Kalniņš,x\n", 2, "", "3 fields"),
    "bad sex": ("record_id,surname,sex\nr1,Kalniņš,x\n", 2, "sex", "not m or f"),
    "bad country": ("record_id,surname,country\nr1,Kalniņš,XX\n", 2, "country", "ISO 3166"),
    "NUL in a name": ("record_id,surname,given_name\nr1,Kalniņš,Jo\x00nas\n", 2, "given_name", "a NUL"),
    "NUL in a text": ("record_id,surname,occupation\nr1,Kalniņš,x\nr2,Ozols,\x00\n", 3, "occupation", "NUL"),
    "field over the csv limit": (
        f'record_id,surname,occupation\nr1,Ozols,x\nr2,Liepa,"{"a" * 140_000}"\n', 3, "occupation",
        "longer than 131,072 characters",
    ),
    "bad synthetic marker": ("record_id,surname,synthetic\nr1,Kalniņš,yes\n", 2, "synthetic", "“yes”"),
    "synthetic and real rows mixed": (
        "record_id,surname,synthetic\nr1,Kalniņš,1\nr2,Ozols,1\nr3,Liepa,\n", 4, "synthetic",
        "line 2 is a synthetic record",
    ),
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_reports_line_and_column_and_writes_nothing(tmp_path, name):
    text, line, column, message = BAD_FILES[name]
    before = (Person.objects.count(), PersonName.objects.count())
    with pytest.raises(ImportFailed) as failed:
        run(bad(tmp_path, text))
    problem = failed.value.problems[0]
    assert (problem.row, problem.field) == (line, column), str(problem)
    assert message in problem.message
    assert f"line {line}" in str(problem) or line == 0
    assert (Person.objects.count(), PersonName.objects.count()) == before


@pytest.mark.django_db
def test_a_utf16_file_is_refused(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("record_id,surname\nr1,Kalniņš\n", encoding="utf-16")
    with pytest.raises(ImportFailed, match="UTF-16"):
        run(path)


@pytest.mark.django_db
def test_a_utf16_file_without_byte_order_mark_is_recognised(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("record_id,surname\nr1,Kalniņš\n", encoding="utf-16-le")
    with pytest.raises(ImportFailed) as failed:
        run(path)
    assert [str(p) for p in failed.value.problems] == [
        "a.csv, line 1: the file looks like UTF-16; save it as UTF-8"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("encoding", "word"), [("cp1251", "Жена"), ("latin-1", "Müller")])
def test_a_file_not_in_utf8_names_the_line_and_column_of_the_first_bad_byte(tmp_path, encoding, word):
    rows = [f"r{n},Ozols,x" for n in range(1, 6000)]
    rows[3999] = f"r4000,Ozols,{word}"  # line 4001, far beyond the decoder's first read-ahead
    path = tmp_path / "a.csv"
    path.write_bytes(("record_id,surname,occupation\n" + "\n".join(rows) + "\n").encode(encoding))
    with pytest.raises(ImportFailed) as failed:
        run(path)
    problem = failed.value.problems[-1]
    assert (problem.row, problem.field) == (4001, "occupation"), str(problem)
    assert "is not UTF-8 text" in problem.message and "save it as UTF-8" in problem.message
    assert not Person.objects.filter(dataset="test").exists()


@pytest.mark.django_db
def test_generated_rows_stay_synthetic_under_any_data_set_name(tmp_path):
    path = tmp_path / "syn.csv"
    generate_people(50, 5, path)
    run(path, dataset="memory-book-lt")
    assert Person.objects.filter(dataset="memory-book-lt").count() == 50
    assert not Person.objects.filter(dataset="memory-book-lt", synthetic=False).exists()
    run(write(tmp_path / "real.csv", [person(synthetic="0")]), dataset="real")
    assert not Person.objects.get(dataset="real").synthetic


@pytest.mark.django_db
def test_every_problem_is_listed_and_good_rows_are_not_written(tmp_path):
    text = "record_id,surname,birth\nr1,Kalniņš,1905\nr2,Ozols,junk\nr3,,1905\nr4,Liepa,1905-02-30\n"
    with pytest.raises(ImportFailed) as failed:
        run(bad(tmp_path, text))
    assert [(p.row, p.field) for p in failed.value.problems] == [(3, "birth"), (4, "surname"), (5, "birth")]
    assert not Person.objects.filter(dataset="test").exists()


@pytest.mark.django_db
def test_the_command_reports_and_refuses(tmp_path, capsys):
    good = write(tmp_path / "a.csv", [person("a"), person("b", "Ozols")])
    call_command("import_people", str(good), "--dataset", "cmd", "--no-progress")
    assert "2 rows: created 2 persons" in capsys.readouterr().out
    with pytest.raises(CommandError, match="line 3, column “birth”"):
        call_command("import_people", str(bad(tmp_path, BAD_FILES["bad EDTF"][0])), "--dataset", "cmd")
    with pytest.raises(CommandError, match="no source"):
        call_command("import_people", str(good), "--dataset", "cmd", "--source", "nope")


@pytest.mark.django_db
def test_generated_persons_are_synthetic_and_found_by_the_search(tmp_path):
    path = tmp_path / "syn.csv"
    generate_people(2000, 7, path)
    result = import_people(path, Options(dataset="synthetic", workers=2, report=lambda _: None))
    assert result.created == 2000 and result.forms_added > 500
    assert Person.objects.filter(dataset="synthetic", synthetic=True).count() == 2000
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows[:5]:
        wanted = Person.objects.get(dataset="synthetic", source_record_id=row["record_id"])
        for query in (
            row["surname"],
            row["surname_ru"] or row["surname"],
            f"{row['surname']} {row['given_name']}",
        ):
            found = search_people(query, limit=200)
            assert wanted.pk in [hit.person.pk for hit in found.hits], query


@pytest.mark.django_db(transaction=True)
def test_an_exclusive_import_restores_and_validates_the_foreign_keys(tmp_path):

    def keys():
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT conrelid::regclass::text, pg_get_constraintdef(oid), convalidated FROM pg_constraint
                   WHERE contype = 'f' AND conrelid IN ('people_personname'::regclass,
                                                        'people_personevent'::regclass)
                   ORDER BY 1, 2"""
            )
            return cursor.fetchall()

    def indexes():
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid IN (
                   'people_person'::regclass, 'people_personname'::regclass, 'people_personevent'::regclass)
                   ORDER BY 1"""
            )
            return cursor.fetchall()

    before, indexed = keys(), indexes()
    try:
        rows = [person(f"r{n}", arrest_date="1941") for n in range(Person.objects.count() + 1)]
        result = run(write(tmp_path / "a.csv", rows), exclusive=True)
        assert (result.created, result.names, result.events) == (len(rows),) * 3
        assert keys() == before and all(valid for _, _, valid in before)
        assert "rebuild indexes" in result.timings  # as many rows as persons stored: built afresh
        assert indexes() == indexed and len(indexed) > 10
    finally:
        Person.objects.filter(dataset="test").delete()


@pytest.mark.django_db(transaction=True)
def test_ctrl_c_during_the_key_check_after_an_exclusive_import_is_reported_and_resumable(tmp_path):

    from register.people.importers.bulk_checks import unvalidated_foreign_keys

    def interrupt_validation(execute, sql, params, many, context):
        if "VALIDATE CONSTRAINT" in sql:
            raise KeyboardInterrupt  # what Ctrl-C raises in the main thread during the statement
        return execute(sql, params, many, context)

    path = write(tmp_path / "a.csv", [person("a", arrest_date="1941"), person("b", "Ozols")])
    try:
        with connection.execute_wrapper(interrupt_validation), pytest.raises(CommandError) as failed:
            call_command("import_people", str(path), "--dataset", "test", "--exclusive", "--no-progress")
        assert str(failed.value) == (
            "imported 2 persons; the foreign key check was interrupted: "
            "run `manage.py import_people --validate-keys`"
        )
        assert failed.value.returncode != 0
        assert Person.objects.filter(dataset="test").count() == 2  # committed
        pending = unvalidated_foreign_keys()
        assert {table for table, _ in pending} == {"people_personname", "people_personevent"}
        call_command("import_people", "--validate-keys")
        assert unvalidated_foreign_keys() == []
    finally:
        if unvalidated_foreign_keys():
            call_command("import_people", "--validate-keys")
        Person.objects.filter(dataset="test").delete()


@pytest.mark.django_db(transaction=True)
def test_the_next_import_validates_keys_an_interrupted_one_left(tmp_path):

    from register.people.importers.bulk_checks import unvalidated_foreign_keys

    def interrupt_validation(execute, sql, params, many, context):
        if "VALIDATE CONSTRAINT" in sql:
            raise KeyboardInterrupt
        return execute(sql, params, many, context)

    try:
        with connection.execute_wrapper(interrupt_validation), pytest.raises(Exception, match="interrupted"):
            run(write(tmp_path / "a.csv", [person("a")]), exclusive=True)
        assert unvalidated_foreign_keys()
        run(write(tmp_path / "b.csv", [person("b")]))
        assert unvalidated_foreign_keys() == []
    finally:
        if unvalidated_foreign_keys():
            call_command("import_people", "--validate-keys")
        Person.objects.filter(dataset="test").delete()


@pytest.mark.django_db
def test_references_are_locked_and_checked_set_wise_before_the_rows_are_written(tmp_path):
    operation = Operation.objects.create(slug="test-operation", kind=OperationKind.values[0], name_en="Test")

    def delete_first(execute, sql, params, many, context):  # as if another session deleted it just then
        if "FOR KEY SHARE OF o" in sql:
            execute("DELETE FROM operations_operation WHERE id = %s", [operation.pk], False, context)
        return execute(sql, params, many, context)

    path = write(tmp_path / "a.csv", [person(deportation_operation="test-operation")])
    with connection.execute_wrapper(delete_first), pytest.raises(DatabaseError, match="operations named"):
        run(path)
    assert not Person.objects.filter(dataset="test").exists()
    result = run(path)
    assert result.set_checks and "lock references" in result.timings
    assert Person.objects.get(dataset="test").events.get().operation == operation
    with connection.cursor() as cursor:  # the per-row checks are back for the caller's transaction
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
