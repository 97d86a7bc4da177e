"""Every page renders with its key content; unpublished records are not found."""

import re

import pytest
from django.utils.html import escape

from register.operations.models import Operation
from register.places.models import Place
from register.sources.models import Source


def test_home_has_map_counts_and_data_url(reader):
    response = reader.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="map"' in html
    assert 'id="map-list"' in html
    assert 'type="range"' in html and 'id="all-years"' in html
    assert "/api/v1/map/locations/" in html
    places = Place.objects.filter(published=True).count()
    assert f"<strong>{places}</strong> places" in html
    assert f"<strong>{Operation.objects.count()}</strong>" in html


def test_home_filters_are_filled_from_the_vocabularies(reader):
    html = reader.get("/").content.decode()
    assert "Mining industry" in html
    assert "Eastern Siberia and Taimyr" in html
    assert "corrective labour camp (ITL)" in html


def test_russian_reader_sees_russian_vocabulary_labels(real_data, client):
    client.cookies["django_language"] = "ru"
    html = client.get("/", follow=True).content.decode()
    assert "Восточная Сибирь и Таймыр" in html


def test_base_layout(reader):
    html = reader.get("/about/data/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert 'action="/i18n/setlang/"' in html
    assert "Deutsch" in html and "Lietuvių" in html and "Malti" in html and "Ελληνικά" in html
    assert 'href="/api/docs/"' in html
    assert "Natural Earth" in html


def test_operations_list_has_all_fifteen(reader):
    response = reader.get("/operations/")
    assert response.status_code == 200
    rows = re.findall(r'<th scope="row"><a href="/operations/[a-z0-9-]+/"[^>]*>', response.content.decode())
    assert len(rows) == 15


def test_operation_page_shows_official_figure_with_sources(reader):
    response = reader.get("/operations/priboi-1949/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "94,779" in html
    assert "Операция «Прибой»" in html
    assert "Estonia, Latvia, Lithuania" in html
    assert "1949-03-25/1949-03-28" in html
    assert "region-level point" in html
    assert 'id="record-map"' in html
    assert "Estonia 20,173; Latvia 42,149; Lithuania 31,917" in html
    assert 'href="/api/v1/operations/priboi-1949/"' in html


def test_operation_page_links_destinations(reader):
    operation = Operation.objects.get(slug="priboi-1949")
    html = reader.get(operation.get_absolute_url()).content.decode()
    for link in operation.destination_links.select_related("place"):
        assert link.place.get_absolute_url() in html


def test_about_page_lists_every_source(reader):
    response = reader.get("/about/data/")
    assert response.status_code == 200
    html = response.content.decode()
    for source in Source.objects.all():
        assert escape(source.title) in html
    assert "no figure" in html
    assert "placeholder" in html


@pytest.mark.parametrize("url", ["/", "/places/", "/operations/", "/about/data/", "/operations/priboi-1949/"])
def test_german_reader_gets_german_navigation(german_reader, url):
    html = german_reader.get(url).content.decode()
    assert '<html lang="de"' in html
    assert ">Karte<" in html and ">Orte<" in html


def test_german_number_grouping(german_reader):
    assert "94.779" in german_reader.get("/operations/priboi-1949/").content.decode()


def test_unpublished_placeholder_is_not_found(reader):
    placeholder = Place.objects.filter(published=False).first()
    assert placeholder is not None
    assert reader.get(f"/places/{placeholder.public_id}/").status_code == 404


def test_unknown_place_and_operation_are_not_found(reader):
    assert reader.get("/places/pnotthere/").status_code == 404
    assert reader.get("/operations/no-such-operation/").status_code == 404
