"""The API's JSON parser: DRF's, refusing text PostgreSQL cannot store and bodies Python cannot nest.

JSON may spell a lone UTF-16 surrogate ("\\ud800"), which is not valid Unicode: PostgreSQL refuses it and
the answer echoing it could not be encoded. A very deeply nested body exhausts the parser's recursion.
Both are a 400 here, before any view sees the data.
"""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def has_lone_surrogate(data) -> bool:
    """Whether any string of `data` (keys included; lists and dicts walked without recursion) is not
    valid Unicode."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class StrictJSONParser(JSONParser):
    """JSONParser plus the two refusals of the module docstring (ParseError: HTTP 400 with `detail`)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - the body is nested too deeply.") from exc
        if has_lone_surrogate(data):
            raise ParseError("JSON parse error - the text contains characters that are not valid Unicode.")
        return data
