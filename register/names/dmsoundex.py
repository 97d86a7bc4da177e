"""Daitch-Mokotoff Soundex: six-digit sound codes for Eastern European and Yiddish names.

The rules and the coding chart are those of the Daitch-Mokotoff Soundex System by Gary Mokotoff and
Randy Daitch (1985), as published by JewishGen ("Soundex Coding", jewishgen.org/InfoFiles/soundex.html)
and in Mokotoff's "Soundexing and Genealogy" (Avotaynu), including the chart's later additions for
Polish Ą and Ę and Romanian Ţ. Written here from the published chart, not from another implementation:

- A name is coded to six digits, padded with zeros ("Berlin" -> 798600) and cut after the sixth.
- Letters are read left to right, the longest combination in the chart first ("SCH" before "S").
- Each combination has three codes: at the start of a name, before a vowel, in any other situation.
  Vowels are coded only at the start of a name (0); "H" only at the start or before a vowel.
- Some combinations have two codes (CH, CK, C, J, RS, RZ, Ą, Ę, Ţ): every branch is kept, so a name has
  one code or several ("Peters" -> {739400, 734000}).
- Adjacent letters with the same code are coded once ("Topf": P and F are one 7); the rule is for
  adjacent letters only, so a letter that is not coded (a vowel, an "H" that is not before a vowel)
  keeps identical codes apart ("Kogan" -> 556000). MN and NM keep both digits ("Kleinman" -> 586660).
- "J" is a consonant in the branch where it is coded 4 (DZH) and a vowel-like Y in the other: the
  "before a vowel" column of the letter before it follows the branch.

Non-letters (spaces, hyphens, apostrophes) are skipped: a name of several words is coded as one run,
as the chart treats a name. Cyrillic is romanized first (`register.names.normalize.romanize`), other
letters are folded to their base letter (Ą, Ę and Ţ/Ț are chart letters and are kept).
"""

from typing import NamedTuple

from register.names.normalize import fold, romanize, visible

CODE_LENGTH = 6


class _Branch(NamedTuple):
    start: str  # code at the start of a name ("" = not coded)
    before_vowel: str
    other: str
    vowel_like: bool  # whether a letter coded this way counts as a vowel for the letter before it


# The coding chart: letters, then the codes at the start of a name / before a vowel / any other situation.
# "" is "not coded"; "a|b" gives two branches (one code each), aligned across the three columns.
_CHART_ROWS = [
    ("AI AJ AY", "0", "1", ""),
    ("AU", "0", "7", ""),
    ("Ą", "", "", "6|"),
    ("A", "0", "", ""),
    ("B", "7", "7", "7"),
    ("CHS", "5", "54", "54"),
    ("CH", "5|4", "5|4", "5|4"),
    ("CK", "5|45", "5|45", "5|45"),
    ("CZ CS CSZ CZS", "4", "4", "4"),
    ("C", "5|4", "5|4", "5|4"),
    ("DRZ DRS", "4", "4", "4"),
    ("DS DSH DSZ", "4", "4", "4"),
    ("DZ DZH DZS", "4", "4", "4"),
    ("D DT", "3", "3", "3"),
    ("EI EJ EY", "0", "1", ""),
    ("EU", "1", "1", ""),
    ("Ę", "", "", "6|"),
    ("E", "0", "", ""),
    ("FB F", "7", "7", "7"),
    ("G", "5", "5", "5"),
    ("H", "5", "5", ""),
    ("IA IE IO IU", "1", "", ""),
    ("I", "0", "", ""),
    ("J", "1|4", "|4", "|4"),
    ("KS", "5", "54", "54"),
    ("KH K", "5", "5", "5"),
    ("L", "8", "8", "8"),
    ("MN NM", "66", "66", "66"),
    ("M N", "6", "6", "6"),
    ("OI OJ OY", "0", "1", ""),
    ("O", "0", "", ""),
    ("P PF PH", "7", "7", "7"),
    ("Q", "5", "5", "5"),
    ("R", "9", "9", "9"),
    ("RS RZ", "94|4", "94|4", "94|4"),
    ("SCHTSCH SCHTSH SCHTCH", "2", "4", "4"),
    ("SCH", "4", "4", "4"),
    ("SHTCH SHCH SHTSH", "2", "4", "4"),
    ("SHT SCHT SCHD", "2", "43", "43"),
    ("SH", "4", "4", "4"),
    ("STCH STSCH SC", "2", "4", "4"),
    ("STRZ STRS STSH", "2", "4", "4"),
    ("ST", "2", "43", "43"),
    ("SZCZ SZCS", "2", "4", "4"),
    ("SZT SHD SZD SD", "2", "43", "43"),
    ("SZ S", "4", "4", "4"),
    ("TCH TTCH TTSCH", "4", "4", "4"),
    ("TH", "3", "3", "3"),
    ("TRZ TRS", "4", "4", "4"),
    ("TSCH TSH", "4", "4", "4"),
    ("TS TTS TTSZ TC", "4", "4", "4"),
    ("TZ TTZ TZS TSZ", "4", "4", "4"),
    ("Ţ", "3|4", "3|4", "3|4"),
    ("T", "3", "3", "3"),
    ("UI UJ UY", "0", "1", ""),
    ("UE", "0", "", ""),
    ("U", "0", "", ""),
    ("V W", "7", "7", "7"),
    ("X", "5", "54", "54"),
    ("Y", "1", "", ""),
    ("ZDZ ZDZH ZHDZH", "2", "4", "4"),
    ("ZD ZHD", "2", "43", "43"),
    ("ZH ZS ZSCH ZSH", "4", "4", "4"),
    ("Z", "4", "4", "4"),
]
_NASAL_VOWELS = "ĄĘ"


