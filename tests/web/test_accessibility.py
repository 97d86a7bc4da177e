"""Accessibility of the server-rendered pages: structure, labels, references, languages and contrast.

The pages are parsed with the standard library's HTMLParser; each test names the WCAG point it
guards. The keyboard behaviour of the map is tested in a browser (tests/e2e/test_keyboard.py).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from register.core.catalogues import translated_languages
from register.core.views import kind_symbols, map_strings, relative_luminance
from register.places.models import Place, PlaceKind

PAGES = ["/", "/places/", "/places/?q=noril", "/operations/", "/operations/priboi-1949/", "/about/data/"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CYRILLIC = re.compile("[\u0400-\u04ff]")


class Element:
    """One element of the parsed page: tag, attributes, parent, children and text."""

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], ""

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def all_text(self):
        return self.text + "".join(child.all_text() for child in self.children)


class Page(HTMLParser):
    """A tolerant tree of the page (enough for these checks; the markup itself is valid HTML)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root
        self.feed(html)
        self.elements = list(self.root.iter())[1:]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text += data

    def find(self, tag):
        return [element for element in self.elements if element.tag == tag]

    def ids(self):
        return [element.attrs["id"] for element in self.elements if "id" in element.attrs]

    def title(self):
        return " ".join(self.find("title")[0].all_text().split())


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Page(response.content.decode())


@pytest.fixture
def pages(reader, norillag):
    """Every page of the site in English, with Norilsk ITL's page as the place page."""
    return {url: get_page(reader, url) for url in [*PAGES, norillag.get_absolute_url()]}


def test_one_h1_and_no_skipped_heading_levels(pages):
    # WCAG 1.3.1 / 2.4.6
    for url, page in pages.items():
        levels = [int(element.tag[1]) for element in page.elements if re.fullmatch(r"h[1-6]", element.tag)]
        assert levels.count(1) == 1, url
        assert levels[0] == 1, url
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{url}: h{before} followed by h{after}"


def test_every_form_control_has_a_label(pages):
    # WCAG 1.3.1 / 4.1.2
    for url, page in pages.items():
        labelled = {element.attrs.get("for") for element in page.find("label")}
        for control in page.find("input") + page.find("select") + page.find("textarea"):
            if control.attrs.get("type") in ("hidden", "submit"):
                continue
            named = control.attrs.get("id") in labelled or "aria-label" in control.attrs
            named = (
                named
                or "aria-labelledby" in control.attrs
                or any(a.tag == "label" for a in control.ancestors())
            )
            assert named, f"{url}: {control.tag} {control.attrs} has no label"


def test_ids_are_unique_and_every_id_reference_resolves(pages):
    # WCAG 4.1.1 / 1.3.1. The places search form pointed its aria-describedby at a missing help text id.
    for url, page in pages.items():
        ids = page.ids()
        assert len(ids) == len(set(ids)), (
            f"{url}: duplicate ids {sorted({i for i in ids if ids.count(i) > 1})}"
        )
        for element in page.elements:
            references = []
            for attribute in ("aria-describedby", "aria-labelledby", "aria-controls"):
                references += element.attrs.get(attribute, "").split()
            if element.tag in ("label", "output") and element.attrs.get("for"):
                references += element.attrs["for"].split()
            href = element.attrs.get("href") or ""
            if element.tag == "a" and href.startswith("#") and len(href) > 1:
                references.append(href[1:])
            for reference in references:
                assert reference in ids, f"{url}: {element.tag} refers to missing id {reference!r}"


def test_search_help_text_describes_the_name_field(reader):
    page = get_page(reader, "/places/")
    field = next(element for element in page.find("input") if element.attrs.get("name") == "q")
    help_text = next(
        element for element in page.elements if element.attrs.get("id") == field.attrs["aria-describedby"]
    )
    assert "Норильлаг" in help_text.all_text()


