"""The API token page: create, regenerate, delete (POST + CSRF), the key shown once, and using it."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from register.accounts.services import token_create, token_delete, token_regenerate

from .conftest import make_user

pytestmark = pytest.mark.django_db


def shown_key(html: str) -> str | None:
    match = re.search(r'id="new-token"[^>]*value="([0-9a-f]{40})"', html)
    return match.group(1) if match else None


def test_token_page_create_show_once_regenerate_delete(alice_client, alice):
    page = alice_client.get(reverse("accounts:token")).content.decode()
    assert "You have no token." in page
    assert "Authorization: Token &lt;key&gt;" in page

    response = alice_client.post(reverse("accounts:token_action", args=["create"]))
    assert response.status_code == 302
    page = alice_client.get(reverse("accounts:token")).content.decode()
    key = shown_key(page)
    assert key == Token.objects.get(user=alice).key
    assert "shown only this once" in page
    page = alice_client.get(reverse("accounts:token")).content.decode()
    assert shown_key(page) is None and key not in page  # never again
    assert "You have a token (created on" in page

    alice_client.post(reverse("accounts:token_action", args=["regenerate"]))
    new_key = shown_key(alice_client.get(reverse("accounts:token")).content.decode())
    assert new_key and new_key != key
    assert Token.objects.get(user=alice).key == new_key

    alice_client.post(reverse("accounts:token_action", args=["delete"]))
    assert not Token.objects.filter(user=alice).exists()
    page = alice_client.get(reverse("accounts:token")).content.decode()
    assert "Your API token was deleted." in page


def test_token_actions_only_by_post(alice_client, alice):
    for action in ("create", "regenerate", "delete"):
        assert alice_client.get(reverse("accounts:token_action", args=[action])).status_code == 405
    assert alice_client.post(reverse("accounts:token_action", args=["steal"])).status_code == 404
    assert not Token.objects.filter(user=alice).exists()


def test_a_token_authenticates_api_requests(alice):
    token = token_create(user=alice)
    api = APIClient()
    response = api.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.wsgi_request.user == alice  # DRF set the request's user from the token
    response = api.get("/api/v1/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert response.status_code == 401


def test_regenerated_and_deleted_tokens_stop_working(alice):
    old = token_create(user=alice)
    new = token_regenerate(user=alice)
    api = APIClient()
    assert api.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {old.key}").status_code == 401
    assert api.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {new.key}").status_code == 200
    assert token_delete(user=alice) is True
    assert token_delete(user=alice) is False
    assert api.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {new.key}").status_code == 401


def test_token_services_check_the_user(alice, django_user_model):
    token_create(user=alice)
    with pytest.raises(ValidationError):
        token_create(user=alice)  # one token per user: regenerate instead
    unverified = make_user(django_user_model, "new@example.org", verified=False)
    with pytest.raises(PermissionDenied):
        token_create(user=unverified)
    assert not Token.objects.filter(user=unverified).exists()


def test_each_user_sees_only_their_own_token_state(alice_client, alice, mallory):
    token_create(user=mallory)
    page = alice_client.get(reverse("accounts:token")).content.decode()
    assert "You have no token." in page
    alice_client.post(reverse("accounts:token_action", args=["delete"]))
    assert Token.objects.filter(user=mallory).exists()
