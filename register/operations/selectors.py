"""Reads of deportation and repression operations for the web pages."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from register.names.normalize import search_key
from register.operations.models import Operation, OperationDestination, OperationFigure, OperationName
from register.places.models import Location
from register.places.selectors import in_year
from register.sources.models import Citation
from register.texts.selectors import translations_prefetch


def operation_list() -> QuerySet[Operation]:
    """Published operations in date order, with their figures (official count first) prefetched."""
    return Operation.objects.filter(published=True).prefetch_related(
        Prefetch("figures", queryset=OperationFigure.objects.select_related("source"))
    )


def operation_detail_queryset() -> QuerySet[Operation]:
    """Published operations with names, figures and sources, destinations with their locations, and
    citations, in a fixed number of queries."""
    destinations = (
        OperationDestination.objects.filter(place__published=True)
        .select_related("place")
        .prefetch_related(Prefetch("place__locations", queryset=Location.objects.order_by("order", "id")))
    )
    return operation_list().prefetch_related(
        "names",
        Prefetch("destination_links", queryset=destinations),
        "citations__source",
        translations_prefetch(),
    )


def operation_count() -> int:
    """How many operations are published."""
    return Operation.objects.filter(published=True).count()


def operation_filter(
    operations: QuerySet[Operation],
    *,
    q: str = "",
    kinds: list[str] | None = None,
    countries: list[str] | None = None,
    year: int | None = None,
) -> QuerySet[Operation]:
    """Narrow `operations`; empty arguments do not filter.

    q: any name of the operation in any script (a name's `search_key` contains the query's key, see
    `names.normalize.search_key`). kinds: OperationKind values. countries: ISO 3166-1 alpha-2 codes of
    present-day countries people were taken from (any of them). year: the period overlaps that year.
    """
    if kinds:
        operations = operations.filter(kind__in=kinds)
    if countries:
        operations = operations.filter(origin_countries__overlap=[code.upper() for code in countries])
    if year:
        operations = operations.filter(in_year(year))
    if q:
        key = search_key(q)
        if not key:
            return operations.none()
        operations = operations.filter(
            Exists(OperationName.objects.filter(operation=OuterRef("pk"), search_key__contains=key))
        )
    return operations


def operation_api_queryset() -> QuerySet[Operation]:
    """Published operations for the API: figures, names and citations each with their source, and
    published destinations with their locations in order; six queries however many operations."""
    destinations = OperationDestination.objects.filter(place__published=True).select_related("place")
    return Operation.objects.filter(published=True).prefetch_related(
        Prefetch("figures", queryset=OperationFigure.objects.select_related("source")),
        Prefetch("names", queryset=OperationName.objects.select_related("source")),
        Prefetch("destination_links", queryset=destinations),
        Prefetch("destination_links__place__locations", queryset=Location.objects.order_by("order", "id")),
        Prefetch("citations", queryset=Citation.objects.select_related("source")),
        translations_prefetch(),
    )
