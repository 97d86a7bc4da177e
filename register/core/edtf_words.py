"""EDTF dates and periods in words for the reader: "June 1941", "about 1941", "spring 1942",
"March 25, 1949 – March 28, 1949", "1935–1956", in the active language's CLDR formats (Babel, through
register.core.locale_data): "Juni 1941", "1941 m. birželis", "14 ta’ Ġunju 1941". The one place that
writes EDTF in words: life events (`edtf_display`) and the periods of places and operations
(`edtf_human`, the template filter of `register.core.templatetags.register_tags`).

Covers what victims' registers record: EDTF Level 0 dates and intervals, Level 1 qualifiers on a
whole date ("1941?" uncertain, "1941~" approximate, "1941%" both), unspecified digits ("194X",
"1941-XX"), seasons ("1942-21" .. "-24") and open or unknown interval ends ("1950/..", "../1950",
"1950/"). Anything else (sets, qualifiers inside a date, Level 2 seasons) is shown as written, so a
reader never sees a wrong date. Specification: ISO 8601-2:2019 / Library of Congress EDTF.
"""

import datetime as dt
import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from register.core.locale_data import long_date, year_month

DATE_RE = re.compile(
    r"^(?P<before>[?~%])?(?P<year>\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(?P<month>\d{2}|XX))?(?:-(?P<day>\d{2}|XX))?(?P<after>[?~%])?$"
)
OPEN_ENDS = ("", "..")


def _seasons() -> dict[int, str]:
    """EDTF Level 1 season codes (21 spring .. 24 winter) -> "spring %(year)s" in the reader's language."""
    return {
        21: pgettext("season of a year", "spring %(year)s"),
        22: pgettext("season of a year", "summer %(year)s"),
        23: pgettext("season of a year", "autumn %(year)s"),
        24: pgettext("season of a year", "winter %(year)s"),
    }


def _plain(year: str, month: str | None, day: str | None) -> str | None:
    """An unqualified date in words, or None when it is not a real date (month 13, 31 April)."""
    if "X" in year:
        if month is not None:  # "19XX-06": a month of an unknown year reads best as written
            return None
        first, last = year.replace("X", "0"), year.replace("X", "9")
        return f"{first}–{last}"
    if month in (None, "XX"):
        return year
    number = int(month)
    if 21 <= number <= 24 and day is None:
        return _seasons()[number] % {"year": year}
    try:
        if day in (None, "XX"):
            dt.date(int(year), number, 1)  # month 13 is not a date
            return year_month(int(year), number)
        return long_date(dt.date(int(year), number, int(day)))
    except ValueError:
        return None


def _qualified(text: str, qualifier: str) -> str:
    if qualifier == "?":
        return _("%(date)s (uncertain)") % {"date": text}
    if qualifier == "~":
        return _("about %(date)s") % {"date": text}
    if qualifier == "%":
        return _("about %(date)s (uncertain)") % {"date": text}
    return text


def date_words(value: str, *, extended: bool = True) -> str | None:
    """One EDTF date (not an interval) in words, or None when this module does not read it. With
    extended=False only plain Level 0 dates are read (no qualifiers, unspecified digits or seasons)."""
    match = DATE_RE.match(value)
    if not match or (match["before"] and match["after"]):
        return None
    if not extended and (
        match["before"] or match["after"] or "X" in value or (match["month"] or "00") > "12"
    ):
        return None
    text = _plain(match["year"], match["month"], match["day"])
    if text is None:
        return None
    return _qualified(text, match["before"] or match["after"] or "")


def edtf_display(value: str, *, extended: bool = True) -> str:
    """An EDTF date or interval in words for the active language; "" for ""; the value as written when
    it is outside the subset described in the module docstring (or, with extended=False, when it is not
    plain Level 0: "1941~" stays "1941~").

    "1941-06" -> "June 1941"; "1949-03-25/1949-03-28" -> "March 25, 1949 – March 28, 1949" (en);
    "1941/1956" -> "1941–1956"; "1950/.." -> "from 1950"; "../1950" -> "until 1950"; "1941~" -> "about 1941".
    """
    value = (value or "").strip()
    if not value:
        return ""
    if "/" not in value:
        return date_words(value, extended=extended) or value
    start, end = (part.strip() for part in value.split("/", 1))
    first = "" if start in OPEN_ENDS else date_words(start, extended=extended)
    last = "" if end in OPEN_ENDS else date_words(end, extended=extended)
    if first is None or last is None or not (first or last):
        return value
    if first and last and first == last:  # "1941/1941"
        return first
    if first and last:
        joiner = "–" if first.isdigit() and last.isdigit() else " – "
        return f"{first}{joiner}{last}"
    if first:
        return _("from %(start)s") % {"start": first}
    return _("until %(end)s") % {"end": last}
