"""The home page map in a real browser: markers and the linked list appear, the year slider changes them.

Drives Debian's chromium (/usr/bin/chromium) through Playwright's sync API against pytest-django's live
server. The online tile layer is switched off (MAP_TILE_URL=""), so no network is tried.
"""

import pytest

MARKERS = ".leaflet-marker-icon, path.leaflet-interactive"


@pytest.mark.e2e
def test_home_map_markers_list_and_year_slider(committed_data, live_server, settings, browser_page):
    settings.MAP_TILE_URL = ""
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + "/")
    page.wait_for_selector(".leaflet-marker-icon", timeout=20000)
    page.wait_for_selector("#map-list li button")
    page.wait_for_selector(".leaflet-basemap-pane path", state="attached")  # the offline country outlines
    markers_all_years = page.locator(MARKERS).count()
    assert markers_all_years > 10
    assert page.locator(".marker-cluster").count() > 0
    assert page.locator("#map-list li").count() > 10

    page.evaluate("""() => {
        const slider = document.getElementById('year');
        slider.value = '1950';
        slider.dispatchEvent(new Event('input', {bubbles: true}));
    }""")
    page.wait_for_selector("path.figure-marker", state="attached")
    assert page.locator("#year-output").inner_text() == "1950"
    assert not page.locator("#all-years").is_checked()
    assert page.locator(".marker-cluster").count() == 0
    markers_1950 = page.locator("path.figure-marker, path.no-figure-marker").count()
    assert markers_1950 > 10
    assert markers_1950 != markers_all_years

    assert page.evaluate("() => window.location.search") == "?year=1950"  # the view can be shared

    page.locator("#map-list li button").first.press("Enter")
    page.wait_for_selector(".leaflet-popup-content a[href^='/places/']")

    # a shared address restores the view: NKVD special camps in Germany in 1946
    page.goto(live_server.url + "/?year=1946&kind=nkvd_special_camp")
    page.wait_for_selector("path.figure-marker, path.no-figure-marker", state="attached", timeout=20000)
    assert page.locator("#year-output").inner_text() == "1946"
    assert page.locator("#filter-kind").input_value() == "nkvd_special_camp"
    assert 1 <= page.locator("path.figure-marker, path.no-figure-marker").count() <= 10
    assert errors == []
