"""Write the bundled Memorial camp data that `bundled` has read and checked (places, names,
locations, yearly figures, vocabularies), inside the caller's transaction.

Every record is keyed by (data set, source id); names, citations and figures from the bundled
sources are synchronised, so a re-run changes only what changed in the files.
"""

from tqdm import tqdm

from register.audit.edits import edited_in_register, note_kept
from register.core.edtf import year_span
from register.core.ids import stable_public_id
from register.core.importing import Summary, upsert
from register.core.models import guess_script
from register.places.countries import country_locator
from register.places.importers.bundled import DATASET, Camp
from register.places.models import Activity, Location, Place, PlaceName, Precision, PrisonerFigure, Region


def write_vocabularies(vocab: dict, summary: Summary) -> tuple[dict[int, Activity], dict[int, Region]]:
    """Create or update activities and regions; return them by source id."""
    out = []
    for name, model in (("activity", Activity), ("region", Region)):
        out.append(
            {
                vid: upsert(
                    model,
                    {"source_id": vid},
                    {"label_en": row["label_en"], "label_ru": row["label_ru"]},
                    summary,
                    name + " vocabulary",
                )
                for vid, row in vocab[name].items()
            }
        )
    summary.add("camp types (mapped to place kinds)", "unchanged", len(vocab["camp_type"]))
    return out[0], out[1]


def write_camps(
    camps: dict[str, Camp],
    local_names: list[dict],
    sources: dict,
    vocab_objs,
    summary: Summary,
    progress: bool = False,
) -> None:
    """Write places, names, locations and yearly figures of all camps (inside the caller's transaction).
    Places edited in the register since the last import (audit/edits.py) are kept as they are."""
    activities, regions = vocab_objs
    book, dataset = sources["memorial-1998"], sources["urbica-gulag-api"]
    existing = {p.source_record_id: p for p in Place.objects.filter(dataset=DATASET)}
    edited = edited_in_register(Place, [p.pk for p in existing.values()])
    kept = {key for key, place in existing.items() if place.pk in edited}
    note_kept(summary, "camp administrations", kept)
    extra_names: dict[str, list] = {}
    for row in local_names:
        extra_names.setdefault(row["source_id"], []).append(
            (row["name"], row["language"], row["kind"], sources[row["source"]])
        )
    locator = country_locator()
    for camp in tqdm(camps.values(), desc="camps", unit="camp", disable=not progress):
        if camp.source_id in kept:
            continue  # edited in the register since the last import: kept with its names and locations
        first = min(camp.locations, key=lambda loc: loc["order"], default=None)
        years = sorted(year for loc in camp.locations for year in loc["figures"])
        values = {
            "kind": camp.kind,
            "activity": activities.get(camp.activity),
            "region": regions.get(camp.region),
            "primary_name": camp.names[0][0],
            "primary_name_en": next((n for n, lang, _ in camp.names if lang == "en"), ""),
            "period_edtf": year_span(years[0], years[-1]) if years else "",
            "country": camp.country or (locator.country_of(first["geom"]) if first else ""),
            "published": camp.published,
            "description": camp.note,
        }
        if camp.source_id not in existing:
            values["public_id"] = stable_public_id(DATASET, camp.source_id, "p")
        place = upsert(
            Place,
            {"dataset": DATASET, "source_record_id": camp.source_id},
            values,
            summary,
            "camp administrations" if camp.published else "unidentified camps (unpublished placeholders)",
            existing.get(camp.source_id),
        )
        names = [(n, lang, kind, book) for n, lang, kind in camp.names] + extra_names.get(camp.source_id, [])
        _sync_names(place, names, summary)
        _sync_citations(place, [book, dataset], summary)
        for loc in camp.locations:
            _write_location(place, loc, dataset, locator, summary)


def _sync_names(place: Place, names: list[tuple], summary: Summary) -> None:
    """Make the place's names from bundled sources equal to `names`; names from other sources stay."""
    source_ids = {source.pk for *_, source in names}
    current = {(n.name, n.language, n.kind): n for n in place.names.filter(source__in=source_ids)}
    wanted = {(name, lang, kind): source for name, lang, kind, source in names}
    new = [
        PlaceName(place=place, name=name, language=lang, kind=kind, script=guess_script(name), source=source)
        for (name, lang, kind), source in wanted.items()
        if (name, lang, kind) not in current
    ]
    for obj in new:
        obj.save()
    stale = [obj.pk for key, obj in current.items() if key not in wanted]
    PlaceName.objects.filter(pk__in=stale).delete()
    summary.add("names", "created", len(new))
    summary.add("names", "deleted", len(stale))
    summary.add("names", "unchanged", len(current) - len(stale))


def _sync_citations(record, sources: list, summary: Summary) -> None:
    for source in sources:
        _, created = record.citations.get_or_create(source=source, locator="")
        summary.add("citations", "created" if created else "unchanged")


def _write_location(place: Place, loc: dict, source, locator, summary: Summary) -> None:
    years = sorted(loc["figures"])
    location = upsert(
        Location,
        {"dataset": DATASET, "source_record_id": loc["source_id"]},
        {
            "place": place,
            "geom": loc["geom"],
            "precision": Precision.SETTLEMENT,
            "order": loc["order"],
            "description": loc["place_ru"],
            "description_en": loc["place_en"],
            "source": source,
            "period_edtf": year_span(years[0], years[-1]) if years else "",
        },
        summary,
        "camp locations",
    )
    current = {f.year: f for f in location.figures.filter(source=source)}
    for year, value in loc["figures"].items():
        wanted = {"prisoners": value or None, "source_value": "" if value is None else str(value)}
        figure = current.pop(year, None)
        if figure is None:
            PrisonerFigure.objects.create(location=location, year=year, source=source, **wanted)
            summary.add("yearly figures", "created")
        elif (figure.prisoners, figure.source_value) != (wanted["prisoners"], wanted["source_value"]):
            figure.prisoners, figure.source_value = wanted["prisoners"], wanted["source_value"]
            figure.save()  # through the ORM, so that the change is in the figure's history
            summary.add("yearly figures", "updated")
        else:
            summary.add("yearly figures", "unchanged")
    PrisonerFigure.objects.filter(pk__in=[f.pk for f in current.values()]).delete()
    summary.add("yearly figures", "deleted", len(current))
