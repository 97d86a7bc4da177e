"""Import runs: every importer records one, and a run can be rolled back (created records deleted,
changed ones put back with their names and events), but not over a later change, nor twice."""

import csv
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from register.audit.context import recording
from register.audit.models import ImportKind, ImportRun, ImportRunStatus
from register.audit.services import RollbackRefused, rollback_import
from register.core.management.commands.load_register_data import load_register_data
from register.people.models import Person, PersonName
from register.places.importers.bundled import DATASET as CAMPS
from register.places.importers.userfile import ImportOptions, import_places_file
from register.places.models import Place, PlaceName

from .conftest import import_list, write_people

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"
PLACES_CSV = Path(settings.BASE_DIR) / "tests" / "places" / "data" / "places-wkt.csv"


def snapshot(person):
    names = sorted(person.names.values_list("part", "value", "language", "kind", "is_primary"))
    events = sorted(person.events.values_list("kind", "period_edtf", "article", "authority", "term"))
    fields = Person.objects.filter(pk=person.pk).values("surname", "given_name", "birth_edtf", "occupation")
    return fields.get(), names, events


@pytest.fixture
def people_runs(tmp_path, bob):
    """Two imports of one data set: the first creates r1 and r2, the second changes r1 and adds r3."""
    first = write_people(
        tmp_path / "first.csv",
        [
            {"record_id": "r1", "surname": "Kalniņš", "given_name": "Jānis", "birth": "1901",
             "arrest_date": "1941-06-14", "occupation": "farmer", "surname_ru": "Калниньш"},
            {"record_id": "r2", "surname": "Ozols", "given_name": "Pēteris", "birth": "1899"},
        ],
    )  # fmt: skip
    second = write_people(
        tmp_path / "second.csv",
        [
            {"record_id": "r1", "surname": "Kalnins", "given_name": "Janis", "birth": "1902",
             "death_date": "1942", "occupation": "teacher"},
            {"record_id": "r3", "surname": "Bērziņa", "given_name": "Anna"},
        ],
    )  # fmt: skip
    import_list(first, user=bob)
    run1 = ImportRun.objects.latest("id")
    r1 = Person.objects.get(dataset="audit-test", source_record_id="r1")
    before = snapshot(r1)
    import_list(second, user=bob)
    run2 = ImportRun.objects.latest("id")
    return run1, run2, r1, before


def test_a_people_import_is_a_run_with_file_hash_counts_and_history(people_runs, bob):
    run1, run2, r1, _before = people_runs
    assert (run2.kind, run2.dataset, run2.file_name) == ("people", "audit-test", "second.csv")
    assert run2.status == "done"
    assert len(run2.sha256) == 64 and run2.user == bob
    assert (run2.counts["created"], run2.counts["updated"]) == (1, 1)
    rows = Person.history.filter(import_run=run2)
    assert sorted(rows.values_list("source_record_id", "history_type")) == [("r1", "~"), ("r3", "+")]
    assert {row.history_user for row in rows} == {bob}
    assert rows.first().history_change_reason == f"import run {run2.pk} (second.csv)"
    # the names of r1 the second run replaced: '-' for the old ones, '+' for the new ones
    name_rows = PersonName.history.filter(import_run=run2, person_id=r1.pk)
    removed = {row.value for row in name_rows if row.history_type == "-"}
    added = {row.value for row in name_rows if row.history_type == "+"}
    assert "Kalniņš" in removed and "Калниньш" in removed
    assert added == {"Kalnins", "Janis"}
    assert Person.objects.get(pk=r1.pk).version == 2


def test_rollback_of_a_people_import_deletes_created_and_restores_updated(people_runs, bob):
    run1, run2, r1, before = people_runs
    r1.refresh_from_db()
    assert snapshot(r1) != before
    counts = rollback_import(run=run2, user=bob)
    assert counts["deleted"] >= 1 and counts["created"] >= 1
    assert not Person.objects.filter(dataset="audit-test", source_record_id="r3").exists()
    r1.refresh_from_db()
    assert snapshot(r1) == before  # fields, names and events as after the first run
    assert r1.birth_start.year == 1901  # derived bounds too
    run2.refresh_from_db()
    assert (run2.status, run2.rolled_back_by) == (ImportRunStatus.ROLLED_BACK, bob)
    assert run2.rolled_back_at is not None
    row = r1.history.first()
    assert (row.history_change_reason, row.history_user) == (f"rollback of import run {run2.pk}", bob)
    with pytest.raises(RollbackRefused, match="already rolled back"):
        rollback_import(run=run2, user=bob)
    # the first run can now be rolled back too: nothing of the data set is left
    rollback_import(run=run1, user=bob)
    assert not Person.objects.filter(dataset="audit-test").exists()


def test_rollback_is_refused_after_a_later_change_and_changes_nothing(people_runs, bob, carol):
    _run1, run2, r1, _before = people_runs
    with recording(user=carol, reason="a moderator's correction"):
        r1.refresh_from_db()
        r1.occupation = "engineer"
        r1.save()
    with pytest.raises(RollbackRefused) as refused:
        rollback_import(run=run2, user=bob)
    message = str(refused.value)
    assert r1.public_id in message and "carol" in message
    assert Person.objects.filter(dataset="audit-test", source_record_id="r3").exists()
    run2.refresh_from_db()
    assert run2.status == ImportRunStatus.DONE


