"""The person pages: name search (/people/), the page of one person, and the people lists of place and
operation pages.

Real records of the bundled data (Jonas Žemaitis, recorded as Жямайтис in his file) and invented
personas made here, with names no real record has: Aldona Butkutė (deported in the June 1941 operation to
the Altai krai, settled on the Laptev Sea coast in 1942), Petras Butkus (recorded in Lithuanian and in the
Russian of his file, Буткус Пятрас Антанович; a Cyrillic-only record may be the same man) and Ona
Kazlauskienė, a synthetic deportee born in 1940 with no recorded death, so restricted by the privacy rule.
"""

import html as htmllib
import json
import re

import pytest
from django.utils import translation

from register.core.edtf_words import edtf_display
from register.core.models import guess_script
from register.operations.models import Operation
from register.people.models import (
    EventKind,
    FamilyLink,
    Fate,
    FormKind,
    NamePart,
    Person,
    PersonEvent,
    PersonName,
    PossibleDuplicate,
    Relation,
)
from register.people.selectors import people_at_place, people_in_operation
from register.places.models import Place
from register.sources.models import Citation, Source, SourceKind


def add_names(person, *forms):
    """forms: (part, value, language, kind, primary) tuples."""
    for part, value, language, kind, primary in forms:
        PersonName.objects.create(
            person=person,
            part=part,
            value=value,
            language=language,
            script=guess_script(value),
            kind=kind,
            is_primary=primary,
        )


def make_people() -> dict[str, Person]:
    """The personas (see the module docstring) with names, events, sources and links."""
    memoir = Source.objects.create(
        key="test-butkute-memoir",
        kind=SourceKind.PUBLICATION,
        title="Butkutė, Prie Laptevų jūros",
        reference="Aldona Butkutė, Prie Laptevų jūros (test source). Vilnius, 1990.",
    )
    baltic = Operation.objects.get(slug="june-1941-baltic")
    altai = Place.objects.get(names__name="Altai krai")
    laptev = Place.objects.get(names__name__startswith="Laptev Sea coast")

    aldona = Person.objects.create(
        surname="Butkutė",
        given_name="Aldona",
        sex="f",
        birth_edtf="1927-05-07",
        birthplace_text="Kaunas",
        nationality="Lithuanian",
        country="LT",
        occupation="physician",
        death_edtf="1987-12-25",
        fate=Fate.SURVIVED,
        biography="Wrote down her memoir of the Laptev Sea coast and buried it in her garden.",
    )
    add_names(
        aldona,
        (NamePart.SURNAME, "Butkutė", "lt", FormKind.NATIVE, True),
        (NamePart.SURNAME, "Буткуте", "ru", FormKind.RUSSIFIED, False),
        (NamePart.GIVEN, "Aldona", "lt", FormKind.NATIVE, True),
        (NamePart.GIVEN, "Алдона", "ru", FormKind.RUSSIFIED, False),
    )
    deportation = PersonEvent.objects.create(
        person=aldona,
        kind=EventKind.DEPORTATION,
        period_edtf="1941-06-14",
        operation=baltic,
        origin="Kaunas",
        place=altai,
    )
    Citation.objects.create(source=memoir, record=deportation, locator="p. 5")
    PersonEvent.objects.create(person=aldona, kind=EventKind.SETTLEMENT, period_edtf="1942-08", place=laptev)
    PersonEvent.objects.create(
        person=aldona, kind=EventKind.RETURN, period_edtf="1949", place_text="Lithuania"
    )
    Citation.objects.create(source=memoir, record=aldona, locator="foreword")

    petras = Person.objects.create(
        surname="Butkus",
        given_name="Petras",
        birth_edtf="1909-03-15",
        birthplace_text="Palanga",
        country="LT",
        death_edtf="1954-11-26",
        fate=Fate.EXECUTED,
        incomplete=True,
    )
    add_names(
        petras,
        (NamePart.SURNAME, "Butkus", "lt", FormKind.NATIVE, True),
        (NamePart.SURNAME, "Буткус", "ru", FormKind.ORIGINAL, False),
        (NamePart.GIVEN, "Petras", "lt", FormKind.NATIVE, True),
        (NamePart.GIVEN, "Пятрас", "ru", FormKind.ORIGINAL, False),
        (NamePart.PATRONYMIC, "Антанович", "ru", FormKind.ORIGINAL, False),
    )
    PersonEvent.objects.create(
        person=petras,
        kind=EventKind.ARREST,
        period_edtf="1953-05-30",
        place_text="Šilinė, Jurbarkas district",
    )
    PersonEvent.objects.create(
        person=petras,
        kind=EventKind.SENTENCE,
        period_edtf="1954-06-08",
        article="58-1а",
        authority="Военная коллегия Верховного суда СССР",
        term="death",
    )
    PersonEvent.objects.create(
        person=petras, kind=EventKind.EXECUTION, period_edtf="1954-11-26", place_text="Moscow, Butyrka prison"
    )
    twin = Person.objects.create(surname="Буткус", given_name="Петр", birth_edtf="1909", country="LT")
    add_names(twin, (NamePart.SURNAME, "Буткус", "ru", FormKind.ORIGINAL, True))
    PossibleDuplicate.objects.create(person=petras, other=twin)

    ona = Person.objects.create(
        surname="Kazlauskienė",
        given_name="Ona",
        birth_edtf="1940",
        birthplace_text="Raseiniai",
        occupation="teacher",
        country="LT",
        synthetic=True,
    )
    add_names(
        ona,
        (NamePart.SURNAME, "Kazlauskienė", "lt", FormKind.NATIVE, True),
        (NamePart.GIVEN, "Ona", "lt", FormKind.NATIVE, True),
    )
    PersonEvent.objects.create(
        person=ona, kind=EventKind.DEPORTATION, period_edtf="1941-06-14", operation=baltic
    )
    PersonEvent.objects.create(person=ona, kind=EventKind.SETTLEMENT, period_edtf="1941/1956", place=altai)
    PersonEvent.objects.create(person=ona, kind=EventKind.RETURN, period_edtf="1958", place_text="Raseiniai")
    FamilyLink.objects.create(person=ona, relation=Relation.DEPORTED_WITH, other=aldona)
    hidden = Person.objects.create(surname="Butkienė", given_name="Hidden", published=False)
    add_names(hidden, (NamePart.SURNAME, "Butkienė", "lt", FormKind.NATIVE, True))
    return {"aldona": aldona, "petras": petras, "twin": twin, "ona": ona, "hidden": hidden}


