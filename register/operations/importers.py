"""Import the bundled deportation and repression operations (fixtures/operations/).

operations.csv gives dates (ISO 8601, month precision where the day is not established), origin
countries (ISO 3166-1 alpha-2, `; `-separated), an official count and other figures as text.
destinations.csv holds region-level points for the destination areas and operation-destinations.csv
links them. Figures are stored one per source, never merged into one "truth".
"""

import re
from pathlib import Path

import pycountry
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

from register.audit.edits import edited_in_register, note_kept
from register.core.edtf import edtf_bounds
from register.core.ids import stable_public_id
from register.core.importing import MAX_INTEGER, Problem, Summary, read_csv, too_long, upsert
from register.core.models import Script, guess_script
from register.operations.models import (
    Operation,
    OperationDestination,
    OperationFigure,
    OperationKind,
    OperationName,
)
from register.places.models import Location, NameKind, Place, PlaceKind, PlaceName, Precision

DESTINATIONS_DATASET = "register-destinations"
OPERATION_COLUMNS = [
    "slug",
    "kind",
    "name_en",
    "name_ru",
    "start",
    "end",
    "origin_iso",
    "origin_territories_en",
    "people_official",
    "people_note",
    "main_destinations_en",
    "source_note",
]
DESTINATION_COLUMNS = ["key", "name_en", "name_ru", "kind", "lon", "lat", "precision", "country"]
RESOLUTION, LITERATURE = "eu-informal-resolution-2021", "general-literature"
# columns of operations.csv and destinations.csv -> the model field they are stored in
OPERATION_TEXT = [
    ("slug", Operation, "slug"),
    ("name_en", Operation, "name_en"),
    ("name_ru", OperationName, "name"),
    ("origin_territories_en", Operation, "origin_territories"),
    ("main_destinations_en", Operation, "destinations_note"),
    ("people_note", OperationFigure, "text"),
]
DESTINATION_TEXT = [
    ("key", Place, "source_record_id"),
    ("name_en", Place, "primary_name"),
    ("name_ru", PlaceName, "name"),
]


def operation_period(start: str, end: str) -> str:
    """EDTF of an operation's dates: ("1949-03-25", "1949-03-28") -> "1949-03-25/1949-03-28"."""
    return start if not end or end == start else f"{start}/{end}"


def read_operations(path: Path, problems: list[Problem]) -> list[dict]:
    """Validated rows of operations.csv (problems for bad kinds, dates, countries and counts)."""
    rows = read_csv(path, OPERATION_COLUMNS, problems)
    first_row: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        row["countries"] = [code.strip() for code in row["origin_iso"].split(";") if code.strip()]
        for column, error in _operation_errors(row):
            problems.append(Problem(path.name, number, column, error))
        if row["slug"] in first_row:
            message = f"“{row['slug']}” appears twice (also row {first_row[row['slug']]})"
            problems.append(Problem(path.name, number, "slug", message))
        first_row.setdefault(row["slug"], number)
    return rows


def _operation_errors(row: dict):
    if row["kind"] not in OperationKind.values:
        yield "kind", f"unknown operation kind “{row['kind']}”"
    if not row["slug"] or not row["name_en"]:
        yield "slug", "slug and name_en are required"
    try:
        validate_slug(row["slug"])
    except ValidationError:
        yield "slug", f"“{row['slug']}” is not a slug (letters, digits, “-” and “_”)"
    for column, model, field_name in OPERATION_TEXT:
        if error := too_long(row[column], model, field_name):
            yield column, error
    try:
        edtf_bounds(operation_period(row["start"], row["end"]))
    except Exception:
        yield "start", f"“{row['start']}”–“{row['end']}” are not ISO 8601 dates"
    for code in row["countries"]:
        if not pycountry.countries.get(alpha_2=code):
            yield "origin_iso", f"“{code}” is not an ISO 3166-1 alpha-2 code"
    people = row["people_official"]
    if people and (not people.isascii() or not people.isdigit() or int(people) > MAX_INTEGER):
        yield "people_official", f"“{people}” is not a whole number up to {MAX_INTEGER}"


