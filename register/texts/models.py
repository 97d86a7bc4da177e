"""Descriptive texts of records in other languages than their original.

A record (Place, Operation) keeps its original text in its own field (`description`) with the language
it is written in (`description_language`); a TextTranslation holds the same text in one more language.
Each row belongs to exactly one record through an explicit foreign key, so that the audit trail can show
and restore translations as child rows of their record (register/audit/registry.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from register.audit.models import HistoryStamp, indexed_only
from register.texts.languages import language_choices

MAX_TEXT_LENGTH = 10_000  # characters of a description or of one translation of it


class TranslatableField(models.TextChoices):
    """The translatable text fields of a record."""

    DESCRIPTION = "description", _("description")


class TextTranslation(models.Model):
    """The text of one field (`field`) of one place or operation in one language (a code of
    settings.LANGUAGES). Exactly one of `place` and `operation` is set; one row per record, field and
    language. `source` says who wrote or translated it where known."""

    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.CASCADE, related_name="translations"
    )
    operation = models.ForeignKey(
        "operations.Operation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
    )
    field = models.CharField(
        _("text field"),
        max_length=30,
        choices=TranslatableField.choices,
        default=TranslatableField.DESCRIPTION,
    )
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    text = models.TextField(_("text"))
    source = models.ForeignKey(
        "sources.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source"),
    )

    history = HistoricalRecords(
        bases=[HistoryStamp], cascade_delete_history=False, no_db_index=indexed_only("place", "operation")
    )

    class Meta:
        ordering = ["field", "language", "id"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(place__isnull=False, operation__isnull=True)
                | models.Q(place__isnull=True, operation__isnull=False),
                name="translation_one_record",
            ),
            models.UniqueConstraint(
                fields=["place", "field", "language"],
                condition=models.Q(place__isnull=False),
                name="translation_unique_place",
            ),
            models.UniqueConstraint(
                fields=["operation", "field", "language"],
                condition=models.Q(operation__isnull=False),
                name="translation_unique_operation",
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="translation_not_empty"),
            models.CheckConstraint(
                condition=models.Q(language__regex=r"^[a-z]{2,3}$"), name="translation_language_code"
            ),
        ]

    def __str__(self):
        return f"{self.text[:60]} ({self.language})"

    @property
    def record(self):
        """The place or operation the text belongs to."""
        return self.place if self.place_id else self.operation