@pytest.fixture
def people(real_data):
    return make_people()


def page_html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# --- search page ---------------------------------------------------------------------------------------


def row_of(html, person, end="</tr>"):
    """The result row (or, with end="</li>", the list item) of `person` in a page of results."""
    return html.split(person.get_absolute_url())[1].split(end)[0]


def test_cyrillic_search_finds_the_real_lithuanian_record_and_says_why(reader, people):
    # The bundled record of Jonas Žemaitis has Žemaitis and the Жямайтис of his file, not Жемайтис.
    zemaitis = Person.objects.get(surname="Žemaitis", given_name="Jonas")
    html = page_html(reader, "/people/?q=Жемайтис")
    row = row_of(html, zemaitis)
    assert "found as “Žemaitis” — same name in another script" in row
    assert "Жямайтис" in row and "1909" in row and "executed" in row


def test_latin_search_finds_cyrillic_records_and_the_female_form(reader, people):
    html = page_html(reader, "/people/?q=Butkus")
    assert "3 people found" in html
    assert "found as “Butkus” — same name" in row_of(html, people["petras"])
    assert "found as “Буткус” — same name in another script" in row_of(html, people["twin"])
    assert "found as “Butkutė” — female form of the same surname" in row_of(html, people["aldona"])
    assert html.index(people["petras"].get_absolute_url()) < html.index(people["aldona"].get_absolute_url())


def test_search_lists_other_name_forms_birth_year_and_fate(reader, people):
    html = page_html(reader, "/people/?q=Буткуте")
    row = row_of(html, people["aldona"])
    assert '<span lang="ru">Буткуте</span>' in row and "Алдона" in row
    assert "1927" in row and "released or returned" in row


