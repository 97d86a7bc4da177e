"""Fold a name in any script and any common romanization to one coarse search key.

Cyrillic is romanized with the Wikipedia scheme of `iuliia` (close to BGN/PCGN), then every Latin
text is reduced to a "skeleton": diacritics removed, the digraphs that different romanization
schemes and national orthographies spell differently (zh/ž/ż, sh/š/sz, ch/č/cz, kh/h, ts/c, y/j/i,
w/v) merged, doubled letters collapsed. Two spellings of the same name give the same skeleton:

    >>> search_key("Норильлаг") == search_key("Norillag") == "norilag"
    True
    >>> search_key("Краслаг") == search_key("Kraslag")
    True

The key is for finding, never for display. The rules are our own, chosen from the differences
between the Cyrillic romanization systems listed by the `iuliia` project (GOST 7.79, ISO 9, BGN/PCGN,
ICAO Doc 9303, Wikipedia) and the Baltic, Polish and German spellings of the same sounds.
"""

import re
import unicodedata

import iuliia

# Letters that NFKD does not decompose into a base letter plus a combining mark.
_SPECIAL_LETTERS = str.maketrans(
    {"ł": "l", "ß": "ss", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "ŀ": "l", "þ": "th", "№": " "}
)

# Applied in order, longest first, to lowercase ASCII text.
_DIGRAPHS = [
    ("shch", "s"),
    ("szcz", "s"),
    ("sch", "s"),
    ("tsch", "c"),
    ("sz", "s"),
    ("cz", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ch", "c"),
    ("sh", "s"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
    ("y", "i"),
    ("j", "i"),
]
_DIGRAPH_RE = re.compile("|".join(re.escape(src) for src, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_NON_WORD_RE = re.compile(r"[^a-z0-9]+")
_DOUBLE_RE = re.compile(r"([a-z])\1+")


def romanize(text: str) -> str:
    """Romanize Cyrillic letters in `text` (Wikipedia scheme); other characters are kept as they are."""
    if not _CYRILLIC_RE.search(text):
        return text
    return iuliia.WIKIPEDIA.translate(text)


def fold(text: str) -> str:
    """Lowercase `text` and strip diacritics: "Žemaitienė" -> "zemaitiene", "Łukasiewicz" -> "lukasiewicz"."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL_LETTERS))
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


def visible(text: str) -> str:
    """`text` composed (NFC) and without invisible format characters (soft hyphen, zero-width space
    and joiners, direction marks), which copying from web pages and PDFs leaves inside words."""
    text = unicodedata.normalize("NFC", text)
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def search_key(text: str) -> str:
    """Return the coarse search key of a name in any script: lowercase ASCII words separated by spaces.

    Returns "" for text without letters or digits. See the module docstring for the rules.
    """
    text = fold(romanize(visible(text or "")))
    text = _DIGRAPH_RE.sub(lambda match: _DIGRAPH_MAP[match.group(0)], text)
    text = _NON_WORD_RE.sub(" ", text)
    return _DOUBLE_RE.sub(r"\1", text).strip()
