"""The normal forms ("keys") of one recorded name form, from the strictest to the coarsest.

- exact key: the name as written, composed, case-folded, diacritics folded ("Žemaitienė" -> "zemaitiene");
  Cyrillic stays Cyrillic (ё -> е, й kept).
- Latin skeleton: the name in Latin letters (`register.names.folds.latinize`: Cyrillic romanized,
  national spellings folded) with the differences between romanization schemes merged: y/j -> i,
  kh -> h, ts/tz -> c, w -> v, ph -> f, doubled letters once. "Жемайтис", "Žemaitis", "Zhemaitis" and
  "Żemajtis" -> "zhemaitis".
- loose skeleton: coarser: a y/i glide between a consonant and a vowel dropped ("Miagi" ~ "Mägi"),
  sh/s, ch/c, zh/z merged, g/h merged (Russian г is g, Ukrainian г is h: "Gnatyuk" ~ "Hnatiuk"), every
  run of vowels after a word's first consonant one "a" (Russian unstressed o/a, Yiddish and Polish vowel
  spellings: "Kogan" ~ "Kahan"); the vowels opening a word are kept ("Jonas" stays apart from "Jānis").
- family key: the Latin skeleton of a surname with the female, married and declined endings mapped to
  one stem: Lithuanian -ienė/-aitė/-ytė/-utė/-ė and -as/-is/-ys/-us/-ius, Latvian -a/-e and -s/-š/-is,
  Polish and Russian -ska/-cka/-skaya/-ski/-skiy, Russian -ova/-eva/-ina/-aya/-oy. It is a key, not a
  claim about the true base form: "Žemaitienė" and "Žemaitis" share "zhemait".

Cyrillic is romanized with two schemes (Wikipedia and ISO 9, see `folds.SCHEMES`); the `*_keys` and
`*_skeletons` functions return the key of each scheme, the others the first (Wikipedia). The rules are the
register's own, chosen from the spellings in Soviet files and the national orthographies; KEY_VERSION
numbers them so that stored keys can be recomputed when they change.
"""

import re
from itertools import product

from register.names.dmsoundex import dm_codes
from register.names.folds import SCHEMES, latinize
from register.names.normalize import fold, visible

KEY_VERSION = 2  # 2: family keys also of the name typed without diacritics ("Grinkeviciute")
MIN_STEM = 3  # letters a family-key stem keeps at least ("Ona" is not cut to "on")
FEMALE, MALE = "female", "male"

_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_APOSTROPHES_RE = re.compile("['’ʼ`ʹ]")
_NON_WORD_RE = re.compile(r"[\W_]+")
_KEEP_IN_EXACT = set("йїў")  # Cyrillic letters of their own, not a letter with a diacritic

_SKELETON_RULES = [
    ("tsch", "ch"), ("sch", "sh"), ("tsh", "ch"), ("kh", "h"), ("tz", "c"), ("ts", "c"), ("ph", "f"),
    ("q", "k"), ("x", "ks"), ("w", "v"), ("y", "i"), ("j", "i"),
]  # fmt: skip
_SKELETON_RE = re.compile("|".join(source for source, _ in _SKELETON_RULES))
_SKELETON_MAP = dict(_SKELETON_RULES)
_NON_LETTERS_RE = re.compile(r"[^a-z]+")
_DOUBLE_RE = re.compile(r"([a-z])\1+")

_CONSONANTS = "bcdfghklmnprstvz"
_GLIDE_RE = re.compile(f"(?<=[{_CONSONANTS}])i(?=[aeiou])")
_LOOSE_RULES = {"shch": "s", "sh": "s", "ch": "c", "zh": "z", "g": "h"}
_LOOSE_RULES_RE = re.compile("|".join(_LOOSE_RULES))
_VOWELS_RE = re.compile("[aeiou]+")