def test_unpublished_persons_are_never_found_or_shown(reader, people):
    html = page_html(reader, "/people/?q=Butkienė")
    assert people["hidden"].get_absolute_url() not in html
    page_html(reader, people["hidden"].get_absolute_url(), status=404)
    page_html(reader, "/people/vnothere/", status=404)


def test_browsing_without_a_query_lists_everyone_in_name_order(reader, people):
    html = page_html(reader, "/people/?country=LT")
    total = Person.objects.filter(published=True, country="LT").count()
    assert f"{total} people found" in html
    positions = [html.index(people[key].get_absolute_url()) for key in ("petras", "aldona", "ona", "twin")]
    assert positions == sorted(positions)  # Butkus, Butkutė, Kazlauskienė, Буткус


def test_filters_narrow_the_results(reader, people):
    laptev = Place.objects.get(names__name__startswith="Laptev Sea coast")
    html = page_html(reader, f"/people/?q=Butkute&place={laptev.public_id}")
    assert "1 person found" in html and people["aldona"].get_absolute_url() in html
    html = page_html(reader, "/people/?q=Kazlauskienė&operation=june-1941-baltic")
    assert "1 person found" in html and people["ona"].get_absolute_url() in html
    # Ona may still be alive (born 1940): a birth-year filter must not reveal her birth year
    html = page_html(reader, "/people/?q=Kazlauskienė&operation=june-1941-baltic&born_from=1930")
    assert people["ona"].get_absolute_url() not in html
    html = page_html(reader, f"/people/?q=Буткус&fate={Fate.EXECUTED}")
    assert "1 person found" in html and people["petras"].get_absolute_url() in html
    html = page_html(reader, "/people/?q=Буткус&born_from=1900&born_to=1910")
    assert "2 people found" in html and people["aldona"].get_absolute_url() not in html


def test_filter_choices_offer_only_what_has_people(reader, people):
    html = page_html(reader, "/people/")
    laptev = Place.objects.get(names__name__startswith="Laptev Sea coast")
    assert f'<option value="{laptev.public_id}">' in html
    norilsk = Place.objects.get(primary_name="Норильский ИТЛ")
    assert f'value="{norilsk.public_id}"' not in html
    assert '<option value="LT">Lithuania</option>' in html


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ("born_from=abc", "born_from"),
        ("born_from=1950&born_to=1900", "born_to"),
        ("born_to=1500", "born_to"),
        ("place=pnotaplace", "place"),
        ("operation=no-such-operation", "operation"),
        ("fate=immortal", "fate"),
        ("country=XX", "country"),
        ("q=" + "a" * 201, "q"),
    ],
)
def test_bad_filters_are_form_errors_not_server_errors(reader, people, params, field):
    response = reader.get(f"/people/?{params}")
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["page"] is None
    html = response.content.decode()
    assert "Please correct the search" in html
    assert "people found" not in html


def test_no_results_suggests_what_to_try_and_how_to_submit(reader, people, settings):
    html = page_html(reader, "/people/?q=Xyzzyqwv&fate=executed")
    assert "0 people found" in html
    assert "Fewer words" in html and "Another spelling" in html
    assert 'href="/people/?q=Xyzzyqwv">Search again without the filters.' in html
    assert 'href="/about/data/"' in html.split('class="no-results-help"')[1]
    settings.RECORD_SUBMISSION_EMAIL = "records@example.org"
    html = page_html(reader, "/people/?q=Xyzzyqwv")
    assert 'href="mailto:records@example.org"' in html
    assert "without the filters" not in html


