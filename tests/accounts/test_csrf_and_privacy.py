"""CSRF on every account form, and no user's e-mail address on any public page."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from register.accounts.services import profile_update

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ACCOUNT_FORMS = [
    ("accounts:profile", [], {"credit": "name", "credit_name": "Forged"}),
    ("accounts:token_action", ["create"], {}),
    ("accounts:delete", [], {"password": PASSWORD}),
    (
        "account_change_password",
        [],
        {"oldpassword": PASSWORD, "password1": "Forged-pw-1234", "password2": "Forged-pw-1234"},
    ),
    ("account_email", [], {"action_add": "", "email": "forged@example.com"}),
    ("account_logout", [], {}),
]


def csrf_token_of(client, url):
    html = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize(("name", "args", "data"), ACCOUNT_FORMS)
def test_account_forms_refuse_a_post_without_csrf_token(alice, name, args, data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse(name, args=args), data)
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert not Token.objects.filter(user=alice).exists()
    assert "_auth_user_id" in client.session


def test_signup_and_login_refuse_a_post_without_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    data = {"email": "x@example.com", "password1": PASSWORD, "password2": PASSWORD}
    assert client.post(reverse("account_signup"), data).status_code == 403
    assert (
        client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD}).status_code == 403
    )


def test_account_forms_work_with_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    token = csrf_token_of(client, reverse("accounts:token"))
    response = client.post(reverse("accounts:token_action", args=["create"]), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Token.objects.filter(user=alice).exists()


@pytest.fixture
def public_urls(real_data):
    from register.operations.models import Operation
    from register.people.models import Person
    from register.places.models import Place

    person = Person.objects.filter(published=True).order_by("id").first()
    place = Place.objects.order_by("id").first()
    operation = Operation.objects.order_by("slug").first()
    return [
        "/",
        "/places/",
        "/people/",
        "/operations/",
        "/about/data/",
        person.get_absolute_url(),
        place.get_absolute_url(),
        operation.get_absolute_url(),
        "/api/v1/",
        "/api/v1/people/",
        f"/api/v1/people/{person.public_id}/",
        "/api/v1/places/",
        "/api/v1/export/people.csv",
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]


def test_no_email_address_on_public_pages(alice, public_urls, client):
    profile_update(user=alice, credit_name="Granddaughter R.", credit_public=True)
    for signed_in in (False, True):
        if signed_in:
            client.force_login(alice)  # not even the owner's own address in the header of public pages
        for url in public_urls:
            response = client.get(url)
            assert response.status_code in (200, 302), url  # the sign-in pages send a signed-in user on
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode()
            assert alice.email not in text, url
            assert "alice.relative" not in text, url
            assert alice.username not in text, url
