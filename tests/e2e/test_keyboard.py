"""The site with the keyboard only, in a real browser: skip links, focus ring, the map's list and popups,
the language switcher, and no keyboard trap in the map.

Drives Debian's chromium (/usr/bin/chromium) through Playwright's sync API against pytest-django's live
server, with the online tile layer off (MAP_TILE_URL=""), as tests/e2e/test_home_map.py does.
"""

import pytest

FOCUSED = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    return {tag: e.tagName, id: e.id, cls: typeof e.className === 'string' ? e.className : '',
            key: (e.dataset && e.dataset.key) || null, href: e.getAttribute('href'),
            text: (e.textContent || '').trim().slice(0, 60),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            shown: box.width > 1 && box.height > 1,
            inMap: !!e.closest('#map'), inList: !!e.closest('#map-list'),
            inPopup: !!e.closest('.leaflet-popup')};
}"""


def tab(page, key="Tab"):
    page.keyboard.press(key)
    return page.evaluate(FOCUSED)


@pytest.mark.e2e
def test_home_page_with_the_keyboard(committed_data, live_server, settings, browser_page):
    settings.MAP_TILE_URL = ""
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map-list li button", timeout=20000)

    # The first stop is "Skip to content"; every stop up to the map shows the focus ring.
    first = tab(page)
    assert first["href"] == "#main" and first["shown"] and first["outline"]
    stops = [first]
    while not stops[-1]["inMap"] and len(stops) < 30:
        stops.append(tab(page))
    assert all(stop["outline"] and stop["shown"] for stop in stops), stops
    ids = [stop["id"] for stop in stops]
    assert (
        ids.index("language-select") < ids.index("all-years") < ids.index("year") < ids.index("filter-kind")
    )

    # Just before the map: a link that skips the map's many markers and lands on the list.
    skip = stops[-2]
    assert skip["href"] == "#map-list-heading" and skip["shown"], stops[-3:]
    assert stops[-1]["id"] == "map"
    assert tab(page, "Shift+Tab")["href"] == "#map-list-heading"
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED)["id"] == "map-list-heading"
    button = tab(page)
    assert button["inList"] and button["tag"] == "BUTTON" and button["outline"]

    # Enter opens the place's popup and moves the focus to its link; Escape closes it and returns.
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup .popup__title:focus", timeout=10000)
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Close popup"
    page.keyboard.press("Escape")
    page.wait_for_selector(".leaflet-popup", state="detached")
    back = page.evaluate(FOCUSED)
    assert back["inList"] and back["key"] == button["key"]
    assert errors == []


@pytest.mark.e2e
def test_no_keyboard_trap_in_the_map(committed_data, live_server, settings, browser_page):
    settings.MAP_TILE_URL = ""
    page = browser_page
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map-list li button", timeout=20000)
    page.focus("#map")
    stops_in_map = page.locator("#map [tabindex='0'], #map a[href]").count()
    for _ in range(stops_in_map + 5):
        focused = tab(page)
        if not focused["inMap"]:
            break
    assert focused["inList"], focused
    page.focus("#map")
    assert tab(page, "Shift+Tab")["href"] == "#map-list-heading"


@pytest.mark.e2e
def test_language_switcher_without_a_mouse(committed_data, live_server, settings, browser_page):
    settings.MAP_TILE_URL = ""
    page = browser_page
    page.goto(live_server.url + "/places/")
    focused = tab(page)
    for _ in range(15):
        if focused["id"] == "language-select":
            break
        focused = tab(page)
    assert focused["id"] == "language-select"
    for _ in range(30):
        if page.eval_on_selector("#language-select", "select => select.value") == "de":
            break
        page.keyboard.press("ArrowUp")
    assert tab(page)["text"] == "Change"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.title() == "Orte · Gulag-Register"

    page.goto(live_server.url + "/")
    page.wait_for_selector(".leaflet-control-zoom-in", timeout=20000)
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Vergrößern"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("aria-label") == "Verkleinern"
