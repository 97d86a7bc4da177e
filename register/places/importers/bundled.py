"""Read and check the bundled Memorial camp data (fixtures/gulag-camps, from urbica/gulag-api seeds);
`bundled_write` writes what was read.

Files and columns are described in fixtures/README.md. Quirks handled here, per the data README:
- `prisoners` null and 0 both mean "no figure" (0 = in operation that year, no figure given): they
  are stored as prisoners=None with the source's value kept in `source_value`, never as zero;
- empty `name_en` (83 filtration camps), `activity_id`, `region_id` or `camp_type` stay empty;
- English names are not unique, so camps are keyed by `source_id`, never by name;
- 7 locations (all at 90°E 62°N, with test-like figures such as 456789) refer to camp ids that
  camps.csv does not list: they are kept, attached to an unpublished placeholder place per missing
  id, so that nothing is lost and nothing doubtful is shown; editors decide in the admin.

Every record is keyed by (data set, source id): a re-run updates what changed and nothing else.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from django.contrib.gis.geos import GEOSException, GEOSGeometry

from register.core.importing import MAX_INTEGER, Problem, read_csv, too_long
from register.places.models import (
    Activity,
    NameKind,
    PlaceKind,
    PlaceName,
)

DATASET = "memorial-gulag"
MAX_ORDER = 32767  # Location.order is a PositiveSmallIntegerField
# camp_type slugs of the data set -> PlaceKind
CAMP_TYPES = {
    "corrective_labour_camp": PlaceKind.CORRECTIVE_LABOUR_CAMP,
    "special_camp": PlaceKind.SPECIAL_CAMP,
    "nkvd_special_camp": PlaceKind.NKVD_SPECIAL_CAMP,
    "camp_point": PlaceKind.CAMP_POINT,
    "special_settlement": PlaceKind.SPECIAL_SETTLEMENT_AREA,
    "filtration_camp": PlaceKind.FILTRATION_CAMP,
    "": PlaceKind.UNKNOWN,
}


@dataclass
class Camp:
    """One camp administration read from camps.csv, with its names (name, language, kind) and locations."""

    source_id: str
    kind: str
    activity: int | None
    region: int | None
    names: list[tuple[str, str, str]]  # (name, language, kind)
    locations: list[dict] = field(default_factory=list)
    published: bool = True
    note: str = ""
    country: str = ""  # from country-overrides.csv; else derived from the first location


def placeholder_camp(source_id: str) -> Camp:
    """An unpublished stand-in for a camp id that locations.geojson uses but camps.csv lacks."""
    return Camp(
        source_id=source_id,
        kind=PlaceKind.UNKNOWN,
        activity=None,
        region=None,
        names=[(f"Unidentified camp (source id {source_id})", "en", NameKind.ALTERNATIVE)],
        published=False,
        note=f"Placeholder made by the importer: locations.geojson refers to camp {source_id}, "
        "which camps.csv does not list. Not published until an editor identifies it.",
    )


def alt_name_kind(name: str) -> str:
    """Classify one of Memorial's alternative names: "Особлаг № 5" -> code, "Вишлаг" -> short."""
    if any(char.isdigit() for char in name):
        return NameKind.CODE
    if " " not in name and name.lower().endswith("лаг"):
        return NameKind.SHORT
    return NameKind.ALTERNATIVE


def read_vocabularies(path: Path, problems: list[Problem]) -> dict[str, dict[int, dict]]:
    """Return {"camp_type"|"activity"|"region": {id: row}} from vocabularies.csv."""
    vocab: dict[str, dict[int, dict]] = {"camp_type": {}, "activity": {}, "region": {}}
    for number, row in enumerate(
        read_csv(path, ["vocabulary", "id", "slug", "label_ru", "label_en"], problems), 1
    ):
        if row["vocabulary"] not in vocab:
            problems.append(
                Problem(path.name, number, "vocabulary", f"unknown vocabulary “{row['vocabulary']}”")
            )
        elif not row["id"].isdigit():
            problems.append(Problem(path.name, number, "id", f"“{row['id']}” is not a whole number"))
        elif int(row["id"]) in vocab[row["vocabulary"]]:
            message = f"{row['vocabulary']} {row['id']} appears twice"
            problems.append(Problem(path.name, number, "id", message))
        elif row["vocabulary"] == "camp_type" and row["slug"] not in CAMP_TYPES:
            problems.append(Problem(path.name, number, "slug", f"unknown camp type “{row['slug']}”"))
        elif error := too_long(row["label_en"], Activity, "label_en"):
            problems.append(Problem(path.name, number, "label_en", error))
        elif error := too_long(row["label_ru"], Activity, "label_ru"):
            problems.append(Problem(path.name, number, "label_ru", error))
        else:
            vocab[row["vocabulary"]][int(row["id"])] = row
    return vocab


