"""Admin for people: persons with their names, life events, family links and citations as inlines;
possible duplicates for review; the name index (read-only); the given-name equivalents moderators extend."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from register.audit.admin import ChildVersionedAdminMixin, VersionedAdminMixin
from register.people.models import (
    FamilyLink,
    GivenName,
    GivenNameGroup,
    NameForm,
    NameKey,
    Person,
    PersonEvent,
    PersonName,
    PossibleDuplicate,
)
from register.sources.admin import CitationInline


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 0
    fields = ["part", "value", "language", "script", "kind", "is_primary", "source"]
    autocomplete_fields = ["source"]


class PersonEventInline(admin.StackedInline):
    model = PersonEvent
    extra = 0
    fields = [
        ("kind", "period_edtf", "order"),
        ("place", "place_text"),
        ("operation", "origin"),
        ("article", "authority", "term"),
        ("cause", "place_known"),
        "note",
    ]
    autocomplete_fields = ["place", "operation"]
    show_change_link = True


class FamilyLinkInline(admin.TabularInline):
    model = FamilyLink
    fk_name = "person"
    extra = 0
    fields = ["relation", "other", "source", "note"]
    autocomplete_fields = ["other", "source"]


class BirthYearFilter(admin.SimpleListFilter):
    """Whether a birth date is recorded (persons without one are restricted by the privacy rule)."""

    title = _("date of birth")
    parameter_name = "birth"

    def lookups(self, request, model_admin):
        return [("yes", _("recorded")), ("no", _("not recorded"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(birth_edtf="")
        if self.value() == "no":
            return queryset.filter(birth_edtf="")
        return queryset


@admin.register(Person)
class PersonAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "display_name",
        "birth_edtf",
        "death_edtf",
        "fate",
        "country",
        "dataset",
        "published",
        "restricted_display",
    ]
    list_filter = [
        "fate",
        "country",
        "dataset",
        "published",
        "privacy",
        "incomplete",
        "disputed",
        "synthetic",
        "sex",
        BirthYearFilter,
    ]
    search_fields = [
        "surname",
        "given_name",
        "patronymic",
        "names__value",
        "public_id",
        "source_record_id",
    ]
    readonly_fields = [
        "public_id",
        # copies of the primary name forms, kept in step with them (register.people.signals): edit the forms
        "surname",
        "given_name",
        "patronymic",
        "birth_start",
        "birth_end",
        "death_start",
        "death_end",
        "created",
        "updated",
    ]
    autocomplete_fields = ["birthplace"]
    inlines = [PersonNameInline, PersonEventInline, FamilyLinkInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["public_id", ("surname", "given_name", "patronymic"), "sex", "published"]}),
        (
            _("Birth and death"),
            {
                "fields": [
                    ("birth_edtf", "birth_start", "birth_end"),
                    ("birthplace", "birthplace_text"),
                    ("death_edtf", "death_start", "death_end"),
                    "fate",
                ]
            },
        ),
        (
            _("Identity"),
            {"fields": ["nationality", "citizenship", "country", "occupation", "residence", "biography"]},
        ),
        (_("Review"), {"fields": ["privacy", "incomplete", "disputed", "synthetic"]}),
        (_("Identifiers"), {"fields": ["dataset", "source_record_id", "created", "updated"]}),
    ]

    @admin.display(description=_("restricted"), boolean=True)
    def restricted_display(self, obj):
        return obj.restricted

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


@admin.register(PersonEvent)
class PersonEventAdmin(ChildVersionedAdminMixin, admin.ModelAdmin):
    """Events on their own page, so that their citations can be edited (checked against the person's
    version: a save over a newer version of the person is refused)."""

    audit_parent_path = ("person",)

    list_display = ["person", "kind", "period_edtf", "place", "place_text", "operation"]
    list_filter = ["kind", "operation"]
    search_fields = ["person__surname", "person__given_name", "place_text", "place__primary_name"]
    autocomplete_fields = ["person", "place", "operation"]
    readonly_fields = ["period_start", "period_end"]
    list_select_related = ["person", "place", "operation"]
    inlines = [CitationInline]


@admin.register(PossibleDuplicate)
class PossibleDuplicateAdmin(admin.ModelAdmin):
    list_display = ["person", "other", "status", "created"]
    list_filter = ["status"]
    list_editable = ["status"]
    search_fields = ["person__surname", "person__given_name", "other__surname", "other__given_name"]
    autocomplete_fields = ["person", "other"]
    list_select_related = ["person", "other"]


class NameKeyInline(admin.TabularInline):
    model = NameKey
    extra = 0
    fields = ["kind", "key"]
    readonly_fields = ["kind", "key"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NameForm)
class NameFormAdmin(admin.ModelAdmin):
    """The name index dictionary: written only by `register.people.index`, shown here read-only."""

    list_display = ["text", "exact", "latin", "key_version"]
    list_filter = ["key_version"]
    search_fields = ["text", "exact", "latin"]
    readonly_fields = ["text", "key_version", "exact", "latin"]
    inlines = [NameKeyInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class GivenNameInline(admin.TabularInline):
    model = GivenName
    extra = 1
    fields = ["language", "name"]


@admin.register(GivenNameGroup)
class GivenNameGroupAdmin(admin.ModelAdmin):
    """Groups added here (bundled = no) are kept when the bundled table is imported again."""

    list_display = ["key", "bundled", "source", "updated"]
    list_filter = ["bundled"]
    search_fields = ["key", "names__name", "source"]
    readonly_fields = ["bundled", "updated"]
    inlines = [GivenNameInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False
