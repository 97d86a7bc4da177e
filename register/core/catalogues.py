"""The interface catalogues `locale/<language>/LC_MESSAGES/django.po`: their headers and the checks every
language must pass (issue 5): no untranslated or fuzzy entry, the right number of plural forms, and the
same placeholders and HTML tags as the English source.

The plural formulas are the ones of the GNU gettext manual ("Plural forms", section 12.6 of gettext 0.21)
and the Unicode CLDR plural rules for integers, as Django's own catalogues use them; Lithuanian keeps the
four-form formula of Django's catalogue (CLDR's "many" form for fractions) that its translations were
written for.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

SOURCE_LANGUAGE = "en"

PLURAL_FORMS = {
    **dict.fromkeys(
        ["bg", "da", "de", "el", "es", "et", "fi", "hu", "it", "nl", "pt", "sv"],
        "nplurals=2; plural=(n != 1);",
    ),
    "fr": "nplurals=2; plural=(n > 1);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    **dict.fromkeys(
        ["hr", "ru", "uk"],
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
        "? 1 : 2);",
    ),
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "lt": (
        "nplurals=4; plural=(n % 10 == 1 && (n % 100 > 19 || n % 100 < 11) ? 0 : (n % 10 >= 2 && n % 10 "
        "<=9) && (n % 100 > 19 || n % 100 < 11) ? 1 : n % 1 != 0 ? 2: 3);"
    ),
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "ga": "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);",
    "mt": (
        "nplurals=4; plural=(n==1 ? 0 : n==0 || ( n%100>1 && n%100<11) ? 1 : (n%100>10 && n%100<20 ) ? 2 "
        ": 3);"
    ),
}

# %(name)s, %s, %d, %.1f ... (python-format) and {name} (python-brace-format), and HTML tag names.
PERCENT = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
BRACE = re.compile(r"(?<!{){[a-z_][a-z0-9_]*}(?!})")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")


def plural_count(formula: str, default: int = 2) -> int:
    """The nplurals of a Plural-Forms value ("nplurals=3; plural=..." -> 3); `default` when it has none."""
    match = re.search(r"nplurals=(\d+)", formula or "")
    return int(match.group(1)) if match else default


def translated_languages() -> list[str]:
    """The codes of settings.LANGUAGES that have a catalogue: every language but the English source."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def catalogue_path(language: str) -> Path:
    """locale/<language>/LC_MESSAGES/django.po under the first of settings.LOCALE_PATHS."""
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def placeholders(text: str, flags) -> list[str]:
    """Sorted placeholders of `text`: python-format ones ("%(count)s", "%s"; "%%" excluded) where the
    entry is python-format, brace ones ("{name}") where it is python-brace-format."""
    found = []
    if "python-format" in flags:
        found += [match for match in PERCENT.findall(text) if match != "%%"]
    if "python-brace-format" in flags:
        found += BRACE.findall(text)
    return sorted(found)


def tags(text: str) -> list[str]:
    """Sorted lower-case names of the HTML tags in `text` ("<a href=...>x</a>" -> ["a", "a"])."""
    return sorted(name.lower() for name in TAG.findall(text))


@dataclass(frozen=True)
class Problem:
    """One fault of a catalogue entry: `kind` is untranslated, fuzzy, plural-forms, placeholders or tags."""

    language: str
    kind: str
    msgid: str
    detail: str = ""

    def __str__(self):
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.language}: {self.kind}{detail}: {self.msgid[:80]!r}"


