"""History rows of ORM and admin edits carry who, why and the submission from the audit context; record
versions; the stale-save guard of the admin."""

import pytest
from django.urls import reverse

from register.audit.concurrency import StaleRecord, bump_version, lock_for_update
from register.audit.context import recording
from register.people.models import Person, PersonName
from register.places.models import Place

from .conftest import admin_post_data

pytestmark = pytest.mark.django_db


def test_orm_edit_is_stamped_with_user_reason_and_submission(person, bob):
    with recording(user=bob, reason="Submission 17: a corrected occupation", submission_id=17):
        person.occupation = "teacher"
        person.save()
        name = person.names.first()
        name.value = name.value + "as"
        name.save()
    row = person.history.first()
    assert (row.history_type, row.history_user, row.submission_id) == ("~", bob, 17)
    assert row.history_change_reason == "Submission 17: a corrected occupation"
    assert row.occupation == "teacher"
    name_row = PersonName.history.filter(id=name.pk).first()
    assert (name_row.history_user, name_row.submission_id, name_row.value) == (bob, 17, name.value)


def test_reason_is_cut_to_the_field_length(person, bob):
    with recording(user=bob, reason="x" * 300):
        person.save()
    assert person.history.first().history_change_reason == "x" * 100


def test_inner_context_overrides_only_what_it_sets(person, bob, carol):
    with recording(user=bob, reason="outer"), recording(user=carol):
        person.save()
    row = person.history.first()
    assert (row.history_user, row.history_change_reason) == (carol, "outer")


def test_every_save_of_an_existing_record_raises_its_version(person):
    start = person.version
    person.save()
    person.save()
    assert Person.objects.get(pk=person.pk).version == start + 2
    bump_version(person)  # the caller's own bump is not doubled
    person.save()
    assert Person.objects.get(pk=person.pk).version == start + 3


def test_lock_for_update_refuses_a_stale_version(person, bob):
    from django.db import transaction

    seen = person.version
    with recording(user=bob):
        person.save()
    with transaction.atomic():
        assert lock_for_update(Person, person.pk, expected_version=seen + 1).pk == person.pk
        with pytest.raises(StaleRecord, match="changed by bob"):
            lock_for_update(Person, person.pk, expected_version=seen)


def test_admin_edit_is_recorded_with_the_admin_user(client, ed, person):
    client.force_login(ed)
    url = reverse("admin:people_person_change", args=[person.pk])
    data = admin_post_data(client.get(url))
    data["occupation"] = "agronomist"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.occupation == "agronomist"
    row = person.history.first()
    assert (row.history_user, row.occupation) == (ed, "agronomist")


def test_stale_admin_save_is_refused_with_who_and_when(client, django_user_model, ed, flo, person):
    from django.test import Client

    first, second = client, Client()
    first.force_login(ed)
    second.force_login(flo)
    url = reverse("admin:people_person_change", args=[person.pk])
    data_ed, data_flo = admin_post_data(first.get(url)), admin_post_data(second.get(url))
    data_ed["occupation"] = "teacher"
    assert first.post(url, data_ed).status_code == 302
    data_flo["occupation"] = "miner"
    response = second.post(url, data_flo)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This record was changed by ed at" in html
    assert "reload it and make your change again" in html
    person.refresh_from_db()
    assert person.occupation == "teacher"  # not silently overwritten
    # after a reload the change goes through
    data_flo = admin_post_data(second.get(url))
    data_flo["occupation"] = "miner"
    assert second.post(url, data_flo).status_code == 302
    person.refresh_from_db()
    assert person.occupation == "miner"


def test_stale_place_admin_save_is_refused(client, ed, flo):
    from django.test import Client

    place = Place.objects.filter(published=True).order_by("id").first()
    second = Client()
    client.force_login(ed)
    second.force_login(flo)
    url = reverse("admin:places_place_change", args=[place.pk])
    data_ed, data_flo = admin_post_data(client.get(url)), admin_post_data(second.get(url))
    data_ed["description"] = "first"
    assert client.post(url, data_ed).status_code == 302
    data_flo["description"] = "second"
    response = second.post(url, data_flo)
    assert "This record was changed by ed at" in response.content.decode()
    place.refresh_from_db()
    assert place.description == "first"
