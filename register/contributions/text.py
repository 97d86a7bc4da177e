"""Checks of the text a contributor or moderator sends, before anything is stored.

PostgreSQL cannot store the NUL character in text or JSON, and other control characters (except tab,
line feed and carriage return) have no place in a register's text; bidirectional override and isolate
characters (U+202A–U+202E, U+2066–U+2069) can make a name display as something else than it is, so names
refuse them. A value that is not a string (a list, an object, a number, true/false) is refused too rather
than turned into text.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_text(value, *, name: bool = False, max_length: int | None = None) -> str:
    """`value` stripped of surrounding whitespace; None is "". With `name`, bidirectional control
    characters are refused too; `max_length` is checked on the text as it will be stored.

    Raises ValidationError (code "not_text", "control", "bidi" or "max_length") with one message.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(_("This must be text."), code="not_text")
    value = value.strip()
    if CONTROL_RE.search(value):
        raise ValidationError(_("This text contains control characters; remove them."), code="control")
    if name and BIDI_RE.search(value):
        raise ValidationError(
            _("This name contains characters that change the direction of writing; remove them."),
            code="bidi",
        )
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