def read_camps(path: Path, vocab: dict, problems: list[Problem]) -> dict[str, Camp]:
    """Return {source_id: Camp} from camps.csv, checking ids, types and vocabulary references."""
    camps: dict[str, Camp] = {}
    columns = ["source_id", "name_ru", "name_en", "alt_names_ru", "camp_type", "activity_id", "region_id"]
    for number, row in enumerate(read_csv(path, columns, problems), start=1):
        error = _camp_row_error(row, vocab, camps)
        if error:
            problems.append(Problem(path.name, number, *error))
            continue
        names = [(row["name_ru"], "ru", NameKind.OFFICIAL)]
        if row["name_en"]:
            names.append((row["name_en"], "en", NameKind.TRANSLATION))
        for alt in filter(None, (part.strip() for part in row["alt_names_ru"].split("|"))):
            if alt != row["name_ru"]:
                names.append((alt, "ru", alt_name_kind(alt)))
        camps[row["source_id"]] = Camp(
            source_id=row["source_id"],
            kind=CAMP_TYPES[row["camp_type"]],
            activity=int(row["activity_id"]) if row["activity_id"] else None,
            region=int(row["region_id"]) if row["region_id"] else None,
            names=list(dict.fromkeys(names)),
        )
    return camps


def _camp_row_error(row: dict, vocab: dict, seen: dict) -> tuple[str, str] | None:
    if not row["source_id"].isdigit():
        return "source_id", f"“{row['source_id']}” is not a whole number"
    if row["source_id"] in seen:
        return "source_id", f"{row['source_id']} appears twice"
    if not row["name_ru"]:
        return "name_ru", "is empty"
    names = [("name_ru", row["name_ru"]), ("name_en", row["name_en"])]
    names += [("alt_names_ru", alt.strip()) for alt in row["alt_names_ru"].split("|")]
    for column, name in names:
        if error := too_long(name, PlaceName, "name"):
            return column, error
    if row["camp_type"] not in CAMP_TYPES:
        return "camp_type", f"unknown camp type “{row['camp_type']}”"
    for column, name in (("activity_id", "activity"), ("region_id", "region")):
        value = row[column]
        if value and (not value.isdigit() or int(value) not in vocab[name]):
            return column, f"“{value}” is not an id in the {name} vocabulary"
    return None


