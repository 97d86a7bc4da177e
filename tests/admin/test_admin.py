"""Every model has an admin: list, search and change pages render, with map widgets for geometries."""

import pytest
from django.contrib import admin
from django.urls import reverse

from register.operations.models import Operation
from register.places.models import Location, Place


@pytest.fixture
def alice(django_user_model):
    """Alice is an editor with full admin rights."""
    return django_user_model.objects.create_superuser("alice", "alice@example.org", "pw-alice-123")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


REGISTER_APPS = {"places", "operations", "sources"}
REGISTER_MODELS = [m for m in admin.site._registry if m._meta.app_label in REGISTER_APPS]


def test_every_register_model_is_in_the_admin():
    names = {m.__name__ for m in REGISTER_MODELS}
    assert {
        "Place",
        "PlaceName",
        "Location",
        "PrisonerFigure",
        "Activity",
        "Region",
        "Operation",
        "Source",
        "Citation",
    } <= names


@pytest.mark.parametrize("model", REGISTER_MODELS, ids=lambda m: m.__name__)
def test_changelist_and_search_render(alice_client, model):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    url = reverse(f"{prefix}_changelist")
    assert alice_client.get(url).status_code == 200
    assert alice_client.get(url, {"q": "Норильлаг"}).status_code == 200
    assert alice_client.get(reverse(f"{prefix}_add")).status_code == 200


def test_place_change_page_has_inlines_and_map_widget(alice_client):
    place = Place.objects.get(names__name="Норильлаг")
    response = alice_client.get(reverse("admin:places_place_change", args=[place.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Норильлаг" in html  # names inline
    assert "leaflet" in html.lower()  # map widget of the locations inline
    assert "1935/1956" in html


def test_admin_search_finds_places_by_any_name(alice_client):
    response = alice_client.get(reverse("admin:places_place_changelist"), {"q": "Горлаг"})
    assert "Горный лагерь" in response.content.decode()


def test_location_and_operation_change_pages(alice_client):
    location = Location.objects.filter(figures__isnull=False).first()
    assert alice_client.get(reverse("admin:places_location_change", args=[location.pk])).status_code == 200
    operation = Operation.objects.get(slug="priboi-1949")
    url = reverse("admin:operations_operation_change", args=[operation.pk])
    html = alice_client.get(url).content.decode()
    assert "94779" in html


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("admin:places_place_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
