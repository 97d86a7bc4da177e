"""Template tags of translated texts: `{% translated_text record "description" as shown %}`."""

from django import template

from register.texts.selectors import ShownText
from register.texts.selectors import translated_text as select_text

register = template.Library()


@register.simple_tag
def translated_text(record, field: str = "description") -> ShownText:
    """The text of `field` of `record` in the reader's language, by the fallback chain of
    register/texts/selectors.py (reader's language -> English -> original language)."""
    return select_text(record, field)
