"""Writes to sources: loading the bundled source list."""

from pathlib import Path

from register.core.importing import Problem, Summary, read_csv, upsert
from register.sources.models import Source, SourceKind

SOURCE_FIELDS = ["kind", "title", "reference", "authors", "year", "publisher", "url", "licence", "note"]


def sources_load(*, path: Path, summary: Summary, problems: list[Problem]) -> dict[str, Source]:
    """Create or update the sources listed in `path` (fixtures/sources.csv), keyed by `key`.

    Returns {key: Source}. Problems (unknown kind, missing title) are appended to `problems`;
    when there are any, nothing is written and {} is returned.
    """
    rows = read_csv(path, ["key", *SOURCE_FIELDS], problems)
    before = len(problems)
    for number, row in enumerate(rows, start=1):
        if row["kind"] not in SourceKind.values:
            problems.append(Problem(path.name, number, "kind", f"unknown source kind “{row['kind']}”"))
        if not row["title"]:
            problems.append(Problem(path.name, number, "title", "is empty"))
    if len(problems) > before:
        return {}
    return {
        row["key"]: upsert(
            Source, {"key": row["key"]}, {f: row[f] for f in SOURCE_FIELDS}, summary, "sources"
        )
        for row in rows
    }
