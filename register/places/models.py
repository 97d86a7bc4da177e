"""Places of the register: camps and their divisions, prisons, special settlement areas, execution
and burial sites, each with names, locations and yearly prisoner figures as child rows.

The model follows the gazetteer pattern of the World Historical Gazetteer / Linked Places Format:
a place has many names (language, script, kind, period, source) and many geometries (precision,
period, source).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GinIndex
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from register.audit.models import HistoryStamp, indexed_only
from register.core.ids import random_public_id
from register.core.models import Period, Script
from register.names.normalize import search_key
from register.texts.languages import ORIGINAL_DEFAULT, language_choices


class PlaceKind(models.TextChoices):
    """Kinds of place, in the terms of Memorial's reference book on the camp system (1998)."""

    CORRECTIVE_LABOUR_CAMP = "corrective_labour_camp", _("corrective labour camp (ITL)")
    SPECIAL_CAMP = "special_camp", _("special camp (osoblag)")
    NKVD_SPECIAL_CAMP = "nkvd_special_camp", _("NKVD special camp")
    CAMP_DIVISION = "camp_division", _("camp division")
    CAMP_POINT = "camp_point", _("camp point (lagpunkt)")
    FILTRATION_CAMP = "filtration_camp", _("filtration camp")
    PRISON = "prison", _("prison")
    TRANSIT_POINT = "transit_point", _("transit point")
    SPECIAL_SETTLEMENT_AREA = "special_settlement_area", _("special settlement area")
    EXECUTION_SITE = "execution_site", _("execution site")
    BURIAL_SITE = "burial_site", _("burial site")
    UNKNOWN = "unknown", _("kind not recorded")


class Vocabulary(models.Model):
    """A controlled term with Russian and English labels and the id it has in its source data set."""

    source_id = models.PositiveIntegerField(_("source id"), unique=True)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_ru = models.CharField(_("label (Russian)"), max_length=200)

    class Meta:
        abstract = True
        ordering = ["label_en"]

    def __str__(self):
        return self.label_en


class Activity(Vocabulary):
    """The economic activity of a camp (logging, mining, railway construction, ...)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("economic activity")
        verbose_name_plural = _("economic activities")


class Region(Vocabulary):
    """A macro-region of the camp system as Memorial groups it (Komi, Kolyma camps, Germany, ...)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("macro-region")
        verbose_name_plural = _("macro-regions")


class Place(Period):
    """A camp administration, division or camp point, prison, special settlement area or site.

    `dataset` + `source_record_id` identify a record imported from a data set (the key of re-imports);
    `public_id` is the stable id in URLs and citations. `primary_name` is a copy of the name shown
    in lists, kept for sorting.
    """

    public_id = models.CharField(_("public id"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=PlaceKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent place"),
    )
    primary_name = models.CharField(_("name"), max_length=300)
    primary_name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("economic activity"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
        verbose_name=_("macro-region"),
    )
    country = models.CharField(
        _("present-day country"),
        max_length=2,
        blank=True,
        db_index=True,
        help_text=_("ISO 3166-1 alpha-2 code"),
    )
    admin_area = models.CharField(_("present-day administrative area"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the description"),
        max_length=10,
        choices=language_choices,
        default=ORIGINAL_DEFAULT,
        help_text=_("The language the description is written in; translations are kept beside it."),
    )
    wikidata = models.CharField(_("Wikidata QID"), max_length=20, blank=True)
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True)
    dataset = models.CharField(_("data set"), max_length=50, blank=True)
    source_record_id = models.CharField(_("id in the data set"), max_length=50, blank=True)
    published = models.BooleanField(_("published"), default=True, db_index=True)
    citations = GenericRelation("sources.Citation", related_query_name="place")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)
    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only()
    )

    class Meta:
        ordering = ["primary_name", "id"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "source_record_id"],
                condition=~models.Q(source_record_id=""),
                name="place_unique_source_id",
            ),
            models.CheckConstraint(
                condition=models.Q(wikidata="") | models.Q(wikidata__regex=r"^Q[1-9][0-9]*$"),
                name="place_wikidata_qid",
            ),
            models.CheckConstraint(
                condition=models.Q(country="") | models.Q(country__regex=r"^[A-Z]{2}$"),
                name="place_country_iso",
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_start__lte=models.F("period_end")),
                name="place_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["period_start", "period_end"])]

    def __str__(self):
        return self.primary_name

    def save(self, *args, **kwargs):
        if not self.public_id:
            self.public_id = random_public_id("p")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("places:detail", kwargs={"public_id": self.public_id})

    @property
    def display_name(self) -> str:
        """The name in the reader's language where the register has one (`reader_name`, set by
        `register.places.selectors.attach_reader_names`: an exonym such as "Krasnojarsko kraštas"), else the
        English name, else the primary (source-language) name."""
        return getattr(self, "reader_name", None) or self.primary_name_en or self.primary_name

    @property
    def display_language(self) -> str:
        """BCP 47 language of `display_name`: the reader's for a reader_name, "en" for the English name,
        "ru" for a primary name from the Russian-language sources."""
        if getattr(self, "reader_name", None):
            return self.reader_name_language
        return "en" if self.primary_name_en else "ru"


