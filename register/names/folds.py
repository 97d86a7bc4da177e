"""Write a name in plain Latin letters: Cyrillic romanized, national spellings of the same sounds folded.

`latinize` is the first step of the skeleton keys in `register.names.keys`. It returns lowercase text in
which the sounds that the register's languages spell differently are spelled one way, close to the
English-style romanization of Russian: š, sz, sch -> "sh"; ž, ż, rz -> "zh"; č, cz, ç -> "ch";
ț -> "ts"; Polish and German ch -> "h". What is left (y/i/j, kh/h, ts/c, doubled letters) is merged by
the skeleton rules.

Sources of the rules:
- Cyrillic: the Wikipedia scheme of `iuliia` (close to BGN/PCGN, the usual English spelling) and
  ISO 9:1995 = GOST 7.79-2000 system A (`iuliia.GOST_779`, close to the Baltic and Czech spellings);
  Ukrainian: the official Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010).
- Latin: the spelling of each language (Polish, Lithuanian, Latvian, Estonian, German, Romanian,
  Crimean Tatar), mapped to the letters Russian Cyrillic uses for the same sounds, which is how Soviet
  files wrote these names (ó = у, ł = л, ż/rz = ж, ț = ц, ç = ч, German z = ц, ü = ю).
"""

import re
import unicodedata

import iuliia

from register.names.normalize import fold, visible

LANGUAGES = ("lt", "lv", "et", "pl", "ro", "de", "crh", "uk", "ru", "yi")
SCHEMES = ("wikipedia", "iso9")

_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_UKRAINIAN_ONLY = set("іїєґ")
_WORD_RE = re.compile(r"\S+")

# Letters a language's spelling gives away (checked in this order; the first language found wins).
_MARKERS = [
    ("crh", set("çğıñq")),
    ("ro", set("ăâîșşțţ")),
    ("lt", set("ėįų")),
    ("pl", set("łśćźżńó")),
    ("lv", set("āēīōķļņģ")),
    ("et", set("õ")),
    ("de", set("ß")),
]
_NASALS = set("ąę")
_MARKER_DIGRAPHS = [("pl", ("sz", "cz", "rz")), ("de", ("sch",))]

_V = "aąeęéioóuyäöüõāēīūė"  # vowels, for the rules that depend on a following vowel


def _rules(*pairs: tuple[str, str]) -> tuple[re.Pattern, list[str]]:
    """One regex trying the patterns in order at each position, and the replacement of each."""
    pattern = "|".join(f"(?P<r{number}>{source})" for number, (source, _) in enumerate(pairs))
    return re.compile(pattern), [target for _, target in pairs]


_LANGUAGE_RULES = {
    "pl": _rules(
        ("szcz", "shch"), ("sz", "sh"), ("cz", "ch"), ("ch", "h"), ("rz", "zh"), ("dż", "dzh"),
        (f"[sś]i(?=[{_V}])", "s"), (f"[cć]i(?=[{_V}])", "c"), (f"[zź]i(?=[{_V}])", "z"),
        (f"[nń]i(?=[{_V}])", "n"), ("ś", "s"), ("ć", "c"), ("ź", "z"), ("ż", "zh"), ("ń", "n"),
        ("ł", "l"), ("ó", "u"), ("ą(?=[bp])", "om"), ("ę(?=[bp])", "em"), (r"ą\b", "a"), (r"ę\b", "e"),
        ("ą", "on"), ("ę", "en"), ("w", "v"),
    ),
    "lt": _rules(("ch", "h"), ("dž", "dzh"), ("ą", "a"), ("ę", "e"), ("ė", "e"), ("į", "i"), ("ų", "u")),
    "lv": _rules(("ķ", "k"), ("ģ", "g"), ("ļ", "l"), ("ņ", "n")),
    "et": _rules(("õ", "o"), ("ä", "a"), ("ö", "o"), ("ü", "u")),
    "de": _rules(
        ("tsch", "ch"), ("sch", "sh"), (r"\bst", "sht"), (r"\bsp", "shp"), ("ch", "h"), ("ck", "k"),
        ("tz", "ts"), ("z", "ts"), ("ß", "ss"), ("th", "t"), ("dt", "t"), ("ie", "i"), ("eu|äu", "oi"),
        ("ä|ae", "e"), ("ö|oe", "io"), ("ü|ue", "iu"), (f"(?<=[{_V}])h(?![{_V}])", ""),
        (f"\\bs(?=[{_V}])", "z"), ("w", "v"), ("qu", "kv"),
    ),
    "ro": _rules(
        ("ț|ţ", "ts"), ("ș|ş", "sh"), ("ă", "a"), ("[âî]", "i"), ("ch(?=[ei])", "k"), ("gh(?=[ei])", "g"),
        (f"ci(?=[{_V}])", "ch"), ("c(?=[ei])", "ch"), (f"gi(?=[{_V}])", "dzh"), ("g(?=[ei])", "dzh"),
        ("c", "k"), ("j", "zh"), ("ea", "ia"),
    ),
    "crh": _rules(
        ("ç", "ch"), ("ş", "sh"), ("c", "dzh"), ("ğ", "g"), ("ı", "y"), ("ñ", "n"), ("q", "k"), ("j", "zh"),
    ),
}  # fmt: skip

