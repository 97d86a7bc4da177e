"""The bundled real persons (fixtures/people/persons.json): loaded with the bundled data, idempotent,
broken files refused with precise problems and nothing written, and the privacy rule."""

import copy
import json
from pathlib import Path

import pytest
from django.conf import settings

from register.core.importing import ImportFailed, Problem
from register.people.models import EventKind, Fate, FormKind, Person, PersonEvent, PersonName
from register.people.realdata import DATASET, default_path, load_bundled_people
from register.people.search import search_people

pytestmark = pytest.mark.usefixtures("real_data")

FILE = json.loads(default_path().read_text(encoding="utf-8"))


def bundled(record_id: str) -> Person:
    return Person.objects.get(dataset=DATASET, source_record_id=record_id)


def write(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "persons.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def state() -> tuple:
    """What the loader may write, to show that a refused file changed nothing."""
    return (
        list(Person.objects.filter(dataset=DATASET).order_by("id").values_list("id", "biography", "fate")),
        PersonName.objects.filter(person__dataset=DATASET).count(),
        PersonEvent.objects.filter(person__dataset=DATASET).count(),
    )


def test_the_fixture_is_loaded_with_the_bundled_data():
    persons = Person.objects.filter(dataset=DATASET)
    assert persons.count() == len(FILE["persons"]) >= 8
    assert all(p.citations.exists() for p in persons)
    assert not persons.filter(synthetic=True).exists()


def test_zemaitis_has_his_cyrillic_form_and_execution():
    zemaitis = bundled("zemaitis-jonas-1909")
    assert zemaitis.display_name == "Žemaitis Jonas"
    assert zemaitis.fate == Fate.EXECUTED
    cyrillic = zemaitis.names.filter(script="Cyrl", kind=FormKind.RUSSIFIED).values_list("value", flat=True)
    assert "Жямайтис" in set(cyrillic)
    execution = zemaitis.events.get(kind=EventKind.EXECUTION)
    assert execution.period_edtf == "1954-11-26"
    assert "Butyrka" in execution.place_text
    assert execution.citations.count() == 3
    assert not zemaitis.restricted


def test_grinkeviciute_is_linked_to_the_june_1941_deportation_the_laptev_sea_and_unzhlag():
    dalia = bundled("grinkeviciute-dalia-1927")
    deportation = dalia.events.get(kind=EventKind.DEPORTATION)
    assert deportation.operation.slug == "june-1941-baltic"
    assert deportation.period_start.isoformat() == "1941-06-14"
    laptev = dalia.events.get(kind=EventKind.SETTLEMENT, period_edtf="1942/1949")
    assert (laptev.place.dataset, laptev.place.source_record_id) == (
        "register-destinations",
        "laptev-sea-coast",
    )
    camp = dalia.events.get(kind=EventKind.IMPRISONMENT).place
    assert (camp.dataset, camp.source_record_id, camp.primary_name) == (
        "memorial-gulag",
        "100",
        "Унженский ИТЛ",
    )
    # Disagreeing dates of birth are kept side by side, each with its source.
    births = dalia.events.filter(kind=EventKind.BIRTH).order_by("period_edtf")
    assert [b.period_edtf for b in births] == ["1927-05-25", "1927-05-28"]
    assert [b.citations.first().source.key for b in births] == [
        "kvb-atminimas-grinkeviciute",
        "vle-grinkeviciute",
    ]
    assert set(dalia.links.values_list("relation", "other__source_record_id")) >= {
        ("sibling_of", "grinkevicius-juozas-1924"),
        ("child_of", "grinkeviciene-prane-1898"),
    }


def test_stulginskis_was_in_kraslag():
    event = bundled("stulginskis-aleksandras-1885").events.get(kind=EventKind.IMPRISONMENT)
    assert (event.place.source_record_id, event.place.primary_name) == ("469", "Красноярский ИТЛ")


def test_the_name_search_finds_bundled_persons_in_both_scripts():
    zemaitis = bundled("zemaitis-jonas-1909")
    for query in ("Žemaitis", "Zemaitis Jonas", "Жямайтис"):
        assert zemaitis in [hit.person for hit in search_people(query).hits], query


def test_a_second_load_changes_nothing():
    summary = load_bundled_people()
    assert summary.counts[("bundled persons", "unchanged")] == len(FILE["persons"])
    assert summary.changed() == 0


def test_a_changed_person_is_updated_and_a_removed_one_deleted(tmp_path):
    document = copy.deepcopy(FILE)
    document["persons"][0]["biography"] = "Changed."
    removed = document["persons"].pop()
    summary = load_bundled_people(path=write(tmp_path, document))
    assert summary.counts[("bundled persons", "updated")] == 1
    assert summary.counts[("bundled persons", "deleted")] == 1
    assert summary.counts[("bundled persons", "unchanged")] == len(FILE["persons"]) - 2
    assert bundled(document["persons"][0]["id"]).biography == "Changed."
    assert not Person.objects.filter(dataset=DATASET, source_record_id=removed["id"]).exists()
    assert load_bundled_people().counts[("bundled persons", "created")] == 1


def _break(change):
    document = copy.deepcopy(FILE)
    document["persons"][0]["biography"] = "This change must not be written."
    change(document["persons"])
    return document


BROKEN = {
    "unknown fate": (
        lambda p: p[1].update(fate="vanished"),
        Problem("persons.json", 2, "fate", "unknown value “vanished” (allowed: executed, died_detention, "
                "died_exile, died, survived)"),
    ),
    "bad EDTF": (
        lambda p: p[2].update(birth="1924-13"),
        Problem("persons.json", 3, "birth", "“1924-13” is not a valid EDTF date"),
    ),
    "unknown source of a name": (
        lambda p: p[1]["names"][0].update(source="no-such-source"),
        Problem("persons.json", 2, "names[0].source", "unknown source “no-such-source” (not in sources.csv)"),
    ),
    "unknown source of an event citation": (
        lambda p: p[0]["events"][4]["citations"][0].update(source="nope"),
        Problem(
            "persons.json", 1, "events[4].citations[0].source", "unknown source “nope” (not in sources.csv)"
        ),
    ),
    "unknown place": (
        lambda p: p[1]["events"][6].update(place={"dataset": "memorial-gulag", "source_record_id": "99999"}),
        Problem("persons.json", 2, "events[6].place", "no register place “memorial-gulag:99999”"),
    ),
    "unknown operation": (
        lambda p: p[1]["events"][2].update(operation="june-1942-baltic"),
        Problem("persons.json", 2, "events[2].operation", "no operation “june-1942-baltic”"),
    ),
    "link to a missing person": (
        lambda p: p[1]["links"][0].update(other="nobody"),
        Problem("persons.json", 2, "links[0].other", "no person with id “nobody” in the file"),
    ),
    "repeated id": (
        lambda p: p[6].update(id=p[5]["id"]),
        Problem("persons.json", 7, "id", "“ulmanis-karlis-1877” is also the id of person 6"),
    ),
    "unknown field": (
        lambda p: p[0]["events"][0].update(when="1909"),
        Problem("persons.json", 1, "events[0].when", "unknown field"),
    ),
    "unknown event kind": (
        lambda p: p[0]["events"][0].update(kind="born"),
        Problem(
            "persons.json", 1, "events[0].kind",
            "unknown value “born” (allowed: " + ", ".join(EventKind.values) + ")",
        ),
    ),
    "name without letters": (
        lambda p: p[0]["names"][0].update(value="--"),
        Problem("persons.json", 1, "names[0].value", "a name needs at least one letter"),
    ),
    "bad language code": (
        lambda p: p[0]["names"][0].update(language="Lithuanian"),
        Problem(
            "persons.json", 1, "names[0].language",
            "“Lithuanian” is not a BCP 47 language code (e.g. lt, ru, et)",
        ),
    ),
    "two primary surnames": (
        lambda p: p[0]["names"][1].update(primary=True),
        Problem("persons.json", 1, "names", "more than one primary form of the surname"),
    ),
    "no citations": (
        lambda p: p[4].pop("citations"),
        Problem("persons.json", 5, "citations", "is required"),
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_is_refused_with_a_precise_problem_and_nothing_written(tmp_path, case):
    change, problem = BROKEN[case]
    before = state()
    with pytest.raises(ImportFailed) as failed:
        load_bundled_people(path=write(tmp_path, _break(change)))
    assert failed.value.problems == [problem]
    assert state() == before


def test_every_problem_is_listed_at_once(tmp_path):
    def two(persons):
        persons[1].update(fate="vanished")
        persons[2].update(birth="never")

    with pytest.raises(ImportFailed) as failed:
        load_bundled_people(path=write(tmp_path, _break(two)))
    assert [(p.row, p.field) for p in failed.value.problems] == [(2, "fate"), (3, "birth")]


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "persons.json"
    path.write_text('{"persons": [', encoding="utf-8")
    before = state()
    with pytest.raises(ImportFailed) as failed:
        load_bundled_people(path=path)
    (problem,) = failed.value.problems
    assert (problem.file, problem.row) == ("persons.json", 0)
    assert problem.message.startswith("cannot be read")
    assert state() == before


def test_load_register_data_refuses_a_broken_persons_file_and_writes_nothing(tmp_path):
    import shutil

    from django.core.management import CommandError, call_command

    fixtures = tmp_path / "fixtures"
    shutil.copytree(Path(settings.BASE_DIR) / "fixtures", fixtures)
    write(fixtures / "people", _break(lambda p: p[0].update(death="someday")))
    before = state()
    with pytest.raises(CommandError, match=r"persons.json, row 1, field “death”"):
        call_command("load_register_data", "--no-progress", "--fixtures", str(fixtures), verbosity=0)
    assert state() == before


def synthetic(birth: str, death: str = "") -> Person:
    return Person.objects.create(surname="Testas", birth_edtf=birth, death_edtf=death, synthetic=True)


def test_privacy_a_person_born_1940_without_death_is_restricted_one_born_1900_is_not():
    assert synthetic("1940").restricted
    assert not synthetic("1900").restricted
    assert not synthetic("1940", death="1990").restricted


def test_privacy_follows_the_person_privacy_years_setting(settings):
    settings.PERSON_PRIVACY_YEARS = 50
    assert not synthetic("1940").restricted
    settings.PERSON_PRIVACY_YEARS = 150
    assert synthetic("1900").restricted


def test_a_nul_character_and_an_unknown_country_are_refused(tmp_path):
    """NUL cannot be stored in PostgreSQL; "XX" is not a country. Both are named, nothing is written."""
    document = copy.deepcopy(FILE)
    document["persons"][0]["biography"] = "Kau\x00nas"
    document["persons"][1]["country"] = "XX"
    before = state()
    with pytest.raises(ImportFailed) as failed:
        load_bundled_people(path=write(tmp_path, document))
    text = "\n".join(str(problem) for problem in failed.value.problems)
    assert "biography" in text and "NUL" in text
    assert "country" in text
    assert state() == before
