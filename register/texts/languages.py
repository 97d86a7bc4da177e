"""The languages a descriptive text of the register can be written in: the site's languages
(settings.LANGUAGES, the 24 official languages of the European Union plus Russian and Ukrainian)."""

from django.conf import settings

from register.core.locale_data import language_name

ORIGINAL_DEFAULT = "en"


def language_choices() -> list[tuple[str, str]]:
    """[(code, translated name)] of settings.LANGUAGES, read when called (never at import time)."""
    return list(settings.LANGUAGES)


def language_codes() -> set[str]:
    """The codes of settings.LANGUAGES ("bg", "cs", ... "uk")."""
    return {code for code, _name in settings.LANGUAGES}


def language_label(code: str) -> str:
    """The name of a language in the reader's language as the CLDR writes it inside a sentence ("lt" ->
    "Lithuanian", "Litauisch", "lituanien", "lietuvių"); the code itself for an unknown one."""
    return language_name(code) if code in language_codes() else code
