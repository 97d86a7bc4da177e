"""Personas and helpers of the audit-trail tests: alice (contributor), bob and carol (moderators),
mallory (a verified account with no rights), two admin editors (ed and flo, superusers)."""

import csv

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from register.accounts.roles import MODERATORS_GROUP
from register.people.importers.bulk import COLUMNS, Options, import_people
from register.people.models import Person

PASSWORD = "Kolyma-1937-winter"  # noqa: S105 (a test password)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(django_user_model, username, *, moderator=False, superuser=False):
    email = f"{username}@example.org"
    if superuser:
        user = django_user_model.objects.create_superuser(username, email, PASSWORD)
    else:
        user = django_user_model.objects.create_user(username, email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if moderator:
        user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    return user


@pytest.fixture
def alice(real_data, django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def bob(real_data, django_user_model):
    return make_user(django_user_model, "bob", moderator=True)


@pytest.fixture
def carol(real_data, django_user_model):
    return make_user(django_user_model, "carol", moderator=True)


@pytest.fixture
def mallory(real_data, django_user_model):
    return make_user(django_user_model, "mallory")


@pytest.fixture
def ed(real_data, django_user_model):
    return make_user(django_user_model, "ed", superuser=True)


@pytest.fixture
def flo(real_data, django_user_model):
    return make_user(django_user_model, "flo", superuser=True)


@pytest.fixture
def person(real_data):
    """A real bundled person with name forms and events."""
    return Person.objects.filter(published=True, events__isnull=False).distinct().order_by("id").first()


def write_people(path, rows):
    """A person list CSV in the import columns."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([row.get(column, "") for column in COLUMNS])
    return path


def import_list(path, dataset="audit-test", user=None):
    return import_people(path, Options(dataset=dataset, workers=1, report=lambda _: None, user=user))


def admin_post_data(response) -> dict:
    """The POST data of an admin change form as the browser would send it unchanged (main form and every
    inline formset, from the page's context)."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
                continue
            if isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value] if value else ""
                if bound.field.__class__.__name__ == "SimpleArrayField":
                    data[bound.html_name] = ",".join(str(item) for item in value)
                continue
            if hasattr(value, "wkt"):
                data[bound.html_name] = value.wkt
                continue
            data[bound.html_name] = str(getattr(value, "pk", value))

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data