def test_landmarks_and_skip_link(pages):
    # WCAG 1.3.1 / 2.4.1: banner, navigation, one main, contentinfo; the first link skips to main.
    for url, page in pages.items():
        body = page.find("body")[0]
        top_level = [child.tag for child in body.children]
        assert "header" in top_level and "footer" in top_level, url
        assert len(page.find("main")) == 1 and page.find("main")[0].attrs.get("id") == "main", url
        assert page.find("nav"), url
        first_link = page.find("a")[0]
        assert first_link.attrs.get("href") == "#main" and "skip-link" in first_link.attrs.get("class", ""), (
            url
        )


def test_titles_are_unique_and_name_the_page(pages):
    # WCAG 2.4.2
    titles = {url: page.title() for url, page in pages.items() if url != "/places/?q=noril"}
    assert len(set(titles.values())) == len(titles), titles
    for url, title in titles.items():
        assert title.endswith("· Gulag register") and len(title) > len("· Gulag register") + 2, url


def test_places_with_the_same_name_have_different_titles(reader):
    # Seven published places share their English name with another place (e.g. two Aktiubinsky ITL).
    names = {}
    for place in Place.objects.filter(published=True):
        names.setdefault(place.display_name, []).append(place)
    same_name = [places for places in names.values() if len(places) > 1]
    assert same_name
    for places in same_name:
        titles = [get_page(reader, place.get_absolute_url()).title() for place in places]
        assert len(set(titles)) == len(titles), titles


def test_tables_have_header_cells_with_scope_and_a_name(pages):
    # WCAG 1.3.1: column and row headers are marked; each table has a caption or an accessible name.
    for url, page in pages.items():
        for table in page.find("table"):
            cells = [element for element in table.iter() if element.tag == "th"]
            assert cells, url
            assert all(cell.attrs.get("scope") in ("col", "row") for cell in cells), url
            named = any(element.tag == "caption" for element in table.children)
            assert named or "aria-label" in table.attrs or "aria-labelledby" in table.attrs, url


def test_tables_scroll_inside_a_wrapper(pages):
    # On a phone a wide table scrolls inside its wrapper instead of widening the page (the place page's
    # figures table and the operation's names table had none).
    for url, page in pages.items():
        for table in page.find("table"):
            wrapper = table.parent
            assert wrapper.tag == "div" and "table-wrap" in wrapper.attrs.get("class", "").split(), url


def test_svg_and_images_have_text_alternatives(pages):
    # WCAG 1.1.1
    for url, page in pages.items():
        for image in page.find("img"):
            assert "alt" in image.attrs, url
        for svg in page.find("svg"):
            hidden = svg.attrs.get("aria-hidden") == "true"
            assert hidden or (svg.attrs.get("role") == "img" and svg.attrs.get("aria-labelledby")), url


def test_russian_names_are_marked_as_russian(reader, norillag):
    # WCAG 3.1.2: a place without an English name is shown by its Russian name; screen readers must
    # not read it with an English voice.
    page = get_page(reader, f"/places/?kind={PlaceKind.FILTRATION_CAMP}")
    links = [link for link in page.find("a") if (link.attrs.get("href") or "").startswith("/places/p")]
    russian = [link for link in links if CYRILLIC.search(link.all_text())]
    assert russian
    assert all(link.attrs.get("lang") == "ru" for link in russian)
    # English names say so: on a Lithuanian page they must not be read with a Lithuanian voice either.
    assert all(link.attrs.get("lang") == "en" for link in links if not CYRILLIC.search(link.all_text()))

    place = Place.objects.filter(published=True, primary_name_en="").first()
    h1 = get_page(reader, place.get_absolute_url()).find("h1")[0]
    assert h1.attrs.get("lang") == "ru"
    norilsk_h1 = get_page(reader, norillag.get_absolute_url()).find("h1")[0]
    assert norilsk_h1.attrs.get("lang") == "en"
    assert any(span.attrs.get("lang") == "ru" for span in norilsk_h1.children)  # (Норильский ИТЛ)


