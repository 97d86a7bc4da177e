"""Sign-up with mandatory e-mail verification, through allauth's real views and the outbox."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from register.accounts.roles import is_contributor

from .conftest import PASSWORD, link_in_mail

pytestmark = pytest.mark.django_db
EMAIL = "ruta.kazlauskiene@example.lt"


def sign_up(client, email=EMAIL, **extra):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, **extra}
    return client.post(reverse("account_signup"), data)


def test_sign_up_sends_a_link_that_confirms_and_signs_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = get_user_model().objects.get(emailaddress__email=EMAIL)
    assert not is_contributor(user)
    assert "_auth_user_id" not in client.session  # not signed in before the address is verified

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [EMAIL]
    path = link_in_mail(mail.outbox[0], "/accounts/confirm-email/")
    page = client.get(path)
    assert page.status_code == 200
    assert "Please confirm that" in page.content.decode()
    assert EmailAddress.objects.get(email=EMAIL).verified is False  # a GET does not confirm

    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email=EMAIL).verified is True
    assert client.session["_auth_user_id"] == str(user.pk)
    assert is_contributor(user)


def test_the_username_is_random_and_not_taken_from_the_email_address(client):
    sign_up(client)
    user = get_user_model().objects.get(emailaddress__email=EMAIL)
    assert user.username.startswith("user-")
    assert "ruta" not in user.username and "kazlausk" not in user.username


def test_verification_sent_page_and_mail_wording(client):
    sign_up(client)
    page = client.get(reverse("account_email_verification_sent"))
    assert page.status_code == 200
    assert "Check your e-mail" in page.content.decode()
    body = mail.outbox[0].body
    assert "user-" not in body  # the internal username is not shown to anyone


def test_an_unverified_user_cannot_sign_in(client):
    sign_up(client)
    mail.outbox.clear()
    client.logout()
    response = client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox == []  # the link was just sent: not again within 3 minutes (confirm_email limit)


def test_a_verified_user_signs_in_and_out(client, alice):
    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
    page = client.get(reverse("accounts:profile"))
    assert 'action="/accounts/logout/"' in page.content.decode()
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_out_by_get_only_asks(client, alice):
    client.force_login(alice)
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_sign_up_errors_are_shown_at_the_fields(client):
    response = client.post(
        reverse("account_signup"), {"email": "not-an-address", "password1": "short", "password2": "other"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'class="errorlist' in html
    assert get_user_model().objects.count() == 0


def test_sign_up_and_sign_in_pages_use_the_site_layout_with_labels(client):
    for name in ("account_signup", "account_login", "account_reset_password"):
        html = client.get(reverse(name)).content.decode()
        assert 'class="site-header"' in html
        assert '<label for="id_email">' in html or '<label for="id_login">' in html
    html = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_password">' in html