def _entry_problems(language: str, entry, nplurals: int) -> list[Problem]:
    problems = []
    if entry.fuzzy:
        problems.append(Problem(language, "fuzzy", entry.msgid))
    if entry.msgid_plural:
        forms = [entry.msgstr_plural.get(index, "") for index in range(nplurals)]
        if len(entry.msgstr_plural) != nplurals:
            problems.append(
                Problem(language, "plural-forms", entry.msgid, f"{len(entry.msgstr_plural)} of {nplurals}")
            )
        if not all(form.strip() for form in forms):
            problems.append(Problem(language, "untranslated", entry.msgid))
            return problems
        wanted = placeholders(entry.msgid_plural, entry.flags)
        allowed = set(wanted) | set(placeholders(entry.msgid, entry.flags))
        for form in forms:
            got = placeholders(form, entry.flags)
            # A form for exactly one (or two) may spell the number out, so it may drop the count; it may
            # never bring in a placeholder the source lacks.
            if not set(got) <= allowed:
                problems.append(Problem(language, "placeholders", entry.msgid, f"{got} not in {wanted}"))
        if placeholders(forms[-1], entry.flags) != wanted:
            problems.append(Problem(language, "placeholders", entry.msgid, f"last form lacks {wanted}"))
        if any(tags(form) != tags(entry.msgid_plural) for form in forms):
            problems.append(Problem(language, "tags", entry.msgid))
        return problems
    if not entry.msgstr.strip():
        problems.append(Problem(language, "untranslated", entry.msgid))
        return problems
    if placeholders(entry.msgstr, entry.flags) != placeholders(entry.msgid, entry.flags):
        problems.append(
            Problem(
                language,
                "placeholders",
                entry.msgid,
                f"{placeholders(entry.msgstr, entry.flags)} != {placeholders(entry.msgid, entry.flags)}",
            )
        )
    if tags(entry.msgstr) != tags(entry.msgid):
        detail = f"{tags(entry.msgstr)} != {tags(entry.msgid)}"
        problems.append(Problem(language, "tags", entry.msgid, detail))
    return problems


def catalogue_problems(language: str, path: Path | None = None) -> list[Problem]:
    """Every Problem of `language`'s catalogue; [] when it is complete. A missing catalogue, a header
    without the language's plural formula, or a fuzzy header is a problem too."""
    path = path or catalogue_path(language)
    if not path.exists():
        return [Problem(language, "missing", str(path))]
    catalogue = polib.pofile(str(path))
    problems = []
    header = catalogue.metadata.get("Plural-Forms", "")
    if language in PLURAL_FORMS and header != PLURAL_FORMS[language]:
        problems.append(Problem(language, "plural-forms", "(header)", header))
    if catalogue.metadata_is_fuzzy:
        problems.append(Problem(language, "fuzzy", "(header)"))
    nplurals = plural_count(header)
    for entry in catalogue:
        if entry.obsolete:
            continue
        problems.extend(_entry_problems(language, entry, nplurals))
    return problems


def normalise(language: str, path: Path | None = None) -> None:
    """Give `language`'s catalogue a real header (project name, Language, the plural formula of
    PLURAL_FORMS, UTF-8, not fuzzy), give every plural entry as many msgstr[n] as the formula has forms,
    and empty the fuzzy guesses that msgmerge makes for new strings (a translator writes them afresh)."""
    path = path or catalogue_path(language)
    catalogue = polib.pofile(str(path), wrapwidth=79)
    catalogue.metadata.update(
        {
            "Project-Id-Version": "gulag-register",
            "Report-Msgid-Bugs-To": "",
            "Language": language,
            "Language-Team": f"{language} <LL@li.org>".replace(" <LL@li.org>", ""),
            "Last-Translator": "gulag-register translators",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS[language],
        }
    )
    # msgfmt -c wants a revision date: the date the catalogue was last brought up to the source.
    catalogue.metadata["PO-Revision-Date"] = catalogue.metadata.get("POT-Creation-Date", "")
    catalogue.metadata_is_fuzzy = False
    nplurals = plural_count(PLURAL_FORMS[language])
    for entry in catalogue:
        if entry.fuzzy and not entry.obsolete:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = None
            if entry.msgid_plural:
                entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
            else:
                entry.msgstr = ""
        if entry.msgid_plural:
            forms = {index: entry.msgstr_plural.get(index, "") for index in range(nplurals)}
            entry.msgstr_plural = forms
    catalogue.header = "Interface strings of the Gulag register. Licence: AGPL-3.0-or-later."
    catalogue.save()


def summary(language: str) -> dict:
    """{"language", "entries", "untranslated", "fuzzy", "other"} counts for `language`'s catalogue."""
    problems = catalogue_problems(language)
    entries = len([entry for entry in polib.pofile(str(catalogue_path(language))) if not entry.obsolete])
    counts = {"untranslated": 0, "fuzzy": 0, "other": 0}
    for problem in problems:
        counts[problem.kind if problem.kind in counts else "other"] += 1
    return {"language": language, "entries": entries, **counts}
