"""Writing checked rows of a places file: `plan` says what would change, `write` changes it.

A row with a data set and an id is matched to the Place and Location stored under the same
(dataset, source_record_id); otherwise it creates a new place. The importer owns, on a matched
place, the fields in `place_values`, the names of kind official and alternative, the location with
the row's key and the citation of the import's source; names of other kinds, other locations and
other citations (added by editors) are left alone. `published` is only ever set, never cleared.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from register.core.ids import stable_public_id
from register.core.models import guess_script
from register.places.importers.cleaning import PlaceRow
from register.places.models import Location, NameKind, Place, PlaceName
from register.sources.models import Citation, Source

MANAGED_NAME_KINDS = (NameKind.OFFICIAL, NameKind.ALTERNATIVE)
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass
class Action:
    """What to do with one row: CREATE, UPDATE or UNCHANGED, with the stored records it matched."""

    row: PlaceRow
    status: str
    place: Place | None = None
    location: Location | None = None


def place_values(row: PlaceRow, publish: bool) -> dict:
    """The Place field values a row sets (`published` only when --publish is given)."""
    values = {
        "kind": row.kind,
        "primary_name": row.name,
        "period_edtf": row.period,
        "description": row.description,
        "country": row.country,
        "wikidata": row.wikidata,
        "geonames_id": row.geonames_id,
    }
    if publish:
        values["published"] = True
    return values


def wanted_names(row: PlaceRow) -> list[tuple[str, str, str]]:
    """(name, language, kind) of the official name and the alternative names of a row."""
    return [(row.name, row.name_lang, NameKind.OFFICIAL)] + [
        (alt, row.name_lang, NameKind.ALTERNATIVE) for alt in row.alt_names
    ]


def plan(rows: list[PlaceRow], dataset: str, source: Source | None, publish: bool) -> list[Action]:
    """Compare rows with the database (reads only). `source` may be unsaved (to be created)."""
    ids = [row.record_id for row in rows if dataset and row.record_id]
    places = (
        {
            p.source_record_id: p
            for p in Place.objects.filter(dataset=dataset, source_record_id__in=ids).prefetch_related("names")
        }
        if ids
        else {}
    )
    locations = (
        {
            loc.source_record_id: loc
            for loc in Location.objects.filter(dataset=dataset, source_record_id__in=ids)
        }
        if ids
        else {}
    )
    cited = _cited(source, places.values())
    actions = []
    for row in rows:
        place = places.get(row.record_id) if dataset and row.record_id else None
        if place is None:
            actions.append(Action(row, CREATE))
            continue
        location = locations.get(row.record_id)
        current = _is_current(place, location, row, source, publish) and (source is None or place.pk in cited)
        actions.append(Action(row, UNCHANGED if current else UPDATE, place, location))
    return actions


def _cited(source: Source | None, places) -> set[int]:
    if source is None or source.pk is None:
        return set()
    rows = Citation.objects.filter(
        source=source,
        content_type=ContentType.objects.get_for_model(Place),
        object_id__in=[p.pk for p in places],
    ).values_list("object_id", "locator")
    by_place = {p.pk: p.source_record_id for p in places}
    return {object_id for object_id, locator in rows if locator == by_place.get(object_id)}


def _is_current(
    place: Place, location: Location | None, row: PlaceRow, source: Source | None, publish: bool
) -> bool:
    if source is not None and source.pk is None:
        return False
    source_id = source.pk if source else None
    if any(getattr(place, name) != value for name, value in place_values(row, publish).items()):
        return False
    current = {(n.name, n.language, n.kind): n for n in place.names.all() if n.kind in MANAGED_NAME_KINDS}
    if set(current) != set(wanted_names(row)):
        return False
    if any(n.source_id != source_id or n.script != guess_script(n.name) for n in current.values()):
        return False
    return _location_current(location, place, row, source_id)


def _location_current(location: Location | None, place: Place, row: PlaceRow, source_id: int | None) -> bool:
    return (
        location is not None
        and location.place_id == place.pk
        and location.precision == row.precision
        and location.source_id == source_id
        and location.geom.geom_type == row.geom.geom_type
        and location.geom.equals_exact(row.geom, 1e-9)
    )


def write(actions: list[Action], dataset: str, source: Source | None, publish: bool) -> None:
    """Apply the planned actions (call inside transaction.atomic; `source` must be saved or None)."""
    for action in actions:
        if action.status == UNCHANGED:
            continue
        row = action.row
        place = action.place or _new_place(row, dataset, publish)
        changed = {k: v for k, v in place_values(row, publish).items() if getattr(place, k) != v}
        if action.place is not None and changed:
            for name, value in changed.items():
                setattr(place, name, value)
            place.save()
        _sync_names(place, row, source)
        _write_location(place, action.location, row, dataset, source)
        if source is not None:
            place.citations.get_or_create(source=source, locator=row.record_id)


def _new_place(row: PlaceRow, dataset: str, publish: bool) -> Place:
    values = place_values(row, publish) | {"published": publish}
    place = Place(dataset=dataset, source_record_id=row.record_id, **values)
    if dataset and row.record_id:
        place.public_id = stable_public_id(dataset, row.record_id, "p")
    place.save()
    return place


def _sync_names(place: Place, row: PlaceRow, source: Source | None) -> None:
    current = {(n.name, n.language, n.kind): n for n in place.names.filter(kind__in=MANAGED_NAME_KINDS)}
    wanted = wanted_names(row)
    PlaceName.objects.filter(pk__in=[n.pk for key, n in current.items() if key not in wanted]).delete()
    for key in wanted:
        name = current.get(key) or PlaceName(place=place, name=key[0], language=key[1], kind=key[2])
        script = guess_script(key[0])
        if name.pk is None or name.source_id != (source.pk if source else None) or name.script != script:
            name.source, name.script = source, script
            name.save()


def _write_location(place: Place, location: Location | None, row: PlaceRow, dataset: str, source) -> None:
    if location is None:
        location = Location(order=0, dataset=dataset, source_record_id=row.record_id)
    elif _location_current(location, place, row, source.pk if source else None):
        return
    location.place, location.geom, location.precision, location.source = (
        place,
        row.geom,
        row.precision,
        source,
    )
    location.save()