def read_destinations(path: Path, problems: list[Problem]) -> dict[str, dict]:
    """Validated rows of destinations.csv, by key."""
    out = {}
    for number, row in enumerate(read_csv(path, DESTINATION_COLUMNS, problems), start=1):
        try:
            lon, lat = float(row["lon"]), float(row["lat"])
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        except (ValueError, AssertionError):
            problems.append(Problem(path.name, number, "lon", "lon/lat must be WGS 84 degrees"))
            continue
        if row["kind"] not in PlaceKind.values or row["precision"] not in Precision.values:
            problems.append(Problem(path.name, number, "kind", "unknown place kind or precision"))
            continue
        errors = [(column, "is required") for column in ("key", "name_en") if not row[column]]
        errors += [
            (col, error)
            for col, model, name in DESTINATION_TEXT
            if (error := too_long(row[col], model, name))
        ]
        country = row["country"]
        if country and (not country.isupper() or not pycountry.countries.get(alpha_2=country)):
            errors.append(("country", f"“{country}” is not an ISO 3166-1 alpha-2 code in capitals"))
        if row["key"] in out:
            errors.append(("key", f"“{row['key']}” appears twice"))
        for column, error in errors:
            problems.append(Problem(path.name, number, column, error))
        if errors:
            continue
        row["point"] = Point(lon, lat, srid=4326)
        out[row["key"]] = row
    return out


def read_links(path: Path, operations: list[dict], destinations: dict, problems: list[Problem]) -> list[dict]:
    """Validated rows of operation-destinations.csv."""
    slugs = {row["slug"] for row in operations}
    rows = read_csv(path, ["operation", "destination", "note"], problems)
    for number, row in enumerate(rows, start=1):
        if row["operation"] not in slugs:
            problems.append(
                Problem(path.name, number, "operation", f"“{row['operation']}” is not an operation")
            )
        if row["destination"] not in destinations:
            problems.append(Problem(path.name, number, "destination", f"“{row['destination']}” is unknown"))
    return rows


def write_destinations(destinations: dict, sources: dict, summary: Summary) -> dict[str, Place]:
    """Create or update the destination places with one region-level (or site) location each."""
    source = sources[DESTINATIONS_DATASET]
    places = {}
    stored = {p.source_record_id: p for p in Place.objects.filter(dataset=DESTINATIONS_DATASET)}
    edited = edited_in_register(Place, [p.pk for p in stored.values()])
    kept = {key for key, place in stored.items() if place.pk in edited and key in destinations}
    note_kept(summary, "destination places", kept)
    for key, row in destinations.items():
        existing = stored.get(key)
        if key in kept:
            places[key] = existing  # edited in the register since the last import: kept as it is
            continue
        values = {
            "kind": row["kind"],
            "primary_name": row["name_en"],
            "primary_name_en": row["name_en"],
            "country": row["country"],
        }
        if existing is None:
            values["public_id"] = stable_public_id(DESTINATIONS_DATASET, key, "p")
        place = upsert(
            Place,
            {"dataset": DESTINATIONS_DATASET, "source_record_id": key},
            values,
            summary,
            "destination places",
            existing,
        )
        for name, lang, script in (
            (row["name_en"], "en", Script.LATIN),
            (row["name_ru"], "ru", Script.CYRILLIC),
        ):
            _, created = PlaceName.objects.get_or_create(
                place=place,
                name=name,
                language=lang,
                kind=NameKind.OFFICIAL,
                defaults={"script": script, "source": source},
            )
            summary.add("names", "created" if created else "unchanged")
        upsert(
            Location,
            {"dataset": DESTINATIONS_DATASET, "source_record_id": key},
            {
                "place": place,
                "geom": row["point"],
                "precision": row["precision"],
                "source": source,
                "description_en": row["name_en"],
                "description": row["name_ru"],
            },
            summary,
            "destination locations",
        )
        place.citations.get_or_create(source=source, locator="")
        places[key] = place
    return places


