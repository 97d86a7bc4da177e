"""The interface catalogues (issue 5): every language's django.po is complete and faithful to the English
source, and the checker that says so (register.core.catalogues) catches each kind of fault.

The per-language test reads locale/<language>/LC_MESSAGES/django.po as the translators left it; the
checker's own tests write small catalogues into a temporary folder.
"""

import textwrap

import pytest

from register.core import catalogues
from register.core.catalogues import PLURAL_FORMS, catalogue_problems, translated_languages

SHOWN = 20


def problem_report(problems) -> str:
    """The first SHOWN problems, one a line, and how many more there are."""
    lines = [str(problem) for problem in problems[:SHOWN]]
    if len(problems) > SHOWN:
        lines.append(f"... and {len(problems) - SHOWN} more (manage.py catalogues check)")
    return "\n".join(lines)


def test_every_interface_language_but_english_has_a_catalogue():
    languages = translated_languages()
    assert len(languages) == 25 and "en" not in languages
    assert {"lt", "de", "ga", "mt", "ru", "uk"} <= set(languages)


@pytest.mark.parametrize("language", translated_languages())
def test_catalogue_is_complete(language):
    problems = catalogue_problems(language)
    assert problems == [], f"{len(problems)} problems in {language}:\n{problem_report(problems)}"


# The checker on small catalogues.

HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: gulag-register\\n"
"Language: {language}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plural_forms}\\n"

"""

CLEAN_GERMAN = """\
msgid "Places"
msgstr "Orte"

#, python-format
msgid "%(count)s place"
msgid_plural "%(count)s places"
msgstr[0] "%(count)s Ort"
msgstr[1] "%(count)s Orte"

#, python-format
msgid "Imported by %s on %s"
msgstr "Importiert von %s am %s"

#, python-brace-format
msgid "Hello {name}"
msgstr "Hallo {name}"

msgid "See <a href=\\"/about/\\">About the data</a>."
msgstr "Siehe <a href=\\"/about/\\">Über die Daten</a>."

#, python-format
msgid "100%% sourced"
msgstr "zu 100%% belegt"

#, python-format
msgid "One person"
msgid_plural "%(count)s people"
msgstr[0] "Eine Person"
msgstr[1] "%(count)s Personen"

#, fuzzy
#~ msgid "Old words"
#~ msgstr "Alte Wörter"
"""


def write_catalogue(tmp_path, entries, language="de", plural_forms=None):
    """A django.po for `language` with the project's header and `entries` (po text) under tmp_path."""
    path = tmp_path / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    header = HEADER.format(language=language, plural_forms=plural_forms or PLURAL_FORMS[language])
    path.write_text(header + textwrap.dedent(entries), encoding="utf-8")
    return path


def kinds(problems):
    return [(problem.kind, problem.msgid) for problem in problems]


def test_a_clean_catalogue_has_no_problems(tmp_path):
    # Plural forms, %(name)s, %s twice, {name}, an HTML link, "%%" and an obsolete fuzzy entry: all fine.
    assert catalogue_problems("de", write_catalogue(tmp_path, CLEAN_GERMAN)) == []


def test_a_clean_four_form_catalogue_has_no_problems(tmp_path):
    entries = """\
        #, python-format
        msgid "%(count)d user is now a moderator."
        msgid_plural "%(count)d users are now moderators."
        msgstr[0] "%(count)d naudotojas dabar yra moderatorius."
        msgstr[1] "%(count)d naudotojai dabar yra moderatoriai."
        msgstr[2] "%(count)d naudotojo dabar yra moderatoriai."
        msgstr[3] "%(count)d naudotojų dabar yra moderatoriai."
        """
    assert catalogue_problems("lt", write_catalogue(tmp_path, entries, "lt")) == []


def test_an_empty_msgstr_is_untranslated(tmp_path):
    entries = """\
        msgid "Places"
        msgstr ""

        msgid "People"
        msgstr "Personen"
        """
    assert kinds(catalogue_problems("de", write_catalogue(tmp_path, entries))) == [("untranslated", "Places")]


def test_a_plural_entry_with_an_empty_form_is_untranslated(tmp_path):
    entries = """\
        #, python-format
        msgid "%(count)s place"
        msgid_plural "%(count)s places"
        msgstr[0] "%(count)s Ort"
        msgstr[1] ""
        """
    problems = catalogue_problems("de", write_catalogue(tmp_path, entries))
    assert kinds(problems) == [("untranslated", "%(count)s place")]


def test_a_fuzzy_entry_is_reported(tmp_path):
    # Django ignores a fuzzy entry at run time: the reader sees English.
    entries = """\
        #, fuzzy
        msgid "Yearly prisoner figures as CSV"
        msgstr "Jährliche Häftlingszahlen"
        """
    problems = catalogue_problems("de", write_catalogue(tmp_path, entries))
    assert kinds(problems) == [("fuzzy", "Yearly prisoner figures as CSV")]


