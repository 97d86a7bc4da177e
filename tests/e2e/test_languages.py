"""Every interface language in a real browser (issue 5): the home page, a place page and a person page speak
the language of their address, and at a phone's width long German, Finnish, Hungarian and Greek words do
not push the page sideways.

The expected words are the catalogue's own: django.utils.translation.gettext of the English msgid under
translation.override(language); a word still English there (untranslated, or the catalogue not compiled:
`make messages`) fails too, unless SAME_AS_ENGLISH says it is right. The phone check also opens an
operation page, whose names table sits in a two-column grid. Drives Debian's chromium through Playwright
(tests/e2e/conftest.py): one browser, one context per language, the online tile layer off.
"""

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django.utils.translation import gettext
from playwright import sync_api

from register.operations.models import Operation
from register.people.models import Person
from register.places.models import Place
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

NAV = ["Map", "People", "Places", "Operations", "About the data", "API docs"]
ACCOUNT = ["Sign in", "Sign up"]
SITE_NAME = "Gulag register"
# Headings by page: the element's id (the h1 as "h1") and its English msgid.
HEADINGS = {
    "home": {"h1": "Gulag register", "map-list-heading": "Places in view"},
    "place": {
        "facts-heading": "Facts",
        "locations-heading": "Locations",
        "names-heading": "Names",
        "figures-heading": "Prisoners by year",
        "cite-heading": "Cite this record",
    },
    "person": {
        "facts-heading": "Facts",
        "path-heading": "Life path",
        "names-heading": "Names",
        "sources-heading": "Sources",
        "cite-heading": "Cite this record",
    },
}
# Words whose right translation is the English word itself.
SAME_AS_ENGLISH = {("fr", "Sources")}
PHONE = {"width": 360, "height": 740}
LONG_WORD_LANGUAGES = ["de", "fi", "hu", "el"]

PAGE_WORDS = """() => {
    const text = (element) => element ? element.textContent.replace(/\\s+/g, ' ').trim() : null;
    const headings = {};
    for (const heading of document.querySelectorAll('h1, h2[id]')) {
        headings[heading.tagName === 'H1' ? 'h1' : heading.id] = text(heading);
    }
    return {
        lang: document.documentElement.lang,
        title: document.title,
        headings,
        siteName: text(document.querySelector('.site-name')),
        nav: [...document.querySelectorAll('.site-nav a')].map(text),
        account: [...document.querySelectorAll('.account-nav a')].map(text),
        languageLabel: text(document.querySelector('label[for=language-select]')),
        change: text(document.querySelector('.language-form button')),
        selected: document.querySelector('#language-select').value,
    };
}"""

# Every element whose right edge lies past the viewport, unless it sits in a box that scrolls or clips
# (a table's scroll wrapper, the map) or is clipped away (visually hidden); only the outermost of a
# nest is named.
OVERFLOW = """() => {
    const width = window.innerWidth;
    const clips = (element) =>
        ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(element).overflowX);
    const name = (element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
        + [...element.classList].map((cls) => '.' + cls).join('');
    const offenders = new Set();
    const found = [];
    for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.right <= width + 0.5) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.clip === 'rect(0px, 0px, 0px, 0px)') continue;
        let clipped = false;
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
            if (clips(box)) { clipped = true; break; }
        }
        if (clipped) continue;
        offenders.add(element);
        if (offenders.has(element.parentElement)) continue;
        const words = (element.innerText || element.value || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
        found.push(`${name(element)} right=${Math.round(box.right)} "${words}"`);
    }
    return {width, scrollWidth: document.documentElement.scrollWidth, found};
}"""


def address(language: str, path: str) -> str:
    """`path` (an unprefixed, English address) in `language`: /fi/places/... ; English keeps it as it is."""
    return path if language == django_settings.LANGUAGE_CODE else f"/{language}{path}"


def expected_words(language: str) -> dict:
    """The page words gettext gives in `language`: {"nav", "account", "site_name", "language_label",
    "change", "headings": {page: {id: text}}, "english": {msgid: text} (the navigation's English words
    that differ), "untranslated": [msgid] (words still English, not in SAME_AS_ENGLISH)}."""
    with translation.override(language):
        words = {
            "nav": [gettext(msgid) for msgid in NAV],
            "account": [gettext(msgid) for msgid in ACCOUNT],
            "site_name": gettext(SITE_NAME),
            "language_label": gettext("Language"),
            "change": gettext("Change"),
            "headings": {
                page: {key: gettext(msgid) for key, msgid in headings.items()}
                for page, headings in HEADINGS.items()
            },
        }
        words["english"] = {msgid: gettext(msgid) for msgid in NAV + ACCOUNT if gettext(msgid) != msgid}
        msgids = [*NAV, *ACCOUNT, SITE_NAME, "Language", "Change"]
        msgids += [msgid for headings in HEADINGS.values() for msgid in headings.values()]
        words["untranslated"] = sorted(
            {
                msgid
                for msgid in msgids
                if gettext(msgid) == msgid and (language, msgid) not in SAME_AS_ENGLISH
            }
        )
    return words


