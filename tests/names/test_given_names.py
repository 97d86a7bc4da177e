"""The given-name equivalence table, its checks, and patronymics."""

import pytest

from register.core.importing import ImportFailed
from register.names.given_names import (
    COLUMNS,
    LANGUAGE_COLUMNS,
    GivenNameIndex,
    are_equivalent,
    default_index,
    equivalent_given_names,
    patronymic_to_given,
    read_given_name_table,
    table_path,
)

HEADER = ",".join(COLUMNS)


def write_table(tmp_path, *rows: str):
    path = tmp_path / "given.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def row(group="john", source="register editors", **names):
    return ",".join([group, *(names.get(language, "") for language in LANGUAGE_COLUMNS), source])


def test_the_bundled_table_reads_and_covers_the_languages():
    groups = read_given_name_table(table_path())
    assert len(groups) >= 25
    assert all(group.source for group in groups)
    for language in ("lt", "lv", "et", "pl", "ro", "de", "uk", "ru"):
        filled = [group for group in groups if dict(group.forms).get(language)]
        assert len(filled) >= 15, language


def test_jonas_is_ivan():
    names = equivalent_given_names("Иван")
    assert {"Jonas", "Jānis", "Juhan", "Jan", "Johann", "Ion", "Іван", "Иван", "Иоанн"} <= names


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Иван", "Jonas"),
        ("Ion", "Иван"),
        ("Ivan", "Jānis"),  # romanized Cyrillic finds the group too
        ("Iwan", "Juhan"),
        ("Іван", "Johann"),
        ("Petras", "Pyotr"),
        ("Pēteris", "Piotr"),
        ("Peeter", "Petru"),
        ("Antanas", "Antoni"),
        ("Tõnis", "Антон"),
        ("Juozas", "Osip"),
        ("Yankl", "Jokūbas"),
        ("Ona", "Ганна"),
        ("Kadri", "Екатерина"),
    ],
)
def test_equivalent_names(one, other):
    assert are_equivalent(one, other)
    assert are_equivalent(other, one)


@pytest.mark.parametrize(
    ("one", "other"), [("Jonas", "Petras"), ("Ivan", "Jan Kowalski"), ("Anna", "Marija")]
)
def test_different_names(one, other):
    assert not are_equivalent(one, other)


def test_unknown_name():
    assert equivalent_given_names("Zbigniew") == set()
    assert equivalent_given_names("") == set()


def test_a_custom_index(tmp_path):
    path = write_table(tmp_path, row(lt="Jonas", ru="Иван"), row(group="peter", lt="Petras", pl="Piotr"))
    index = GivenNameIndex(read_given_name_table(path))
    assert equivalent_given_names("Ivan", index) == {"Jonas", "Иван"}
    assert not are_equivalent("Jonas", "Piotr", index)
    assert default_index() is default_index()


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [row(lt="Jonas", ru="Иван"), row(pl="Jan", ro="Ion")],
            "given.csv, row 2, field “group”: group “john” appears twice",
        ),
        (
            [row(source="", lt="Jonas", ru="Иван")],
            "row 1, field “source”: the source of the group is required",
        ),
        ([row(lt="Jonas |  | Jonis", ru="Иван")], "row 1, field “lt”: empty name between “|” separators"),
        ([row(lt="Jonas2", ru="Иван")], "row 1, field “lt”: “Jonas2” is not a name"),
        ([row(pl="Иван", ru="Иван")], "row 1, field “pl”: “Иван” has Cyrillic letters"),
        ([row(lt="Jonas", ru="Ivan")], "row 1, field “ru”: “Ivan” has Latin letters"),
        ([row(lt="Jonas")], "row 1, field “group”: a group needs at least two different names"),
        ([row(group="John!", lt="Jonas", ru="Иван")], "row 1, field “group”: “John!” is not a group key"),
        (
            [row(lt="Jonas", ru="Иван"), row(group="other", pl="Iwan", ro="Ivan")],
            "row 2, field “pl”: “Iwan” is also a name of group “john”",
        ),
    ],
)
def test_table_problems(tmp_path, rows, expected):
    with pytest.raises(ImportFailed) as failure:
        read_given_name_table(write_table(tmp_path, *rows))
    assert expected in str(failure.value)


def test_missing_and_unknown_columns(tmp_path):
    path = tmp_path / "given.csv"
    path.write_text("group,lt,ru,source,extra\njohn,Jonas,Иван,editors,x\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="required column is missing"):
        read_given_name_table(path)
    path.write_text(HEADER + ",extra\n" + row(lt="Jonas", ru="Иван") + ",x\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="field “extra”: unknown column"):
        read_given_name_table(path)


@pytest.mark.parametrize(
    ("patronymic", "given"),
    [
        ("Иванович", {"Иван"}),
        ("Ивановна", {"Иван"}),
        ("Petrovich", {"Petr", "Pyotr"}),
        ("Петровна", {"Петр", "Пётр"}),
        ("Sergeyevich", {"Sergey"}),  # Wikipedia / BGN romanization
        ("Sergeevna", {"Sergey"}),  # ICAO romanization
        ("Сергеевич", {"Сергей"}),
        ("Николаевна", {"Николай"}),
        ("Васильевич", {"Василий", "Василь"}),
        ("Vasil'yevich", {"Vasily"}),
        ("Dmitrievich", {"Dmitriy"}),
        ("Игоревич", {"Игорь"}),
        ("Ильич", {"Илья"}),
        ("Ilyinichna", {"Ilya"}),
        ("Никитична", {"Никита"}),
        ("Павлович", {"Павел"}),
        ("Lvovna", {"Lev"}),
        ("Іванівна", {"Іван"}),  # Ukrainian
        ("Андріївна", {"Андрій"}),
        ("иванович", {"иван"}),
    ],
)
def test_patronymic_to_given(patronymic, given):
    assert patronymic_to_given(patronymic) == given


@pytest.mark.parametrize("not_a_patronymic", ["Иван", "Jonas", "", "Ivan Ivanovich", None])
def test_not_a_patronymic(not_a_patronymic):
    assert patronymic_to_given(not_a_patronymic) == set()


def test_a_patronymic_finds_the_fathers_name_in_other_languages():
    fathers = patronymic_to_given("Ivanovich")
    assert any(are_equivalent(father, "Jonas") for father in fathers)
    assert any(are_equivalent(father, "Petras") for father in patronymic_to_given("Петрович"))
