"""How well a recorded name matches a searched name, and why: `name_score(query, candidate)`.

The keys of `register.names.keys` are compared in a fixed precedence; the first level at which the two
names agree gives the score and the reason, so an exact folded match always ranks first:

    level                              reason                         score
    exact folded key                   exact                          1.0
    Latin skeleton                     same_in_other_script /         0.95 (other script) / 0.9
                                       same_skeleton
    family key (surnames)              female_form / male_form /      0.85
                                       same_in_other_script
    loose skeleton                     spelling_variant               0.75
    Daitch-Mokotoff code               sounds_alike                   0.65
    given-name table (given names)     given_name_equivalent          0.6
    character trigrams (pg_trgm-like)  similar_spelling               0.45 x similarity, below MATCH_THRESHOLD
    nothing                            no_match                       0.0

Names of several words are compared word by word in the same order; the reversed order (Soviet files
put the surname first) is also tried, at REVERSED_ORDER_FACTOR of the score.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from register.names.dmsoundex import dm_codes
from register.names.given_names import are_equivalent
from register.names.keys import FEMALE, family_form, name_keys

MATCH_THRESHOLD = 0.5  # a score above it is a name match worth showing; trigram guesses stay below it
TRIGRAM_MIN = 0.3  # pg_trgm's default similarity threshold: below it trigrams are no match at all
TRIGRAM_WEIGHT = 0.45
REVERSED_ORDER_FACTOR = 0.97
KINDS = ("surname", "given")

SCORES = {
    "exact": 1.0,
    "same_in_other_script": 0.95,
    "same_skeleton": 0.9,
    "family": 0.85,
    "spelling_variant": 0.75,
    "sounds_alike": 0.65,
    "given_name_equivalent": 0.6,
}

REASONS = {
    "exact": _("same name"),
    "same_in_other_script": _("same name in another script"),
    "same_skeleton": _("same name in another spelling"),
    "female_form": _("female form of the same surname"),
    "male_form": _("male form of the same surname"),
    "other_form": _("another form of the same surname"),
    "spelling_variant": _("spelling variant"),
    "sounds_alike": _("sounds alike"),
    "given_name_equivalent": _("same given name in another language"),
    "part_of_name": _("part of a double name"),
    "father_name": _("father's given name"),
    "similar_spelling": _("similar spelling"),
    "no_match": _("no match"),
}

_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Match:
    """The result of comparing two names: `score` from 0 to 1 and a `reason` code of REASONS."""

    score: float
    reason: str

    @property
    def text(self) -> str:
        """The reason in words, translated (a lazy string)."""
        return REASONS[self.reason]


NO_MATCH = Match(0.0, "no_match")


def name_score(query: str, candidate: str, *, kind: str = "surname") -> Match:
    """Compare a searched name with a recorded one; see the module docstring for the levels.

    kind: "surname" (family keys are compared) or "given" (the given-name table is). Raises ValueError
    for another kind. Two names without letters are no match.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    direct = _compare(query, candidate, kind)
    reversed_candidate = " ".join(reversed(_WORD_RE.findall(candidate or "")))
    if direct.reason == "exact" or reversed_candidate == " ".join(_WORD_RE.findall(candidate or "")):
        return direct
    turned = _compare(query, reversed_candidate, kind)
    turned = Match(round(turned.score * REVERSED_ORDER_FACTOR, 4), turned.reason)
    return turned if turned.score > direct.score else direct


def _compare(query: str, candidate: str, kind: str) -> Match:
    one, other = _keys(query or ""), _keys(candidate or "")
    if not one["exact"] or not other["exact"]:
        return NO_MATCH
    if one["exact"] == other["exact"]:
        return Match(SCORES["exact"], "exact")
    other_script = _is_cyrillic(query) != _is_cyrillic(candidate)
    if one["latin_skeletons"] & other["latin_skeletons"]:
        reason = "same_in_other_script" if other_script else "same_skeleton"
        return Match(SCORES[reason], reason)
    if kind == "surname" and one["family_keys"] & other["family_keys"]:
        return Match(SCORES["family"], _family_reason(one, other, other_script))
    if one["loose_skeletons"] & other["loose_skeletons"]:
        return Match(SCORES["spelling_variant"], "spelling_variant")
    if _sound_alike(query, candidate):
        return Match(SCORES["sounds_alike"], "sounds_alike")
    if kind == "given" and are_equivalent(query, candidate):
        return Match(SCORES["given_name_equivalent"], "given_name_equivalent")
    similarity = max(
        trigram_similarity(a, b) for a in one["latin_skeletons"] for b in other["latin_skeletons"]
    )
    if similarity >= TRIGRAM_MIN:
        return Match(round(TRIGRAM_WEIGHT * similarity, 4), "similar_spelling")
    return NO_MATCH


@lru_cache(maxsize=4096)
def _keys(name: str) -> dict:
    return name_keys(name)


def _is_cyrillic(name: str) -> bool:
    return bool(_CYRILLIC_RE.search(name or ""))


def _family_reason(one: dict, other: dict, other_script: bool) -> str:
    return family_reason(one["latin_skeleton"], other["latin_skeleton"], other_script)


def family_reason(query_skeleton: str, candidate_skeleton: str, other_script: bool) -> str:
    """The reason of a family-key match from the two Latin skeletons: "female_form" / "male_form" when
    the recorded name (`candidate_skeleton`) has a female ending and the searched one not, or the
    reverse; else "same_in_other_script" (other_script) or "other_form"."""
    genders = [
        {family_form(word)[1] == FEMALE for word in skeleton.split()}
        for skeleton in (query_skeleton, candidate_skeleton)
    ]
    if genders[0] != genders[1]:
        return "female_form" if True in genders[1] else "male_form"
    return "same_in_other_script" if other_script else "other_form"


def _sound_alike(query: str, candidate: str) -> bool:
    """Whether the names share a Daitch-Mokotoff code, word by word when both have as many words."""
    words, other_words = _WORD_RE.findall(query), _WORD_RE.findall(candidate)
    if len(words) == len(other_words) > 1:
        return all(dm_codes(a) & dm_codes(b) for a, b in zip(words, other_words, strict=True))
    return bool(dm_codes(query) & dm_codes(candidate))


def trigrams(text: str) -> set[str]:
    """The character trigrams of `text` as pg_trgm makes them: each lowercase word padded with two
    spaces before and one after ("ab" -> {"  a", " ab", "ab "})."""
    out = set()
    for word in _WORD_RE.findall(text.lower()):
        padded = f"  {word} "
        out.update(padded[start : start + 3] for start in range(len(padded) - 2))
    return out


def trigram_similarity(one: str, other: str) -> float:
    """pg_trgm's similarity(): shared trigrams / all distinct trigrams of both, from 0.0 to 1.0."""
    first, second = trigrams(one), trigrams(other)
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)
