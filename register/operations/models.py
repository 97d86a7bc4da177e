"""Soviet deportation and mass-repression operations: names, dates, origins, figures, destinations."""

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from register.audit.models import HistoryStamp, indexed_only
from register.core.models import Period, Script
from register.names.normalize import search_key
from register.places.models import NameKind
from register.texts.languages import ORIGINAL_DEFAULT, language_choices


class OperationKind(models.TextChoices):
    """Kinds of operation as the literature groups them (the `kind` column of operations.csv)."""

    DEPORTATION = "deportation", _("deportation")
    MASS_ARREST_AND_EXECUTION = "mass_arrest_and_execution", _("mass arrest and execution")
    MASS_EXECUTION = "mass_execution", _("mass execution")


class Operation(Period):
    """One operation. `period_edtf` holds its dates ("1949-03-25/1949-03-28", "1941-09").

    `origin_countries` are present-day ISO 3166-1 alpha-2 codes of the territories people were taken
    from; `origin_territories` says how the sources name them.
    """

    slug = models.SlugField(_("stable id"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OperationKind.choices, db_index=True)
    name_en = models.CharField(_("name in English"), max_length=300)
    origin_countries = ArrayField(
        models.CharField(max_length=2),
        verbose_name=_("present-day countries of origin"),
        default=list,
        blank=True,
    )
    origin_territories = models.CharField(_("territories of origin"), max_length=500, blank=True)
    destinations_note = models.CharField(
        _("main destinations as the sources word them"), max_length=500, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the description"),
        max_length=10,
        choices=language_choices,
        default=ORIGINAL_DEFAULT,
        help_text=_("The language the description is written in; translations are kept beside it."),
    )
    destinations = models.ManyToManyField(
        "places.Place",
        through="OperationDestination",
        related_name="operations",
        blank=True,
        verbose_name=_("destination areas"),
    )
    published = models.BooleanField(_("published"), default=True)
    citations = GenericRelation("sources.Citation", related_query_name="operation")
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1, editable=False)
    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only()
    )

    class Meta:
        ordering = ["period_start", "slug"]
        verbose_name = _("operation")
        verbose_name_plural = _("operations")

    def __str__(self):
        return self.name_en

    def get_absolute_url(self):
        return reverse("operations:detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        """The operation's name in the reader's language where the register has one (OperationName rows,
        e.g. "Märtsiküüditamine" for Estonian readers of Operation Priboi), else the English name. Reads the
        prefetched `names` (operation_list and operation_detail_queryset prefetch them)."""
        return self.reader_name or self.name_en

    @property
    def reader_name(self) -> str:
        """The name in the reader's language (not English), "" when the register has none."""
        language = (get_language() or "en").split("-")[0]
        if language == "en":
            return ""
        for name in self.names.all():
            if name.language == language:
                return name.name
        return ""

    @property
    def display_language(self) -> str:
        """BCP 47 language of display_name."""
        return (get_language() or "en").split("-")[0] if self.reader_name else "en"


class OperationName(models.Model):
    """A name of an operation in one language and script."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=300)
    language = models.CharField(_("language (BCP 47)"), max_length=20)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices, default=Script.LATIN)
    kind = models.CharField(_("kind"), max_length=20, choices=NameKind.choices, default=NameKind.OFFICIAL)
    source = models.ForeignKey(
        "sources.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    search_key = models.CharField(max_length=300, editable=False, db_index=True)

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("operation")
    )

    class Meta:
        ordering = ["operation", "id"]
        verbose_name = _("operation name")
        verbose_name_plural = _("operation names")
        constraints = [
            models.UniqueConstraint(fields=["operation", "name", "language"], name="opname_unique")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)


class OperationFigure(models.Model):
    """A count of people affected, as one source gives it. Figures that disagree are kept side by side.

    `people` is the number where the source gives one; `text` keeps the source's own wording
    ("about 9,400-9,800"). `is_official` marks the count of the Soviet organs' own reports.
    """

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="figures")
    people = models.PositiveIntegerField(_("people"), null=True, blank=True)
    text = models.CharField(_("as the source words it"), max_length=500, blank=True)
    is_official = models.BooleanField(_("official count"), default=False)
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="+")
    locator = models.CharField(_("locator"), max_length=200, blank=True)

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("operation")
    )

    class Meta:
        ordering = ["operation", "-is_official", "id"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(people__isnull=False) | ~models.Q(text=""), name="opfigure_has_value"
            )
        ]

    def __str__(self):
        return self.text or str(self.people)


class OperationDestination(models.Model):
    """A destination area of an operation (usually a special settlement area or a camp)."""

    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="destination_links")
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="operation_links")
    note = models.CharField(_("note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("operation")
    )

    class Meta:
        ordering = ["operation", "order", "id"]
        verbose_name = _("destination")
        verbose_name_plural = _("destinations")
        constraints = [models.UniqueConstraint(fields=["operation", "place"], name="opdestination_unique")]

    def __str__(self):
        return f"{self.operation} → {self.place}"
