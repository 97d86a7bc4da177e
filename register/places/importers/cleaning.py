"""Checking the text values of one record of a places file against the Place model.

`RowCleaner.clean` turns {field: text} into typed values and a list of (field, message) problems;
it collects every problem of the record instead of stopping at the first.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from register.core.edtf import edtf_bounds
from register.places.importers.readers import FIELDS
from register.places.models import PlaceKind, Precision

NAME_MAX = 300
ID_MAX = 50
GEONAMES_MAX = 2**31 - 1
_LANG_RE = re.compile(
    r"([A-Za-z]{2,3})(-[A-Za-z]{4})?(-[A-Za-z]{2}|-\d{3})?((?:-[A-Za-z0-9]{5,8}|-\d[A-Za-z0-9]{3})*)"
)
_QID_RE = re.compile(r"Q[1-9]\d*")
_SPECIAL_LANGUAGES = {"und", "mul", "zxx", "mis"}
# Free text that is stored composed (NFC), so that "é" typed two ways is one name.
_COMPOSED_FIELDS = ("name", "alt_names", "description")


class FieldError(ValueError):
    """A value cannot be used; `str()` is a message for the researcher."""


@dataclass
class PlaceRow:
    """One checked record: the values of a Place, its names and its first Location.

    `geom` is in WGS 84 (SRID 4326); `record_id` is "" when the file has no id for the row.
    """

    row: int
    record_id: str
    name: str
    name_lang: str
    kind: str
    period: str
    precision: str
    description: str
    country: str
    wikidata: str
    geonames_id: int | None
    alt_names: list[str] = field(default_factory=list)
    geom: object = None


def normalize_language(value: str) -> str:
    """Check a BCP 47 tag and return it in canonical case ("RU" -> "ru", "de-at" -> "de-AT").

    The primary subtag must be an ISO 639 code known to pycountry (or und/mul/zxx/mis).
    Raises FieldError.
    """
    match = _LANG_RE.fullmatch(value.strip())
    if not match or len(value) > 20:
        raise FieldError(
            _("“%(value)s” is not a BCP 47 language tag (e.g. ru, de, uk-Cyrl)") % {"value": value[:30]}
        )
    primary, script, region, rest = (match.group(i) or "" for i in range(1, 5))
    primary = primary.lower()
    known = pycountry.languages.get(**{"alpha_2" if len(primary) == 2 else "alpha_3": primary})
    if known is None and primary not in _SPECIAL_LANGUAGES:
        raise FieldError(_("“%(value)s” is not an ISO 639 language code") % {"value": primary})
    return primary + script.title() + region.upper() + rest.lower()


class RowCleaner:
    """Checks the fields of records; `default_kind` and `default_lang` come from --kind and --lang.

    `require_id` is true when --dataset is given (the id is then the key of re-imports).
    """

    def __init__(self, default_kind: str = "", default_lang: str = "und", require_id: bool = False):
        self.default_kind = default_kind
        self.default_lang = default_lang
        self.require_id = require_id

    def clean(self, values: dict[str, str]) -> tuple[dict, list[tuple[str, str]]]:
        """Return ({field: value}, [(field, message), ...]) for a record's text values."""
        out, errors = {}, []
        for name in FIELDS:
            value = values.get(name, "")
            try:
                _check_storable(value)
                if name in _COMPOSED_FIELDS:
                    value = unicodedata.normalize("NFC", value)
                out[name] = getattr(self, f"clean_{name}")(value, out)
            except FieldError as exc:
                errors.append((name, str(exc)))
        return out, errors

    def clean_id(self, value: str, out: dict) -> str:
        if not value and self.require_id:
            raise FieldError(_("is required with --dataset (it is the key of re-imports)"))
        if len(value) > ID_MAX:
            raise FieldError(_("is longer than %(n)s characters") % {"n": ID_MAX})
        return value

    def clean_name(self, value: str, out: dict) -> str:
        if not value:
            raise FieldError(_("is required"))
        if len(value) > NAME_MAX:
            raise FieldError(_("is longer than %(n)s characters") % {"n": NAME_MAX})
        if not any(char.isalnum() for char in value):
            raise FieldError(_("has no letters or digits"))
        return value

    def clean_name_lang(self, value: str, out: dict) -> str:
        return normalize_language(value or self.default_lang)

    def clean_kind(self, value: str, out: dict) -> str:
        value = value or self.default_kind
        if not value:
            raise FieldError(_("is required (or give --kind)"))
        if value not in PlaceKind.values:
            raise FieldError(
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": value[:50], "choices": ", ".join(PlaceKind.values)}
            )
        return value

    def clean_period(self, value: str, out: dict) -> str:
        try:
            start, end = edtf_bounds(value)
        except ValidationError as exc:
            raise FieldError(exc.messages[0]) from None
        if start and end and start > end:
            raise FieldError(_("“%(value)s” ends before it starts") % {"value": value[:50]})
        if len(value) > 100:
            raise FieldError(_("is longer than %(n)s characters") % {"n": 100})
        return value

    def clean_precision(self, value: str, out: dict) -> str:
        value = value or Precision.APPROXIMATE
        if value not in Precision.values:
            raise FieldError(
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": value[:50], "choices": ", ".join(Precision.values)}
            )
        return value

    def clean_description(self, value: str, out: dict) -> str:
        return value

    def clean_country(self, value: str, out: dict) -> str:
        if not value:
            return ""
        if len(value) != 2 or pycountry.countries.get(alpha_2=value.upper()) is None:
            raise FieldError(
                _("“%(value)s” is not an ISO 3166-1 alpha-2 country code (e.g. RU, KZ)")
                % {"value": value[:50]}
            )
        return value.upper()

    def clean_wikidata(self, value: str, out: dict) -> str:
        if value and not _QID_RE.fullmatch(value.upper()):
            raise FieldError(
                _("“%(value)s” is not a Wikidata id (Q followed by digits)") % {"value": value[:50]}
            )
        return value.upper()

    def clean_geonames_id(self, value: str, out: dict) -> int | None:
        if not value:
            return None
        if not value.isascii() or not value.isdigit() or not 0 < int(value) <= GEONAMES_MAX:
            raise FieldError(
                _("“%(value)s” is not a GeoNames id (a positive whole number)") % {"value": value[:50]}
            )
        return int(value)

    def clean_alt_names(self, value: str, out: dict) -> list[str]:
        names = []
        for name in (part.strip() for part in value.split("|")):
            if len(name) > NAME_MAX:
                raise FieldError(_("a name is longer than %(n)s characters") % {"n": NAME_MAX})
            if name and not any(char.isalnum() for char in name):
                raise FieldError(_("“%(name)s” has no letters or digits") % {"name": name[:50]})
            if name and name != out.get("name") and name not in names:
                names.append(name)
        return names


def _check_storable(value: str) -> None:
    """Raise FieldError for characters PostgreSQL text cannot hold: NUL, and lone UTF-16 surrogates
    (which JSON escapes such as "\\ud800" can produce)."""
    if "\x00" in value:
        raise FieldError(_("contains a NUL character"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise FieldError(_("contains an invalid character (a lone UTF-16 surrogate)")) from None