def page_problems(language: str, url: str, page_name: str, found: dict, expected: dict) -> list[str]:
    """What on one page is not in `language`: each a line naming the address and the word."""
    problems = []

    def differs(what, got, wanted):
        if got != wanted:
            problems.append(f"{language} {url}: {what} is {got!r}, expected {wanted!r}")

    differs("html[lang]", found["lang"], language)
    differs("the switcher's choice", found["selected"], language)
    differs("the site name", found["siteName"], expected["site_name"])
    differs("the main navigation", found["nav"], expected["nav"])
    differs("the account navigation", found["account"], expected["account"])
    differs("the switcher's label", found["languageLabel"], expected["language_label"])
    differs("the switcher's button", found["change"], expected["change"])
    for key, wanted in expected["headings"][page_name].items():
        differs(f"heading {key}", found["headings"].get(key), wanted)
    if not found["title"].endswith(" · " + expected["site_name"]):
        problems.append(f"{language} {url}: the title {found['title']!r} does not end in the site name")
    shown = found["nav"] + found["account"]
    for english, translated in expected["english"].items():
        if english in shown:
            problems.append(f"{language} {url}: English {english!r} in the navigation, not {translated!r}")
    return problems


@pytest.fixture
def record_pages(committed_data):
    """The unprefixed addresses of the pages: the home page, Norilsk ITL, the bundled record of Jonas
    Žemaitis and, for the phone only, operation Priboi (read before the browser starts: see
    `committed_data`)."""
    with translation.override(django_settings.LANGUAGE_CODE):
        place = Place.objects.get(primary_name="Норильский ИТЛ")
        person = Person.objects.get(surname="Žemaitis", given_name="Jonas")
        operation = Operation.objects.get(slug="priboi-1949")
        return {
            "home": "/",
            "place": place.get_absolute_url(),
            "person": person.get_absolute_url(),
            "operation": operation.get_absolute_url(),
        }


@pytest.fixture
def browser():
    """One headless chromium for the test; each language gets its own context (cookies, viewport)."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def english_context(browser):
    """A context whose browser asks for English: only the address may choose another language."""
    return browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", extra_http_headers={"Accept-Language": "en"}
    )


def only_the_document(route):
    """The words are the server's: the page's scripts, styles and map data are not fetched (faster)."""
    if route.request.resource_type == "document":
        route.continue_()
    else:
        route.abort()


def words_problems(page, base_url, language, record_pages) -> list[str]:
    """The pages of HEADINGS in `language` at desktop width, read as the server wrote them."""
    expected = expected_words(language)
    problems = []
    if language != django_settings.LANGUAGE_CODE:
        problems += [
            f"{language}: {msgid!r} is English in the compiled catalogue"
            for msgid in expected["untranslated"]
        ]
    page.route("**/*", only_the_document)
    for page_name in HEADINGS:
        url = address(language, record_pages[page_name])
        response = page.goto(base_url + url, wait_until="domcontentloaded")
        if response.status != 200 or not page.url.endswith(url):
            problems.append(f"{language} {url}: {response.status} at {page.url}")
            continue
        problems += page_problems(language, url, page_name, page.evaluate(PAGE_WORDS), expected)
    page.unroute("**/*")
    return problems


def overflow_problems(page, base_url, language, record_pages) -> list[str]:
    """Every page of `record_pages` in `language` on a phone, styled, the map's list of places filled."""
    page.set_viewport_size(PHONE)
    problems = []
    for page_name, path in record_pages.items():
        url = address(language, path)
        page.goto(base_url + url, wait_until="load")
        if page_name == "home":
            page.wait_for_selector("#map-list li", timeout=20000)
        result = page.evaluate(OVERFLOW)
        if result["scrollWidth"] > result["width"]:
            problems.append(
                f"{url}: the page is {result['scrollWidth']} px wide, the screen {result['width']}"
            )
        problems += [f"{url}: {offender}" for offender in dict.fromkeys(result["found"])]
    return problems


@pytest.mark.e2e
def test_every_language_on_the_home_place_and_person_pages(record_pages, live_server, settings, browser):
    # One test, so that the bundled data is loaded once and one browser serves every language.
    settings.MAP_TILE_URL = ""
    languages = [code for code, _name in django_settings.LANGUAGES]
    assert len(languages) == 26 and set(LONG_WORD_LANGUAGES) < set(languages)
    not_in_language, too_wide = [], []
    for language in languages:
        context = english_context(browser)
        page = context.new_page()
        not_in_language += words_problems(page, live_server.url, language, record_pages)
        if language in LONG_WORD_LANGUAGES:
            too_wide += overflow_problems(page, live_server.url, language, record_pages)
        context.close()
    report = []
    if not_in_language:
        report += [f"{len(not_in_language)} words not in the page's language:", *not_in_language[:60]]
    if too_wide:
        report += [f"wider than a {PHONE['width']} px phone:", *too_wide]
    assert report == [], "\n".join(report)
