"""Anti-abuse: the sign-up honeypot, the sign-up and log-in rate limits and the failed log-in lock-out.

All through the real views; the counters live in the database cache (emptied before each test).
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from register.accounts.adapter import lockout_minutes

from .conftest import PASSWORD, link_in_mail

pytestmark = pytest.mark.django_db


def signup_data(email, **extra):
    return {"email": email, "password1": PASSWORD, "password2": PASSWORD, **extra}


def test_the_honeypot_is_hidden_from_people(client):
    html = client.get(reverse("account_signup")).content.decode()
    wrapper = re.search(r'<div class="hp-field" aria-hidden="true">(.*?)</div>', html, re.S)
    assert wrapper, "the honeypot is wrapped in an aria-hidden, off-screen container"
    field = re.search(r"<input[^>]*name=\"website\"[^>]*>", wrapper.group(1)).group(0)
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field
    assert html.count('name="website"') == 1


def test_a_filled_honeypot_creates_no_user(client):
    response = client.post(
        reverse("account_signup"), signup_data("bot@example.com", website="http://spam.example")
    )
    # The bot is told the usual thing, so that it does not learn about the trap...
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    # ...but nothing was made and nothing sent.
    assert not get_user_model().objects.exists()
    assert mail.outbox == []


def test_an_empty_honeypot_lets_a_person_sign_up(client):
    client.post(reverse("account_signup"), signup_data("person@example.com", website=""))
    assert get_user_model().objects.filter(email="person@example.com").exists()


def test_sign_up_is_rate_limited_per_address(client, settings):
    limit = int(settings.ACCOUNT_RATE_LIMITS["signup"].split("/")[0])  # "10/h/ip"
    for number in range(limit):
        response = client.post(reverse("account_signup"), signup_data(f"person{number}@example.com"))
        assert response.status_code == 302, number
    response = client.post(reverse("account_signup"), signup_data("one.more@example.com"))
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert get_user_model().objects.count() == limit
    # Another client address is not affected.
    response = client.post(
        reverse("account_signup"), signup_data("elsewhere@example.com"), REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302


def test_log_in_is_rate_limited_per_address(client, settings, alice):
    limit = int(settings.ACCOUNT_RATE_LIMITS["login"].split("/")[0])  # "30/m/ip"
    for number in range(limit):
        response = client.post(
            reverse("account_login"), {"login": f"nobody{number}@example.com", "password": "x"}
        )
        assert response.status_code == 200, number
    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_five_failed_log_ins_lock_the_account_even_for_the_right_password(client, alice):
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": alice.email, "password": "wrong-password"})
        assert response.status_code == 200
        assert "Too many failed sign-in attempts" not in response.content.decode()
    response = client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert (
        "Too many failed sign-in attempts for this account. To protect it, signing in is paused for up to "
        "15 minutes, even with the right password. Try again later, or reset your password."
    ) in html
    assert 'role="alert"' in html


def test_the_lock_out_counts_per_account_from_any_address(client, alice, mallory):
    for number in range(5):
        client.post(
            reverse("account_login"),
            {"login": alice.email, "password": "wrong"},
            REMOTE_ADDR=f"10.0.0.{number + 1}",
        )
    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed sign-in attempts" in response.content.decode()
    # Another account is not locked by alice's failures.
    response = client.post(
        reverse("account_login"), {"login": mallory.email, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert client.session["_auth_user_id"] == str(mallory.pk)


def test_a_password_reset_lifts_the_lock_out(client, alice):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": alice.email, "password": "wrong-password"})
    client.post(reverse("account_reset_password"), {"email": alice.email})
    path = link_in_mail(mail.outbox[-1], "/accounts/password/reset/key/")
    form_url = client.get(path)["Location"]
    client.post(form_url, {"password1": "Vorkuta-1943-spring", "password2": "Vorkuta-1943-spring"})
    client.logout()
    client.post(reverse("account_login"), {"login": alice.email, "password": "Vorkuta-1943-spring"})
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_the_lock_out_message_follows_the_configured_window(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "10/m/ip,3/1h/key"}
    assert lockout_minutes() == 60
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "10/m/ip"}
    assert lockout_minutes() == 15


def test_fewer_failures_then_the_right_password_signs_in(client, alice):
    for _ in range(4):
        client.post(reverse("account_login"), {"login": alice.email, "password": "wrong-password"})
    client.post(reverse("account_login"), {"login": alice.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(alice.pk)
