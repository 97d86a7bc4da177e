"""Helpers of the audit-trail tests: two admin editors (ed and flo, superusers) besides the personas of
tests/personas.py (alice, bob, carol, mallory), person lists to import."""

import csv

import pytest

from register.people.importers.bulk import COLUMNS, Options, import_people
from register.people.models import Person
from tests.personas import make_user


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
