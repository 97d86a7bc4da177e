"""Template filters of the register's pages: names of countries, languages and vocabulary terms in the
reader's language, and EDTF periods in human form.

Country and language names come from the ISO 3166-1 and ISO 639-3 translations that pycountry ships
(Debian iso-codes); a code pycountry does not know is shown as it is.
"""

import gettext
from functools import lru_cache

import pycountry
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from register.core.edtf_words import edtf_display
from register.core.models import Script

register = template.Library()


@lru_cache(maxsize=64)
def _iso_translation(domain: str, language: str):
    """gettext translations of pycountry's `domain` (iso3166-1, iso639-3) for `language`."""
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _active_language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def country_name(code: str) -> str:
    """Country name in the reader's language: DE -> Germany, or Deutschland in German; unknown as given."""
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return _iso_translation("iso3166-1", _active_language()).gettext(name)


def language_name(code: str) -> str:
    """BCP 47 code -> language name in the reader's language: "ru" -> "Russian" / "Russisch"."""
    if not code:
        return ""
    base = code.split("-")[0].lower()
    lookup = {"alpha_2": base} if len(base) == 2 else {"alpha_3": base}
    language = pycountry.languages.get(**lookup)
    if language is None:
        return code
    return _iso_translation("iso639-3", _active_language()).gettext(language.name)


def vocabulary_label(term) -> str:
    """A vocabulary term (Activity, Region) in Russian for Russian readers, else in English."""
    if term is None:
        return ""
    return term.label_ru if _active_language() == "ru" and term.label_ru else term.label_en


def edtf_human(value: str) -> str:
    """EDTF period -> human form: "1935/1956" -> "1935–1956", "1941-09" -> "September 1941",
    "1949-03-25/1949-03-28" -> "March 25, 1949 – March 28, 1949" (in the reader's date format).

    Qualified or unusual EDTF (uncertain "?", approximate "~", sets) is returned as it is
    (`register.core.edtf_words.edtf_display` with extended=False).
    """
    return edtf_display(value, extended=False)


def script_name(code: str) -> str:
    """ISO 15924 code -> its label ("Cyrl" -> "Cyrillic"), translated."""
    try:
        return str(Script(code).label)
    except ValueError:
        return code


register.filter("country_name", country_name)
register.filter("language_name", language_name)
register.filter("vocabulary_label", vocabulary_label)
register.filter("edtf_human", edtf_human)
register.filter("script_name", script_name)


@register.filter
def country_names(codes) -> str:
    """A list of alpha-2 codes -> their names joined by commas."""
    return ", ".join(country_name(code) for code in codes or [])


@register.simple_tag
def language_choices() -> list[dict]:
    """settings.LANGUAGES as [{"code", "name_local"}], each language named in itself (for the switcher)."""
    choices = []
    for code, _name in settings.LANGUAGES:
        local = translation.get_language_info(code)["name_local"]
        choices.append({"code": code, "name_local": local})
    return choices


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """The page's address in every language of settings.LANGUAGES, for `<link rel="alternate" hreflang>`:
    [{"code": "lt", "url": "https://host/lt/places/x/?q=a"}, ...], English at the unprefixed address.
    [] without a request (a template rendered outside a view)."""
    request = context.get("request")
    if request is None:
        return []
    here = request.get_full_path()
    return [
        {"code": code, "url": request.build_absolute_uri(translate_url(here, code))}
        for code, _name in settings.LANGUAGES
    ]