# Letters with the same value in every language that writes them (applied after the language's rules).
_COMMON_LETTERS = str.maketrans(
    {
        "š": "sh", "ž": "zh", "č": "ch", "ŝ": "shch", "ż": "zh", "ś": "s", "ć": "c", "ź": "z", "ń": "n",
        "ł": "l", "ß": "ss", "ț": "ts", "ţ": "ts", "ș": "sh", "ş": "sh", "ç": "ch", "ğ": "g", "ı": "i",
        "ñ": "n", "õ": "o", "â": "a", "û": "u", "è": "e", "ë": "e", "ʹ": "", "ʺ": "", "’": "", "'": "",
        "ʼ": "", "`": "",
    }
)  # fmt: skip

# Ukrainian national transliteration (2010): letters, and the forms used at the start of a word.
_UKRAINIAN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
    "ы": "y", "э": "e", "ё": "io", "ъ": "",  # Russian letters in a Ukrainian-looking word
}  # fmt: skip
_UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Before the Russian schemes: the Belarusian letter they do not know.
_TO_RUSSIAN = str.maketrans({"ў": "у", "Ў": "У"})


def guess_language(word: str) -> str | None:
    """The language whose spelling `word` (lowercase Latin) gives away, or None.

    Letters decide: "ł" -> "pl", "ė" -> "lt", "ņ" -> "lv", "õ" -> "et", "ț" -> "ro", "ç" -> "crh",
    "ß" -> "de", "ą"/"ę" -> "pl" (-> "lt" beside š, ž, č or ū); then the digraphs "sz"/"cz"/"rz" -> "pl"
    and "sch" -> "de". Letters shared by several languages (š, ž, č, ä, ö, ü, ū) decide nothing: they are
    folded the same way whatever the language.
    """
    letters = set(word)
    for language, markers in _MARKERS:
        if letters & markers:
            return language
    if letters & _NASALS:  # ą, ę: Polish, or Lithuanian when the word has Lithuanian letters too
        return "lt" if letters & set("šžčū") else "pl"
    for language, digraphs in _MARKER_DIGRAPHS:
        if any(digraph in word for digraph in digraphs):
            return language
    return None


def romanize_cyrillic(text: str, *, scheme: str = "wikipedia", lang: str | None = None) -> str:
    """Romanize Cyrillic `text` (other characters are kept).

    scheme: "wikipedia" (iuliia's Wikipedia scheme) or "iso9" (ISO 9:1995 / GOST 7.79 A). A text with
    Ukrainian letters (і, ї, є, ґ), or lang="uk", is romanized with the Ukrainian national scheme
    instead. Raises ValueError for an unknown scheme.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown romanization scheme {scheme!r}; expected one of {SCHEMES}")
    if lang == "uk" or set(text.lower()) & _UKRAINIAN_ONLY:
        return _romanize_ukrainian(text)
    text = text.translate(_TO_RUSSIAN)
    if scheme == "iso9":  # iuliia's GOST 7.79 leaves ё as it is; ISO 9 writes ë, which folds to e
        text = text.replace("ё", "е").replace("Ё", "Е")
    return (iuliia.GOST_779 if scheme == "iso9" else iuliia.WIKIPEDIA).translate(text)


def _romanize_ukrainian(text: str) -> str:
    text, out = text.lower(), []
    for position, char in enumerate(text.lower()):
        initial = position == 0 or not text[position - 1].isalpha()
        if char == "г" and position and text[position - 1].lower() == "з":
            out.append("gh")  # зг is written zgh, to keep it apart from ж (zh)
        elif initial and char in _UKRAINIAN_INITIAL:
            out.append(_UKRAINIAN_INITIAL[char])
        else:
            out.append(_UKRAINIAN.get(char, char))
    return "".join(out)


def latinize(name: str, lang: str | None = None, *, scheme: str = "wikipedia") -> str:
    """`name` in lowercase Latin letters with national spellings folded (see the module docstring).

    lang: an ISO 639 code of LANGUAGES to apply that language's spelling rules to every Latin word;
    None guesses each word's language from its letters (`guess_language`). Cyrillic words are
    romanized with `scheme`. Raises ValueError for an unknown language or scheme.
    "Łukasiewicz" -> "lukasevich", "Szczepański" -> "shchepanski", "Ciobanu" (lang="ro") -> "chobanu".
    """
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    text = visible(name or "").lower()
    words = []
    for word in _WORD_RE.findall(text):
        if _CYRILLIC_RE.search(word):
            word = unicodedata.normalize("NFC", romanize_cyrillic(word, scheme=scheme, lang=lang).lower())
        else:
            word = _fold_language(word, lang or guess_language(word))
        words.append(fold(word.translate(_COMMON_LETTERS)))
    return " ".join(words)


def _fold_language(word: str, lang: str | None) -> str:
    if lang not in _LANGUAGE_RULES:
        return word
    pattern, targets = _LANGUAGE_RULES[lang]
    return pattern.sub(lambda match: targets[int(match.lastgroup[1:])], word)
