"""people.csv: the persons whose records are public in full, in the bulk importer's column set.

The columns are those of `register.people.importers.bulk.COLUMNS` (see that module and the README,
"Importing person lists"), so a downloaded file can be imported into another installation with
`manage.py import_people`. `record_id` is the person's public id (the stable URL is
`<site>/people/<record_id>/`). The file is streamed, PEOPLE_CHUNK persons at a time with their names,
events and citations prefetched per chunk, so it works at millions of rows in constant memory.

A CSV row holds one fact of each kind: where a record has several (facts that disagree, two sentences),
the first in date order is given; the full record is at /api/v1/people/{id}/.
"""

from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes

from api.permissions import ReadOnly
from api.views.exports import FILE_PREFIX, _csv_response
from register.core.models import Script
from register.people.importers.bulk import COLUMNS
from register.people.models import EventKind, FormKind, Person, PersonEvent, restricted_q
from register.sources.models import Citation

PEOPLE_CHUNK = 2000
# (CSV column, name part) of the other recorded forms: Russian Cyrillic of the Soviet file, romanization.
CYRILLIC_COLUMNS = [("surname_ru", "surname"), ("given_name_ru", "given"), ("patronymic_ru", "patronymic")]
ROMANIZED_COLUMNS = [("surname_latn", "surname"), ("given_name_latn", "given")]


def unrestricted() -> Q:
    """The persons whose record is public in full: not `Person.restricted` (`models.restricted_q`)."""
    return ~restricted_q()


def people_for_export() -> QuerySet[Person]:
    """Published, non-synthetic persons public in full, in name order, with what a row needs."""
    events = PersonEvent.objects.select_related("place", "operation").order_by("period_start", "order", "id")
    return (
        Person.objects.filter(unrestricted(), published=True, synthetic=False)
        .select_related("birthplace")
        .prefetch_related(
            "names",
            Prefetch("events", queryset=events),
            Prefetch("citations", queryset=Citation.objects.order_by("id")),
        )
        .order_by("surname", "given_name", "id")
    )


def person_row(person: Person) -> list[str]:
    """One person as a row in the order of COLUMNS (from prefetched names, events and citations)."""
    first: dict[str, PersonEvent] = {}
    for event in person.events.all():
        first.setdefault(event.kind, event)
    names = list(person.names.all())
    primary = next((name for name in names if name.part == "surname" and name.is_primary), None)
    row = {
        "record_id": person.public_id,
        "surname": person.surname,
        "given_name": person.given_name,
        "patronymic": person.patronymic,
        "name_lang": primary.language if primary else "",
        "sex": person.sex,
        "birth": person.birth_edtf,
        "birthplace": person.birthplace.primary_name if person.birthplace_id else person.birthplace_text,
        "nationality": person.nationality,
        "occupation": person.occupation,
        "residence": person.residence,
        "country": person.country,
        "source": next((citation.locator for citation in person.citations.all()), ""),
    }
    for column, part in CYRILLIC_COLUMNS:
        row[column] = _form(names, part, lambda name: name.script == Script.CYRILLIC and not name.is_primary)
    for column, part in ROMANIZED_COLUMNS:
        row[column] = _form(names, part, lambda name: name.kind == FormKind.ROMANIZED)
    row.update(_event_columns(first))
    if not row["death_date"] and not row["execution_date"]:
        row["death_date"] = person.death_edtf
    return [row.get(column, "") for column in COLUMNS]


def _form(names, part: str, wanted) -> str:
    return next((name.value for name in names if name.part == part and wanted(name)), "")


def _event_columns(first: dict[str, PersonEvent]) -> dict[str, str]:
    def date(kind):
        return first[kind].period_edtf if kind in first else ""

    sentence = first.get(EventKind.SENTENCE)
    deportation = first.get(EventKind.DEPORTATION)
    camp = first.get(EventKind.IMPRISONMENT)
    rehabilitation = first.get(EventKind.REHABILITATION)
    return {
        "arrest_date": date(EventKind.ARREST),
        "sentencing_body": sentence.authority if sentence else "",
        "sentence_date": date(EventKind.SENTENCE),
        "article": sentence.article if sentence else "",
        "sentence": sentence.term if sentence else "",
        "verdict": sentence.note if sentence else "",
        "deportation_operation": deportation.operation.slug
        if deportation and deportation.operation and deportation.operation.published
        else "",
        "camp": camp.place.public_id if camp and camp.place and camp.place.published else "",
        "death_date": date(EventKind.DEATH),
        "execution_date": date(EventKind.EXECUTION),
        "rehabilitation_date": date(EventKind.REHABILITATION),
        "rehabilitation_body": rehabilitation.authority if rehabilitation else "",
    }


def people_rows():
    """Rows of people.csv: the header (COLUMNS), then one person a row, PEOPLE_CHUNK persons a query."""
    yield COLUMNS
    for person in people_for_export().iterator(chunk_size=PEOPLE_CHUNK):
        yield person_row(person)


@extend_schema(
    summary="People as CSV",
    description="One person a row in the column set of the bulk person importer (`manage.py "
    "import_people`; `record_id` is the public id): the published records public in full. Persons who "
    "may still be alive, restricted records and synthetic test records are left out. Streamed.",
    responses={(200, "text/csv"): OpenApiTypes.STR},
    tags=["exports"],
)
@api_view(["GET"])
@permission_classes([ReadOnly])
def people_csv(request):
    """The persons public in full as CSV (see the module docstring), streamed row by row."""
    return _csv_response(people_rows(), f"{FILE_PREFIX}-people.csv")
