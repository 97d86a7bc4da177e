"""Template filters of the register's pages: names of countries, languages and vocabulary terms, EDTF
periods and numbers in the reader's language (CLDR data through Babel: register.core.locale_data), and the
language switcher's choices and alternates.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import pgettext

from register.core import locale_data
from register.core.edtf_words import edtf_display
from register.core.models import Script
from register.places.vocabulary_messages import VOCABULARY_CONTEXT

register = template.Library()


def _active_language() -> str:
    return (translation.get_language() or "en").split("-")[0]


def country_name(code: str) -> str:
    """Country name in the reader's language: DE -> Germany, or Deutschland in German; unknown as given."""
    return locale_data.country_name(code)


def language_name(code: str) -> str:
    """BCP 47 code -> language name in the reader's language: "ru" -> "Russian" / "Russisch"."""
    return locale_data.language_name(code)


def vocabulary_label(term) -> str:
    """A vocabulary term (Activity, Region) in the reader's language: Russian readers get the label of
    the Russian source, everyone else the English label through the interface catalogues (the terms are
    listed for translation in register.places.vocabulary_messages, with their vocabulary as context)."""
    if term is None:
        return ""
    if _active_language() == "ru" and term.label_ru:
        return term.label_ru
    context = VOCABULARY_CONTEXT.get(type(term).__name__)
    return pgettext(context, term.label_en) if context else term.label_en


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
def number(value) -> str:
    """A number grouped for the reader's language (CLDR): 94779 -> "94,779", "94.779", "94 779"."""
    return locale_data.number(value)


@register.filter
def country_names(codes) -> str:
    """A list of alpha-2 codes -> their names joined by commas."""
    return ", ".join(country_name(code) for code in codes or [])


@register.simple_tag
def language_choices() -> list[dict]:
    """settings.LANGUAGES as [{"code", "name_local"}], each language named in itself as the CLDR names it,
    with a capital as the first word of a menu item ("Lietuvių", "Ελληνικά", "Malti", "Українська")."""
    choices = []
    for code, _name in settings.LANGUAGES:
        local = locale_data.language_name(code, code)
        choices.append({"code": code, "name_local": local[:1].upper() + local[1:]})
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