def test_names_tables_mark_the_language_of_each_name(pages, norillag):
    for url in (norillag.get_absolute_url(), "/operations/priboi-1949/"):
        rows = [
            cell
            for cell in pages[url].find("th")
            if cell.attrs.get("scope") == "row" and cell.attrs.get("lang")
        ]
        assert any(cell.attrs["lang"] == "ru" and CYRILLIC.search(cell.all_text()) for cell in rows), url


# Colour contrast (WCAG 1.4.3 text 4.5:1, 1.4.11 focus ring and symbols 3:1), read from static/css/site.css.
CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
HEADER_BACKGROUND = re.search(r"\.site-header \{ background: (#[0-9a-f]{6})", CSS).group(1)


def css_variable(name):
    return re.search(rf"--{name}: (#[0-9a-fA-F]{{6}});", CSS).group(1)


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        ("ink", "paper"),
        ("ink", "band"),
        ("muted", "paper"),
        ("muted", "band"),
        ("link", "paper"),
        ("link", "band"),
    ],
)
def test_text_colours_have_enough_contrast(foreground, background):
    assert contrast(css_variable(foreground), css_variable(background)) >= 4.5


def test_focus_ring_is_visible_on_light_and_dark_backgrounds():
    # The amber ring (#f2a900) had 2:1 against the white page; now >= 3:1 on the page, the beige bands,
    # the map's sea and land and the dark header.
    focus = css_variable("focus")
    for background in (
        css_variable("paper"),
        css_variable("band"),
        css_variable("sea"),
        "#f5f2ea",
        HEADER_BACKGROUND,
    ):
        assert contrast(focus, background) >= 3, background
    assert re.search(r":focus-visible \{ outline: 3px solid var\(--focus\)", CSS)


def test_kind_symbol_letters_contrast_with_their_colour():
    # White letters on the light symbols (camp division D: 2.3:1) were hard to read.
    for kind in kind_symbols():
        assert contrast(kind["ink"], kind["colour"]) >= 4.5, kind["value"]
    assert "color: var(--kind-ink)" in CSS


def test_legend_and_map_symbols_use_the_letter_colour(reader):
    html = reader.get("/").content.decode()
    assert "--kind-ink: #000000" in html and "--kind-ink: #ffffff" in html
    map_js = (Path(settings.BASE_DIR) / "static" / "js" / "map.js").read_text()
    assert "--kind-ink:" in map_js


# Translations. Each catalogue's completeness (no untranslated or fuzzy entry) is checked for every
# language in tests/web/test_catalogues.py, and unmarked template text in tests/web/test_template_text.py.


# Map words whose right translation is the English text itself.
MAP_WORDS_AS_IN_ENGLISH = {("nl", "inYear")}  # Dutch writes "in 1950" too


@pytest.mark.parametrize("language", translated_languages())
def test_map_words_are_translated(language):
    # Leaflet's zoom buttons and popup close button used to stay English.
    with translation.override("en"):
        english = map_strings()
    with translation.override(language):
        translated = map_strings()
    same = {key for key in english if translated[key] == english[key]}
    assert same - {key for code, key in MAP_WORDS_AS_IN_ENGLISH if code == language} == set()
    assert {"zoomIn", "zoomOut", "closePopup"} <= set(translated)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", ["Jährliche Häftlingszahlen als CSV", "für Gazetteers wie den World Historical Gazetteer"]),
        ("lt", ["Metiniai kalinių skaičiai CSV formatu", "vietovardžių žinynams"]),
    ],
)
def test_about_page_downloads_are_translated(client, real_data, language, words):
    client.cookies["django_language"] = language
    with translation.override("en"):  # the request activates `language`; do not leak it into later tests
        html = client.get("/about/data/", follow=True).content.decode()
    for word in words:
        assert word in html
    assert "for gazetteers such as" not in html