# Surname endings in skeleton letters (y -> i, doubled letters once), the stem ending that replaces them,
# and the grammatical gender they mark. Tried longest first.
_FAMILY_ENDINGS = [
    ("iene", "", FEMALE),  # Lithuanian married: Žemaitienė
    ("aite", "", FEMALE),  # Lithuanian unmarried, of -as: Kazlauskaitė
    ("iute", "", FEMALE),  # Lithuanian unmarried, of -ius: Grinkevičiūtė
    ("ute", "", FEMALE),  # Lithuanian unmarried, of -us
    ("ite", "", FEMALE),  # Lithuanian unmarried, of -is/-ys: Žemaitytė
    ("ene", "", FEMALE),  # Russian spelling of -ienė: Жемайтене
    ("skaia", "sk", FEMALE),  # Russian -ская
    ("ckaia", "ck", FEMALE),  # Russian -цкая
    ("ska", "sk", FEMALE),  # Polish -ska
    ("cka", "ck", FEMALE),  # Polish -cka
    ("zka", "zk", FEMALE),  # Polish -dzka
    ("ski", "sk", MALE),  # Polish -ski, Russian -ский
    ("cki", "ck", MALE),  # Polish -cki, Russian -цкий
    ("zki", "zk", MALE),  # Polish -dzki
    ("skoi", "sk", MALE),  # Russian -ской
    ("ovoi", "ov", FEMALE),  # Russian declined female -овой
    ("evoi", "ev", FEMALE),
    ("inoi", "in", FEMALE),
    ("ovim", "ov", ""),  # Russian instrumental -овым
    ("evim", "ev", ""),
    ("inim", "in", ""),
    ("ovu", "ov", ""),  # Russian dative -ову
    ("evu", "ev", ""),
    ("inu", "in", ""),
    ("aia", "", FEMALE),  # Russian -ая: Tolstaya
    ("oi", "", MALE),  # Russian -ой: Tolstoy
    ("ius", "", MALE),  # Lithuanian -ius
    ("as", "", MALE),  # Lithuanian -as
    ("is", "", MALE),  # Lithuanian/Latvian -is, -ys
    ("us", "", MALE),  # Lithuanian -us
    ("sh", "", MALE),  # Latvian -š: Kalniņš
    ("s", "", MALE),  # Latvian -s: Bērzs
    ("ia", "", FEMALE),  # Russian spelling of Latvian -ņa, -ļa: Калныня
    ("a", "", FEMALE),  # Latvian -a, Russian -ova/-eva/-ina, Polish -owa
    ("e", "", FEMALE),  # Lithuanian -ė, Latvian -e
]
_FAMILY_ENDINGS.sort(key=lambda ending: -len(ending[0]))


def exact_key(name: str) -> str:
    """The exact folded key: composed (NFC), case-folded, diacritics removed, apostrophes dropped, any
    other run of non-letters one space. Cyrillic stays Cyrillic (ё -> е; й, ї, ў are kept).

    "Žemaitienė" -> "zemaitiene", "O’Brien" -> "obrien", "Пётр" -> "петр"; "" for no letters.
    """
    text = _APOSTROPHES_RE.sub("", visible(name or "").casefold())
    text = "".join(char if char in _KEEP_IN_EXACT else fold(char) for char in text)
    return _NON_WORD_RE.sub(" ", text).strip()


def latin_skeleton(name: str, lang: str | None = None, *, scheme: str = "wikipedia") -> str:
    """The Latin skeleton of `name`: lowercase ASCII words separated by one space ("" for no letters).

    lang: as for `folds.latinize` (None guesses each word's language); scheme: how Cyrillic is
    romanized ("wikipedia" or "iso9"). Raises ValueError for an unknown language or scheme.
    "Шевчук" -> "shevchuk", "Szewczuk" -> "shevchuk", "Wróblewski" -> "vrublevski".
    """
    words = []
    for word in latinize(name, lang, scheme=scheme).split():
        word = _SKELETON_RE.sub(lambda match: _SKELETON_MAP[match.group(0)], word)
        word = _DOUBLE_RE.sub(r"\1", _NON_LETTERS_RE.sub("", word))
        if word:
            words.append(word)
    return " ".join(words)


def loose_skeleton(name: str, lang: str | None = None, *, scheme: str = "wikipedia") -> str:
    """The loose skeleton of `name` (see the module docstring): "Gnatyuk" and "Hnatiuk" -> "hnatak".

    Arguments and errors as for `latin_skeleton`.
    """
    return _loosen(latin_skeleton(name, lang, scheme=scheme))


