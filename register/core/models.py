"""Abstract building blocks shared by the register's models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from register.core.edtf import edtf_bounds


class Period(models.Model):
    """A period as an EDTF string plus its strict lower and upper bounds for range queries.

    `period_start`/`period_end` are derived from `period_edtf` in `clean()` and `save()`; None means
    open or unknown on that side.
    """

    period_edtf = models.CharField(
        _("period (EDTF)"), max_length=100, blank=True, help_text=_("e.g. 1941, 1941-06, 1930/1960")
    )
    period_start = models.DateField(_("period start"), null=True, blank=True, editable=False)
    period_end = models.DateField(_("period end"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.period_start, self.period_end = edtf_bounds(self.period_edtf)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        edtf_bounds(self.period_edtf)


class Script(models.TextChoices):
    """ISO 15924 codes of the scripts the register's names are written in."""

    LATIN = "Latn", _("Latin")
    CYRILLIC = "Cyrl", _("Cyrillic")
    GREEK = "Grek", _("Greek")
    HEBREW = "Hebr", _("Hebrew")
    ARABIC = "Arab", _("Arabic")
    OTHER = "Zyyy", _("other")


def guess_script(text: str) -> str:
    """Return the ISO 15924 code of the first letter's script in `text` (Latin when there is none)."""
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            return Script.CYRILLIC
        if "\u0370" <= char <= "\u03ff":
            return Script.GREEK
        if "\u0590" <= char <= "\u05ff":
            return Script.HEBREW
        if "\u0600" <= char <= "\u06ff":
            return Script.ARABIC
        if char.isalpha():
            return Script.LATIN
    return Script.LATIN
