"""Reads across the register's apps: the counts shown on the home and "About the data" pages."""

from django.db.models import Count, Q

from register.operations.selectors import operation_count
from register.places.models import Location, Place, Precision, PrisonerFigure
from register.sources.models import Source


def register_counts() -> dict[str, int]:
    """{"places", "locations", "operations"}: published places, their locations, published operations."""
    return {
        "places": Place.objects.filter(published=True).count(),
        "locations": Location.objects.filter(place__published=True).count(),
        "operations": operation_count(),
    }


def data_quirk_counts() -> dict[str, int]:
    """Counts behind the caveats on the "About the data" page (figures without a number, "0" in the
    source, unpublished placeholder places, region-level points)."""
    figures = PrisonerFigure.objects.aggregate(
        total=Count("id"),
        no_figure=Count("id", filter=Q(prisoners__isnull=True)),
        zero_in_source=Count("id", filter=Q(prisoners__isnull=True, source_value="0")),
    )
    return {
        **figures,
        "unpublished": Place.objects.filter(published=False).count(),
        "region_points": Location.objects.filter(precision=Precision.REGION, place__published=True).count(),
    }


def source_list():
    """Every source with the number of records citing it, by title."""
    return Source.objects.annotate(citation_count=Count("citations")).order_by("title")