def _branches(letters: str, start: str, before_vowel: str, other: str) -> tuple[_Branch, ...]:
    columns = [column.split("|") for column in (start, before_vowel, other)]
    count = max(len(column) for column in columns)
    columns = [column * count if len(column) == 1 else column for column in columns]
    vowel = letters in _NASAL_VOWELS
    return tuple(_Branch(s, v, o, vowel or s in ("0", "1")) for s, v, o in zip(*columns, strict=True))


_CHART = {letters: _branches(letters, *codes) for group, *codes in _CHART_ROWS for letters in group.split()}
_LONGEST = max(len(letters) for letters in _CHART)
_KEPT = {"Ą": "Ą", "Ę": "Ę", "Ţ": "Ţ", "Ț": "Ţ"}  # chart letters that folding would strip


def chart_letters(name: str) -> str:
    """The letters of `name` that the chart codes, uppercased: Cyrillic romanized, diacritics folded
    except on Ą, Ę, Ţ (Ț is the same letter), everything that is not a letter dropped.

    "Łukasiewicz" -> "LUKASIEWICZ", "Dąbrowski" -> "DĄBROWSKI", "O'Brien" -> "OBRIEN".
    """
    out = []
    for char in romanize(visible(name or "")).upper():
        char = _KEPT.get(char) or fold(char).upper()
        out.append(char if char in _KEPT.values() else "".join(c for c in char if "A" <= c <= "Z"))
    return "".join(out)


def _tokens(letters: str) -> list[tuple[_Branch, ...]]:
    tokens, position = [], 0
    while position < len(letters):
        for size in range(min(_LONGEST, len(letters) - position), 0, -1):
            branches = _CHART.get(letters[position : position + size])
            if branches:
                tokens.append(branches)
                position += size
                break
        else:  # a letter outside the chart (none after chart_letters); skip it
            position += 1
    return tokens


def _append(digits: str, previous: str, code: str) -> str:
    """Add `code` after `digits`; its first digit is dropped when the adjacent previous letter had
    the same code digit (the chart's rule for adjacent letters with identical codes)."""
    if code and previous and code[0] == previous[-1]:
        code = code[1:]
    return (digits + code)[:CODE_LENGTH]


def dm_codes(name: str) -> set[str]:
    """Daitch-Mokotoff Soundex codes of `name`: a set of six-digit strings, empty without letters.

    "Moskowitz" -> {"645740"}, "Peters" -> {"739400", "734000"}, "Шапиро" -> {"479000"}.
    Rules: the JewishGen chart (see the module docstring). Branches are followed together and merged
    whenever they reach the same state, so the work is linear in the length of the name.
    """
    tokens = _tokens(chart_letters(name))
    if not tokens:
        return set()
    # A state: digits so far, the code of the previous letter ("" = not coded), the branch taken here.
    states = {("", "", branch) for branch in tokens[0]}
    for position in range(len(tokens)):
        following = tokens[position + 1] if position + 1 < len(tokens) else (None,)
        next_states = set()
        for digits, previous, branch in states:
            for next_branch in following:
                if position == 0:
                    code = branch.start
                elif next_branch is not None and next_branch.vowel_like:
                    code = branch.before_vowel
                else:
                    code = branch.other
                next_states.add((_append(digits, previous, code), code, next_branch))
        states = next_states
    return {digits.ljust(CODE_LENGTH, "0") for digits, _, _ in states}


def dm_match(one: str, other: str) -> bool:
    """Whether two names share at least one Daitch-Mokotoff code (names without letters never match)."""
    return bool(dm_codes(one) & dm_codes(other))
