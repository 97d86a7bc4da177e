"""Two moderators acting on one submission at the same moment, on two real database connections:
exactly one wins, the other is told what happened and nothing of theirs is written."""

import threading

import pytest
from django.db import connection

from register.contributions import services
from register.contributions.exceptions import SubmissionConflict
from register.contributions.models import Submission, SubmissionStatus
from register.people.models import Person
from tests.contributions.test_services import correction, send

pytestmark = pytest.mark.usefixtures("restore_session_data")


def race(*actions):
    """Run the actions in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as exc:  # noqa: BLE001
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.fixture
def person(transactional_db):
    """A person made here: the flush of transactional tests removes the session's bundled data."""
    person = Person.objects.create(surname="Petrauskas", given_name="Jonas", occupation="farmer")
    person.names.create(part="surname", value="Petrauskas", is_primary=True)
    return person


@pytest.mark.django_db(transaction=True)
def test_two_moderators_one_wins(alice, bob, carol, person):
    sub = correction(alice, person, occupation="teacher")
    version = Person.objects.get(pk=person.pk).version
    results = race(
        lambda: services.submission_accept(submission=sub, moderator=bob, expected_revision=0),
        lambda: services.submission_reject(submission=sub, moderator=carol, reason="No", expected_revision=0),
    )
    conflicts = [result for result in results if isinstance(result, SubmissionConflict)]
    wins = [result for result in results if isinstance(result, Submission)]
    assert len(wins) == 1 and len(conflicts) == 1, results
    sub.refresh_from_db()
    assert sub.revision == 1
    message = str(conflicts[0])
    if sub.status == SubmissionStatus.ACCEPTED:
        assert "Another moderator already accepted this submission" in message
        assert Person.objects.get(pk=person.pk).version == version + 1
    else:
        assert "Another moderator already rejected this submission" in message
        assert Person.objects.get(pk=person.pk).version == version


@pytest.mark.django_db(transaction=True)
def test_two_moderators_accept_at_once(alice, bob, carol):
    sub = send(alice)
    results = race(
        lambda: services.submission_accept(submission=sub, moderator=bob, expected_revision=0),
        lambda: services.submission_accept(submission=sub, moderator=carol, expected_revision=0),
    )
    assert sorted(type(result).__name__ for result in results) == ["Submission", "SubmissionConflict"]
    assert Person.objects.filter(surname="Vaitkevičiūtė").count() == 1
