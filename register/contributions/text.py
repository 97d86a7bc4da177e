"""Checks of the text a contributor or moderator sends, before anything is stored.

PostgreSQL cannot store the NUL character in text or JSON, nor a lone UTF-16 surrogate (U+D800–U+DFFF,
which JSON can carry as "\ud800"), and other control characters (except tab, line feed and carriage
return) have no place in a register's text; bidirectional override and isolate characters
(U+202A–U+202E, U+2066–U+2069) can make a text display as something else than it is, so no text may
carry them. Names also refuse the invisible direction marks (U+200E, U+200F, U+061C) and line or paragraph
separators, and must contain at least one letter (a name of digits, punctuation or invisible characters
cannot be indexed or found). A value that is not a string (a list, an object, a number, true/false) is
refused too rather than turned into text.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
NAME_INVISIBLE_RE = re.compile("[\u200e\u200f\u061c\u2028\u2029]")


def clean_text(value, *, name: bool = False, max_length: int | None = None) -> str:
    """`value` stripped of surrounding whitespace; None is "". With `name`, direction marks and line
    separators are refused too and a letter is required; `max_length` is checked on the text as it will be
    stored.

    Raises ValidationError (code "not_text", "control", "surrogate", "bidi", "no_letter" or "max_length")
    with one message.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(_("This must be text."), code="not_text")
    value = value.strip()
    if CONTROL_RE.search(value):
        raise ValidationError(_("This text contains control characters; remove them."), code="control")
    if SURROGATE_RE.search(value):
        raise ValidationError(
            _("This text contains characters that are not valid Unicode."), code="surrogate"
        )
    if name and (BIDI_RE.search(value) or NAME_INVISIBLE_RE.search(value)):
        raise ValidationError(
            _("This name contains characters that change the direction of writing; remove them."),
            code="bidi",
        )
    if BIDI_RE.search(value):
        raise ValidationError(
            _("This text contains characters that change the direction of writing; remove them."),
            code="bidi",
        )
    if name and value and not any(char.isalpha() for char in value):
        raise ValidationError(_("A name needs at least one letter."), code="no_letter")
    if max_length is not None and len(value) > max_length:
        raise ValidationError(
            _("At most %(limit)d characters (this has %(count)d, including invisible ones).")
            % {"limit": max_length, "count": len(value)},
            code="max_length",
        )
    return value


def has_bidi_controls(value: str) -> bool:
    """Whether `value` contains a bidirectional override or isolate character."""
    return bool(BIDI_RE.search(value or ""))
