"""Given names that are the same name in another language: Jonas = Jānis = Juhan = Jan = Ion = Иван.

The equivalences are a curated table, fixtures/name-matching/given-name-equivalents.csv: one row per
group, a `group` key, one column per language (lt, lv, et, pl, ro, de, uk, ru, yi) holding the forms of
the name in that language separated by " | " (Latin letters, Cyrillic for uk and ru, YIVO romanization
for Yiddish), and the `source` of the group. Moderators extend it; `read_given_name_table` checks it.

A name is looked up by its exact key and by its Latin skeletons (`register.names.keys`), so "Ivan",
"Іван" and "Iwan" all find the group of "Иван". `patronymic_to_given` (from `register.names.patronymics`)
turns a patronymic into its father's given name, which can then be looked up here.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from register.core.importing import ImportFailed, Problem, read_csv
from register.names.keys import exact_key, latin_skeletons
from register.names.patronymics import patronymic_to_given

__all__ = [
    "GivenNameGroup",
    "GivenNameIndex",
    "are_equivalent",
    "default_index",
    "equivalent_given_names",
    "patronymic_to_given",
    "read_given_name_table",
    "table_path",
]

LANGUAGE_COLUMNS = ("lt", "lv", "et", "pl", "ro", "de", "uk", "ru", "yi")
COLUMNS = ("group", *LANGUAGE_COLUMNS, "source")
CYRILLIC_COLUMNS = frozenset({"uk", "ru"})
TABLE = Path("name-matching") / "given-name-equivalents.csv"
MAX_NAME_LENGTH = 60

_GROUP_KEY_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f]")


@dataclass(frozen=True)
class GivenNameGroup:
    """One group of equivalent given names: `key`, the forms per language, and the `source` of it."""

    key: str
    forms: tuple[tuple[str, tuple[str, ...]], ...]  # (language, (form, ...)) for each filled column
    source: str

    def names(self) -> list[str]:
        """Every form of the group, in column order, without repeats."""
        return list(dict.fromkeys(name for _, names in self.forms for name in names))


def table_path() -> Path:
    """Where the bundled table lives: fixtures/name-matching/given-name-equivalents.csv."""
    return Path(settings.BASE_DIR) / "fixtures" / TABLE


def read_given_name_table(path: Path) -> list[GivenNameGroup]:
    """Read and check the table at `path`; return its groups in file order.

    Raises ImportFailed listing every problem (file, 1-based row, field): a missing or unknown column, an
    empty or repeated group key, an empty source, an empty form (" | | "), a form without letters, with
    digits or longer than MAX_NAME_LENGTH, Cyrillic outside uk/ru or Latin inside them, fewer than two
    forms in a group, or a form whose exact key or Latin skeleton is already in another group.
    """
    problems: list[Problem] = []
    rows = read_csv(path, list(COLUMNS), problems)
    extra = sorted(set(rows[0]) - set(COLUMNS)) if rows else []
    if extra:
        problems.append(Problem(path.name, 0, ", ".join(extra), "unknown column"))
    groups, seen_groups, seen_keys = [], {}, {}
    for number, row in enumerate(rows, start=1):
        group, errors = _read_group(row)
        problems.extend(Problem(path.name, number, field, message) for field, message in errors)
        if group.key in seen_groups:
            message = f"group “{group.key}” appears twice (also row {seen_groups[group.key]})"
            problems.append(Problem(path.name, number, "group", message))
        seen_groups.setdefault(group.key, number)
        for language, name, other in _clashes(group, seen_keys):
            message = f"“{name}” is also a name of group “{other}”"
            problems.append(Problem(path.name, number, language, message))
        groups.append(group)
    if problems:
        raise ImportFailed(problems)
    return groups


def _read_group(row: dict[str, str]) -> tuple[GivenNameGroup, list[tuple[str, str]]]:
    key, source, forms, errors = row["group"], row["source"], [], []
    if not _GROUP_KEY_RE.fullmatch(key):
        errors.append(("group", f"“{key}” is not a group key (lowercase letters, digits and “-”)"))
    if not source:
        errors.append(("source", "the source of the group is required"))
    for language in LANGUAGE_COLUMNS:
        cell = row[language]
        names = tuple(name.strip() for name in cell.split("|")) if cell else ()
        for name in names:
            if error := _name_error(name, language):
                errors.append((language, error))
        if names:
            forms.append((language, names))
    group = GivenNameGroup(key, tuple(forms), source)
    if len(group.names()) < 2:
        errors.append(("group", "a group needs at least two different names"))
    return group, errors


def _name_error(name: str, language: str) -> str:
    if not name:
        return "empty name between “|” separators"
    if len(name) > MAX_NAME_LENGTH:
        return f"“{name}” is longer than {MAX_NAME_LENGTH} characters"
    if any(char.isdigit() for char in name) or not any(char.isalpha() for char in name):
        return f"“{name}” is not a name (letters only)"
    if language in CYRILLIC_COLUMNS and _LATIN_RE.search(name):
        return f"“{name}” has Latin letters; the {language} column is for Cyrillic"
    if language not in CYRILLIC_COLUMNS and _CYRILLIC_RE.search(name):
        return f"“{name}” has Cyrillic letters; the {language} column is for Latin letters"
    return ""


def _lookup_keys(name: str) -> set[str]:
    return {f"exact:{exact_key(name)}"} | {f"skeleton:{key}" for key in latin_skeletons(name)}


def _clashes(group: GivenNameGroup, seen: dict[str, str]):
    """Yield (language, name, other group) for forms that another group already has; record the rest."""
    for language, names in group.forms:
        for name in names:
            for key in _lookup_keys(name):
                other = seen.setdefault(key, group.key)
                if other != group.key:
                    yield language, name, other
                    break


class GivenNameIndex:
    """The groups of a table, found by any form's exact key or Latin skeleton."""

    def __init__(self, groups: list[GivenNameGroup]):
        self.groups = groups
        self._by_key: dict[str, set[int]] = {}
        for position, group in enumerate(groups):
            for name in group.names():
                for key in _lookup_keys(name):
                    self._by_key.setdefault(key, set()).add(position)

    def groups_of(self, name: str) -> list[GivenNameGroup]:
        """The groups that have `name` (compared by exact key and Latin skeletons), in table order."""
        positions = set().union(*(self._by_key.get(key, set()) for key in _lookup_keys(name)))
        return [self.groups[position] for position in sorted(positions)]


@lru_cache(maxsize=1)
def default_index() -> GivenNameIndex:
    """The index of the bundled table (read once per process). Raises ImportFailed if it is broken."""
    return GivenNameIndex(read_given_name_table(table_path()))


def equivalent_given_names(name: str, index: GivenNameIndex | None = None) -> set[str]:
    """Every form of every group that has `name`, as written in the table ("Иван" -> {"Jonas", "Jānis",
    "Jan", "Ion", "Johann", "Іван", "Иван", ...}); empty for a name the table does not know.

    index: the table to use (default: the bundled one, `default_index`).
    """
    index = index or default_index()
    return {form for group in index.groups_of(name) for form in group.names()}


def are_equivalent(one: str, other: str, index: GivenNameIndex | None = None) -> bool:
    """Whether two given names are in one group of the table ("Ion", "Иван" -> True)."""
    index = index or default_index()
    keys = {group.key for group in index.groups_of(one)}
    return any(group.key in keys for group in index.groups_of(other))
