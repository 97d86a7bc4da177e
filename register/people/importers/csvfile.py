"""Problems of a person list as a file (encoding, CSV structure), located at their line and column.

Used by `register.people.importers.bulk`: `utf16_problem` looks at the first bytes before reading;
`not_utf8` and `long_field_column` are called after the reader stopped at an error, to say where in the
file it is (the decoder and the csv module only know their read-ahead buffer).
"""

import csv
import io
from pathlib import Path

LONG_FIELD_LIMIT = 1 << 26  # characters: how far `long_field_column` reads a field over the csv limit
HINT = "save it as UTF-8"


def utf16_problem(head: bytes) -> str:
    """The problem of a file beginning with the bytes `head` if it is UTF-16 text, else "".

    Certain with a byte order mark (FF FE or FE FF); without one, the file is taken for UTF-16 when at
    least half of its even or of its odd bytes are NUL (Latin letters in UTF-16LE are "r\\0e\\0c\\0...",
    and a header line is Latin letters). UTF-8 text of a person list has no NUL bytes at all."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return f"the file is UTF-16 (byte order mark); {HINT}"
    sample = head[: len(head) // 2 * 2]
    if len(sample) >= 4 and max(sample[0::2].count(0), sample[1::2].count(0)) * 4 >= len(sample):
        return f"the file looks like UTF-16; {HINT}"
    return ""


def not_utf8(path: Path) -> tuple[int, int, str] | None:
    """Where the first byte sequence of `path` that is not UTF-8 is: (line from 1, column index from 0 in
    that line's CSV fields, message), or None if the whole file decodes.

    A UTF-8 character never contains a newline byte, so the file is decoded line by line. Raises OSError
    when the file cannot be read."""
    offset = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                prefix = line[: exc.start].decode("utf-8")
                column = len(next(csv.reader(io.StringIO(prefix)), [""])) - 1 if prefix else 0
                message = (
                    f"is not UTF-8 text ({exc.reason} at byte {offset + exc.start + 1:,} of the file; "
                    f"Windows-1251 or Latin-1?): {HINT}"
                )
                return number, max(column, 0), message
            offset += len(line)
    return None


def long_field_column(path: Path, line: int, limit: int) -> int | None:
    """The position (from 0) of the first field longer than `limit` characters in the CSV record that
    begins on physical line `line` of `path` (UTF-8), or None when it cannot be found (a field of more
    than LONG_FIELD_LIMIT characters, or a file that changed)."""
    previous = csv.field_size_limit(LONG_FIELD_LIMIT)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for _ in range(line - 1):
                handle.readline()
            fields = next(csv.reader(handle), [])
    except (csv.Error, UnicodeDecodeError, OSError):
        return None
    finally:
        csv.field_size_limit(previous)
    return next((position for position, value in enumerate(fields) if len(value) > limit), None)
