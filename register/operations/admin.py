"""Admin for deportation and repression operations."""

from django.contrib import admin

from register.audit.admin import VersionedAdminMixin
from register.operations.models import Operation, OperationDestination, OperationFigure, OperationName
from register.sources.admin import CitationInline


class OperationNameInline(admin.TabularInline):
    model = OperationName
    extra = 0
    fields = ["name", "language", "script", "kind", "source"]
    autocomplete_fields = ["source"]


class OperationFigureInline(admin.TabularInline):
    model = OperationFigure
    extra = 0
    fields = ["people", "text", "is_official", "source", "locator"]
    autocomplete_fields = ["source"]


class OperationDestinationInline(admin.TabularInline):
    model = OperationDestination
    extra = 0
    fields = ["place", "note", "order"]
    autocomplete_fields = ["place"]


@admin.register(Operation)
class OperationAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "kind", "period_edtf", "origin_countries", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["name_en", "slug", "names__name"]
    readonly_fields = ["period_start", "period_end"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [OperationNameInline, OperationFigureInline, OperationDestinationInline, CitationInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False
