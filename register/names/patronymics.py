"""The father's given name in a Russian or Ukrainian patronymic: "Иванович" and "Ивановна" -> "Иван".

Rules of Russian patronymic formation (the father's name plus -ович/-овна after a consonant, -евич/-евна
after й or ь, -ич/-ична or -инична for names in -а/-я; Павел, Лев, Пётр lose or change a vowel), and
the Ukrainian female -івна/-ївна; applied backwards to Cyrillic and to English-style romanizations
(Wikipedia, BGN/PCGN, ICAO: "Sergeyevich", "Sergeevich"). The result is a set of candidate names, not a
claim: compare them with `register.names.given_names` to find the equivalents in other languages.
"""

# (ending, what replaces it) in the order tried; the first ending that fits gives the candidates.
# A replacement starting with "+" applies only after a vowel ("Серге-евич" -> "Сергей"), one starting
# with "-" only after a consonant ("Игор-евич" -> "Игорь"), the others always.
_CYRILLIC = [
    ("ьевич", ("ий", "ь")),
    ("ьевна", ("ий", "ь")),
    ("евич", ("-ь", "+й")),
    ("евна", ("-ь", "+й")),
    ("ович", ("",)),
    ("овна", ("",)),
    ("ївна", ("й",)),
    ("івна", ("",)),
    ("инична", ("а",)),
    ("ична", ("а",)),
    ("ич", ("а",)),
]
_LATIN = [
    ("yevich", ("y",)),
    ("yevna", ("y",)),
    ("ievich", ("iy",)),
    ("ievna", ("iy",)),
    ("evich", ("-", "+y")),
    ("evna", ("-", "+y")),
    ("ovich", ("",)),
    ("ovna", ("",)),
    ("inichna", ("a",)),
    ("ichna", ("a",)),
    ("ich", ("a",)),
]
# Fathers' names whose stem in the patronymic is not (only) the name itself.
_IRREGULAR = {
    "павл": ("павел",),
    "льв": ("лев",),
    "петр": ("петр", "пётр"),
    "pavl": ("pavel",),
    "lv": ("lev",),
    "petr": ("petr", "pyotr"),
}
_VOWELS = set("аеёиоуыэюяіїєaeiouy")
_APOSTROPHES = str.maketrans("", "", "'’ʼʹ")
MIN_STEM = 2


def patronymic_to_given(patronymic: str) -> set[str]:
    """Candidate given names of the father, in the script of `patronymic`, capitalized like it.

    "Иванович" -> {"Иван"}, "Ивановна" -> {"Иван"}, "Petrovich" -> {"Petr", "Pyotr"},
    "Sergeyevich" -> {"Sergey"}, "Васильевич" -> {"Василий", "Василь"}, "Ильинична" -> {"Илья"}.
    A word that does not end like a patronymic (or several words) gives an empty set.
    """
    word = (patronymic or "").strip().translate(_APOSTROPHES)
    if not word or " " in word:
        return set()
    lower = word.lower()
    cyrillic = any("\u0400" <= char <= "\u04ff" for char in lower)
    for ending, replacements in _CYRILLIC if cyrillic else _LATIN:
        stem = lower[: len(lower) - len(ending)]
        if lower.endswith(ending) and len(stem) >= MIN_STEM:
            names = {_replace(stem, replacement) for replacement in replacements} - {""}
            names = {form for name in names for form in _IRREGULAR.get(name, (name,))}
            return {_like(word, name.replace("ьа", "ья")) for name in names}
    return set()


def _replace(stem: str, replacement: str) -> str:
    """`stem` + `replacement`, or "" when the replacement's "+" (after a vowel) or "-" (after a
    consonant) does not fit the stem's last letter."""
    after_vowel = stem[-1] in _VOWELS
    if replacement[:1] == "+":
        return stem + replacement[1:] if after_vowel else ""
    if replacement[:1] == "-":
        return "" if after_vowel else stem + replacement[1:]
    return stem + replacement


def _like(model: str, name: str) -> str:
    """`name` capitalized as `model` is (first letter upper case, or all lower case)."""
    return name[:1].upper() + name[1:] if model[:1].isupper() else name
