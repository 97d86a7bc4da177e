"""The language in the address: /lt/..., /de/...; English unprefixed; the first visit follows the browser,
the switcher's choice is remembered, and every page names its versions in all languages (hreflang)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from register.places.models import PlaceKind

NORILLAG = "/places/pdfaf7ch7/"


@pytest.fixture
def anonymous(real_data):
    return Client()


def test_every_language_has_its_prefix(anonymous):
    for code, _name in settings.LANGUAGES:
        prefix = "" if code == "en" else f"/{code}"
        response = anonymous.get(f"{prefix}{NORILLAG}")
        assert response.status_code == 200, code
        assert f'<html lang="{code}"' in response.content.decode(), code
        assert response["Content-Language"] == code


def test_first_visit_follows_accept_language(real_data):
    browser = Client(HTTP_ACCEPT_LANGUAGE="lt-LT,lt;q=0.9,en;q=0.5")
    response = browser.get(f"{NORILLAG}?year=1950")
    assert response.status_code == 302
    assert response["Location"] == f"/lt{NORILLAG}?year=1950"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    assert Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").get(NORILLAG).status_code == 200
    # A language the register lacks falls back to English, the unprefixed page.
    assert Client(HTTP_ACCEPT_LANGUAGE="ja").get(NORILLAG).status_code == 200


def test_maltese_and_ukrainian_browsers_get_their_language(real_data):
    for code in ("mt", "uk", "ga"):
        response = Client(HTTP_ACCEPT_LANGUAGE=code).get("/")
        assert response["Location"] == f"/{code}/", code


def test_the_switcher_keeps_the_record_and_is_remembered(real_data):
    browser = Client(HTTP_ACCEPT_LANGUAGE="de")
    page = browser.get(f"/de{NORILLAG}").content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert f'name="next" type="hidden" value="/de{NORILLAG}"' in page
    assert len(re.findall(r'<option value="[a-z]{2}" lang="[a-z]{2}"', page)) == len(settings.LANGUAGES)
    response = browser.post("/i18n/setlang/", {"language": "lt", "next": f"/de{NORILLAG}?year=1950"})
    assert response.status_code == 302 and response["Location"] == f"/lt{NORILLAG}?year=1950"
    assert browser.cookies[settings.LANGUAGE_COOKIE_NAME].value == "lt"
    # The choice beats the browser's Accept-Language from now on, English included.
    assert browser.get(NORILLAG)["Location"] == f"/lt{NORILLAG}"
    response = browser.post("/i18n/setlang/", {"language": "en", "next": f"/lt{NORILLAG}"})
    assert response["Location"] == NORILLAG
    assert browser.get(NORILLAG).status_code == 200


def test_a_form_posted_to_an_english_page_is_not_redirected(real_data):
    browser = Client(HTTP_ACCEPT_LANGUAGE="de")
    response = browser.post("/accounts/login/", {"login": "nobody@example.org", "password": "x"})
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_every_page_names_its_versions_in_all_languages(anonymous):
    html = anonymous.get(f"/lt{NORILLAG}").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([a-zA-Z-]+)" href="([^"]+)">', html))
    assert set(alternates) == {code for code, _name in settings.LANGUAGES} | {"x-default"}
    assert alternates["en"] == alternates["x-default"] == f"http://testserver{NORILLAG}"
    assert alternates["mt"] == f"http://testserver/mt{NORILLAG}"
    assert alternates["lt"] == f"http://testserver/lt{NORILLAG}"


def test_links_inside_a_page_stay_in_its_language(anonymous):
    html = anonymous.get("/pl/places/").content.decode()
    assert 'href="/pl/places/p' in html
    assert 'href="/places/p' not in html


def test_the_api_has_no_prefix_and_answers_in_the_readers_language(real_data):
    german = Client(HTTP_ACCEPT_LANGUAGE="de")
    response = german.get("/api/v1/places/pnotthere/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Nicht gefunden."
    assert Client(HTTP_ACCEPT_LANGUAGE="de").get("/de/api/v1/places/").status_code == 404


def test_the_map_data_follows_the_language_the_page_asks_for(real_data):
    # static/js/basemap.js sends the page's language (html lang) as Accept-Language.
    greek = Client(HTTP_ACCEPT_LANGUAGE="el").get("/api/v1/map/locations/").json()
    norilsk = next(f for f in greek["features"] if f["properties"]["url"].endswith(NORILLAG))
    assert norilsk["properties"]["url"] == f"/el{NORILLAG}"
    with translation.override("el"):
        assert norilsk["properties"]["kind_label"] == str(PlaceKind.CORRECTIVE_LABOUR_CAMP.label)
    assert norilsk["properties"]["kind_label"] != "corrective labour camp (ITL)"
    basemap = (Path(settings.BASE_DIR) / "static" / "js" / "basemap.js").read_text()
    assert '"Accept-Language": document.documentElement.lang' in basemap


def test_error_pages_are_in_the_readers_language(anonymous):
    response = anonymous.get("/lt/places/pnothere/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="lt"' in html and 'action="/i18n/setlang/"' in html
    with translation.override("lt"):
        assert f"<h1>{translation.gettext('Page not found')}</h1>" in html
    assert "Page not found" not in html


def test_the_server_error_page_is_translated_and_stands_alone(rf):
    from django.views.defaults import server_error

    with translation.override("mt"):
        html = server_error(rf.get("/mt/")).content.decode()
        assert f"<h1>{translation.gettext('Server error')}</h1>" in html
    assert '<html lang="mt">' in html and "Server error" not in html


def test_the_switcher_leaves_a_followed_link_for_the_chosen_language(real_data):
    # A reader with a German browser follows a shared Lithuanian link and wants English, then French.
    browser = Client(HTTP_ACCEPT_LANGUAGE="de")
    response = browser.post("/i18n/setlang/", {"language": "en", "next": f"/lt{NORILLAG}"})
    assert response["Location"] == NORILLAG
    response = browser.post("/i18n/setlang/", {"language": "fr", "next": f"/lt{NORILLAG}?year=1950"})
    assert response["Location"] == f"/fr{NORILLAG}?year=1950"
    cookie = browser.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr" and int(cookie["max-age"]) >= 365 * 24 * 60 * 60


@pytest.mark.parametrize("code", ["zh", "DE", "pt-br", ""])
def test_the_switcher_takes_only_the_registers_languages(real_data, code):
    browser = Client()
    response = browser.post("/i18n/setlang/", {"language": code, "next": f"/lt{NORILLAG}"})
    assert response["Location"] == f"/lt{NORILLAG}"
    assert settings.LANGUAGE_COOKIE_NAME not in browser.cookies
    evil = browser.post("/i18n/setlang/", {"language": code, "next": "https://evil.example/"})
    assert evil["Location"] == "/"


def test_an_english_prefix_goes_to_the_one_english_address(anonymous):
    response = anonymous.get(f"/en{NORILLAG}?year=1950")
    assert response.status_code == 301 and response["Location"] == f"{NORILLAG}?year=1950"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/export/places.lpf.json?q=Norillag",
        f"/api/v1/places/{NORILLAG.split('/')[2]}/lpf/",
        "/api/v1/export/places.csv?q=Norillag",
        "/api/v1/export/people.csv",
    ],
)
def test_bulk_exports_are_the_same_in_every_language(real_data, url):
    def body(language):
        response = Client(HTTP_ACCEPT_LANGUAGE=language).get(url)
        assert response.status_code == 200
        return b"".join(response.streaming_content) if response.streaming else response.content

    english = body("en")
    assert body("de") == english and body("lt") == english
    assert b"/de/" not in english and b"/lt/" not in english


def test_a_record_is_cited_by_its_one_address_in_every_language(anonymous, settings):
    for prefix in ("", "/de", "/lt"):
        html = anonymous.get(f"{prefix}{NORILLAG}").content.decode()
        assert f"{settings.SITE_URL}{NORILLAG}" in html
        assert (
            f"{settings.SITE_URL}/de{NORILLAG}" not in html
            and f"{settings.SITE_URL}/lt{NORILLAG}" not in html
        )


def test_places_and_people_have_their_own_word_for_name(anonymous):
    with translation.override("pl"):
        place_name = translation.pgettext("name of a place or operation", "Name")
        person_name = translation.gettext("Name")
    assert place_name != person_name
    assert f'<th scope="col">{place_name}</th>' in anonymous.get("/pl/places/").content.decode()
    assert f'<th scope="col">{person_name}</th>' in anonymous.get("/pl/people/?q=Jonas").content.decode()
