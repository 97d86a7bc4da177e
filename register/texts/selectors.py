"""Reads of descriptive texts in the reader's language.

The fallback chain (issue 5, "Content"): the reader's language -> English -> the original language
(the record's own field, e.g. Place.description in Place.description_language). The original text
counts as the text in its own language: a reader of that language sees it, not a fallback.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import translation

from register.texts.languages import language_codes, language_label
from register.texts.models import TextTranslation

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class ShownText:
    """What a page shows of one text field: `text` in `language` ("" and "" when the record has no text
    in any step of the chain); `is_fallback` is True when `language` is not `wanted` (the reader's)."""

    text: str
    language: str
    is_fallback: bool
    wanted: str

    @property
    def language_name(self) -> str:
        """The name of the language shown, in the reader's language."""
        return language_label(self.language)

    @property
    def wanted_name(self) -> str:
        """The name of the reader's language, in the reader's language."""
        return language_label(self.wanted)

    def __iter__(self):  # (text, language_shown, is_fallback), as translated_text's docstring says
        return iter((self.text, self.language, self.is_fallback))


def reader_language(language: str | None = None) -> str:
    """`language` (default: the active one) as a code of settings.LANGUAGES: "de-at" -> "de"; English
    for a language the register has no texts in."""
    code = (language or translation.get_language() or FALLBACK_LANGUAGE).lower()
    codes = language_codes()
    if code in codes:
        return code
    base = code.split("-")[0]
    return base if base in codes else FALLBACK_LANGUAGE


def texts_by_language(record, field: str = "description") -> dict[str, str]:
    """{language: text} of one field of `record` (a Place or Operation): the translations and the
    original under its own language (the original wins over a translation in the same language).
    Reads `record.translations.all()`, so a prefetch (`translations_prefetch`) saves the query."""
    texts = {row.language: row.text for row in record.translations.all() if row.field == field and row.text}
    original = getattr(record, field, "") or ""
    if original:
        texts[getattr(record, f"{field}_language", "") or FALLBACK_LANGUAGE] = original
    return texts


def translated_text(record, field: str = "description", language: str | None = None) -> ShownText:
    """The text of `field` of `record` for a reader of `language` (default: the active language).

    Chain: the reader's language -> English -> the original language (the record's own field in its
    `<field>_language`); the first step that has a non-empty text wins. Returns a ShownText, which
    unpacks as (text, language_shown, is_fallback); ("", "", False) when the record has no text at all.
    One query for the translations unless they were prefetched (`translations_prefetch`).
    """
    wanted = reader_language(language)
    texts = texts_by_language(record, field)
    original_language = getattr(record, f"{field}_language", "") or FALLBACK_LANGUAGE
    for step in (wanted, FALLBACK_LANGUAGE, original_language):
        if texts.get(step):
            return ShownText(texts[step], step, step != wanted, wanted)
    return ShownText("", "", False, wanted)


def translations_prefetch() -> Prefetch:
    """The prefetch of a place's or operation's translations for `translated_text` and
    `texts_by_language`: `queryset.prefetch_related(translations_prefetch())` (one query in all)."""
    return Prefetch("translations", queryset=TextTranslation.objects.order_by("field", "language", "id"))
