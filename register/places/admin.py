"""Admin for places: names, locations (with a map widget) and yearly figures as inlines."""

from django.contrib import admin
from leaflet.admin import LeafletGeoAdmin, LeafletGeoAdminMixin

from register.audit.admin import ChildVersionedAdminMixin, VersionedAdminMixin
from register.places.models import Activity, Location, Place, PlaceName, PrisonerFigure, Region
from register.sources.admin import CitationInline


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    fields = ["name", "language", "script", "kind", "period_edtf", "source"]
    autocomplete_fields = ["source"]


class LocationInline(LeafletGeoAdminMixin, admin.StackedInline):
    model = Location
    extra = 0
    fields = ["geom", "precision", "order", "period_edtf", "description", "description_en", "source"]
    autocomplete_fields = ["source"]
    show_change_link = True


@admin.register(Place)
class PlaceAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "primary_name",
        "primary_name_en",
        "kind",
        "period_edtf",
        "region",
        "country",
        "published",
    ]
    list_filter = ["published", "kind", "region", "activity", "country", "dataset"]
    search_fields = ["primary_name", "primary_name_en", "names__name", "public_id", "source_record_id"]
    readonly_fields = ["public_id", "period_start", "period_end", "created", "updated"]
    autocomplete_fields = ["parent"]
    inlines = [PlaceNameInline, LocationInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["public_id", "primary_name", "primary_name_en", "kind", "parent", "published"]}),
        ("Period", {"fields": ["period_edtf", "period_start", "period_end"]}),
        ("Classification", {"fields": ["activity", "region", "country", "admin_area", "description"]}),
        (
            "Identifiers",
            {"fields": ["wikidata", "geonames_id", "dataset", "source_record_id", "created", "updated"]},
        ),
    ]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


class PrisonerFigureInline(admin.TabularInline):
    model = PrisonerFigure
    extra = 0
    fields = ["year", "prisoners", "source_value", "source"]
    autocomplete_fields = ["source"]


@admin.register(Location)
class LocationAdmin(ChildVersionedAdminMixin, LeafletGeoAdmin):
    audit_parent_path = ("place",)
    list_display = ["place", "order", "precision", "period_edtf", "description_en"]
    list_filter = ["precision", "dataset"]
    search_fields = ["place__primary_name", "place__names__name", "description", "description_en"]
    autocomplete_fields = ["place", "source"]
    readonly_fields = ["period_start", "period_end"]
    inlines = [PrisonerFigureInline]
    list_select_related = ["place"]


@admin.register(PlaceName)
class PlaceNameAdmin(ChildVersionedAdminMixin, admin.ModelAdmin):
    audit_parent_path = ("place",)
    list_display = ["name", "place", "language", "script", "kind"]
    list_filter = ["language", "script", "kind"]
    search_fields = ["name", "search_key"]
    autocomplete_fields = ["place", "source"]
    list_select_related = ["place"]


@admin.register(PrisonerFigure)
class PrisonerFigureAdmin(ChildVersionedAdminMixin, admin.ModelAdmin):
    audit_parent_path = ("location", "place")
    list_display = ["location", "year", "prisoners", "source_value", "source"]
    list_filter = ["year", "source"]
    search_fields = ["location__place__primary_name"]
    autocomplete_fields = ["location", "source"]
    list_select_related = ["location__place", "source"]


@admin.register(Activity, Region)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["label_en", "label_ru", "source_id"]
    search_fields = ["label_en", "label_ru"]