def test_pagination_pages_the_search_in_the_database(reader, people, monkeypatch):
    monkeypatch.setattr("register.people.views.PAGE_SIZE", 2)
    first = page_html(reader, "/people/?q=Butkus")
    assert "3 people found" in first and "Page 1 of 2" in first
    assert people["petras"].get_absolute_url() in first and people["aldona"].get_absolute_url() not in first
    assert 'href="?q=Butkus&amp;page=2"' in first
    second = page_html(reader, "/people/?q=Butkus&page=2")
    assert people["aldona"].get_absolute_url() in second and people["petras"].get_absolute_url() not in second
    past_the_end = page_html(reader, "/people/?q=Butkus&page=99")
    assert "Page 2 of 2" in past_the_end and people["aldona"].get_absolute_url() in past_the_end
    assert "Page 1 of 2" in page_html(reader, "/people/?q=Butkus&page=abc")


def test_search_page_query_count_is_pinned(reader, people, django_assert_max_num_queries):
    # The name search's own queries (key look-ups per name part, the given-name table) are most of them;
    # the page adds the filter choices (countries, operations, places) and nothing per result.
    with django_assert_max_num_queries(18):
        reader.get("/people/?q=Буткус+Пятрас")
    with django_assert_max_num_queries(8):
        reader.get("/people/?operation=june-1941-baltic")


def test_search_page_in_german(german_reader, people):
    html = page_html(german_reader, "/people/?q=Butkus")
    assert "3 Personen gefunden" in html
    assert "gefunden als „Буткус“ – gleicher Name in einer anderen Schrift" in row_of(html, people["twin"])


# --- person page ---------------------------------------------------------------------------------------


def test_person_page_shows_names_facts_timeline_and_map(reader, people):
    aldona = people["aldona"]
    html = page_html(reader, aldona.get_absolute_url())
    assert "<h1>Butkutė Aldona" in html and "(Буткуте Алдона)" in html
    assert '<th scope="row" lang="ru">Буткуте</th>' in html
    assert "Russian" in html and "russified" in html and "Cyrillic" in html
    assert "May 7, 1927" in html and "Kaunas" in html and "physician" in html
    assert "June 14, 1941" in html and "August 1942" in html
    assert "June 1941 deportation from Estonia, Latvia and Lithuania" in html
    assert "Altai krai" in html and "Laptev Sea coast" in html
    path = json.loads(
        re.search(r'<script id="person-path" type="application/json">(.*?)</script>', html).group(1)
    )
    assert [f["properties"]["number"] for f in path["features"]] == [1, 2]
    assert [f["properties"]["label"] for f in path["features"]] == ["Deportation", "Special settlement"]
    assert all(len(f["geometry"]["coordinates"]) == 2 for f in path["features"])
    assert "Butkutė, Prie Laptevų jūros" in html and "p. 5" in html
    assert "js/person-map.js" in html and "basemap/countries-110m.geojson" in html


def test_person_page_cites_the_record(reader, people, settings):
    petras = people["petras"]
    html = page_html(reader, petras.get_absolute_url())
    url = f"{settings.SITE_URL}/people/{petras.public_id}/"
    assert url in html
    text = htmllib.unescape(
        re.search(r"<pre aria-labelledby=\"cite-text\"[^>]*>(.*?)</pre>", html, re.S).group(1)
    )
    assert "“Butkus Petras (Буткус Пятрас Антанович)”" in text and petras.public_id in text
    bibtex = htmllib.unescape(re.search(r'<pre class="cite-bibtex"[^>]*>(.*?)</pre>', html, re.S).group(1))
    assert bibtex.startswith(f"@misc{{gulagregister:{petras.public_id},")
    csl = json.loads(
        htmllib.unescape(re.search(r'<pre class="cite-csl-json"[^>]*>(.*?)</pre>', html, re.S).group(1))
    )
    assert csl[0]["type"] == "entry" and csl[0]["container-title"] == "Gulag register"
    assert csl[0]["URL"] == url


def test_person_page_flags_and_duplicates(reader, people):
    html = page_html(reader, people["petras"].get_absolute_url())
    assert "Incomplete record" in html
    assert "Possible duplicate of" in html and people["twin"].get_absolute_url() in html
    assert "58-1а" in html and "Военная коллегия Верховного суда СССР" in html
    assert "November 26, 1954" in html  # CLDR long date (Babel)
    twin_html = page_html(reader, people["twin"].get_absolute_url())
    assert people["petras"].get_absolute_url() in twin_html


