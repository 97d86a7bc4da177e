"""Import the bundled descriptions of the operations (fixtures/operations/descriptions.csv).

Columns: `slug` (an operation of operations.csv), `language` (a code of settings.LANGUAGES), `text`,
`source` (a key of sources.csv). The English row of an operation is its original text
(Operation.description, description_language "en"); the other rows are its translations
(texts.TextTranslation). Every problem is reported with file, row and column before anything is written;
a re-run changes nothing; operations edited in the register since the last import are kept as they are
(register/audit/edits.py, as write_operations does).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError

from register.audit.edits import edited_in_register
from register.contributions.text import clean_text
from register.core.importing import Problem, Summary, read_csv
from register.operations.models import Operation
from register.texts.languages import ORIGINAL_DEFAULT, language_codes
from register.texts.models import MAX_TEXT_LENGTH, TextTranslation

COLUMNS = ["slug", "language", "text", "source"]
FIELD = "description"
CITATION_LOCATOR = "description"


def read_operation_descriptions(
    path: Path, operations: list[dict], source_keys: set[str], problems: list[Problem]
) -> dict[str, dict[str, dict]]:
    """Validated rows of descriptions.csv as {slug: {language: {"text", "source"}}}.

    `operations` are the rows of operations.csv (read_operations), `source_keys` the keys of sources.csv
    (empty when sources.csv itself had problems: then sources are not checked). Appends a Problem for an
    unknown operation, language or source, an empty, too long or unclean text, a language given twice
    for one operation and an operation with translations but no English original.
    """
    slugs = {row["slug"] for row in operations}
    out: dict[str, dict[str, dict]] = {}
    first_row: dict[str, int] = {}
    for number, row in enumerate(read_csv(path, COLUMNS, problems), start=1):
        errors = list(_row_errors(row, slugs, source_keys))
        key = (row["slug"], row["language"])
        if row["language"] in out.get(row["slug"], {}):
            errors.append(("language", f"“{row['language']}” appears twice for “{row['slug']}”"))
        for column, message in errors:
            problems.append(Problem(path.name, number, column, message))
        if not errors:
            out.setdefault(key[0], {})[key[1]] = {"text": row["text"], "source": row["source"]}
            first_row.setdefault(key[0], number)
    for slug, texts in out.items():
        if ORIGINAL_DEFAULT not in texts:
            message = f"“{slug}” has translations but no English original (language “{ORIGINAL_DEFAULT}”)"
            problems.append(Problem(path.name, first_row[slug], "language", message))
    return out


def _row_errors(row: dict, slugs: set[str], source_keys: set[str]):
    if row["slug"] not in slugs:
        yield "slug", f"“{row['slug']}” is not an operation of operations.csv"
    if row["language"] not in language_codes():
        yield "language", f"“{row['language']}” is not one of the register's languages"
    try:
        text = clean_text(row["text"], max_length=MAX_TEXT_LENGTH)
    except ValidationError as exc:
        yield "text", " ".join(str(message) for message in exc.messages)
    else:
        if not text:
            yield "text", "is empty"
    if source_keys and row["source"] and row["source"] not in source_keys:
        yield "source", f"“{row['source']}” is not a key of sources.csv"


def write_operation_descriptions(
    descriptions: dict[str, dict[str, dict]], sources: dict, summary: Summary
) -> None:
    """Give each operation of `descriptions` its English description and exactly the translations of the
    file (others are deleted), citing the source of the original; unchanged rows are not saved (no
    history row). Call after write_operations, in the same import run."""
    operations = Operation.objects.filter(slug__in=list(descriptions)).prefetch_related("translations")
    edited = edited_in_register(Operation, [operation.pk for operation in operations])
    for operation in operations:
        if operation.pk in edited:
            continue  # kept as the register has it; write_operations counted it "kept"
        texts = descriptions[operation.slug]
        original = texts[ORIGINAL_DEFAULT]
        _write_original(operation, original["text"], summary)
        if original["source"]:
            operation.citations.get_or_create(source=sources[original["source"]], locator=CITATION_LOCATOR)
        wanted = {language: item for language, item in texts.items() if language != ORIGINAL_DEFAULT}
        _write_translations(operation, wanted, sources, summary)


def _write_original(operation: Operation, text: str, summary: Summary) -> None:
    if (operation.description, operation.description_language) == (text, ORIGINAL_DEFAULT):
        summary.add("operation descriptions", "unchanged")
        return
    outcome = "updated" if operation.description else "created"
    operation.description, operation.description_language = text, ORIGINAL_DEFAULT
    operation.save()
    summary.add("operation descriptions", outcome)


def _write_translations(
    operation: Operation, wanted: dict[str, dict], sources: dict, summary: Summary
) -> None:
    stored = {row.language: row for row in operation.translations.all() if row.field == FIELD}
    for language, row in stored.items():
        if language not in wanted:
            row.delete()
            summary.add("translations", "deleted")
    for language, item in wanted.items():
        source = sources.get(item["source"]) if item["source"] else None
        row = stored.get(language)
        if row is None:
            TextTranslation.objects.create(
                operation=operation, field=FIELD, language=language, text=item["text"], source=source
            )
            summary.add("translations", "created")
        elif (row.text, row.source_id) != (item["text"], source.pk if source else None):
            row.text, row.source = item["text"], source
            row.save()
            summary.add("translations", "updated")
        else:
            summary.add("translations", "unchanged")
