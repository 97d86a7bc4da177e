"""The synthetic person generator: deterministic, realistic forms and frequencies, real links, marked."""

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from register.people.importers.bulk import COLUMNS
from register.people.models import Person
from register.people.synthetic import female_surname, generate_people, patronymic, to_cyrillic

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    path = tmp_path_factory.mktemp("syn") / "people.csv"
    generate_people(6000, 3, path)
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def test_the_same_seed_gives_the_same_file(tmp_path):
    generate_people(300, 11, tmp_path / "a.csv")
    generate_people(300, 11, tmp_path / "b.csv")
    generate_people(300, 12, tmp_path / "c.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.csv").read_bytes() != (tmp_path / "c.csv").read_bytes()


def test_every_row_is_marked_synthetic(rows):
    assert len(rows) == 6000
    assert all(
        row["record_id"].startswith("syn") and row["source"] == "synthetic" and row["synthetic"] == "1"
        for row in rows
    )
    assert len({row["record_id"] for row in rows}) == len(rows)


def test_links_point_to_the_real_operations_and_camps(rows):
    with (FIXTURES / "operations" / "operations.csv").open(encoding="utf-8") as handle:
        slugs = {row["slug"] for row in csv.DictReader(handle)}
    with (FIXTURES / "gulag-camps" / "camps.csv").open(encoding="utf-8") as handle:
        camps = {row["source_id"] for row in csv.DictReader(handle)}
    used_ops = {row["deportation_operation"] for row in rows} - {""}
    used_camps = {row["camp"] for row in rows} - {""}
    assert used_ops <= slugs and len(used_ops) >= 10
    assert used_camps <= camps and len(used_camps) > 100
    germans = [
        row for row in rows if row["nationality"] in ("немец", "немка") and row["deportation_operation"]
    ]
    assert {row["deportation_operation"] for row in germans} == {"volga-germans-1941"}


def test_all_the_peoples_are_there_with_their_scripts(rows):
    nationalities = Counter(row["nationality"] for row in rows if row["sex"] == "m")
    for name in ("литовец", "латыш", "эстонец", "поляк", "молдаванин", "украинец", "крымский татарин",
                 "чеченец", "немец", "еврей", "русский"):  # fmt: skip
        assert nationalities[name] > 30, name
    lithuanians = [row for row in rows if row["name_lang"] == "lt"]
    assert all(row["surname_ru"] and "\u0400" <= row["surname_ru"][0] <= "\u04ff" for row in lithuanians)
    assert any(row["surname_latn"] for row in rows if row["name_lang"] == "ru")  # romanizations


def test_surnames_follow_a_zipf_like_frequency(rows):
    polish_men = Counter(row["surname"] for row in rows if row["nationality"] == "поляк")
    total = sum(polish_men.values())
    (top, top_count), *_ = polish_men.most_common()
    assert top in {"Nowak", "Kowalski", "Wiśniewski"}  # the commonest of the list come first
    assert top_count / total > 0.03  # common surnames are common ...
    assert len(polish_men) > 100  # ... and there is a long tail
    assert sum(1 for count in polish_men.values() if count == 1) > 30


def test_female_forms_follow_the_language(rows):
    women = [row["surname"] for row in rows if row["sex"] == "f" and row["name_lang"] == "lt"]
    endings = ("ienė", "aitė", "ytė", "utė", "iūtė")
    assert sum(name.endswith(endings) for name in women) / len(women) > 0.9
    assert female_surname("Žemaitis", "lt", married=True) == "Žemaitienė"
    assert female_surname("Žemaitis", "lt", married=False) == "Žemaitytė"
    assert female_surname("Kazlauskas", "lt", married=False) == "Kazlauskaitė"
    assert female_surname("Grinkevičius", "lt", married=False) == "Grinkevičiūtė"
    assert female_surname("Kalniņš", "lv", married=True) == "Kalniņa"
    assert female_surname("Balodis", "lv", married=True) == "Balode"
    assert female_surname("Wróblewski", "pl", married=True) == "Wróblewska"
    assert female_surname("Nowak", "pl", married=True) == "Nowak"
    assert female_surname("Иванов", "ru", married=True) == "Иванова"
    assert female_surname("Вишневский", "ru", married=True) == "Вишневская"
    assert female_surname("Çelebiev", "crh", married=True) == "Çelebieva"
    assert female_surname("Tamm", "et", married=True) == "Tamm"


def test_cyrillic_as_in_the_soviet_files():
    assert to_cyrillic("Wróblewska", "pl") == "Врублевская"
    assert to_cyrillic("Szczepański", "pl") == "Щепанский"
    assert to_cyrillic("Žemaitis", "lt") == "Жемайтис"
    assert to_cyrillic("Mägi", "et") == "Мяги"
    assert to_cyrillic("Ciobanu", "ro") == "Чобану"
    assert to_cyrillic("Schneider", "de") == "Шнайдер"
    assert patronymic("Иван", female=False) == "Иванович"
    assert patronymic("Николай", female=True) == "Николаевна"
    assert patronymic("Пётр", female=False) == "Петрович"
    assert patronymic("Василий", female=False) == "Васильевич"


def test_a_negative_count_is_refused(tmp_path):
    with pytest.raises(ValueError, match="negative"):
        generate_people(-1, 1, tmp_path / "a.csv")


@pytest.mark.django_db
def test_the_bundled_data_has_no_synthetic_persons():
    """`make run` loads only the bundled data (load_register_data, loaded for the test session too)."""
    assert not Person.objects.filter(synthetic=True).exists()
