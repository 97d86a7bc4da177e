"""Roles: the Moderators group made by the migration, and managing moderators in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from register.accounts.roles import MODERATORS_GROUP, is_contributor, is_moderator

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-123")
    client.force_login(root)
    return client


def test_the_moderators_group_exists():
    assert Group.objects.filter(name=MODERATORS_GROUP).exists()


def test_roles(alice, bob, django_user_model):
    assert is_contributor(alice) and not is_moderator(alice)
    assert is_moderator(bob) and is_contributor(bob)
    unverified = make_user(django_user_model, "new@example.org", verified=False)
    assert not is_contributor(unverified)


def test_user_list_shows_and_filters_moderators(admin_client, alice, bob):
    url = reverse("admin:auth_user_changelist")
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "column-is_moderator_member" in html and "column-is_superuser" in html
    moderators = admin_client.get(url, {"moderator": "yes"}).context["cl"].result_list
    assert list(moderators) == [bob]
    others = admin_client.get(url, {"moderator": "no"}).context["cl"].result_list
    assert bob not in others and alice in others
    superusers = admin_client.get(url, {"is_superuser__exact": "1"}).context["cl"].result_list
    assert [user.username for user in superusers] == ["root"]


def test_admin_actions_make_and_remove_moderators(admin_client, alice):
    url = reverse("admin:auth_user_changelist")
    admin_client.post(url, {"action": "make_moderator", "_selected_action": [alice.pk]})
    alice = type(alice).objects.get(pk=alice.pk)
    assert is_moderator(alice)
    admin_client.post(url, {"action": "remove_moderator", "_selected_action": [alice.pk]})
    alice = type(alice).objects.get(pk=alice.pk)
    assert not is_moderator(alice)


def test_user_change_page_has_the_profile_inline(admin_client, alice):
    page = admin_client.get(reverse("admin:auth_user_change", args=[alice.pk]))
    assert page.status_code == 200
    assert "credit_name" in page.content.decode()
