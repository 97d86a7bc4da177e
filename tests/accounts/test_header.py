"""The account links in the site header: by role, and signing out by POST."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def header(client) -> str:
    html = client.get(reverse("core:about_data")).content.decode()
    start = html.index('<nav class="account-nav"')
    return html[start : html.index("</nav>", start)]


def test_signed_out_header(client):
    nav = header(client)
    assert f'href="{reverse("account_login")}"' in nav
    assert f'href="{reverse("account_signup")}"' in nav
    assert "Your account" not in nav and "Sign out" not in nav


def test_contributor_header(client, alice):
    client.force_login(alice)
    nav = header(client)
    assert f'href="{reverse("contributions:new_person")}"' in nav
    assert f'href="{reverse("contributions:mine")}"' in nav
    assert f'href="{reverse("accounts:profile")}"' in nav
    assert f'<form class="logout-form" action="{reverse("account_logout")}" method="post">' in nav
    assert 'name="csrfmiddlewaretoken"' in nav
    assert f'href="{reverse("moderation:queue")}"' not in nav
    assert f'href="{reverse("account_login")}"' not in nav


def test_moderator_header(client, bob):
    client.force_login(bob)
    assert f'href="{reverse("moderation:queue")}"' in header(client)
