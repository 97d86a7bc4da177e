"""The person search and the person page in a real browser: a Cyrillic search finds the person, the page
draws the life path as numbered markers joined by a line over the offline base map.

Drives Debian's chromium through Playwright (tests/e2e/conftest.py); the tile layer is off, so no network.
"""

import pytest

from tests.web.test_people_pages import make_people


@pytest.fixture
def e2e_people(committed_data):
    """The personas of the page tests, committed before the browser starts (see `committed_data`)."""
    return make_people()


@pytest.mark.e2e
def test_cyrillic_search_opens_the_person_and_the_map_shows_the_path(
    e2e_people, live_server, settings, browser_page
):
    settings.MAP_TILE_URL = ""
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + "/people/")
    page.get_by_label("Name", exact=True).fill("Буткуте")
    page.get_by_label("Name", exact=True).press("Enter")
    page.wait_for_url("**/people/?q=*")
    result = page.locator("table.people-results tbody th a").first
    assert result.inner_text() == "Butkutė Aldona"
    assert "same name" in page.locator("table.people-results .reasons").first.inner_text()

    result.click()
    page.wait_for_url("**" + e2e_people["aldona"].get_absolute_url())
    page.wait_for_selector("#person-map .path-marker")
    page.wait_for_selector(".leaflet-basemap-pane path", state="attached")  # the offline outlines
    markers = page.locator("#person-map .path-marker")
    assert markers.count() == 2
    assert [markers.nth(i).inner_text() for i in range(2)] == ["1", "2"]
    assert (
        page.locator("#person-map path.leaflet-interactive, #person-map .leaflet-overlay-pane path").count()
        >= 1
    )
    assert markers.nth(0).get_attribute("title") == "1. Deportation, Altai krai"

    markers.nth(1).focus()  # the markers are reachable with the keyboard and open their popup
    markers.nth(1).press("Enter")
    popup = page.wait_for_selector(".leaflet-popup-content")
    assert "2. Special settlement · August 1942" in popup.inner_text()
    assert "Laptev Sea coast" in popup.inner_text()
    assert errors == []