def _loosen(skeleton: str) -> str:
    text = _GLIDE_RE.sub("", skeleton)
    text = _LOOSE_RULES_RE.sub(lambda match: _LOOSE_RULES[match.group(0)], text)
    words = []
    for word in text.split():
        head = len(word) - len(word.lstrip("aeiou"))  # vowels opening a word are kept as they are
        words.append(word[:head] + _VOWELS_RE.sub("a", word[head:]))
    return _DOUBLE_RE.sub(r"\1", " ".join(words))


def family_form(word: str) -> tuple[str, str]:
    """Split one skeleton word (as `latin_skeleton` returns it) into its family stem and the gender its
    ending marks: ("zhemaitiene") -> ("zhemait", "female"), ("vrublevski") -> ("vrublevsk", "male").

    The gender is "female", "male" or "" (no ending recognised, or a declined form); the stem keeps at
    least MIN_STEM letters, else the word is returned whole. Endings: see the module docstring.
    """
    for ending, replacement, gender in _FAMILY_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: len(word) - len(ending)] + replacement, gender
    return word, ""


def family_readings(word: str) -> list[str]:
    """Every family stem one skeleton word may have: the stem of `family_form` and, for a word in -e,
    also the word without it, because a Lithuanian female -ė ending can look like a longer ending
    ("zhemaite": Žemaitė of Žemaitis, or -aitė of Žemas) -> ["zhem", "zhemait"].
    """
    stems = [family_form(word)[0]]
    if word.endswith("e") and len(word) - 1 >= MIN_STEM and word[:-1] not in stems:
        stems.append(word[:-1])
    return stems


def family_key(name: str, lang: str | None = None, *, scheme: str = "wikipedia") -> str:
    """The family key of a surname (see the module docstring): "Wróblewska", "Врублевская" and
    "Wróblewski" -> "vrublevsk". Arguments and errors as for `latin_skeleton`.
    """
    return _family(latin_skeleton(name, lang, scheme=scheme))


def _family(skeleton: str) -> str:
    return " ".join(family_form(word)[0] for word in skeleton.split())


def _families(skeleton: str) -> set[str]:
    """The family keys of every combination of the words' readings (`family_readings`)."""
    return {" ".join(stems) for stems in product(*(family_readings(word) for word in skeleton.split()))}


def schemes_for(name: str) -> tuple[str, ...]:
    """The romanization schemes that give `name` different keys: all of SCHEMES for a name with
    Cyrillic letters, only the first for a name without."""
    return SCHEMES if _CYRILLIC_RE.search(name or "") else SCHEMES[:1]


def latin_skeletons(name: str, lang: str | None = None) -> set[str]:
    """The Latin skeletons of `name` under each romanization scheme (one for a Latin name); no "" in it."""
    return {key for scheme in schemes_for(name) if (key := latin_skeleton(name, lang, scheme=scheme))}


def name_keys(name: str, lang: str | None = None) -> dict[str, str | int | set[str]]:
    """All keys of one name form, as the name index stores them.

    Returns {"version": KEY_VERSION, "exact": str, "latin_skeleton": str, "loose_skeleton": str,
    "family_key": str, "latin_skeletons": set[str], "loose_skeletons": set[str], "family_keys": set[str],
    "dm_codes": set[str]}: the str keys use the first scheme, the sets hold the keys of every scheme
    (see `schemes_for`) and every family reading (`family_readings`); "dm_codes" are the Daitch-Mokotoff
    codes (`register.names.dmsoundex`).
    Raises ValueError for an unknown language.
    """
    skeletons = [latin_skeleton(name, lang, scheme=scheme) for scheme in schemes_for(name)]
    # A name typed without its diacritics ("Grinkeviciute" for Grinkevičiūtė) has other skeletons ("c" is
    # not "č" = "ch"); the family keys of the bare spelling let it find the male and married forms too.
    bare = latin_skeleton(exact_key(name), lang)
    return {
        "version": KEY_VERSION,
        "exact": exact_key(name),
        "latin_skeleton": skeletons[0],
        "loose_skeleton": _loosen(skeletons[0]),
        "family_key": _family(skeletons[0]),
        "latin_skeletons": {key for key in skeletons if key},
        "loose_skeletons": {_loosen(key) for key in skeletons if key},
        "family_keys": {family for key in {*skeletons, bare} if key for family in _families(key)},
        "dm_codes": dm_codes(name),
    }
