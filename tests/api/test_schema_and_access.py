"""OpenAPI schema, Swagger UI and ReDoc served offline, and the API's read-only access for everyone."""

import re

import pytest
from django.core.management import call_command

from register.people.models import Person
from register.places.models import Place
from tests.api.helpers import get_json

ENDPOINTS = ["/api/v1/places/", "/api/v1/operations/", "/api/v1/map/locations/", "/api/v1/sources/"]


def test_schema_is_openapi_3_with_every_endpoint(anon):
    schema = get_json(anon, "/api/schema/", {"format": "json"})
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/places/",
        "/api/v1/places/{public_id}/",
        "/api/v1/operations/{slug}/",
        "/api/v1/map/locations/",
        "/api/v1/kinds/",
        "/api/v1/sources/{key}/",
    } <= set(schema["paths"])
    parameters = {item["name"] for item in schema["paths"]["/api/v1/places/"]["get"]["parameters"]}
    assert {"kind", "q", "year", "bbox", "country", "activity", "region", "ordering", "page"} <= parameters


def test_schema_generates_without_warnings(db, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_load_their_scripts_from_local_static_files(anon, url):
    response = anon.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    sources = re.findall(r'<script[^>]+src="([^"]+)"', response.content.decode())
    assert sources and all(src.startswith("/static/drf_spectacular_sidecar/") for src in sources)
    assert "cdn" not in response.content.decode().lower()


def test_root_lists_no_user_endpoint(anon):
    root = get_json(anon, "/api/v1/")
    assert "users" not in root and "places" in root
    assert anon.get("/api/v1/users/").status_code == 404


def test_browsable_api_renders_html(anon):
    response = anon.get("/api/v1/places/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert b"&quot;count&quot;" in response.content


def test_json_is_the_default(anon):
    assert anon.get("/api/v1/kinds/", HTTP_ACCEPT="*/*")["Content-Type"] == "application/json"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/places/",
        "/api/v1/places/{id}/",
        "/api/v1/operations/priboi-1949/",
        "/api/v1/map/locations/",
        "/api/v1/sources/memorial-1998/",
    ],
)
def test_anonymous_cannot_write(anon, method, path):
    place = Place.objects.filter(published=True).first()
    before = Place.objects.count()
    response = getattr(anon, method)(path.format(id=place.public_id), {"primary_name": "x"}, format="json")
    assert response.status_code in (401, 403, 405)
    assert Place.objects.count() == before
    assert Place.objects.get(pk=place.pk).primary_name == place.primary_name


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_signed_in_user_cannot_write_either(bob, method):
    place = Place.objects.filter(published=True).first()
    response = getattr(bob, method)(
        f"/api/v1/places/{place.public_id}/", {"primary_name": "x"}, format="json"
    )
    assert response.status_code in (403, 405)
    assert Place.objects.filter(pk=place.pk, primary_name=place.primary_name).exists()


def test_schema_documents_the_people_search_with_examples(anon):
    schema = get_json(anon, "/api/schema/", {"format": "json"})
    assert {"/api/v1/people/", "/api/v1/people/{public_id}/", "/api/v1/export/people.csv"} <= set(
        schema["paths"]
    )
    search = schema["paths"]["/api/v1/people/"]["get"]
    parameters = {item["name"]: item for item in search["parameters"]}
    assert {"q", "born_from", "born_to", "operation", "place", "country", "fate", "page", "page_size"} <= set(
        parameters
    )
    assert "Жемайтис Йонас" in [example["value"] for example in parameters["q"]["examples"].values()]
    ok = search["responses"]["200"]["content"]["application/json"]
    example = next(iter(ok["examples"].values()))["value"]["results"][0]
    assert example["match"]["reasons"][0]["reason"] == "same_in_other_script"
    assert "400" in search["responses"]
    person = schema["components"]["schemas"]["PersonDetail"]
    assert "birth" in person["properties"] and "birth" not in person["required"]  # absent when withheld
    assert {"names", "events", "privacy"} <= set(person["required"])


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_people_cannot_be_written(anon, bob, method):
    person = Person.objects.create(surname="Readonly", death_edtf="1950")
    for client in (anon, bob):
        for path in ("/api/v1/people/", f"/api/v1/people/{person.public_id}/"):
            response = getattr(client, method)(path, {"surname": "x"}, format="json")
            assert response.status_code in (401, 403, 405)
    assert Person.objects.get(pk=person.pk).surname == "Readonly"
