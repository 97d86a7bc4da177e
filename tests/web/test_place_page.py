"""The page of one place: names, facts, figure chart and table, sources and citation formats."""

import html as htmllib
import json
import re


def test_place_page_shows_names_and_facts(reader, norillag):
    response = reader.get(f"/places/{norillag.public_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 lang="en">Norilsky ITL' in html
    for name in ("Норильский ИТЛ", "Норильлаг", "Норильстрой", "Norilsky ITL"):
        assert name in html
    assert "Russian" in html and "Cyrillic" in html
    assert "1935–1956" in html and "1935/1956" in html
    assert "Mining industry" in html
    assert "Russia" in html  # CLDR country name (Babel)
    assert "precision" in html and "settlement" in html


def test_place_page_has_chart_and_figures_table(reader, norillag):
    html = reader.get(norillag.get_absolute_url()).content.decode()
    assert re.search(r'<svg class="chart" role="img" aria-labelledby="chart-title"', html)
    assert '<title id="chart-title">' in html
    assert "72,490" in html  # 1951
    assert html.count('<rect class="bar"') == 22


def test_no_figure_is_never_zero(reader, aldanski):
    html = reader.get(aldanski.get_absolute_url()).content.decode()
    assert "2,792" in html
    assert "no figure" in html
    assert 'class="bar--none"' in html
    assert '<td class="num">0</td>' not in html
    assert "0 prisoners" not in html


def test_place_page_lists_sources_and_stable_url(reader, norillag, settings):
    html = reader.get(norillag.get_absolute_url()).content.decode()
    assert "Смирнов М. Б. (сост.)" in html
    assert "https://github.com/urbica/gulag-api" in html
    assert f"{settings.SITE_URL}/places/{norillag.public_id}/" in html
    assert f'href="/api/v1/places/{norillag.public_id}/"' in html


def test_place_page_citations_parse(reader, norillag, settings):
    html = reader.get(norillag.get_absolute_url()).content.decode()
    bibtex = htmllib.unescape(re.search(r'<pre class="cite-bibtex"[^>]*>(.*?)</pre>', html, re.S).group(1))
    assert re.match(r"@misc\{gulagregister:" + norillag.public_id + r",\n(  \w+ = \{.*\},?\n)+\}$", bibtex)
    assert "title = {{Norilsky ITL (Норильский ИТЛ)}}" in bibtex
    csl_text = re.search(r'<pre class="cite-csl-json"[^>]*>(.*?)</pre>', html, re.S).group(1)
    csl = json.loads(htmllib.unescape(csl_text))
    assert csl[0]["type"] == "dataset"
    assert csl[0]["publisher"] == "Gulag register"
    assert csl[0]["URL"] == f"{settings.SITE_URL}/places/{norillag.public_id}/"
    assert len(csl[0]["accessed"]["date-parts"][0]) == 3


def test_destination_area_links_back_to_its_operations(reader):
    from register.operations.models import Operation

    place = Operation.objects.get(slug="priboi-1949").destinations.first()
    html = reader.get(place.get_absolute_url()).content.decode()
    assert "/operations/priboi-1949/" in html
    assert "region-level point" in html


def test_place_page_query_count(reader, norillag, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert reader.get(norillag.get_absolute_url()).status_code == 200