def test_restricted_person_shows_only_name_and_repression_facts(reader, people):
    ona = people["ona"]
    assert ona.restricted
    html = page_html(reader, ona.get_absolute_url())
    assert "Kazlauskienė Ona" in html
    assert "only the name and the facts of the repression are shown" in html
    assert "June 14, 1941" in html and "1941–1956" in html  # deportation and settlement
    # the year-precision settlement comes after the deportation that led to it, though 1941 < 1941-06-14
    assert html.index("June 14, 1941") < html.index("1941–1956")
    for hidden in ("Raseiniai", "teacher", "1940", "return", "Family and fellow deportees", "Butkutė"):
        assert hidden not in html, hidden
    search = page_html(reader, "/people/?q=Kazlauskiene")
    row = search.split(ona.get_absolute_url())[1].split("</tr>")[0]
    assert "1940" not in row


def test_synthetic_person_has_a_banner(reader, people):
    html = page_html(reader, people["ona"].get_absolute_url())
    assert 'class="synthetic-banner"' in html and "never lived" in html
    assert 'class="synthetic-banner"' not in page_html(reader, people["aldona"].get_absolute_url())


def test_family_links_read_from_both_sides(reader, people, settings):
    settings.PERSON_PRIVACY_YEARS = 80  # Ona (born 1940) is now shown in full
    ona_html = page_html(reader, people["ona"].get_absolute_url())
    assert "Deported with" in ona_html and people["aldona"].get_absolute_url() in ona_html
    aldona_html = page_html(reader, people["aldona"].get_absolute_url())
    assert "Deported with" in aldona_html and people["ona"].get_absolute_url() in aldona_html
    # Recorded both ways, a link is listed once; the birth year tells namesakes apart.
    FamilyLink.objects.create(person=people["aldona"], relation=Relation.DEPORTED_WITH, other=people["ona"])
    aldona_html = page_html(reader, people["aldona"].get_absolute_url())
    section = aldona_html.split('id="family-heading"')[1].split("</section>")[0]
    assert section.count(people["ona"].get_absolute_url()) == 1 and "(born 1940)" in section


def test_person_page_query_count_is_pinned(reader, people, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        reader.get(people["aldona"].get_absolute_url())


def test_person_page_in_german_and_lithuanian(german_reader, people, client):
    html = page_html(german_reader, people["aldona"].get_absolute_url())
    assert "14. Juni 1941" in html and "Lebensweg" in html
    with translation.override("en"):
        html = page_html(client, "/lt" + people["aldona"].get_absolute_url())
    assert "1941 m. birželio 14 d." in html


# --- place and operation pages --------------------------------------------------------------------------


def test_place_page_lists_its_people_with_a_count(reader, people):
    altai = Place.objects.get(names__name="Altai krai")
    total = people_at_place(altai.pk).count()
    assert total >= 2
    html = page_html(reader, altai.get_absolute_url())
    assert f"{total} people of the register are linked to this record." in html
    assert people["aldona"].get_absolute_url() in html and people["ona"].get_absolute_url() in html
    assert f'href="/people/?place={altai.public_id}"' in html
    assert "1940" not in row_of(html, people["ona"], "</li>")  # restricted: no birth year
    norilsk = Place.objects.get(primary_name="Норильский ИТЛ")
    assert "No person of the register is linked to this record yet." in page_html(
        reader, norilsk.get_absolute_url()
    )


def test_operation_page_lists_its_people_paginated(reader, people, monkeypatch):
    monkeypatch.setattr("register.operations.views.PEOPLE_PAGE_SIZE", 1)
    operation = Operation.objects.get(slug="june-1941-baltic")
    total = people_in_operation(operation.pk).count()
    html = page_html(reader, "/operations/june-1941-baltic/")
    assert f"{total} people of the register are linked to this record." in html
    assert f"Page 1 of {total}" in html and people["aldona"].get_absolute_url() in html  # Butkutė first
    html = page_html(reader, "/operations/june-1941-baltic/?page=2")
    assert people["aldona"].get_absolute_url() not in html
    assert 'href="/people/?operation=june-1941-baltic"' in html


def test_navigation_has_people(reader, people):
    html = page_html(reader, "/people/")
    assert re.search(r'<a href="/people/" aria-current="page">People</a>', html)
    assert '<a href="/people/">People</a>' in page_html(reader, "/places/")


# --- EDTF display ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "english", "german"),
    [
        ("1941", "1941", "1941"),
        ("1941-06", "June 1941", "Juni 1941"),
        ("1941-06-14", "June 14, 1941", "14. Juni 1941"),
        ("1949-03-25/1949-03-28", "March 25, 1949 – March 28, 1949", "25. März 1949 – 28. März 1949"),
        ("1941/1956", "1941–1956", "1941–1956"),
        ("1950/..", "from 1950", "ab 1950"),
        ("../1950", "until 1950", "bis 1950"),
        ("1941~", "about 1941", "etwa 1941"),
        ("1941?", "1941 (uncertain)", "1941 (unsicher)"),
        ("1942-21", "spring 1942", "Frühjahr 1942"),
        ("194X", "1940–1949", "1940–1949"),
        ("1941-02-30", "1941-02-30", "1941-02-30"),  # not a date: shown as written
        ("1941-06-1X", "1941-06-1X", "1941-06-1X"),  # an unspecified day digit: shown as written
        ("1941-06-1X/1941-07", "1941-06-1X/1941-07", "1941-06-1X/1941-07"),
        ("[1941,1942]", "[1941,1942]", "[1941,1942]"),
        ("", "", ""),
    ],
)
def test_edtf_display(value, english, german):
    with translation.override("en"):
        assert edtf_display(value) == english
    with translation.override("de"):
        assert edtf_display(value) == german


