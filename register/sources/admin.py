"""Admin for sources and citations."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models

from register.sources.models import Citation, Source


class CitationInline(GenericTabularInline):
    """Citations of sources on any record's admin page (places, operations)."""

    model = Citation
    extra = 0
    fields = ["source", "locator", "note"]
    autocomplete_fields = ["source"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "key", "year", "archive_reference"]
    list_filter = ["kind"]
    search_fields = ["title", "reference", "key", "archive", "fond", "opis", "delo", "authors"]
    prepopulated_fields = {"key": ["title"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "key",
                    "kind",
                    "title",
                    "reference",
                    "authors",
                    "year",
                    "publisher",
                    "url",
                    "licence",
                ]
            },
        ),
        ("Archive file", {"fields": ["archive", "fond", "opis", "delo", "list"]}),
        (None, {"fields": ["note"]}),
    ]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["source", "content_type", "object_id", "locator"]
    list_filter = ["content_type", "source"]
    search_fields = ["source__title", "locator", "note"]
    autocomplete_fields = ["source"]
