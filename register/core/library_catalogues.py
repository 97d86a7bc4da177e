"""Strings that Django, Django REST framework and django-allauth show to the register's users, brought into
the register's own catalogues so that every language of settings.LANGUAGES has them — also where a library
ships no catalogue (Maltese for all three, Irish and Croatian for some, European Portuguese for allauth).

`extract()` reads the msgids from the libraries' own source (the files of LIBRARY_SOURCES, the parts of each
library a reader, contributor or API client meets) with GNU xgettext and Django's template lexer, exactly as
makemessages would; `write_module()` lists them in register/core/library_messages.py, so that makemessages
keeps them in locale/<lang>/LC_MESSAGES/django.po; `prefill(language)` copies each library's own
translation into an empty msgstr, so translators write only what the libraries lack.
"""

import gettext
import re
import subprocess  # noqa: S404  (runs GNU xgettext, as makemessages does)
import tempfile
from pathlib import Path

import polib
from django.utils.translation.template import templatize

from register.core.catalogues import PLURAL_FORMS, catalogue_path, plural_count

MODULE = Path(__file__).with_name("library_messages.py")

# (package, paths inside it): the parts of each library whose strings users of the register see.
LIBRARY_SOURCES = {
    "django": [
        "forms/fields.py",
        "forms/forms.py",
        "forms/formsets.py",
        "forms/models.py",
        "forms/widgets.py",
        "forms/utils.py",
        "core/validators.py",
        "core/paginator.py",
        "db/models/fields/__init__.py",
        "db/models/fields/files.py",
        "db/models/base.py",
        "utils/text.py",
        "utils/dates.py",
        "utils/timesince.py",
        "views/csrf.py",
        "views/templates/csrf_403.html",
        "contrib/auth/password_validation.py",
        "contrib/gis/forms/fields.py",
    ],
    "rest_framework": [
        "exceptions.py",
        "fields.py",
        "serializers.py",
        "validators.py",
        "authentication.py",
        "permissions.py",
        "pagination.py",
        "generics.py",
        "relations.py",
        "filters.py",
        "views.py",
        "versioning.py",
        "throttling.py",
    ],
    "rest_framework_gis": ["fields.py", "serializers.py", "filters.py"],
    "django_filters": ["fields.py", "filters.py", "filterset.py", "utils.py", "widgets.py", "rest_framework"],
    "allauth": ["account", "core", "templates/account", "templates/allauth/layouts"],
}
# Parts of those directories no reader meets (admin, management commands, tests, migrations, phone logins).
SKIP = re.compile(r"/(admin|tests?|migrations|management)(/|\.py$)|phone|passkey")

XGETTEXT_KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
]
# Where a library's catalogue for a language is filed under a regional code.
LIBRARY_LOCALE_ALIASES = {"pt": ["pt", "pt_PT"], "el": ["el", "el_GR"]}


def _package_dir(package: str) -> Path:
    module = __import__(package)
    return Path(module.__file__).parent


def _source_files(package: str) -> list[Path]:
    root = _package_dir(package)
    files = []
    for relative in LIBRARY_SOURCES[package]:
        path = root / relative
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        for candidate in candidates:
            if candidate.suffix in (".py", ".html", ".txt") and not SKIP.search(str(candidate)):
                files.append(candidate)
    return files


def extract() -> list[polib.POEntry]:
    """The msgids of LIBRARY_SOURCES as POEntry objects (msgctxt, msgid, msgid_plural, flags), sorted.

    Raises subprocess.CalledProcessError when xgettext (GNU gettext) fails or is missing.
    """
    entries = {}
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for package in LIBRARY_SOURCES:
            for index, path in enumerate(_source_files(package)):
                if path.suffix == ".py":
                    sources.append(str(path))
                    continue
                # Templates: Django's own lexer turns them into Python that xgettext reads.
                target = Path(tmp) / f"{package}-{index}-{path.stem}.py"
                target.write_text(templatize(path.read_text(encoding="utf-8"), origin=str(path)))
                sources.append(str(target))
        command = ["xgettext", "--language=Python", "--from-code=UTF-8", "--output=-", "--no-wrap"]
        command += [f"--keyword={keyword}" for keyword in XGETTEXT_KEYWORDS] + sources
        pot = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    for entry in polib.pofile(pot):
        if entry.msgid:
            entries[(entry.msgctxt or "", entry.msgid)] = entry
    return [entries[key] for key in sorted(entries)]