def test_edtf_display_is_used_for_partial_dates(reader, people):
    PersonEvent.objects.create(person=people["aldona"], kind=EventKind.RELEASE, period_edtf="1949-XX")
    html = page_html(reader, people["aldona"].get_absolute_url())
    assert re.search(
        r'<span class="timeline__date"><time>1949</time></span>\s*<span class="timeline__kind">Release', html
    )


# --- accessibility: the checks of tests/web/test_accessibility.py on the person pages --------------------


def test_person_pages_pass_the_accessibility_checks(reader, people):
    from tests.web import test_accessibility as a11y

    urls = [
        "/people/",
        "/people/?q=Буткус",
        "/people/?q=Xyzzyqwv",
        "/people/?born_from=abc",
        people["aldona"].get_absolute_url(),
        people["petras"].get_absolute_url(),
        people["ona"].get_absolute_url(),
        Place.objects.get(names__name="Altai krai").get_absolute_url(),
    ]
    pages = {url: a11y.get_page(reader, url) for url in urls}
    a11y.test_one_h1_and_no_skipped_heading_levels(pages)
    a11y.test_every_form_control_has_a_label(pages)
    a11y.test_ids_are_unique_and_every_id_reference_resolves(pages)
    a11y.test_landmarks_and_skip_link(pages)
    a11y.test_tables_have_header_cells_with_scope_and_a_name(pages)
    a11y.test_tables_scroll_inside_a_wrapper(pages)
    a11y.test_svg_and_images_have_text_alternatives(pages)
    person_titles = [pages[url].title() for url in urls[4:7]]
    assert len(set(person_titles)) == 3 and all(t.endswith("· Gulag register") for t in person_titles)


def test_home_page_has_a_person_search_box(reader, people):
    html = page_html(reader, "/")
    form = html.split('class="home-search"')[1].split("</form>")[0]
    assert 'action="/people/"' in form and 'name="q"' in form
    assert '<label for="home-person-q">' in form


def test_a_life_path_without_mapped_places_shows_no_empty_map(reader, people):
    html = page_html(reader, people["petras"].get_absolute_url())  # his places are text only
    assert 'id="person-map"' not in html and "No place of this life path is on the map yet." in html
    assert 'id="person-map"' in page_html(reader, people["aldona"].get_absolute_url())
