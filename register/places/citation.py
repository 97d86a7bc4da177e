"""Cite this record: a register record as plain text, BibTeX and CSL-JSON.

CSL-JSON follows the Citation Style Language 1.0.2 schema (type "dataset" for places and operations,
"entry" with the register as container for a person's record; `accessed` as date-parts); BibTeX uses
the biblatex-style `@misc` with `url` and `urldate`, which BibTeX styles also accept.
"""

import datetime as dt
import json
import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

PUBLISHER = "Gulag register"
BIBTEX_SPECIAL = re.compile(r"([{}\\&%$#_^~])")


def citable_url(record) -> str:
    """The record's stable address to cite: settings.SITE_URL + its unprefixed (English) page address,
    the same whatever language the reader reads it in ("https://host/places/pdfaf7ch7/", never /de/...)."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + record.get_absolute_url()


def record_title(display_name: str, original_name: str) -> str:
    """The title of a record: "Norilsky ITL (Норильский ИТЛ)"; just one name when both are the same."""
    if original_name and original_name != display_name:
        return f"{display_name} ({original_name})"
    return display_name


def plain_citation(*, title: str, record_id: str, url: str, accessed: dt.date) -> str:
    """One-line reference for a reader to copy, in the reader's language."""
    return _("“%(title)s”. %(publisher)s, record %(id)s. %(url)s (accessed %(date)s).") % {
        "title": title,
        "publisher": PUBLISHER,
        "id": record_id,
        "url": url,
        "date": accessed.isoformat(),
    }


def bibtex_escape(text: str) -> str:
    """Escape the characters BibTeX treats specially ({, }, \\, &, %, $, #, _, ^, ~)."""
    return BIBTEX_SPECIAL.sub(r"\\\1", text)


def bibtex_citation(*, title: str, record_id: str, url: str, accessed: dt.date) -> str:
    """A `@misc` entry keyed "gulagregister:<record id>" (UTF-8; biber and modern BibTeX read it)."""
    fields = [
        ("title", "{" + bibtex_escape(title) + "}"),
        ("publisher", bibtex_escape(PUBLISHER)),
        ("howpublished", bibtex_escape(PUBLISHER)),
        ("year", str(accessed.year)),
        ("url", url),
        ("urldate", accessed.isoformat()),
        ("note", "Record " + bibtex_escape(record_id) + ", accessed " + accessed.isoformat()),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{gulagregister:{record_id},\n{body}\n}}"


def csl_json_citation(
    *, title: str, record_id: str, url: str, accessed: dt.date, csl_type: str = "dataset"
) -> str:
    """A CSL-JSON array with one item of type `csl_type` ("dataset", or "entry" for a record that is an
    entry of the register, which then names the register as its container), pretty-printed, non-ASCII
    kept as is."""
    item = {
        "id": f"gulag-register-{record_id}",
        "type": csl_type,
        "title": title,
        "publisher": PUBLISHER,
        "number": record_id,
        "URL": url,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
    }
    if csl_type != "dataset":
        item["container-title"] = PUBLISHER
    return json.dumps([item], ensure_ascii=False, indent=2)


def citation_formats(
    *, title: str, record_id: str, url: str, accessed: dt.date | None = None, csl_type: str = "dataset"
) -> dict[str, str]:
    """{"text": ..., "bibtex": ..., "csl_json": ...} for a record; `accessed` defaults to today;
    `csl_type` is the CSL item type (see `csl_json_citation`)."""
    kwargs = {"title": title, "record_id": record_id, "url": url, "accessed": accessed or dt.date.today()}
    return {
        "text": plain_citation(**kwargs),
        "bibtex": bibtex_citation(**kwargs),
        "csl_json": csl_json_citation(**kwargs, csl_type=csl_type),
    }