def test_a_fuzzy_header_is_reported(tmp_path):
    path = write_catalogue(tmp_path, 'msgid "Places"\nmsgstr "Orte"\n')
    path.write_text("#, fuzzy\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert kinds(catalogue_problems("de", path)) == [("fuzzy", "(header)")]


def test_a_missing_catalogue_is_reported(tmp_path):
    problems = catalogue_problems("de", tmp_path / "de" / "LC_MESSAGES" / "django.po")
    assert [problem.kind for problem in problems] == ["missing"]


@pytest.mark.parametrize(
    ("flag", "msgid", "msgstr"),
    [
        ("python-format", "%(count)s places", "Orte"),  # dropped
        ("python-format", "%(count)s places", "%(anzahl)s Orte"),  # renamed
        ("python-format", "%(count)s places", "%(count)d Orte"),  # another conversion
        ("python-format", "Imported by %s on %s", "Importiert von %s"),  # one of two dropped
        ("python-format", "Imported by %s", "Importiert von %(user)s"),  # positional made named
        ("python-brace-format", "Hello {name}", "Hallo"),  # dropped
        ("python-brace-format", "Hello {name}", "Hallo {nom}"),  # renamed
        ("python-format", "Places", "Orte %(count)s"),  # one the source lacks
    ],
)
def test_a_dropped_or_renamed_placeholder_is_reported(tmp_path, flag, msgid, msgstr):
    entries = f'#, {flag}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
    problems = catalogue_problems("de", write_catalogue(tmp_path, entries))
    assert kinds(problems) == [("placeholders", msgid)]


def test_the_wrong_number_of_plural_forms_is_reported(tmp_path):
    # Lithuanian has four forms; an entry with the two of English misses two.
    entries = """\
        #, python-format
        msgid "%(count)d user is now a moderator."
        msgid_plural "%(count)d users are now moderators."
        msgstr[0] "%(count)d naudotojas dabar yra moderatorius."
        msgstr[1] "%(count)d naudotojai dabar yra moderatoriai."
        """
    problems = catalogue_problems("lt", write_catalogue(tmp_path, entries, "lt"))
    assert ("plural-forms", "%(count)d user is now a moderator.") in kinds(problems)
    assert next(problem for problem in problems if problem.kind == "plural-forms").detail == "2 of 4"


def test_a_header_with_another_plural_formula_is_reported(tmp_path):
    entries = 'msgid "Places"\nmsgstr "Vietos"\n'
    path = write_catalogue(tmp_path, entries, "lt", "nplurals=2; plural=(n != 1);")
    assert kinds(catalogue_problems("lt", path)) == [("plural-forms", "(header)")]


def test_a_plural_form_smuggling_a_placeholder_is_reported(tmp_path):
    entries = """\
        #, python-format
        msgid "%(count)s place"
        msgid_plural "%(count)s places"
        msgstr[0] "%(count)s Ort in %(region)s"
        msgstr[1] "%(count)s Orte"
        """
    problems = catalogue_problems("de", write_catalogue(tmp_path, entries))
    assert kinds(problems) == [("placeholders", "%(count)s place")]


def test_a_last_plural_form_without_the_count_is_reported(tmp_path):
    # The singular form may spell "one" out; the form for many must show the number.
    entries = """\
        #, python-format
        msgid "%(count)s place"
        msgid_plural "%(count)s places"
        msgstr[0] "ein Ort"
        msgstr[1] "viele Orte"
        """
    problems = catalogue_problems("de", write_catalogue(tmp_path, entries))
    assert kinds(problems) == [("placeholders", "%(count)s place")]


@pytest.mark.parametrize(
    "msgstr",
    [
        "Siehe <b>Über die Daten</b>.",  # another tag
        "Siehe Über die Daten.",  # the link dropped
        'Siehe <a href=\\"/about/\\">Über die Daten.',  # not closed
    ],
)
def test_a_changed_html_tag_is_reported(tmp_path, msgstr):
    msgid = 'See <a href="/about/">About the data</a>.'
    entries = f'msgid "See <a href=\\"/about/\\">About the data</a>."\nmsgstr "{msgstr}"\n'
    problems = catalogue_problems("de", write_catalogue(tmp_path, entries))
    assert kinds(problems) == [("tags", msgid)]


def test_a_plural_form_with_a_changed_tag_is_reported(tmp_path):
    entries = """\
        #, python-format
        msgid "<strong>%(count)s</strong> place"
        msgid_plural "<strong>%(count)s</strong> places"
        msgstr[0] "<strong>%(count)s</strong> Ort"
        msgstr[1] "<em>%(count)s</em> Orte"
        """
    problems = catalogue_problems("de", write_catalogue(tmp_path, entries))
    assert kinds(problems) == [("tags", "<strong>%(count)s</strong> place")]


def test_the_report_names_the_language_the_fault_and_the_string(tmp_path):
    entries = "".join(f'msgid "String {number}"\nmsgstr ""\n\n' for number in range(25))
    problems = catalogue_problems("de", write_catalogue(tmp_path, entries))
    report = problem_report(problems)
    assert report.splitlines()[0] == "de: untranslated: 'String 0'"
    assert len(report.splitlines()) == SHOWN + 1
    assert report.endswith("... and 5 more (manage.py catalogues check)")


def test_the_checker_reads_the_project_catalogue_by_default(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    write_catalogue(tmp_path, 'msgid "Places"\nmsgstr ""\n')
    assert catalogues.catalogue_path("de") == tmp_path / "de" / "LC_MESSAGES" / "django.po"
    assert kinds(catalogue_problems("de")) == [("untranslated", "Places")]
