"""Names, dates and numbers for the reader's language from the Unicode CLDR, through Babel: country names
("LT" -> "Lituania", "il-Litwanja"), language names, "June 1941" / "1941 m. birželis" / "Ġunju 1941",
"14 June 1941" in the language's long date format, and grouped numbers ("94.779", "94 779").

Babel carries CLDR data for all 26 languages of settings.LANGUAGES, Maltese and Irish included, which
Django's own format modules and pycountry's iso-codes translations do not all have.
"""

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from django.utils import translation

# CLDR's "pt" is Brazilian Portuguese; the register's Portuguese is that of Portugal (EU).
CLDR_LOCALES = {"pt": "pt_PT"}


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(CLDR_LOCALES.get(language, language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def reader_locale(language: str | None = None) -> Locale:
    """The Babel Locale of `language` (default: the active Django language); English for an unknown one."""
    code = (language or translation.get_language() or "en").split("-")[0].lower()
    return _locale(code)


def country_name(code: str, language: str | None = None) -> str:
    """ISO 3166-1 alpha-2 code -> the country's name in the reader's language ("DE" -> "Germany",
    "Deutschland", "il-Ġermanja"); "" for ""; an unknown code as given."""
    if not code:
        return ""
    if len(code) != 2 or not code.isalpha() or code.upper() == "ZZ":  # CLDR's "ZZ" is "Unknown Region"
        return code
    return reader_locale(language).territories.get(code.upper(), code)


def language_name(code: str, language: str | None = None) -> str:
    """BCP 47 code -> the language's name in the reader's language ("ru" -> "Russian", "rusų"); the code
    as given when CLDR does not know it."""
    if not code:
        return ""
    base = code.replace("_", "-").split("-")[0].lower()
    return reader_locale(language).languages.get(base, code)


def year_month(year: int, month: int, language: str | None = None) -> str:
    """A month of a year in the reader's language (CLDR skeleton yMMMM): "June 1941", "Juni 1941"."""
    return format_skeleton("yMMMM", dt.date(year, month, 1), locale=reader_locale(language))


def long_date(value: dt.date, language: str | None = None) -> str:
    """A day in the reader's long date format: "June 14, 1941", "14. Juni 1941", "1941 m. birželio 14 d."."""
    return format_date(value, "long", locale=reader_locale(language))


def number(value, language: str | None = None) -> str:
    """An integer or decimal grouped for the reader's language: 94779 -> "94,779", "94.779", "94 779";
    None and "" as "", anything that is not a number as given."""
    if value is None or value == "":
        return ""
    try:
        return format_decimal(value, locale=reader_locale(language))
    except (TypeError, ValueError, ArithmeticError):
        return str(value)