class NameKind(models.TextChoices):
    """What a name is: the official name, a short or code name (Особлаг № 5), a local-language name,
    or a translation; gazetteer name types as in the World Historical Gazetteer."""

    OFFICIAL = "official", _("official")
    SHORT = "short", _("short")
    CODE = "code", _("code")
    ALTERNATIVE = "alternative", _("alternative")
    LOCAL = "local", _("local")
    TRANSLATION = "translation", _("translation")


class PlaceName(Period):
    """One name of a place. `search_key` is the cross-script key of `names.normalize.search_key`."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=300)
    language = models.CharField(_("language (BCP 47)"), max_length=20)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices, default=Script.LATIN)
    kind = models.CharField(_("kind"), max_length=20, choices=NameKind.choices)
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )
    search_key = models.CharField(max_length=300, editable=False, db_index=True)

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("place")
    )

    class Meta:
        ordering = ["place", "id"]
        verbose_name = _("name")
        verbose_name_plural = _("names")
        constraints = [
            models.UniqueConstraint(fields=["place", "name", "language", "kind"], name="placename_unique")
        ]
        indexes = [
            GinIndex(fields=["search_key"], name="placename_key_trgm", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)


class Precision(models.TextChoices):
    """How precisely a geometry locates a place: from an exact site to a point standing for a whole region."""

    EXACT = "exact", _("exact")
    APPROXIMATE = "approximate", _("approximate")
    SETTLEMENT = "settlement", _("settlement")
    DISTRICT = "district", _("district")
    REGION = "region", _("region")


class Location(Period):
    """Where a place was at a time: a point, polygon or multipolygon in WGS 84 (SRID 4326).

    `order` 0 is the first seat of a camp administration; higher numbers are later moves.
    `period` is the span of years for which the source has figures at this location.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="locations")
    geom = models.GeometryField(_("geometry"), srid=4326)
    precision = models.CharField(_("precision"), max_length=20, choices=Precision.choices)
    description = models.TextField(_("description of the location"), blank=True)
    description_en = models.TextField(_("description of the location (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )
    dataset = models.CharField(_("data set"), max_length=50, blank=True)
    source_record_id = models.CharField(_("id in the data set"), max_length=50, blank=True)

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("place")
    )

    class Meta:
        ordering = ["place", "order", "id"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "source_record_id"],
                condition=~models.Q(source_record_id=""),
                name="location_unique_source_id",
            ),
            models.CheckConstraint(condition=models.Q(geom__isvalid=True), name="location_geom_valid"),
        ]
        indexes = [models.Index(fields=["period_start", "period_end"])]

    def __str__(self):
        return f"{self.place} #{self.order}"


class PrisonerFigure(models.Model):
    """The number of prisoners at a location in a year, as the source gives it.

    `prisoners` is None where the source gives no figure. In the Memorial data a 0 means "in
    operation that year, no figure given" (data README), so it is stored as None with
    `source_value` "0": it is never shown or summed as zero prisoners.
    """

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(_("year"))
    prisoners = models.PositiveIntegerField(_("prisoners"), null=True, blank=True)
    source_value = models.CharField(_("value in the source"), max_length=50, blank=True)
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("location")
    )

    class Meta:
        ordering = ["location", "year"]
        verbose_name = _("yearly prisoner figure")
        verbose_name_plural = _("yearly prisoner figures")
        constraints = [
            models.UniqueConstraint(
                fields=["location", "year", "source"], name="figure_unique", nulls_distinct=False
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1917, year__lte=1991), name="figure_year_soviet"
            ),
        ]

    def __str__(self):
        return f"{self.year}: {self.prisoners if self.prisoners is not None else '—'}"
