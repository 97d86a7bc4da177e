"""The register in the reader's language: exonyms of places and names of operations shown and found in it,
with the original names still visible; dates, numbers and country names from the CLDR (Babel)."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from register.core import locale_data
from register.core.edtf_words import edtf_display
from register.core.importing import ImportFailed
from register.core.management.commands.load_register_data import load_register_data
from register.core.templatetags.register_tags import number
from register.operations.models import OperationName
from register.places.models import PlaceName


@pytest.fixture
def browser(real_data):
    return Client()


def test_an_operation_and_its_destinations_in_lithuanian(browser):
    html = browser.get("/lt/operations/june-1941-baltic/").content.decode()
    assert '<h1 lang="lt">1941 m. birželio trėmimai <span class="original" lang="en">(June 1941' in html
    assert 'lang="lt">Krasnojarsko kraštas</a>' in html
    english = browser.get("/operations/june-1941-baltic/").content.decode()
    assert "Krasnojarsko" not in english and 'lang="en">Krasnoyarsk krai</a>' in english


def test_the_operations_list_names_each_in_the_readers_language(browser):
    html = browser.get("/et/operations/").content.decode()
    assert 'lang="et">Märtsiküüditamine</a><br><span class="original" lang="en">Operation' in html


def test_a_german_reader_sees_the_german_name_of_a_special_camp_and_the_original(browser):
    place = PlaceName.objects.get(name="Speziallager Nr. 1 Mühlberg").place
    html = browser.get(f"/de{place.get_absolute_url()}").content.decode()
    assert (
        f'<h1 lang="de">Speziallager Nr. 1 Mühlberg <span class="original" lang="ru">({place.primary_name})'
        in html
    )


@pytest.mark.parametrize(
    ("language", "query", "found"),
    [
        ("lv", "Krasnojarskas novads", "Krasnoyarsk krai"),
        ("pl", "Kraj Krasnojarski", "Krasnoyarsk krai"),
        ("de", "Oblast Nowosibirsk", "Novosibirsk oblast"),
        ("pl", "obwod tomski", "Tomsk oblast"),  # without the diacritics the reader may not type
    ],
)
def test_places_are_found_by_their_name_in_the_readers_language(browser, language, query, found):
    html = browser.get(f"/{language}/places/", {"q": query}).content.decode()
    assert found in html


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Märtsiküüditamine", "priboi-1949"),
        ("Bangų mūša", "priboi-1949"),
        ("Zbrodnia katyńska", "katyn-1940"),
    ],
)
def test_operations_are_found_by_their_name_in_the_readers_language(real_data, query, slug):
    results = Client().get("/api/v1/operations/", {"q": query}).json()["results"]
    assert [item["slug"] for item in results] == [slug]


def test_api_place_search_finds_an_exonym(real_data):
    response = Client().get("/api/v1/places/", {"q": "Kraj Ałtajski"})
    assert "Altai krai" in response.content.decode()


def test_exonyms_and_operation_names_cite_their_source(real_data):
    names = PlaceName.objects.filter(kind="translation", place__dataset="register-destinations")
    assert names.count() >= 80
    assert not names.filter(source__isnull=True).exists()
    assert OperationName.objects.filter(language="lt", source__key="wikipedia-titles").count() >= 4


@pytest.fixture
def fixtures_copy(tmp_path):
    target = tmp_path / "fixtures"
    shutil.copytree(Path(settings.BASE_DIR) / "fixtures", target)
    return target


def test_a_bad_names_file_changes_nothing_and_names_row_and_field(real_data, fixtures_copy):
    path = fixtures_copy / "operations" / "destination-names.csv"
    path.write_text(
        "key,language,name,source\n"
        "krasnoyarsk,xx,Krasnojarsk,wikipedia-titles\n"
        "nowhere,lt,Niekur,wikipedia-titles\n"
        "tomsk,pl,,wikipedia-titles\n"
        "omsk,pl,Obwód omski,no-such-source\n",
        encoding="utf-8",
    )
    before = PlaceName.objects.count()
    with pytest.raises(ImportFailed) as failure:
        load_register_data(fixtures_copy)
    messages = [str(problem) for problem in failure.value.problems]
    assert (
        "destination-names.csv, row 1, field “language”: “xx” is not a language of the register" in messages
    )
    assert "destination-names.csv, row 2, field “key”: “nowhere” is not in the file it refers to" in messages
    assert "destination-names.csv, row 3, field “name”: is required" in messages
    assert "destination-names.csv, row 4, field “source”: “no-such-source” is not in sources.csv" in messages
    assert PlaceName.objects.count() == before


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("tomsk,fi,\u200b,wikipedia-titles", "name", "A name needs at least one letter."),
        ("tomsk,fi,Tomsk\u202e,wikipedia-titles", "name", "change the direction of writing"),
        ("tomsk,fi,To\x00msk,wikipedia-titles", "name", "control characters"),
        ('tomsk,fi,"Tom\nsk",wikipedia-titles', "name", "a name is one line of text"),
        (
            "tomsk,en,Tomsk region,wikipedia-titles",
            "language",
            "belong in operations.csv and destinations.csv",
        ),
        ("tomsk,fi,Tomskin alue,", "source", "is required"),
        ("tomsk,pl,Tomsk,wikipedia-titles", "language", "a second “pl” name (row "),
    ],
)
def test_names_that_would_show_badly_are_refused(real_data, fixtures_copy, row, field, message):
    path = fixtures_copy / "operations" / "destination-names.csv"
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        load_register_data(fixtures_copy)
    problems = [p for p in failure.value.problems if p.file == "destination-names.csv"]
    assert [p.field for p in problems] == [field] and message in problems[0].message, problems


def test_a_name_taken_out_of_the_file_is_taken_out_of_the_register(real_data, fixtures_copy):
    path = fixtures_copy / "operations" / "destination-names.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if "Krasnojarsko" not in line) + "\n", encoding="utf-8")
    names = path.parent / "operation-names.csv"
    names.write_text(names.read_text(encoding="utf-8").replace("Märtsiküüditamine", "Märtsiküüditamine 1949"))
    load_register_data(fixtures_copy)
    assert not PlaceName.objects.filter(name="Krasnojarsko kraštas").exists()
    assert PlaceName.objects.filter(name="Kraj Krasnojarski").exists()
    assert list(
        OperationName.objects.filter(language="et", operation__slug="priboi-1949").values_list(
            "name", flat=True
        )
    ) == ["Märtsiküüditamine 1949"]


@pytest.mark.parametrize(
    ("language", "month", "day", "approximate", "interval"),
    [
        ("en", "June 1941", "June 14, 1941", "about 1949", "1948–1950"),
        ("lt", "1941 m. birželis", "1941 m. birželio 14 d.", None, "1948–1950"),
        ("mt", "Ġunju 1941", "14 ta’ Ġunju 1941", None, "1948–1950"),
        ("ga", "Meitheamh 1941", "14 Meitheamh 1941", None, "1948–1950"),
        ("el", "Ιούνιος 1941", "14 Ιουνίου 1941", None, "1948–1950"),
        ("pt", "junho de 1941", "14 de junho de 1941", None, "1948–1950"),
    ],
)
def test_edtf_dates_in_the_readers_language(language, month, day, approximate, interval):
    with translation.override(language):
        assert edtf_display("1941-06") == month
        assert edtf_display("1941-06-14") == day
        assert edtf_display("1948/1950") == interval
        about = edtf_display("1949~")
    assert "1949" in about and about != "1949~"
    if approximate:
        assert about == approximate


@pytest.mark.parametrize(
    ("language", "grouped"),
    [("en", "94,779"), ("de", "94.779"), ("lt", "94\xa0779"), ("fr", "94\u202f779"), ("mt", "94,779")],
)
def test_numbers_are_grouped_for_the_reader(language, grouped):
    with translation.override(language):
        assert number(94779) == grouped
    assert locale_data.number("not a number") == "not a number"
    assert locale_data.number(None) == ""


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "Lithuania"), ("de", "Litauen"), ("mt", "il-Litwanja"), ("ga", "an Liotuáin"), ("uk", "Литва")],
)
def test_country_names_in_every_language(language, name):
    assert locale_data.country_name("LT", language) == name


def test_every_language_has_cldr_data_for_dates_and_countries():
    for code, _name in settings.LANGUAGES:
        locale = locale_data.reader_locale(code)
        assert str(locale).split("_")[0] == code, code
        assert locale_data.country_name("PL", code) != "PL", code


def test_maltese_has_django_date_formats(real_data):
    import datetime as dt

    from django.utils import formats

    with translation.override("mt"):
        assert formats.get_format("DATE_FORMAT") == r"j \t\a’ F Y"
        assert formats.date_format(dt.date(1949, 3, 25)).startswith("25 ta’ ")


@pytest.mark.parametrize(
    ("language", "query", "slug"),
    [
        ("lv", "marta deportācija", "priboi-1949"),
        ("pl", "Zbrodnia katyńska", "katyn-1940"),
        ("de", "Aktion Nord", "sever-1951"),
    ],
)
def test_the_operations_page_searches_names_in_the_readers_language(browser, language, query, slug):
    html = browser.get(f"/{language}/operations/", {"q": query}).content.decode()
    assert f'href="/{language}/operations/{slug}/"' in html
    assert html.count('<th scope="row">') == 1
    nothing = browser.get(f"/{language}/operations/", {"q": "Atlantis"}).content.decode()
    assert '<th scope="row">' not in nothing and 'role="status"' in nothing


def test_odd_codes_and_dates_read_sensibly():
    assert locale_data.country_name("ZZ") == "ZZ" and locale_data.country_name("zz") == "zz"
    assert locale_data.country_name("XK", "de") == "Kosovo"
    with translation.override("de"):
        assert edtf_display("1941/1941") == "1941"
        assert edtf_display("19XX-06") == "19XX-06"
        assert edtf_display("194X") == "1940–1949"


def test_the_match_reason_names_the_readers_own_form(browser):
    html = browser.get("/pl/places/", {"q": "Kraj Krasnojarski"}).content.decode()
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert 'lang="pl">Kraj Krasnojarski</a>' in first_row
    assert "Красноярский край" not in first_row, first_row  # not "found as" its Russian form


def test_the_api_gives_the_description_for_the_readers_language(real_data):
    lithuanian = Client(HTTP_ACCEPT_LANGUAGE="lt").get("/api/v1/operations/priboi-1949/").json()
    shown = lithuanian["description_for_reader"]
    assert shown["language"] == "lt" and not shown["is_fallback"]
    assert shown["text"] == lithuanian["descriptions"]["lt"]
    french = Client(HTTP_ACCEPT_LANGUAGE="fr").get("/api/v1/operations/priboi-1949/").json()
    assert french["description_for_reader"] == {
        "text": french["descriptions"]["en"],
        "language": "en",
        "is_fallback": True,
    }
    place = Client(HTTP_ACCEPT_LANGUAGE="de").get("/api/v1/places/pdfaf7ch7/").json()
    assert place["description_for_reader"] is None  # no description in any language


def test_a_search_the_operations_form_refuses_is_a_field_error(browser):
    html = browser.get("/lt/operations/", {"q": "x" * 500}).content.decode()
    assert 'id="id_q_error"' in html and '<th scope="row">' not in html