def _literal(text: str) -> str:
    return repr(text)


def write_module(entries: list[polib.POEntry]) -> int:
    """Write register/core/library_messages.py listing `entries` for makemessages; returns their count."""
    lines = [
        '"""Strings of Django, Django REST framework, djangorestframework-gis, django-filter and',
        "django-allauth that the register's users see, listed for makemessages so that every catalogue",
        "under locale/ holds them (see register.core.library_catalogues). Written by",
        "`manage.py catalogues library`: do not edit.",
        '"""',
        "",
        "from django.utils.translation import gettext_noop, ngettext_lazy, npgettext_lazy, pgettext_lazy",
        "",
        "LIBRARY_MESSAGES = [",
    ]
    for entry in entries:
        context = entry.msgctxt
        if entry.msgid_plural and context:
            arguments = f"{_literal(context)}, {_literal(entry.msgid)}, {_literal(entry.msgid_plural)}"
            call = f"npgettext_lazy({arguments}, 1)"
        elif entry.msgid_plural:
            call = f"ngettext_lazy({_literal(entry.msgid)}, {_literal(entry.msgid_plural)}, 1)"
        elif context:
            call = f"pgettext_lazy({_literal(context)}, {_literal(entry.msgid)})"
        else:
            call = f"gettext_noop({_literal(entry.msgid)})"
        lines.append(f"    {call},")
    lines += ["]", ""]
    MODULE.write_text("\n".join(lines), encoding="utf-8")
    return len(entries)


def _library_translations(language: str) -> list[gettext.GNUTranslations]:
    """The compiled catalogues the libraries ship for `language` (Django core and contrib.auth, DRF, allauth,
    django-filter), most specific first; [] when none has one."""
    found = []
    roots = [
        _package_dir("django") / "conf" / "locale",
        _package_dir("django") / "contrib" / "auth" / "locale",
        _package_dir("rest_framework") / "locale",
        _package_dir("allauth") / "locale",
        _package_dir("django_filters") / "locale",
    ]
    for root in roots:
        for code in LIBRARY_LOCALE_ALIASES.get(language, [language]):
            mo = root / code / "LC_MESSAGES" / "django.mo"
            if mo.exists():
                with mo.open("rb") as handle:
                    found.append(gettext.GNUTranslations(handle))
                break
    return found


def _representatives(nplurals: int, plural) -> dict[int, int]:
    """{form index: a number n for which the formula picks that form} (n from 0 to 199)."""
    found = {}
    for number in range(200):
        found.setdefault(plural(number), number)
    return {index: found[index] for index in range(nplurals) if index in found}


def prefill(language: str) -> int:
    """Fill the empty msgstr of `language`'s catalogue for library strings from the libraries' own
    translations (plural forms mapped through both formulas); returns how many entries it filled.
    Entries the register translated itself are never touched."""
    translations = _library_translations(language)
    if not translations:
        return 0
    library_ids = {(entry.msgctxt or "", entry.msgid) for entry in extract()}
    path = catalogue_path(language)
    catalogue = polib.pofile(str(path), wrapwidth=79)
    ours = gettext.c2py(PLURAL_FORMS[language].split("plural=", 1)[1].rstrip(";"))
    nplurals = plural_count(PLURAL_FORMS[language])
    filled = 0
    for entry in catalogue:
        key = (entry.msgctxt or "", entry.msgid)
        if entry.obsolete or key not in library_ids:
            continue
        lookup = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        for library in translations:
            catalog = library._catalog
            if entry.msgid_plural:
                if any(value.strip() for value in entry.msgstr_plural.values()):
                    break
                if (lookup, 0) not in catalog:
                    continue
                forms = {}
                for index, number in _representatives(nplurals, ours).items():
                    forms[index] = catalog.get((lookup, library.plural(number)), "")
                if all(forms.get(index, "").strip() for index in range(nplurals)):
                    entry.msgstr_plural = forms
                    filled += 1
                    break
            else:
                if entry.msgstr.strip():
                    break
                text = catalog.get(lookup, "")
                if text.strip():
                    entry.msgstr = text
                    filled += 1
                    break
    catalogue.save()
    return filled