def write_operations(
    rows: list[dict], links: list[dict], places: dict, sources: dict, summary: Summary
) -> None:
    """Create or update operations with their names, figures, citations and destinations; operations
    edited in the register since the last import (audit/edits.py) are kept as they are."""
    stored = dict(Operation.objects.filter(slug__in=[row["slug"] for row in rows]).values_list("slug", "pk"))
    edited = edited_in_register(Operation, stored.values())
    kept = {slug for slug, pk in stored.items() if pk in edited}
    note_kept(summary, "operations", kept)
    for row in rows:
        if row["slug"] in kept:
            continue
        operation = upsert(
            Operation,
            {"slug": row["slug"]},
            {
                "kind": row["kind"],
                "name_en": row["name_en"],
                "period_edtf": operation_period(row["start"], row["end"]),
                "origin_countries": row["countries"],
                "origin_territories": row["origin_territories_en"],
                "destinations_note": row["main_destinations_en"],
            },
            summary,
            "operations",
        )
        for name, lang, script in (
            (row["name_en"], "en", Script.LATIN),
            (row["name_ru"], "ru", Script.CYRILLIC),
        ):
            if name:
                _, created = OperationName.objects.get_or_create(
                    operation=operation, name=name, language=lang, defaults={"script": script}
                )
                summary.add("operation names", "created" if created else "unchanged")
        for source_key, locator in cited_sources(row["source_note"]):
            operation.citations.get_or_create(source=sources[source_key], locator=locator)
        _write_figures(operation, row, sources, summary)
        for order, link in enumerate(link for link in links if link["operation"] == row["slug"]):
            _write_destination(operation, places[link["destination"]], link["note"], order, summary)


def _write_destination(operation, place, note: str, order: int, summary: Summary) -> None:
    """Create or update one destination link; an unchanged one is not saved (no history row)."""
    link, created = OperationDestination.objects.get_or_create(
        operation=operation, place=place, defaults={"note": note, "order": order}
    )
    if created:
        summary.add("operation destinations", "created")
    elif (link.note, link.order) != (note, order):
        link.note, link.order = note, order
        link.save()
        summary.add("operation destinations", "updated")
    else:
        summary.add("operation destinations", "unchanged")


def cited_sources(note: str) -> list[tuple[str, str]]:
    """Sources named in `source_note`: "the resolution (clauses Q-R) and general historical literature"
    -> [("eu-informal-resolution-2021", "clauses Q-R"), ("general-literature", "")]."""
    found = []
    match = re.search(r"the resolution(?: \((clauses? [^)]+)\))?", note)
    if match:
        found.append((RESOLUTION, match.group(1) or ""))
    if "literature" in note or not found:
        found.append((LITERATURE, ""))
    return found


def _write_figures(operation: Operation, row: dict, sources: dict, summary: Summary) -> None:
    """The official count (general literature) and the note, attributed to the resolution when it says so."""
    cited = dict(cited_sources(row["source_note"]))
    wanted = []
    if row["people_official"]:
        wanted.append(
            {
                "people": int(row["people_official"]),
                "text": "",
                "is_official": True,
                "source": sources[LITERATURE],
                "locator": "",
            }
        )
    note = row["people_note"]
    if note:
        from_resolution = note.startswith("the resolution:")
        wanted.append(
            {
                "people": None,
                "text": note.removeprefix("the resolution:").strip(),
                "is_official": False,
                "source": sources[RESOLUTION if from_resolution else LITERATURE],
                "locator": cited.get(RESOLUTION, "") if from_resolution else "",
            }
        )
    for values in wanted:
        _, created = OperationFigure.objects.get_or_create(operation=operation, **values)
        summary.add("operation figures", "created" if created else "unchanged")


NAME_COLUMNS = ["language", "name", "source"]
# The English and Russian names of operations and destinations are in operations.csv / destinations.csv.
NAME_FILE_EXCLUDED_LANGUAGES = {"en", "ru"}


def _name_errors(row: dict, key_column: str, keys: set[str], sources: dict, languages: set[str]):
    """(column, message) pairs of what is wrong with one row of a names file."""
    from django.core.exceptions import ValidationError

    from register.contributions.text import clean_text

    if row[key_column] not in keys:
        yield key_column, f"“{row[key_column]}” is not in the file it refers to"
    if row["language"] not in languages:
        yield "language", f"“{row['language']}” is not a language of the register"
    elif row["language"] in NAME_FILE_EXCLUDED_LANGUAGES:
        yield "language", "the English and Russian names belong in operations.csv and destinations.csv"
    if not row["name"]:
        yield "name", "is required"
    elif any(char in row["name"] for char in "\n\r\t"):
        yield "name", "a name is one line of text"
    else:
        try:
            clean_text(row["name"], name=True, max_length=PlaceName._meta.get_field("name").max_length)
        except ValidationError as error:
            yield "name", " ".join(str(message) for message in error.messages)
    if not row["source"]:
        yield "source", "is required: every name cites where it comes from"
    elif row["source"] not in sources:
        yield "source", f"“{row['source']}” is not in sources.csv"


