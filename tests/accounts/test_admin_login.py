"""The admin signs in through the site's sign-in page, so that the lock-out protects staff accounts."""

import pytest
from allauth.account.models import EmailAddress

PASSWORD = "Kolyma-1937-winter"  # noqa: S105 (a test password)


@pytest.fixture
def root(db, django_user_model, settings):
    user = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    return user


def test_admin_login_page_sends_to_the_site_sign_in(client, root):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    posted = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert posted.status_code == 302 and "_auth_user_id" not in client.session


def test_lock_out_applies_to_staff(client, root):
    EmailAddress.objects.create(user=root, email=root.email, primary=True, verified=True)
    for _ in range(5):
        client.post("/accounts/login/", {"login": root.email, "password": "wrong"})
    locked = client.post("/accounts/login/", {"login": root.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session and locked.status_code in (200, 429)
    assert client.get("/admin/").status_code == 302


def test_superuser_signs_in_and_reaches_the_admin(client, root):
    """A superuser made by `createsuperuser` signs in with the e-mail address (verified on first use)."""
    EmailAddress.objects.create(user=root, email=root.email, primary=True, verified=True)
    response = client.post("/accounts/login/?next=/admin/", {"login": root.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
