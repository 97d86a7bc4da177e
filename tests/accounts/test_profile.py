"""The credit choice ("Your account"), Profile and credit_for."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from register.accounts.models import Profile, credit_for, profile_for
from register.accounts.services import profile_update

pytestmark = pytest.mark.django_db


def test_credit_is_anonymous_by_default_and_for_no_user(alice):
    assert credit_for(None) == "anonymous"
    assert credit_for(alice) == "anonymous"
    assert not Profile.objects.filter(user=alice).exists()  # reading does not create a profile
    profile = profile_for(alice)
    assert (profile.credit_name, profile.credit_public) == ("", False)
    assert profile_for(alice).pk == profile.pk


def test_credit_name_only_when_public_and_not_blank(alice):
    profile_update(user=alice, credit_name="  Rūta   K. ", credit_public=True)
    alice.refresh_from_db()
    assert credit_for(alice) == "Rūta K."
    profile_update(user=alice, credit_name="Rūta K.", credit_public=False)
    alice = type(alice).objects.get(pk=alice.pk)
    assert credit_for(alice) == "anonymous"
    assert alice.profile.credit_name == "Rūta K."  # kept for switching back


def test_credit_for_a_deleted_user_is_anonymous(alice):
    profile_update(user=alice, credit_name="Rūta", credit_public=True)
    alice.delete()
    assert credit_for(None) == "anonymous"


def test_anonymous_is_translated(alice):
    from django.utils import translation

    with translation.override("de"):
        assert credit_for(None) != "" and credit_for(alice) == credit_for(None)


def test_profile_update_refuses_bad_input(alice, django_user_model):
    with pytest.raises(ValidationError):
        profile_update(user=alice, credit_name="", credit_public=True)
    with pytest.raises(ValidationError):
        profile_update(user=alice, credit_name="alice@example.org", credit_public=True)
    with pytest.raises(PermissionDenied):
        profile_update(user=django_user_model(is_active=False), credit_name="x", credit_public=True)
    assert credit_for(alice) == "anonymous"


def test_profile_page_explains_and_saves_the_choice(alice_client, alice):
    page = alice_client.get(reverse("accounts:profile"))
    html = page.content.decode()
    assert "this is how your accepted contributions are credited publicly" in html.lower()
    assert "your e-mail address is never shown" in html
    for name in (
        "account_email",
        "account_change_password",
        "accounts:token",
        "accounts:data",
        "accounts:delete",
    ):
        assert f'href="{reverse(name)}"' in html, name

    response = alice_client.post(
        reverse("accounts:profile"), {"credit": "name", "credit_name": "Granddaughter R."}
    )
    assert response.status_code == 302
    assert credit_for(type(alice).objects.get(pk=alice.pk)) == "Granddaughter R."
    page = alice_client.get(reverse("accounts:profile"))
    assert "Your credit choice was saved." in page.content.decode()

    response = alice_client.post(
        reverse("accounts:profile"), {"credit": "anonymous", "credit_name": "Granddaughter R."}
    )
    assert credit_for(type(alice).objects.get(pk=alice.pk)) == "anonymous"


def test_profile_page_shows_field_errors(alice_client, alice):
    response = alice_client.post(reverse("accounts:profile"), {"credit": "name", "credit_name": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the display name you want to be credited with." in html
    assert 'aria-invalid="true"' in html
    response = alice_client.post(
        reverse("accounts:profile"), {"credit": "name", "credit_name": "me@example.org"}
    )
    assert response.status_code == 200
    assert credit_for(alice) == "anonymous"


def test_account_pages_need_a_signed_in_user(client):
    for name in ("accounts:profile", "accounts:token", "accounts:data", "accounts:delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login")), name
