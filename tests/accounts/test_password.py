"""Password reset by e-mail link, and changing the password while signed in."""

import pytest
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD, link_in_mail

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Vorkuta-1943-spring"  # noqa: S105


def test_password_reset_by_mail(client, alice):
    response = client.post(reverse("account_reset_password"), {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [alice.email]
    path = link_in_mail(mail.outbox[0], "/accounts/password/reset/key/")

    response = client.get(path)  # allauth keeps the key in the session and redirects to a key-less URL
    assert response.status_code == 302
    form_url = response["Location"]
    page = client.get(form_url)
    assert page.status_code == 200
    assert '<label for="id_password1">' in page.content.decode()
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    client.logout()
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    client.post(reverse("account_login"), {"login": alice.email, "password": NEW_PASSWORD})
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_password_reset_for_an_unknown_address_reveals_nothing(client, alice):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302  # the same answer as for a known address
    assert mail.outbox == []  # and no mail to a stranger's address (ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS)


def test_a_used_reset_link_does_not_work_twice(client, alice):
    client.post(reverse("account_reset_password"), {"email": alice.email})
    path = link_in_mail(mail.outbox[0], "/accounts/password/reset/key/")
    form_url = client.get(path)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    page = client.get(path, follow=True)
    assert "password1" not in page.content.decode()


def test_change_password(alice_client, alice):
    page = alice_client.get(reverse("account_change_password"))
    assert page.status_code == 200
    response = alice_client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_change_password_needs_the_old_one(alice_client, alice):
    response = alice_client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_email_management_page(alice_client, alice):
    page = alice_client.get(reverse("account_email"))
    assert page.status_code == 200
    html = page.content.decode()
    assert alice.email in html  # the owner sees their own address
    assert "Verified" in html