def test_a_name_added_later_to_an_imported_person_blocks_the_rollback(people_runs, bob, carol):
    _run1, run2, r1, _before = people_runs
    r3 = Person.objects.get(dataset="audit-test", source_record_id="r3")
    with recording(user=carol):
        PersonName.objects.create(person=r3, part="surname", value="Berzina", kind="variant")
    with pytest.raises(RollbackRefused, match=r3.public_id):
        rollback_import(run=run2, user=bob)


def test_only_moderators_roll_back(people_runs, alice):
    with pytest.raises(PermissionDenied):
        rollback_import(run=people_runs[1], user=alice)


def test_rollback_command(people_runs):
    _run1, run2, _r1, _before = people_runs
    call_command("rollback_import", str(run2.pk), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Person.objects.filter(dataset="audit-test", source_record_id="r3").exists()
    with pytest.raises(CommandError, match="already rolled back"):
        call_command("rollback_import", str(run2.pk))
    with pytest.raises(CommandError, match="no import run"):
        call_command("rollback_import", "999999")


def test_a_failed_import_is_a_failed_run(tmp_path):
    bad = write_people(tmp_path / "bad.csv", [{"record_id": "x1", "surname": "", "birth": "not a date"}])
    from register.core.importing import ImportFailed

    with pytest.raises(ImportFailed):
        import_list(bad)
    run = ImportRun.objects.latest("id")
    assert (run.status, run.file_name) == (ImportRunStatus.FAILED, "bad.csv")
    assert "surname" in run.message
    with pytest.raises(RollbackRefused, match="only a finished run"):
        rollback_import(run=run, user=None, command_line=True)


def test_bundled_places_step_is_a_run_and_rolls_back(tmp_path, bob):
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target)
    path = target / "gulag-camps" / "camps.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["name_en"] = "Vishera corrective labour camp"
    rows[0]["alt_names_ru"] = "Вишлаг"  # one alternative name dropped
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    place = Place.objects.get(dataset=CAMPS, source_record_id=rows[0]["source_id"])
    names_before = sorted(place.names.values_list("name", "language", "kind"))
    runs_before = ImportRun.objects.count()
    load_register_data(target, user=bob)
    new_runs = list(ImportRun.objects.order_by("id").values_list("kind", "counts"))[runs_before:]
    assert len(new_runs) == 1, new_runs  # only the step that changed something is kept
    run = ImportRun.objects.latest("id")
    assert (run.kind, run.user, run.status) == (ImportKind.PLACES, bob, "done")
    assert run.counts["camp administrations"]["updated"] == 1
    place.refresh_from_db()
    assert place.primary_name_en == "Vishera corrective labour camp"
    assert ("Вишерлаг", "ru", "alternative") not in place.names.values_list("name", "language", "kind")
    rollback_import(run=run, user=bob)
    place.refresh_from_db()
    assert place.primary_name_en == "Vishersky ITL"
    assert sorted(place.names.values_list("name", "language", "kind")) == names_before
    assert PlaceName.history.filter(place_id=place.pk).first().history_change_reason == (
        f"rollback of import run {run.pk}"
    )


def test_a_rerun_of_the_bundled_data_leaves_no_run():
    before = ImportRun.objects.count()
    load_register_data(FIXTURES)
    assert ImportRun.objects.count() == before


def test_places_user_file_import_is_a_run_and_rolls_back(bob):
    report = import_places_file(PLACES_CSV, ImportOptions(dataset="audit-places"), user=bob)
    assert report.written and report.created == 3
    run = ImportRun.objects.latest("id")
    assert (run.kind, run.dataset, run.counts["created"]) == ("places", "user:audit-places", 3)
    assert Place.objects.filter(dataset="user:audit-places").count() == 3
    rollback_import(run=run, user=bob)
    assert not Place.objects.filter(dataset="user:audit-places").exists()


def test_the_rollback_of_a_person_run_is_itself_in_history(people_runs, bob):
    _run1, run2, r1, _before = people_runs
    rollback_import(run=run2, user=bob)
    reason = f"rollback of import run {run2.pk}"
    names = PersonName.history.filter(person_id=r1.pk, history_change_reason=reason)
    assert {row.history_type for row in names} == {"+", "-"}
    assert {row.value for row in names if row.history_type == "-"} == {"Kalnins", "Janis"}
    assert "Kalniņš" in {row.value for row in names if row.history_type == "+"}
    assert {row.history_user for row in names} == {bob}
    persons = Person.history.filter(history_change_reason=reason)
    assert sorted(persons.values_list("source_record_id", "history_type")) == [("r1", "~"), ("r3", "-")]
    r1.refresh_from_db()
    assert r1.version == 3  # created 1, updated by the second run 2, put back 3


def test_a_run_whose_process_died_is_marked_failed(client, bob):
    from django.urls import reverse

    from register.audit.imports import _backend_pid, close_interrupted

    dead = ImportRun.objects.create(kind=ImportKind.PEOPLE, backend_pid=2**31 - 7)
    alive = ImportRun.objects.create(kind=ImportKind.PEOPLE, backend_pid=_backend_pid())
    client.force_login(bob)
    assert "interrupted" in client.get(reverse("audit:imports")).content.decode()
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, alive.status) == (ImportRunStatus.FAILED, ImportRunStatus.RUNNING)
    assert close_interrupted() == 0
