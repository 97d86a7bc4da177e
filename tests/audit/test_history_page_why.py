"""The history page's "Why" line does not repeat its links ("Submission #1 · submission #1"), and the
newest change (the current state) offers no "Restore this version"."""

import re

import pytest
from django.urls import reverse

from register.audit.context import recording
from register.audit.models import ImportRun
from register.people.models import Person

from .conftest import import_list, write_people

pytestmark = pytest.mark.django_db


def why_lines(html: str) -> list[str]:
    """The text of each "Why" entry, tags removed, spaces collapsed."""
    found = re.findall(r"<dt>Why</dt>\s*<dd>(.*?)</dd>", html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in found]


def test_why_shows_the_submission_link_once(client, person, bob):
    with recording(user=bob, reason="Submission #5", submission_id=5):
        person.occupation = "teacher"
        person.save()
    with recording(user=bob, reason="checked against the archive file"):
        person.occupation = "school teacher"
        person.save()
    client.force_login(bob)
    response = client.get(reverse("audit:record", args=["person", person.public_id]))
    lines = why_lines(response.content.decode())
    assert lines[0] == "checked against the archive file"
    assert lines[1] == "submission #5"
    assert reverse("moderation:detail", args=[5]) in response.content.decode()


def test_why_of_an_import_shows_the_run_link_and_file_once(client, tmp_path, bob):
    path = write_people(
        tmp_path / "persons.csv", [{"record_id": "w1", "surname": "Ozols", "given_name": "Jānis"}]
    )
    import_list(path)
    run = ImportRun.objects.latest("id")
    person = Person.objects.get(dataset="audit-test", source_record_id="w1")
    client.force_login(bob)
    html = client.get(reverse("audit:record", args=["person", person.public_id])).content.decode()
    assert why_lines(html) == [f"import run {run.pk} (persons.csv)"]


def test_the_newest_change_offers_no_restore(client, person, bob):
    client.force_login(bob)
    url = reverse("audit:record", args=["person", person.public_id])
    response = client.get(url)
    changes = response.context["changes"]
    assert len(changes) == 1 and not changes[0].restorable  # only the loaded version: the current state
    assert "Restore this version" not in response.content.decode()
    with recording(user=bob, reason="a correction"):
        person.occupation = "miner"
        person.save()
    response = client.get(url)
    newest, older = response.context["changes"][:2]
    assert not newest.restorable and older.restorable
    assert response.content.decode().count("Restore this version") == 1