def read_locations(path: Path, camps: dict[str, Camp], problems: list[Problem]) -> int:
    """Attach the features of locations.geojson to their camps; return the number of locations read."""
    try:
        features = json.loads(path.read_text(encoding="utf-8-sig"))["features"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        problems.append(Problem(path.name, 0, "", f"is not a GeoJSON FeatureCollection: {exc}"))
        return 0
    if not isinstance(features, list):
        problems.append(Problem(path.name, 0, "features", "must be a list of GeoJSON Features"))
        return 0
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            problems.append(Problem(path.name, number, "", "is not a GeoJSON Feature (an object)"))
            continue
        location, error = _parse_location(feature, camps, seen)
        if error:
            problems.append(Problem(path.name, number, *error))
        else:
            camps[location["camp"]].locations.append(location)
    return len(seen)


def _parse_location(feature: dict, camps: dict, seen: set) -> tuple[dict, tuple[str, str] | None]:
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        return {}, ("properties", "must be an object")
    source_id = str(feature.get("id", ""))
    if not source_id.isdigit() or source_id in seen:
        return {}, ("id", f"“{source_id}” is missing, not a whole number or repeated")
    camp = str(props.get("camp_source_id", ""))
    if not camp.isdigit():
        return {}, ("camp_source_id", f"“{camp}” is not a whole number")
    if camp not in camps:
        camps[camp] = placeholder_camp(camp)
    try:
        geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
        in_range = geom.geom_type == "Point" and -180 <= geom.x <= 180 and -90 <= geom.y <= 90
    except (GEOSException, ValueError, KeyError, TypeError, IndexError) as exc:  # NaN: an empty point
        return {}, ("geometry", f"is not a valid GeoJSON geometry ({exc})")
    if not in_range:
        return {}, ("geometry", "must be a WGS 84 point with longitude -180..180 and latitude -90..90")
    order = props.get("order") or 0
    if not isinstance(order, int) or isinstance(order, bool) or not 0 <= order <= MAX_ORDER:
        return {}, ("order", f"“{order}” is not a whole number between 0 and {MAX_ORDER}")
    figures, error = _parse_population(props.get("population") or [])
    if error:
        return {}, error
    seen.add(source_id)
    return {
        "camp": camp,
        "source_id": source_id,
        "geom": geom,
        "order": order,
        "place_ru": props.get("place_ru") or "",
        "place_en": props.get("place_en") or "",
        "figures": figures,
    }, None


def _parse_population(rows: list) -> tuple[dict[int, int | None], tuple[str, str] | None]:
    figures: dict[int, int | None] = {}
    if not isinstance(rows, list) or not all(isinstance(item, dict) for item in rows):
        return {}, ("population", 'must be a list of {"year": …, "prisoners": …} objects')
    for item in rows:
        year, value = item.get("year"), item.get("prisoners")
        if not isinstance(year, int) or not 1917 <= year <= 1991:
            return {}, ("population.year", f"“{year}” is not a year between 1917 and 1991")
        if value is not None and (not isinstance(value, int) or not 0 <= value <= MAX_INTEGER):
            return {}, ("population.prisoners", f"“{value}” in {year} is not a count of people")
        if year in figures:
            return {}, ("population.year", f"{year} appears twice")
        figures[year] = value
    return figures, None


def read_local_names(path: Path, camps: dict, sources: dict, problems: list[Problem]) -> list[dict]:
    """Rows of local-names.csv: local-language names (e.g. German) of camps on today's EU territory."""
    rows = read_csv(path, ["source_id", "name", "language", "kind", "source"], problems)
    for number, row in enumerate(rows, start=1):
        if row["source_id"] not in camps:
            problems.append(Problem(path.name, number, "source_id", f"“{row['source_id']}” is not a camp"))
        if row["kind"] not in NameKind.values:
            problems.append(Problem(path.name, number, "kind", f"unknown name kind “{row['kind']}”"))
        if row["source"] not in sources:
            problems.append(Problem(path.name, number, "source", f"“{row['source']}” is not in sources.csv"))
        if not row["name"] or not row["language"]:
            problems.append(Problem(path.name, number, "name", "name and language are required"))
        for column in ("name", "language"):
            if error := too_long(row[column], PlaceName, column):
                problems.append(Problem(path.name, number, column, error))
    return rows


def read_country_overrides(path: Path, camps: dict, problems: list[Problem]) -> None:
    """Apply country-overrides.csv: present-day countries that the 1:50m outlines get wrong.

    Each row names the camp, the ISO 3166-1 alpha-2 code and the reason; the code is set on the camp.
    """
    rows = read_csv(path, ["source_id", "country", "reason"], problems)
    for number, row in enumerate(rows, start=1):
        if row["source_id"] not in camps:
            problems.append(Problem(path.name, number, "source_id", f"“{row['source_id']}” is not a camp"))
        elif not row["country"].isupper() or not pycountry.countries.get(alpha_2=row["country"]):
            problems.append(Problem(path.name, number, "country", f"“{row['country']}” is not an ISO code"))
        elif not row["reason"]:
            problems.append(Problem(path.name, number, "reason", "say why the outline is overridden"))
        else:
            camps[row["source_id"]].country = row["country"]
