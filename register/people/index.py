"""Writing the name index: the dictionary of distinct name forms (`NameForm`) and their keys (`NameKey`).

A recorded name ("Žemaitienė", "Жемайтис") is reduced to its form text (`form_text`); each distinct form
is stored once with the keys of `register.names.keys.name_keys` as (kind, key) rows:

    EXACT   the exact folded key                      "zemaitiene"
    LATIN   each Latin skeleton (one per scheme)      "zhemaitiene"
    LOOSE   each loose skeleton                       "zamatana"
    FAMILY  each family key                           "zhemait"
    DM      each Daitch-Mokotoff code                 "463600"
    WORD    the Latin skeleton of each word of a name of several words ("Žemaitis-Vytautas")

`ensure_forms` is the one writer: it is safe under concurrent imports (INSERT ... ON CONFLICT) and fast
enough for bulk loads (one statement per batch with unnest arrays). When the key rules change,
`KEY_VERSION` goes up and `reindex_forms` recomputes the keys of the older forms.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.db import connection, transaction

from register.names.keys import KEY_VERSION, latin_skeleton, name_keys
from register.names.normalize import visible
from register.people.models import KeyKind, NameForm

MAX_FORM_LENGTH = 200
BATCH = 20_000
_SPACES_RE = re.compile(r"\s+")
_WORD_SPLIT_RE = re.compile(r"[\s\-‐‑–—/]+")


def form_text(value: str) -> str:
    """The dictionary text of a recorded name: composed (NFC), invisible characters removed, case-folded,
    whitespace collapsed. "  ŽEMAITIENĖ " -> "žemaitienė". "" for a name without letters.

    Raises ValueError when the result is longer than MAX_FORM_LENGTH characters.
    """
    text = _SPACES_RE.sub(" ", unicodedata.normalize("NFC", visible(value or "")).casefold()).strip()
    if not any(char.isalpha() for char in text):
        return ""
    if len(text) > MAX_FORM_LENGTH:
        raise ValueError(f"a name form may have at most {MAX_FORM_LENGTH} characters (it has {len(text)})")
    return text


def form_keys(text: str) -> list[tuple[int, str]]:
    """The (kind, key) rows of one form text, without repeats or empty keys (see the module docstring)."""
    keys = name_keys(text)
    rows = {(KeyKind.EXACT, keys["exact"])}
    rows.update((KeyKind.LATIN, key) for key in keys["latin_skeletons"])
    rows.update((KeyKind.LOOSE, key) for key in keys["loose_skeletons"])
    rows.update((KeyKind.FAMILY, key) for key in keys["family_keys"])
    rows.update((KeyKind.DM, key) for key in keys["dm_codes"])
    words = [word for word in _WORD_SPLIT_RE.split(text) if word]
    if len(words) > 1:
        rows.update((KeyKind.WORD, skeleton) for word in words if (skeleton := latin_skeleton(word)))
    return sorted((int(kind), key[:MAX_FORM_LENGTH]) for kind, key in rows if key)


def form_row(text: str) -> tuple[str, int, str, str, list[tuple[int, str]]]:
    """(text, key version, exact key, first Latin skeleton, key rows) of one form text."""
    keys = name_keys(text)
    return (
        text,
        KEY_VERSION,
        keys["exact"][:MAX_FORM_LENGTH],
        keys["latin_skeleton"][:MAX_FORM_LENGTH],
        form_keys(text),
    )


def ensure_forms(texts: Iterable[str], *, rows_for=None) -> dict[str, int]:
    """Make sure every form text (as `form_text` returns it; "" is skipped) is in the dictionary with
    its keys; return {text: NameForm id} for all of them.

    rows_for: an optional function text -> `form_row(text)` (a bulk importer may pass one computed in
    worker processes). Runs in the caller's transaction (or its own); concurrent callers adding the same
    form get the same id (INSERT ... ON CONFLICT DO NOTHING, then a second look-up).
    """
    wanted = sorted({text for text in texts if text})
    found: dict[str, int] = {}
    rows_for = rows_for or form_row
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start : start + BATCH]
            cursor.execute("SELECT text, id FROM people_nameform WHERE text = ANY(%s)", [batch])
            known = dict(cursor.fetchall())
            found.update(known)
            missing = [text for text in batch if text not in known]
            if missing:
                found.update(_insert_forms(cursor, [rows_for(text) for text in missing]))
    return found


def _insert_forms(cursor, rows) -> dict[str, int]:
    texts = [row[0] for row in rows]
    cursor.execute(
        """INSERT INTO people_nameform (text, key_version, exact, latin)
           SELECT * FROM unnest(%s::text[], %s::smallint[], %s::text[], %s::text[])
           ON CONFLICT (text) DO NOTHING RETURNING text, id""",
        [texts, [row[1] for row in rows], [row[2] for row in rows], [row[3] for row in rows]],
    )
    created = dict(cursor.fetchall())
    _insert_keys(cursor, [(created[row[0]], row[4]) for row in rows if row[0] in created])
    racing = [text for text in texts if text not in created]
    if racing:  # added by a concurrent transaction since our look-up: it wrote their keys too
        cursor.execute("SELECT text, id FROM people_nameform WHERE text = ANY(%s)", [racing])
        created.update(cursor.fetchall())
    return created


def _insert_keys(cursor, forms: list[tuple[int, list[tuple[int, str]]]]) -> None:
    ids, kinds, keys = [], [], []
    for form_id, rows in forms:
        for kind, key in rows:
            ids.append(form_id)
            kinds.append(kind)
            keys.append(key)
    if ids:
        cursor.execute(
            """INSERT INTO people_namekey (form_id, kind, key)
               SELECT * FROM unnest(%s::bigint[], %s::smallint[], %s::text[])""",
            [ids, kinds, keys],
        )


@transaction.atomic
def reindex_forms(*, all_forms: bool = False) -> int:
    """Recompute the keys of the forms stored under an older KEY_VERSION (or of every form with
    all_forms=True). Returns the number of forms reindexed."""
    forms = NameForm.objects.all() if all_forms else NameForm.objects.exclude(key_version=KEY_VERSION)
    count = 0
    with connection.cursor() as cursor:
        batch: list[tuple[int, str]] = []
        for form_id, text in forms.values_list("id", "text").iterator(chunk_size=BATCH):
            batch.append((form_id, text))
            if len(batch) == BATCH:
                count += _reindex(cursor, batch)
                batch = []
        count += _reindex(cursor, batch)
    return count


def _reindex(cursor, batch: list[tuple[int, str]]) -> int:
    if not batch:
        return 0
    ids = [form_id for form_id, _ in batch]
    rows = [form_row(text) for _, text in batch]
    cursor.execute("DELETE FROM people_namekey WHERE form_id = ANY(%s)", [ids])
    cursor.execute(
        """UPDATE people_nameform AS f SET key_version = v.version, exact = v.exact, latin = v.latin
           FROM unnest(%s::bigint[], %s::smallint[], %s::text[], %s::text[]) AS v(id, version, exact, latin)
           WHERE f.id = v.id""",
        [ids, [row[1] for row in rows], [row[2] for row in rows], [row[3] for row in rows]],
    )
    _insert_keys(cursor, [(form_id, row[4]) for form_id, row in zip(ids, rows, strict=True)])
    return len(batch)
