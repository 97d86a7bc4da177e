"""The bundled descriptions of the operations (fixtures/operations/descriptions.csv): loaded with their
translations, a re-run changes nothing, a bad row is reported with file, row and column and changes
nothing, an operation edited in the register is kept."""

import csv
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from register.audit.context import recording
from register.core.importing import ImportFailed
from register.core.management.commands.load_register_data import load_register_data
from register.operations.models import Operation
from register.texts.models import TextTranslation

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DESCRIPTIONS = FIXTURES / "operations" / "descriptions.csv"


def file_rows():
    with DESCRIPTIONS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot():
    return (
        list(Operation.objects.order_by("slug").values_list("slug", "description", "description_language")),
        list(TextTranslation.objects.order_by("id").values_list("id", "operation_id", "language", "text")),
    )


@pytest.fixture
def fixtures_copy(tmp_path):
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target)
    return target


def write_rows(folder: Path, rows: list[dict]) -> None:
    with (folder / "operations" / "descriptions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["slug", "language", "text", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_every_operation_has_an_english_description_and_the_files_translations(real_data):
    rows = file_rows()
    assert {row["slug"] for row in rows} == set(Operation.objects.values_list("slug", flat=True))
    for row in rows:
        operation = Operation.objects.get(slug=row["slug"])
        if row["language"] == "en":
            assert (operation.description, operation.description_language) == (row["text"], "en")
        else:
            assert operation.translations.get(language=row["language"]).text == row["text"]
    assert TextTranslation.objects.filter(operation__isnull=False).count() == len(rows) - 15
    vesna = Operation.objects.get(slug="vesna-1948")
    assert vesna.citations.filter(
        source__key="register-operation-descriptions", locator="description"
    ).exists()


def test_translations_are_in_the_languages_of_the_countries_of_origin(real_data):
    languages = {"LT": "lt", "LV": "lv", "EE": "et", "PL": "pl", "RO": "ro", "MD": "ro", "UA": "uk"}
    for operation in Operation.objects.prefetch_related("translations"):
        have = {row.language for row in operation.translations.all()}
        wanted = {languages[code] for code in operation.origin_countries if code in languages}
        assert wanted <= have, (operation.slug, wanted - have)


def test_a_rerun_changes_nothing(real_data):
    before = snapshot()
    summary = load_register_data(FIXTURES)
    assert summary.counts[("operation descriptions", "unchanged")] == 15
    assert summary.counts[("translations", "unchanged")] == len(file_rows()) - 15
    assert not summary.changed()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda row: row.update(language="xx"), "language"),
        (lambda row: row.update(slug="no-such-operation"), "slug"),
        (lambda row: row.update(text=""), "text"),
        (lambda row: row.update(text="Tekstas\x07su varpeliu."), "text"),
        (lambda row: row.update(source="no-such-source"), "source"),
        (lambda row: row.update(language="ru"), "language"),  # koreans-1937 has a Russian row already
    ],
)
def test_a_bad_row_is_reported_and_nothing_changes(real_data, fixtures_copy, edit, field):
    rows = file_rows()
    bad = {**rows[0], "language": "de"}  # a German translation of koreans-1937, made bad by `edit`
    edit(bad)
    write_rows(fixtures_copy, [*rows, bad])
    before = snapshot()
    with pytest.raises(ImportFailed) as caught:
        load_register_data(fixtures_copy)
    where = [(problem.file, problem.row, problem.field) for problem in caught.value.problems]
    assert ("descriptions.csv", len(rows) + 1, field) in where
    assert snapshot() == before


def test_translations_without_an_english_original_are_refused(real_data, fixtures_copy):
    rows = [row for row in file_rows() if not (row["slug"] == "osen-1951" and row["language"] == "en")]
    write_rows(fixtures_copy, rows)
    with pytest.raises(ImportFailed) as caught:
        load_register_data(fixtures_copy)
    [problem] = caught.value.problems
    assert (problem.file, problem.field) == ("descriptions.csv", "language")
    assert "osen-1951" in problem.message and "no English original" in problem.message


def test_a_changed_file_updates_and_removes_with_history(real_data, fixtures_copy):
    rows = file_rows()
    for row in rows:
        if (row["slug"], row["language"]) == ("vesna-1948", "en"):
            row["text"] = "Operation Vesna, May 1948."
    rows = [row for row in rows if (row["slug"], row["language"]) != ("osen-1951", "lt")]
    write_rows(fixtures_copy, rows)
    summary = load_register_data(fixtures_copy)
    assert summary.counts[("operation descriptions", "updated")] == 1
    assert summary.counts[("translations", "deleted")] == 1
    vesna = Operation.objects.get(slug="vesna-1948")
    assert vesna.description == "Operation Vesna, May 1948."
    assert vesna.history.first().import_run is not None
    assert not Operation.objects.get(slug="osen-1951").translations.exists()


def test_an_operation_edited_in_the_register_is_kept(real_data, fixtures_copy, bob):
    vesna = Operation.objects.get(slug="vesna-1948")
    with recording(user=bob, reason="a moderator's better translation"):
        row = vesna.translations.get(language="lt")
        row.text = "Moderatoriaus pataisytas vertimas."
        row.save()
    rows = file_rows()
    for item in rows:
        if item["slug"] == "vesna-1948":
            item["text"] += " (changed in the file)"
    write_rows(fixtures_copy, rows)
    load_register_data(fixtures_copy)
    vesna.refresh_from_db()
    assert vesna.translations.get(language="lt").text == "Moderatoriaus pataisytas vertimas."
    assert not vesna.description.endswith("(changed in the file)")
