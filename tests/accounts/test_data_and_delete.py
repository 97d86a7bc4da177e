""" "Download my data" and "Delete my account", with real submissions made by the contributions service."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from register.accounts.models import credit_for
from register.accounts.services import account_delete, profile_update, token_create
from register.contributions.models import Submission
from register.contributions.services import submission_create

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def new_person(user, surname):
    return submission_create(
        user=user,
        kind="new_person",
        proposal={"fields": {"surname": surname, "given_name": "Ona", "birth_edtf": "1931"}},
        relation="relative",
        sources="Family letters, 1956",
        consent=True,
    )


@pytest.fixture
def alice_with_data(alice, mallory):
    profile_update(user=alice, credit_name="Granddaughter R.", credit_public=True)
    token_create(user=alice)
    new_person(alice, "Petraitytė")
    new_person(mallory, "Mallorytė")
    return alice


def download(client):
    response = client.get(reverse("accounts:data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="gulag-register-my-data-')
    return json.loads(response.content)


def test_download_my_data(alice_with_data, client, mallory):
    alice = alice_with_data
    client.force_login(alice)
    data = download(client)
    account = data["account"]
    assert account["username"] == alice.username
    assert account["email_addresses"] == [{"email": alice.email, "verified": True, "primary": True}]
    assert account["date_joined"].startswith(str(alice.date_joined.year))
    assert account["api_token"]["exists"] is True
    assert data["profile"] == {
        "credit_name": "Granddaughter R.",
        "credit_public": True,
        "shown_credit": "Granddaughter R.",
    }
    assert [s["proposal"]["fields"]["surname"] for s in data["submissions"]] == ["Petraitytė"]
    text = json.dumps(data, ensure_ascii=False)
    assert Token.objects.get(user=alice).key not in text  # a secret, not data
    assert mallory.email not in text and "Mallorytė" not in text and mallory.username not in text


def test_download_of_a_new_account(client, mallory):
    client.force_login(mallory)
    data = download(client)
    assert data["submissions"] == []
    assert data["profile"]["shown_credit"] == "anonymous"


def test_delete_my_account(alice_with_data, client, mallory):
    alice = alice_with_data
    key = Token.objects.get(user=alice).key
    client.force_login(alice)
    page = client.get(reverse("accounts:delete"))
    assert '<label for="id_password">' in page.content.decode()

    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 200
    assert "This is not your current password." in response.content.decode()
    assert get_user_model().objects.filter(pk=alice.pk).exists()

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert "Your account was deleted." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(pk=alice.pk).exists()
    assert not Token.objects.filter(key=key).exists()
    assert not EmailAddress.objects.filter(email=alice.email).exists()
    assert not Submission.objects.filter(
        proposal__fields__surname="Petraitytė"
    ).exists()  # unreviewed: withdrawn
    assert Submission.objects.filter(submitter=mallory).count() == 1  # others' untouched

    assert APIClient().get("/api/v1/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_an_administrator_is_not_deleted_from_the_site(client, django_user_model):
    from django.core.exceptions import PermissionDenied

    root = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    with pytest.raises(PermissionDenied):
        account_delete(user=root)
    client.force_login(root)
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert django_user_model.objects.filter(pk=root.pk).exists()


def test_accepted_facts_stay_credited_anonymous_after_deletion(alice, bob, client):
    from register.contributions.services import submission_accept
    from register.people.models import Person

    profile_update(user=alice, credit_name="Granddaughter R.", credit_public=True)
    submission = new_person(alice, "Petraitytė")
    revision = submission.revision
    submission = submission_accept(submission=submission, moderator=bob, expected_revision=revision)
    assert credit_for(submission.submitter) == "Granddaughter R."
    client.force_login(alice)
    client.post(reverse("accounts:delete"), {"password": PASSWORD})

    submission.refresh_from_db()
    assert submission.submitter is None
    assert credit_for(submission.submitter) == "anonymous"
    assert Person.objects.filter(public_id=submission.result_key, surname="Petraitytė").exists()
