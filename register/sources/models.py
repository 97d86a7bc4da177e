"""Sources (archive files, publications, web pages, testimonies, data sets) and citations of them.

A `Citation` ties any record (place, operation, ...) to a source with a locator (page, clause, sheet).
Child facts (names, locations, figures) point at their source directly.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    """Kinds of source a fact can cite."""

    ARCHIVE_FILE = "archive_file", _("archive file")
    PUBLICATION = "publication", _("publication")
    WEB_PAGE = "web_page", _("web page")
    TESTIMONY = "testimony", _("testimony")
    DATA_SET = "data_set", _("data set")


class Source(models.Model):
    """One source. Archive files use archive/fond/opis/delo/list; others the full reference and URL.

    `key` is a stable slug so importers can find the source again (e.g. "memorial-1998").
    """

    key = models.SlugField(_("key"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    title = models.CharField(_("short title"), max_length=300)
    reference = models.TextField(_("full reference"), blank=True)
    authors = models.CharField(_("authors or editors"), max_length=500, blank=True)
    year = models.CharField(_("year"), max_length=20, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    archive = models.CharField(_("archive"), max_length=300, blank=True)
    fond = models.CharField(_("fond"), max_length=50, blank=True)
    opis = models.CharField(_("opis"), max_length=50, blank=True)
    delo = models.CharField(_("delo"), max_length=50, blank=True)
    list = models.CharField(_("list (sheet)"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="archive_file") | ~models.Q(archive=""),
                name="source_archive_file_names_archive",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def archive_reference(self) -> str:
        """The archive reference in the customary short form: "GARF, f. 9401, op. 1, d. 4475, l. 12"."""
        parts = [self.archive] if self.archive else []
        for label, value in (("f.", self.fond), ("op.", self.opis), ("d.", self.delo), ("l.", self.list)):
            if value:
                parts.append(f"{label} {value}")
        return ", ".join(parts)

    @property
    def display(self) -> str:
        """The full reference as it is printed under a record."""
        return self.reference or self.archive_reference or self.title


class Citation(models.Model):
    """A record's citation of a source, with a locator (page, clause, sheet) and an optional note."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    locator = models.CharField(_("locator"), max_length=200, blank=True, help_text=_("page, clause, sheet"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "content_type", "object_id", "locator"], name="citation_unique"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.locator}".strip()