def read_names(
    path: Path, key_column: str, keys: set[str], sources: dict, problems: list[Problem]
) -> list[dict]:
    """Validated rows of operation-names.csv (key_column "slug") or destination-names.csv ("key"): names of
    operations and destination places in the readers' languages (exonyms), each with its source.

    A row is a Problem (file, row, field), and the whole import is refused, when its key is not among
    `keys`; its language is not one of settings.LANGUAGES, or is English or Russian (those names are in
    the main files); its name is empty, longer than 300 characters, more than one line, without a letter
    or with control or direction-changing characters (contributions.text.clean_text); its source is
    missing or not in sources.csv; or when a key has a second name in the same language (the file gives
    each record one name a language, the one shown to its readers).
    """
    from django.conf import settings

    languages = {code for code, _name in settings.LANGUAGES}
    first_row: dict[tuple[str, str], int] = {}
    out = []
    for number, row in enumerate(read_csv(path, [key_column, *NAME_COLUMNS], problems), start=1):
        errors = list(_name_errors(row, key_column, keys, sources, languages))
        identity = (row[key_column], row["language"])
        if identity in first_row:
            errors.append(
                ("language", f"a second “{row['language']}” name (row {first_row[identity]} has one)")
            )
        first_row.setdefault(identity, number)
        for column, error in errors:
            problems.append(Problem(path.name, number, column, error))
        if not errors:
            out.append(row)
    return out


def _sync_names(
    model,
    owner: str,
    owners: dict,
    rows: list[dict],
    key_column: str,
    sources: dict,
    summary: Summary,
    label: str,
    kept=(),
) -> None:
    """Make the sourced "translation" names (`model`: PlaceName or OperationName, linked by the field
    `owner`) of the records in `owners` ({key: record}) those of the names file `rows`: add the new ones,
    delete the ones no longer in the file. Names without a source (added in the register) and the records
    in `kept` (edited in the register since the last import) are left alone."""
    wanted = {(owners[row[key_column]].pk, row["language"], row["name"]) for row in rows}
    stored = model.objects.filter(
        **{f"{owner}__in": [record.pk for record in owners.values()]},
        kind=NameKind.TRANSLATION,
        source__isnull=False,
    ).exclude(**{f"{owner}__in": list(kept)})
    stale = [
        name.pk for name in stored if (getattr(name, f"{owner}_id"), name.language, name.name) not in wanted
    ]
    if stale:
        model.objects.filter(pk__in=stale).delete()
        summary.add(label, "deleted", len(stale))
    # A name's identity: PlaceName is unique with its kind, OperationName without it.
    kind_in_key = "kind" in next(
        constraint.fields for constraint in model._meta.constraints if getattr(constraint, "fields", None)
    )
    for row in rows:
        key = {owner: owners[row[key_column]], "name": row["name"], "language": row["language"]}
        defaults = {"script": guess_script(row["name"]), "source": sources[row["source"]]}
        (key if kind_in_key else defaults)["kind"] = NameKind.TRANSLATION
        _, created = model.objects.get_or_create(**key, defaults=defaults)
        summary.add(label, "created" if created else "unchanged")


def write_destination_names(rows: list[dict], places: dict, sources: dict, summary: Summary) -> None:
    """Make the exonyms of destination places (PlaceName kind "translation" with a source) those of
    destination-names.csv (see _sync_names); places edited in the register are kept as they are."""
    edited = edited_in_register(Place, [place.pk for place in places.values()])
    _sync_names(PlaceName, "place", places, rows, "key", sources, summary, "names", kept=edited)


def write_operation_names(rows: list[dict], sources: dict, summary: Summary) -> None:
    """Make the names of operations in the readers' languages (OperationName kind "translation" with a
    source) those of operation-names.csv (see _sync_names)."""
    operations = {operation.slug: operation for operation in Operation.objects.all()}
    _sync_names(OperationName, "operation", operations, rows, "slug", sources, summary, "operation names")
