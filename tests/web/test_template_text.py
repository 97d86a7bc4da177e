"""Every word a reader sees in a template goes through gettext (issue 5): no unmarked English in the
project's templates (templates/ and the templates/ folder of each register app).

A template is reduced to its unmarked text: comments, {% translate %} and {% blocktranslate %}, every
other {% %} tag, {{ }} variables, blocks that fill a class attribute ({% block main_class %}), <script>
and <style> contents, code (<code>, <pre>, <kbd>, <samp>), HTML comments, tags and entities are taken
out. What is left and contains a letter is text no translator will see. The values of the attributes a
reader sees or hears (title, alt, placeholder, aria-label ..., the value of a button-like <input>, the
content of <meta name="description">) and the literal text of |default:"..." / firstof are checked the
same way.
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

# Text that is the same in every language, each with the reason it needs no translation.
ALLOWED = {
    "Wikidata": "the name of a database (the place page's Wikidata row)",
    "BibTeX": "the name of a citation format (the record pages' citation headings)",
    "CSL-JSON": "the name of a citation format",
    "EDTF": "the name of a date standard, shown before the raw date (place and operation pages)",
    "SHA-256": "the name of a checksum (the import history's file fingerprint)",
}

COMMENT = re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
BLOCK_TRANSLATE = re.compile(
    r"{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}",
    re.S,
)
# {% block main_class %}page{% endblock %}: a block that fills a class attribute holds class names.
CLASS_BLOCK = re.compile(r"{%\s*block\s+(\w+_class)\s*%}.*?{%\s*endblock(?:\s+\1)?\s*%}", re.S)
TEMPLATE_TAG = re.compile(r"{%.*?%}", re.S)
VARIABLE = re.compile(r"{{.*?}}", re.S)
HTML_COMMENT = re.compile(r"<!--.*?-->|<!DOCTYPE[^>]*>", re.S | re.I)
# Code, as in the token page's "Authorization: Token <key>", is typed as it stands in any language.
CODE = re.compile(r"<(code|pre|kbd|samp)\b[^>]*>.*?</\1\s*>", re.S | re.I)
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")
ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#[xX][0-9a-fA-F]+);")
LETTER = re.compile(r"[^\W\d_]")

# Attributes whose value a reader sees (a tooltip, a placeholder) or a screen reader speaks.
SPOKEN_ATTRIBUTES = {
    "title",
    "alt",
    "placeholder",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
}
BUTTON_INPUTS = {"submit", "button", "reset"}

# A literal shown when a value is missing: {{ x|default:"unknown" }}, {% firstof a "unknown" %}.
SHOWN_LITERAL = re.compile(
    r"\|(?:default|default_if_none|yesno):(\"[^\"]*\"|'[^']*')|{%\s*firstof\b(.*?)%}",
    re.S,
)
STRING = re.compile(r"(?<!_\()(\"[^\"]*\"|'[^']*')")


def template_files() -> list[Path]:
    """The .html and .txt templates of settings.TEMPLATES' DIRS and of the project's own apps (not those
    of Django or of installed packages)."""
    base = Path(settings.BASE_DIR).resolve()
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.parts and (path / "templates").is_dir():
            folders.append(path / "templates")
    return sorted(
        {file for folder in folders for file in folder.rglob("*") if file.suffix in (".html", ".txt")}
    )


def blank(match: re.Match) -> str:
    """What takes a removed piece's place: its line breaks, so that line numbers hold. Nothing else, so
    that a tag name built by template tags (`<{% if href %}a{% else %}button{% endif %}`) stays whole."""
    return "\n" * match.group(0).count("\n")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def unmarked(value: str) -> bool:
    """Whether `value` (text with the template's own pieces taken out) has a letter outside ALLOWED."""
    value = " ".join(ENTITY.sub(" ", value).split())
    for allowed in sorted(ALLOWED, key=len, reverse=True):
        value = re.sub(rf"(?<!\w){re.escape(allowed)}(?!\w)", " ", value)
    return bool(LETTER.search(value))


def unmarked_text(source: str) -> list[tuple[int, str]]:
    """(line, text) of every piece of `source` (a template) that a reader sees and gettext never saw."""
    found = []
    for match in SHOWN_LITERAL.finditer(source):
        for literal in STRING.findall(match.group(1) or match.group(2) or ""):
            if unmarked(literal[1:-1]):
                found.append((line_of(source, match.start()), literal))
    text = COMMENT.sub(blank, source)
    text = BLOCK_TRANSLATE.sub(blank, text)
    text = CLASS_BLOCK.sub(blank, text)
    text = TEMPLATE_TAG.sub(blank, text)
    text = VARIABLE.sub(blank, text)
    text = HTML_COMMENT.sub(blank, text)
    text = SCRIPT_OR_STYLE.sub(blank, text)
    text = CODE.sub(blank, text)
    for tag in HTML_TAG.finditer(text):
        found += [(line_of(text, tag.start()), value) for value in spoken_values(tag)]
    text = HTML_TAG.sub(blank, text)
    for number, line in enumerate(text.split("\n"), start=1):
        if unmarked(line):
            found.append((number, " ".join(line.split())))
    return sorted(found)


def spoken_values(tag: re.Match) -> list[str]:
    """The unmarked values of the attributes of one HTML tag that a reader sees or hears."""
    name = tag.group(1).lower()
    attributes = {
        key.lower(): (value or "").strip("\"'") for key, value in ATTRIBUTE.findall(tag.group(2) or "")
    }
    spoken = [(key, value) for key, value in attributes.items() if key in SPOKEN_ATTRIBUTES]
    if name == "input" and attributes.get("type", "").lower() in BUTTON_INPUTS and "value" in attributes:
        spoken.append(("value", attributes["value"]))
    if name == "meta" and attributes.get("name", "").lower() == "description":
        spoken.append(("content", attributes.get("content", "")))
    return [f'{key}="{value}"' for key, value in spoken if unmarked(value)]


def test_the_project_templates_are_found():
    files = template_files()
    names = {file.relative_to(settings.BASE_DIR).as_posix() for file in files}
    assert {
        "templates/base.html",
        "templates/places/detail.html",
        "register/accounts/templates/429.html",
    } <= names
    assert not any(".venv" in file.parts for file in files)


@pytest.mark.parametrize(
    "template",
    [file.relative_to(settings.BASE_DIR).as_posix() for file in template_files()],
)
def test_template_has_no_unmarked_text(template):
    found = unmarked_text((Path(settings.BASE_DIR) / template).read_text(encoding="utf-8"))
    report = "\n".join(f"{template}:{line}: {text}" for line, text in found)
    assert found == [], f"text not marked for translation:\n{report}"


# The reduction itself, on small templates.


@pytest.mark.parametrize(
    "source",
    [
        '{% load i18n %}<h1>{% translate "Places" %}</h1>',
        "<p>{% blocktranslate trimmed count n=c %}\n  One place\n{% plural %}\n  {{ n }} places\n"
        "{% endblocktranslate %}</p>",
        "<p>{% blocktrans %}Old style{% endblocktrans %} {% trans 'Old' %}</p>",
        "{% comment %}Not shown to anyone{% endcomment %}{# nor this #}<!-- nor this -->",
        '<script>const words = "English in code";</script><style>p::after { content: "x"; }</style>',
        '<a href="/places/" class="site-name" aria-label="{% translate "Places" %}">{{ place.name }}</a>',
        '<img src="x.png" alt=""> <input type="search" name="q" value="noril">',
        "<span>&middot; &nbsp;&#8594; — 1935–1956 · 12 %</span>",
        '<h3>BibTeX</h3> (EDTF <code>1941/1956</code>) <code title="SHA-256">3fa2</code>',
        '{% if kind == "camp" %}{% include "x.html" with kind="place" %}{% endif %}',
        '<dd>{{ value|default:"—" }}</dd>',
        '<meta name="description" content="{% block description %}{% translate "Gulag" %}{% endblock %}">',
        '<button title="{% translate "Close" %}">×</button>',
    ],
)
def test_marked_or_invisible_text_passes(source):
    assert unmarked_text(source) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<h1>Places</h1>", [(1, "Places")]),
        ('{% load i18n %}\n<p>{% translate "Map" %}\n  and more</p>', [(3, "and more")]),
        ("{% if x %}\n{% comment %}\nx\n{% endcomment %}\nNo places{% endif %}", [(5, "No places")]),
        ("<p>Cite as BibTeX</p>", [(1, "Cite as BibTeX")]),
        ("<p>{{ a }} of {{ b }}</p>", [(1, "of")]),
        ("<p>&laquo;Ort&raquo;</p>", [(1, "&laquo;Ort&raquo;")]),
        ('<button title="Close">×</button>', [(1, 'title="Close"')]),
        ('<img src="x.png"\n alt="Map of the camps">', [(1, 'alt="Map of the camps"')]),
        ('<input placeholder="Name, in any script">', [(1, 'placeholder="Name, in any script"')]),
        ('<nav aria-label="Main">', [(1, 'aria-label="Main"')]),
        ('<p aria-description="Opens a map">x</p>', [(1, 'aria-description="Opens a map"'), (1, "x")]),
        ('<input type="submit" value="Send">', [(1, 'value="Send"')]),
        ('<meta name="description" content="A register of camps">', [(1, 'content="A register of camps"')]),
        ('<dd>{{ value|default:"unknown" }}</dd>', [(1, '"unknown"')]),
        ('{% firstof place.name "no name" %}', [(1, '"no name"')]),
        ("Subject: your submission {{ id }}\n", [(1, "Subject: your submission")]),
    ],
)
def test_unmarked_text_is_found(source, expected):
    assert unmarked_text(source) == expected


def test_translated_defaults_pass():
    assert unmarked_text('{{ value|default:_("unknown") }}{% firstof a _("no name") %}') == []
