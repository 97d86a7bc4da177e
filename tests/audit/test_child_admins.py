"""The standalone admin pages of child rows (person events, place names, locations, yearly figures) check
the parent record's version: a form opened before an accepted change of the record is refused instead of
silently putting the old values back, and a save raises the record's version."""

import pytest
from django.test import Client
from django.urls import reverse

from register.audit.concurrency import bump_version
from register.audit.context import recording
from register.people.models import PersonEvent
from register.places.models import Location, PlaceName, PrisonerFigure

from .conftest import admin_post_data

pytestmark = pytest.mark.django_db


def accept_like(record, bob, change):
    """What accepting a submission does: the change and the record's version raised, recorded."""
    with recording(user=bob, submission_id=7):
        change()
        bump_version(record)
        record.save()


def test_stale_person_event_admin_save_is_refused(client, ed, bob, person):
    event = person.events.order_by("id").first()
    client.force_login(ed)
    url = reverse("admin:people_personevent_change", args=[event.pk])
    stale = admin_post_data(client.get(url))

    def set_term():
        event.term = "10 years (accepted)"
        event.save()

    accept_like(person, bob, set_term)
    response = client.post(url, stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This record was changed by bob at" in html
    assert "reload it and make your change again" in html
    event.refresh_from_db()
    assert event.term == "10 years (accepted)"

    # Reloaded, the change goes through and raises the person's version.
    version = type(person).objects.get(pk=person.pk).version
    fresh = admin_post_data(client.get(url))
    fresh["note"] = "checked by ed"
    assert client.post(url, fresh).status_code == 302
    event.refresh_from_db()
    assert (event.term, event.note) == ("10 years (accepted)", "checked by ed")
    assert type(person).objects.get(pk=person.pk).version == version + 1
    assert event.history.order_by("-history_id").first().history_user == ed


def test_child_save_makes_an_open_person_form_stale(client, ed, flo, person):
    second = Client()
    client.force_login(ed)
    second.force_login(flo)
    person_url = reverse("admin:people_person_change", args=[person.pk])
    person_form = admin_post_data(second.get(person_url))
    event = person.events.order_by("id").first()
    event_url = reverse("admin:people_personevent_change", args=[event.pk])
    data = admin_post_data(client.get(event_url))
    data["term"] = "8 years"
    assert client.post(event_url, data).status_code == 302
    person_form["occupation"] = "miner"
    response = second.post(person_url, person_form)
    assert response.status_code == 200
    assert "reload it and make your change again" in response.content.decode()


@pytest.mark.parametrize(
    ("model", "admin_name", "field", "value"),
    [
        (PlaceName, "places_placename", "name", "Stale name"),
        (Location, "places_location", "description_en", "Stale description"),
        (PrisonerFigure, "places_prisonerfigure", "source_value", "999"),
    ],
)
def test_stale_place_child_admin_saves_are_refused(client, ed, bob, model, admin_name, field, value):
    row = model.objects.order_by("id").first()
    place = row.location.place if model is PrisonerFigure else row.place
    client.force_login(ed)
    url = reverse(f"admin:{admin_name}_change", args=[row.pk])
    stale = admin_post_data(client.get(url))
    before = getattr(row, field)

    def rename():
        place.primary_name = "Accepted name"

    accept_like(place, bob, rename)
    stale[field] = value
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "This record was changed by bob at" in response.content.decode()
    row.refresh_from_db()
    assert getattr(row, field) == before
    place.refresh_from_db()
    assert place.primary_name == "Accepted name"


def test_person_event_add_page_still_works(client, ed, person):
    client.force_login(ed)
    response = client.get(reverse("admin:people_personevent_add"))
    assert response.status_code == 200
    assert PersonEvent.objects.filter(person=person).exists()
