"""The moderators' history pages: a record's changes field by field with who and why, restoring a version
(with its names and events), the import runs with their rollback; who may see them."""

import pytest
from django.urls import reverse

from register.audit.concurrency import StaleRecord
from register.audit.context import recording
from register.audit.models import ImportRun, ImportRunStatus
from register.audit.services import record_restore
from register.people.models import Person, PersonEvent, PersonName

from .conftest import import_list, write_people

pytestmark = pytest.mark.django_db


def state(person):
    person = Person.objects.get(pk=person.pk)
    names = sorted(person.names.values_list("id", "part", "value", "language", "kind", "is_primary"))
    events = sorted(person.events.values_list("id", "kind", "period_edtf", "note"))
    return (person.occupation, person.surname, person.birth_edtf), names, events


def edit(person, user, reason, submission_id=None):
    """A moderator's edit: a field, a name changed, an event deleted, a name added."""
    with recording(user=user, reason=reason, submission_id=submission_id):
        person.refresh_from_db()
        person.occupation = "blacksmith"
        person.save()
        name = person.names.filter(part="surname").first()
        name.value = "Changedname"
        name.save()
        person.events.order_by("id").first().delete()
        PersonName.objects.create(person=person, part="given", value="Extraname", kind="variant")


def test_restore_of_a_person_version_brings_back_fields_names_and_events(person, bob, carol):
    before = state(person)
    version = person.history.first()  # the version as loaded
    edit(person, carol, "a moderator's edit")
    assert state(person) != before
    person.refresh_from_db()
    counts = record_restore(
        record=person, history_id=version.history_id, user=bob, expected_version=person.version
    )
    assert counts["created"] >= 1 and counts["deleted"] >= 1
    assert state(person) == before
    row = person.history.first()
    assert row.history_user == bob
    assert row.history_change_reason.startswith("restored the version of ")


def test_a_stale_restore_is_refused(person, bob, carol):
    version = person.history.first()
    person.refresh_from_db()
    seen = person.version
    edit(person, carol, "meanwhile")
    with pytest.raises(StaleRecord, match="changed by carol"):
        record_restore(record=person, history_id=version.history_id, user=bob, expected_version=seen)


def test_history_page_shows_who_why_and_old_and_new_values(client, person, bob, carol):
    old_surname = person.names.filter(part="surname").first().value
    edit(person, carol, "typo in the surname", submission_id=42)
    client.force_login(bob)
    response = client.get(reverse("audit:record", args=["person", person.public_id]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("carol", "typo in the surname", "submission #42", "/moderation/submissions/42/",
                 "blacksmith", "Changedname", old_surname, "Extraname", "Restore this version"):  # fmt: skip
        assert text in html, text
    newest = response.context["changes"][0]
    assert newest.user == carol and newest.submission_id == 42
    actions = {(row.section, row.action) for row in newest.rows}
    assert {("person", "~"), ("names", "~"), ("names", "+"), ("events", "-")} <= actions
    occupation = next(f for row in newest.rows if row.section == "person" for f in row.fields
                      if f.label == "occupation")  # fmt: skip
    assert occupation.new == "blacksmith"


def test_restore_through_the_page_with_confirmation(client, person, bob, carol):
    before = state(person)
    version = person.history.first()
    edit(person, carol, "to be undone")
    client.force_login(bob)
    url = reverse("audit:restore", args=["person", person.public_id, version.history_id])
    page = client.get(url)
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    person.refresh_from_db()
    response = client.post(url, {"history_id": version.history_id, "version": person.version})
    assert response.status_code == 302
    assert state(person) == before


def test_a_stale_restore_through_the_page_is_refused(client, person, bob, carol):
    version = person.history.first()
    client.force_login(bob)
    url = reverse("audit:restore", args=["person", person.public_id, version.history_id])
    shown = client.get(url).context["form"]["version"].value()
    edit(person, carol, "meanwhile")
    response = client.post(url, {"history_id": version.history_id, "version": shown})
    assert response.status_code == 409
    assert "changed by carol" in response.content.decode()
    assert Person.objects.get(pk=person.pk).occupation == "blacksmith"


@pytest.mark.parametrize("kind", ["person", "place", "operation"])
def test_who_may_see_the_history(client, kind, alice, mallory, bob, person):
    from register.operations.models import Operation
    from register.places.models import Place

    key = {
        "person": person.public_id,
        "place": Place.objects.order_by("id").first().public_id,
        "operation": Operation.objects.order_by("id").first().slug,
    }[kind]
    url = reverse("audit:record", args=[kind, key])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    for user in (alice, mallory):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.get(reverse("audit:imports")).status_code == 403
    client.force_login(bob)
    assert client.get(url).status_code == 200
    assert client.get(reverse("audit:record", args=[kind, "nosuchkey"])).status_code == 404
    assert client.get(reverse("audit:record", args=["nosuchkind", key])).status_code == 404


def test_the_history_page_is_paginated(client, person, bob):
    for n in range(30):
        with recording(user=bob, reason=f"edit {n}"):
            person.occupation = f"job {n}"
            person.save()
    client.force_login(bob)
    url = reverse("audit:record", args=["person", person.public_id])
    first = client.get(url)
    assert len(first.context["changes"]) == 25 and "edit 29" in first.content.decode()
    assert "edit 0<" not in first.content.decode()
    assert "edit 0" in client.get(url, {"page": 2}).content.decode()


def test_import_runs_page_and_rollback_with_confirmation(client, tmp_path, bob, alice):
    path = write_people(tmp_path / "list.csv", [{"record_id": "p1", "surname": "Tamm", "given_name": "Mari"}])
    import_list(path, dataset="audit-page", user=bob)
    run = ImportRun.objects.latest("id")
    client.force_login(bob)
    page = client.get(reverse("audit:imports")).content.decode()
    assert "list.csv" in page and "bob" in page and reverse("audit:import_rollback", args=[run.pk]) in page
    url = reverse("audit:import_rollback", args=[run.pk])
    assert "Roll back this run" in client.get(url).content.decode()
    client.force_login(alice)
    assert client.post(url, {"confirm": "True"}).status_code == 403
    assert Person.objects.filter(dataset="audit-page").exists()
    client.force_login(bob)
    assert client.post(url, {"confirm": "True"}).status_code == 302
    assert not Person.objects.filter(dataset="audit-page").exists()
    run.refresh_from_db()
    assert run.status == ImportRunStatus.ROLLED_BACK
    again = client.post(url, {"confirm": "True"})
    assert again.status_code == 409 and "already rolled back" in again.content.decode()


def test_history_of_an_event_place_shows_the_place_name(client, person, bob):
    from register.places.models import Place

    place = Place.objects.filter(published=True).order_by("id").first()
    with recording(user=bob, reason="event placed"):
        event = PersonEvent.objects.create(person=person, kind="imprisonment", place=place)
    client.force_login(bob)
    html = client.get(reverse("audit:record", args=["person", person.public_id])).content.decode()
    assert str(place) in html and event.get_kind_display() in html
