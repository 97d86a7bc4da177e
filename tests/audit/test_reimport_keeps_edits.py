"""Re-imports keep what was edited in the register: a record whose newest history row (or that of one of
its names, events, locations ...) is not an import's is neither overwritten nor has its child rows
replaced; the import lists it. `import_people --overwrite-edits` lets the file win."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from register.audit.context import recording
from register.audit.edits import edited_in_register, kept_keys
from register.audit.models import ImportRun
from register.core.management.commands.load_register_data import load_register_data
from register.operations.models import Operation, OperationName
from register.people import realdata
from register.people.models import NamePart, Person, PersonName
from register.places.importers.bundled import DATASET as CAMPS
from register.places.models import Place, PlaceName

from .conftest import import_list, write_people

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def children(person):
    names = sorted(person.names.values_list("id", "part", "value"))
    events = sorted(person.events.values_list("id", "kind", "term"))
    return names, events


def bundled_person():
    return (
        Person.objects.filter(dataset=realdata.DATASET, events__isnull=False)
        .distinct()
        .order_by("id")
        .first()
    )


def test_bundled_person_edited_by_a_submission_is_kept(bob):
    person = bundled_person()
    other = Person.objects.filter(dataset=realdata.DATASET).exclude(pk=person.pk).order_by("id").first()
    with recording(user=bob, submission_id=1):
        person.residence = "Kaunas (test)"
        person.save()
        PersonName.objects.create(person=person, part=NamePart.SURNAME, value="Testaitis", language="lt")
        event = person.events.order_by("id").first()
        event.term = "10 years (test)"
        event.save()
    before = children(person)
    # An unrecorded change of another person (no history row): the import puts the file's value back.
    Person.objects.filter(pk=other.pk).update(occupation="changed outside the register")

    out = StringIO()
    call_command("load_register_data", "--no-progress", stdout=out)

    person.refresh_from_db()
    assert person.residence == "Kaunas (test)"
    assert children(person) == before
    assert Person.objects.get(pk=other.pk).occupation != "changed outside the register"
    text = out.getvalue()
    assert "kept 1" in text
    assert "bundled persons: kept 1 record edited in the register since the last import: " in text
    assert person.source_record_id in text

    # A second load changes nothing and still keeps the person.
    summary = load_register_data(FIXTURES)
    assert kept_keys(summary) == {realdata.RECORD: [person.source_record_id]}
    assert not summary.changed()


def test_bundled_place_and_operation_edited_in_the_register_are_kept(bob):
    place = Place.objects.filter(dataset=CAMPS, names__isnull=False).distinct().order_by("id").first()
    operation = Operation.objects.filter(names__isnull=False).distinct().order_by("id").first()
    with recording(user=bob, submission_id=2):
        place.primary_name = "Edited camp name"
        place.save()
        PlaceName.objects.create(place=place, name="Added by a relative", language="lt")
        operation.name_en = "Edited operation name"
        operation.save()
        OperationName.objects.filter(operation=operation).order_by("id").first().delete()
    place_names = sorted(place.names.values_list("id", "name"))
    locations = sorted(place.locations.values_list("id", "description"))
    operation_names = sorted(operation.names.values_list("id", "name"))

    summary = load_register_data(FIXTURES)

    place.refresh_from_db()
    operation.refresh_from_db()
    assert place.primary_name == "Edited camp name"
    assert sorted(place.names.values_list("id", "name")) == place_names
    assert sorted(place.locations.values_list("id", "description")) == locations
    assert operation.name_en == "Edited operation name"
    assert sorted(operation.names.values_list("id", "name")) == operation_names
    kept = kept_keys(summary)
    assert kept["camp administrations"] == [place.source_record_id]
    assert kept["operations"] == [operation.slug]
    assert not summary.changed()


def test_child_row_edit_alone_marks_the_record_edited(bob):
    place = Place.objects.filter(dataset=CAMPS, locations__isnull=False).distinct().order_by("id").first()
    assert edited_in_register(Place, [place.pk]) == set()
    with recording(user=bob):
        location = place.locations.order_by("id").first()
        location.description = "corrected by a moderator"
        location.save()
    assert edited_in_register(Place, [place.pk]) == {place.pk}


def test_import_people_keeps_edited_persons_unless_overwrite_edits(tmp_path, bob):
    first = write_people(
        tmp_path / "first.csv",
        [
            {"record_id": "r1", "surname": "Kalniņš", "given_name": "Jānis", "residence": "Rīga",
             "arrest_date": "1941-06-14"},
            {"record_id": "r2", "surname": "Ozols", "given_name": "Pēteris", "residence": "Cēsis"},
        ],
    )  # fmt: skip
    second = write_people(
        tmp_path / "second.csv",
        [
            {"record_id": "r1", "surname": "Kalnins", "given_name": "Janis", "residence": "",
             "arrest_date": "1941-06-15"},
            {"record_id": "r2", "surname": "Ozols", "given_name": "Peteris", "residence": ""},
        ],
    )  # fmt: skip
    import_list(first)
    r1 = Person.objects.get(dataset="audit-test", source_record_id="r1")
    with recording(user=bob, submission_id=3):
        r1.residence = "Kaunas"
        r1.save()
        PersonName.objects.create(person=r1, part=NamePart.SURNAME, value="Kalninis", language="lt")
    before = children(r1)

    out = StringIO()
    call_command(
        "import_people", str(second), "--dataset", "audit-test", "--workers", "1", "--no-progress", stdout=out
    )
    r1.refresh_from_db()
    assert (r1.surname, r1.residence) == ("Kalniņš", "Kaunas")
    assert children(r1) == before
    r2 = Person.objects.get(dataset="audit-test", source_record_id="r2")
    assert (r2.given_name, r2.residence) == ("Peteris", "")
    assert "kept 1 record edited in the register since the last import: r1" in out.getvalue()
    run = ImportRun.objects.latest("id")
    assert run.counts["updated"] == 1
    assert run.counts["kept (edited in the register)"] == "r1"

    out = StringIO()
    call_command(
        "import_people", str(second), "--dataset", "audit-test", "--workers", "1", "--no-progress",
        "--overwrite-edits", stdout=out,
    )  # fmt: skip
    r1.refresh_from_db()
    assert (r1.surname, r1.residence) == ("Kalnins", "")
    assert "Kalninis" not in r1.names.values_list("value", flat=True)
    assert r1.events.get(kind="arrest").period_edtf == "1941-06-15"
    assert "kept" not in out.getvalue()
    run = ImportRun.objects.latest("id")
    assert run.counts["overwrite_edits"] is True
    assert run.counts["updated"] == 2
    # Written by the import again: the next import may update it.
    assert edited_in_register(Person, [r1.pk]) == set()


def test_an_edit_put_back_by_rolling_back_an_overwrite_stays_an_edit(tmp_path, bob):
    """An accepted edit, overwritten by an --overwrite-edits run that is then rolled back, is kept by the
    next plain re-import (the rolled-back run and its rollback do not count; found by the breaker)."""
    from register.audit.services import rollback_import

    rows = [{"record_id": "b2", "surname": "Ozols", "given_name": "Pēteris", "death_date": "1945"}]
    path = write_people(tmp_path / "people.csv", rows)
    import_list(path)
    person = Person.objects.get(dataset="audit-test", source_record_id="b2")
    with recording(user=bob, submission_id=7):
        person.death_edtf = "1946"
        person.save()
    import_people_args = [str(path), "--dataset", "audit-test", "--workers", "1", "--no-progress"]
    call_command("import_people", *import_people_args, "--overwrite-edits", stdout=StringIO())
    person.refresh_from_db()
    assert person.death_edtf == "1945"
    rollback_import(run=ImportRun.objects.latest("id"), user=bob)
    person.refresh_from_db()
    assert person.death_edtf == "1946"
    assert edited_in_register(Person, [person.pk]) == {person.pk}

    out = StringIO()
    call_command("import_people", *import_people_args, stdout=out)
    person.refresh_from_db()
    assert person.death_edtf == "1946"
    assert "kept 1 record edited in the register since the last import: b2" in out.getvalue()


def test_a_starting_version_from_populate_history_is_not_an_edit(bob):
    """`manage.py populate_history --auto` (data loaded before the history existed) writes '+' rows
    without user, submission or run: the next import may still update those records."""
    person = bundled_person()
    Person.history.bulk_history_create([person])
    PersonName.history.bulk_history_create(list(person.names.all()))
    assert person.history.order_by("-history_id").first().import_run is None
    assert edited_in_register(Person, [person.pk]) == set()
    with recording(user=bob):
        person.occupation = "edited after the starting version"
        person.save()
    assert edited_in_register(Person, [person.pk]) == {person.pk}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "2 seit dem letzten Import im Register bearbeitete Datensätze beibehalten: a, b"),
        ("lt", "palikti 2 registre po paskutinio importo redaguoti įrašai: a, b"),
    ],
)
def test_the_kept_report_is_translated(language, expected):
    from django.utils import translation

    from register.audit.edits import kept_line

    with translation.override(language):
        assert kept_line(["a", "b"]) == expected
