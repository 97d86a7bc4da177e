"""The contribution services: sending, answering, withdrawing, every moderator action and its refusals."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from register.audit.concurrency import StaleRecord
from register.contributions import services
from register.contributions.changes import diff
from register.contributions.exceptions import IllegalTransition, SubmissionConflict, SubmissionRateLimited
from register.contributions.models import Attachment, Submission, SubmissionStatus
from register.people.models import Person, PersonEvent, PersonName
from register.people.search import search_people
from register.places.models import Place
from register.places.selectors import place_filter, place_list
from tests.personas import photo

S = SubmissionStatus
NEW_PERSON = {
    "fields": {
        "surname": "Vaitkevičiūtė",
        "given_name": "Ona",
        "sex": "f",
        "birth_edtf": "1931-02",
        "country": "LT",
    },
    "names_add": [{"part": "surname", "value": "Вайткявичюте", "language": "ru", "kind": "russified"}],
    "events_add": [{"kind": "deportation", "period_edtf": "1948-05-22", "place_text": "Igarka"}],
}


def send(user, kind="new_person", target=None, proposal=None, **kwargs):
    values = {
        "user": user,
        "kind": kind,
        "target": target,
        "proposal": proposal if proposal is not None else NEW_PERSON,
        "relation": "relative",
        "sources": "Family letters; LYA f. V-5, ap. 1, b. 12",
        "consent": True,
        **kwargs,
    }
    return services.submission_create(**values)


def found(query):
    """The persons a search finds by an exact or nearly exact name (score above fuzzy matches)."""
    return [hit.person.pk for hit in search_people(query).hits if hit.score >= 0.5]


def correction(user, person, **fields):
    return send(user, "person_change", person, {"fields": fields})


# ---------------------------------------------------------------- sending


def test_new_person_is_found_only_after_acceptance(alice, bob, django_capture_on_commit_callbacks):
    sub = send(alice)
    assert sub.status == S.PENDING and sub.submitter == alice and sub.target_key == ""
    assert not found("Vaitkevičiūtė") and not found("Вайткявичюте")
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_accept(submission=sub, moderator=bob, expected_revision=sub.revision)
    sub.refresh_from_db()
    assert sub.status == S.ACCEPTED and sub.result_key.startswith("v")
    person = Person.objects.get(public_id=sub.result_key)
    assert (person.surname, person.given_name, person.country, person.birth_edtf) == (
        "Vaitkevičiūtė",
        "Ona",
        "LT",
        "1931-02",
    )
    assert person.birth_year_min == 1931
    assert found("Vaitkevičiūtė Ona") == [person.pk]
    assert found("Вайткявичюте") == [person.pk]
    event = person.events.get()
    assert (event.kind, event.period_edtf, event.place_text) == ("deportation", "1948-05-22", "Igarka")
    assert sub.target_id == person.pk and sub.target_key == person.public_id
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@example.org"]
    assert "accepted" in mail.outbox[0].body


def test_create_needs_a_verified_contributor(dave, real_data):
    with pytest.raises(PermissionDenied):
        send(dave)
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        send(AnonymousUser())
    assert not Submission.objects.exists()


def test_create_field_errors(alice):
    with pytest.raises(ValidationError) as error:
        send(
            alice,
            proposal={
                "fields": {"given_name": "Ona", "birth_edtf": "1931-13-45", "country": "lt", "sex": "x"},
                "names_add": [{"part": "nickname", "value": "123"}],
                "events_add": [{"kind": "arrest", "place": "pnotthere"}],
            },
            relation="cousin",
            sources=" ",
            consent=False,
        )
    errors = error.value.message_dict
    for key in (
        "birth_edtf",
        "country",
        "sex",
        "names_add.0.part",
        "names_add.0.value",
        "events_add.0.place",
        "relation",
        "sources",
        "consent",
    ):
        assert key in errors, key
    assert not Submission.objects.exists()


def test_new_person_needs_a_name(alice):
    with pytest.raises(ValidationError) as error:
        send(alice, proposal={"fields": {"birth_edtf": "1930"}})
    assert "surname" in error.value.message_dict


def test_correction_without_change_is_refused(alice, person):
    with pytest.raises(ValidationError) as error:
        correction(alice, person, surname=person.surname)
    assert "__all__" in error.value.message_dict


def test_correction_records_base_and_version(alice, person):
    sub = correction(alice, person, occupation="teacher", birthplace_text="Kaunas")
    assert sub.target_key == person.public_id and sub.base_version == person.version
    assert sub.base == {
        "field:occupation": person.occupation,
        "field:birthplace_text": person.birthplace_text,
    }


def test_wrong_target_is_refused(alice, person, place):
    with pytest.raises(ValidationError):
        send(alice, "person_change", place, {"fields": {"surname": "X"}})
    with pytest.raises(ValidationError):
        send(alice, "new_person", person)


def test_rate_limit(alice, settings):
    settings.SUBMISSIONS_PER_HOUR = 2
    send(alice)
    send(alice)
    with pytest.raises(SubmissionRateLimited) as error:
        send(alice)
    assert "2 submissions in the last hour" in str(error.value)
    assert Submission.objects.filter(submitter=alice).count() == 2


# ---------------------------------------------------------------- accepting corrections


def test_partial_accept_applies_only_the_chosen_changes(
    alice, bob, person, django_capture_on_commit_callbacks
):
    name = person.names.first()
    event = person.events.first()
    old_term = event.term
    sub = send(
        alice,
        "person_change",
        person,
        {
            "fields": {"occupation": "bookkeeper", "birthplace_text": "Šiauliai"},
            "names_add": [{"part": "given", "value": "Jonas", "language": "lt"}],
            "names_remove": [name.pk],
            "events_change": {str(event.pk): {"term": "25 years", "note": "per letter"}},
        },
        files=[photo()],
    )
    keys = [change.key for change in diff(sub)]
    attachment = sub.attachments.get()
    assert keys == [  # fields in the model's order, whatever order the JSON keeps
        "field:birthplace_text",
        "field:occupation",
        "name+0",
        f"name-{name.pk}",
        f"event:{event.pk}:term",
        f"event:{event.pk}:note",
        f"file:{attachment.pk}",
    ]
    version = Person.objects.get(pk=person.pk).version
    chosen = ["field:occupation", "name+0", f"event:{event.pk}:note", f"file:{attachment.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_accept(submission=sub, moderator=bob, keys=chosen, expected_revision=0)
    person.refresh_from_db()
    sub.refresh_from_db()
    assert sub.status == S.PARTLY_ACCEPTED and sub.accepted_keys == chosen
    assert person.occupation == "bookkeeper" and person.birthplace_text != "Šiauliai"
    assert person.version == version + 1
    assert PersonName.objects.filter(pk=name.pk).exists()
    assert person.names.filter(part="given", value="Jonas", is_primary=False).exists()
    event.refresh_from_db()
    assert event.note == "per letter" and event.term == old_term
    attachment.refresh_from_db()
    assert attachment.published and attachment.record_id == person.pk
    assert "accepted part" in mail.outbox[0].body
    history = person.history.first()
    assert history.history_user == bob and history.history_change_reason == f"Submission #{sub.pk}"
    assert history.submission_id == sub.pk


def test_surname_correction_keeps_the_old_spelling_findable(alice, bob, person):
    old = person.surname
    sub = correction(alice, person, surname="Novakauskas")
    services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    person.refresh_from_db()
    assert person.surname == "Novakauskas"
    assert person.names.filter(part="surname", value=old, is_primary=False).exists()
    assert person.pk in [hit.person.pk for hit in search_people("Novakauskas").hits]


def test_conflicting_change_cannot_be_accepted(alice, bob, person):
    sub = correction(alice, person, occupation="teacher", residence="Kaunas")
    person.occupation = "farmer"  # someone edits the record meanwhile (e.g. in the admin)
    person.save()
    changes = {change.key: change for change in diff(sub)}
    assert changes["field:occupation"].conflict and not changes["field:residence"].conflict
    with pytest.raises(StaleRecord) as error:
        services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    assert "Occupation" in str(error.value)
    person.refresh_from_db()
    assert person.occupation == "farmer" and person.residence != "Kaunas"
    sub.refresh_from_db()
    assert sub.status == S.PENDING
    services.submission_accept(submission=sub, moderator=bob, keys=["field:residence"], expected_revision=0)
    person.refresh_from_db()
    assert person.residence == "Kaunas" and person.occupation == "farmer"
    sub.refresh_from_db()
    changes = {change.key: change for change in diff(sub)}  # decided: no conflicts, the accepted marked
    assert not any(change.conflict for change in changes.values())
    assert changes["field:residence"].accepted and not changes["field:occupation"].accepted


def test_stale_record_version_is_refused(alice, bob, person):
    sub = correction(alice, person, occupation="teacher")
    seen = Person.objects.get(pk=person.pk).version
    Person.objects.get(pk=person.pk).save()  # another edit bumps the version
    with pytest.raises(StaleRecord):
        services.submission_accept(submission=sub, moderator=bob, expected_revision=0, record_version=seen)


def test_event_add_and_remove(alice, bob, person, place, operation):
    event = person.events.first()
    sub = send(
        alice,
        "person_change",
        person,
        {
            "events_add": [
                {"kind": "imprisonment", "period_edtf": "1945/1953", "place": place.public_id},
                {"kind": "deportation", "period_edtf": "1941-06", "operation": operation.slug},
            ],
            "events_remove": [event.pk],
        },
    )
    services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    assert not PersonEvent.objects.filter(pk=event.pk).exists()
    assert person.events.filter(kind="imprisonment", place=place, period_edtf="1945/1953").exists()
    assert person.events.filter(kind="deportation", operation=operation).exists()


def test_new_place_with_point(alice, bob):
    proposal = {
        "fields": {"primary_name": "Лагпункт Тестовый", "kind": "camp_point", "period_edtf": "1949/1953"},
        "point": {"lat": 67.45, "lon": 86.6},
    }
    sub = send(alice, "new_place", None, proposal)
    assert not place_filter(place_list(), q="Тестовый").exists()
    services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    place = Place.objects.get(public_id=Submission.objects.get(pk=sub.pk).result_key)
    location = place.locations.get()
    assert (round(location.geom.y, 2), round(location.geom.x, 2)) == (67.45, 86.6)
    assert list(place_filter(place_list(), q="Тестовый")) == [place]


def test_new_place_field_errors(alice):
    with pytest.raises(ValidationError) as error:
        send(
            alice,
            "new_place",
            None,
            {"fields": {"primary_name": "X", "wikidata": "Q0x"}, "point": {"lat": 91, "lon": 0}},
        )
    assert {"wikidata", "point"} <= set(error.value.message_dict)


def test_place_and_operation_corrections(alice, bob, place, operation):
    sub = send(
        alice,
        "place_change",
        place,
        {"fields": {"admin_area": "Krasnoyarsk Krai"}, "point": {"lat": 69.3, "lon": 88.2}},
    )
    services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    place.refresh_from_db()
    assert place.admin_area == "Krasnoyarsk Krai"
    assert round(place.locations.order_by("order").first().geom.y, 1) == 69.3
    sub = send(alice, "operation_change", operation, {"fields": {"destinations_note": "Tomsk oblast"}})
    services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    operation.refresh_from_db()
    assert operation.destinations_note == "Tomsk oblast"


# ---------------------------------------------------------------- refusals of moderator actions


def test_only_moderators_review(alice, mallory):
    sub = send(alice)
    for action in (
        lambda: services.submission_accept(submission=sub, moderator=mallory, expected_revision=0),
        lambda: services.submission_reject(
            submission=sub, moderator=mallory, reason="no", expected_revision=0
        ),
        lambda: services.submission_request_info(
            submission=sub, moderator=mallory, message="?", expected_revision=0
        ),
        lambda: services.submission_mark_duplicate(
            submission=sub, moderator=mallory, of_record_key="x", expected_revision=0
        ),
        lambda: services.submissions_bulk(ids=[sub.pk], moderator=mallory, action="accept"),
    ):
        with pytest.raises((PermissionDenied, ValidationError)):
            action()
    sub.refresh_from_db()
    assert sub.status == S.PENDING and sub.revision == 0


def test_self_review_is_refused(bob):
    sub = send(bob)
    with pytest.raises(PermissionDenied) as error:
        services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    assert "own submission" in str(error.value)
    assert services.submissions_bulk(ids=[sub.pk], moderator=bob, action="accept")[0][1] is False
    assert Submission.objects.get(pk=sub.pk).status == S.PENDING


def test_stale_revision_names_what_happened(alice, bob, carol):
    sub = send(alice)
    services.submission_reject(submission=sub, moderator=bob, reason="No source", expected_revision=0)
    with pytest.raises(SubmissionConflict) as error:
        services.submission_accept(submission=sub, moderator=carol, expected_revision=0)
    assert "Another moderator already rejected this submission" in str(error.value)
    with pytest.raises(IllegalTransition):
        services.submission_accept(submission=sub, moderator=carol, expected_revision=1)


def test_reject_needs_a_reason_and_mails_it(alice, bob, django_capture_on_commit_callbacks):
    sub = send(alice)
    with pytest.raises(ValidationError):
        services.submission_reject(submission=sub, moderator=bob, reason=" ", expected_revision=0)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_reject(
            submission=sub, moderator=bob, reason="Not in the archive", expected_revision=0
        )
    sub.refresh_from_db()
    assert sub.status == S.REJECTED and sub.reviewed_by == bob and sub.decision_reason == "Not in the archive"
    assert "Not in the archive" in mail.outbox[0].body
    assert "bob" not in mail.outbox[0].body


def test_request_info_reply_and_accept(alice, bob, mallory, django_capture_on_commit_callbacks):
    sub = send(alice)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_request_info(
            submission=sub, moderator=bob, message="Which archive file?", expected_revision=0
        )
    assert "Which archive file?" in mail.outbox[0].body
    sub.refresh_from_db()
    assert sub.status == S.NEEDS_INFO and sub.revision == 1
    with pytest.raises(PermissionDenied):
        services.submission_reply(submission=sub, user=mallory, text="me")
    with pytest.raises(ValidationError):
        services.submission_reply(submission=sub, user=alice, text="")
    services.submission_reply(submission=sub, user=alice, text="LYA f. V-5", files=[photo()])
    sub.refresh_from_db()
    assert sub.status == S.PENDING and sub.revision == 2 and sub.attachments.count() == 1
    assert [m.from_moderator for m in sub.messages.all()] == [True, False]
    with pytest.raises(IllegalTransition):
        services.submission_reply(submission=sub, user=alice, text="again")
    services.submission_accept(submission=sub, moderator=bob, expected_revision=2)


def test_withdraw(alice, bob, mallory):
    sub = send(alice)
    with pytest.raises(PermissionDenied):
        services.submission_withdraw(submission=sub, user=mallory)
    services.submission_withdraw(submission=sub, user=alice)
    sub.refresh_from_db()
    assert sub.status == S.WITHDRAWN
    with pytest.raises(IllegalTransition):
        services.submission_withdraw(submission=sub, user=alice)
    with pytest.raises(SubmissionConflict) as error:
        services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    assert "withdrew" in str(error.value)


def test_mark_duplicate(alice, bob, person, django_capture_on_commit_callbacks):
    first, second = send(alice), send(alice)
    with pytest.raises(ValidationError):
        services.submission_mark_duplicate(submission=second, moderator=bob, expected_revision=0)
    with pytest.raises(ValidationError):
        services.submission_mark_duplicate(
            submission=second, moderator=bob, of_record_key="vnothere", expected_revision=0
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_mark_duplicate(
            submission=second, moderator=bob, of_submission=first, expected_revision=0
        )
    second.refresh_from_db()
    assert second.status == S.DUPLICATE and second.duplicate_of == first
    services.submission_mark_duplicate(
        submission=first, moderator=bob, of_record_key=person.public_id, expected_revision=0
    )
    assert Submission.objects.get(pk=first.pk).duplicate_record_key == person.public_id
    assert len(mail.outbox) == 1


def test_accept_unknown_keys_refused(alice, bob):
    sub = send(alice)
    with pytest.raises(ValidationError):
        services.submission_accept(submission=sub, moderator=bob, keys=["field:nope"], expected_revision=0)
    with pytest.raises(ValidationError):
        services.submission_accept(submission=sub, moderator=bob, keys=[], expected_revision=0)


def test_new_record_needs_its_identity(alice, bob):
    sub = send(alice)
    with pytest.raises(ValidationError) as error:
        services.submission_accept(
            submission=sub, moderator=bob, keys=["field:birth_edtf"], expected_revision=0
        )
    assert "surname or the given name" in str(error.value)
    place = send(
        alice,
        "new_place",
        None,
        {"fields": {"primary_name": "X", "kind": "prison"}, "point": {"lat": 1, "lon": 2}},
    )
    with pytest.raises(ValidationError):
        services.submission_accept(
            submission=place, moderator=bob, keys=["field:primary_name"], expected_revision=0
        )
    services.submission_accept(
        submission=sub, moderator=bob, keys=["field:surname", "field:birth_edtf"], expected_revision=0
    )
    person = Person.objects.get(public_id=Submission.objects.get(pk=sub.pk).result_key)
    assert person.surname == "Vaitkevičiūtė" and person.given_name == "" and not person.events.exists()


def test_bulk(alice, bob, person):
    one, two = send(alice), correction(alice, person, occupation="miller")
    three = correction(alice, person, occupation="smith")  # conflicts once `two` is accepted
    results = services.submissions_bulk(
        ids=[one.pk, two.pk, three.pk, 999999], moderator=bob, action="accept"
    )
    assert [(pk, ok) for pk, ok, _message in results] == [
        (one.pk, True),
        (two.pk, True),
        (three.pk, False),
        (999999, False),
    ]
    assert "changed since" in results[2][2]
    results = services.submissions_bulk(ids=[three.pk], moderator=bob, action="reject", reason="Conflicts")
    assert results[0][1] and Submission.objects.get(pk=three.pk).status == S.REJECTED
    with pytest.raises(ValidationError):
        services.submissions_bulk(ids=[one.pk], moderator=bob, action="reject")


# ---------------------------------------------------------------- the user's data


def test_user_data_and_forget_user(alice, bob, person, django_capture_on_commit_callbacks):
    kept = correction(alice, person, occupation="teacher")
    open_one = send(alice, files=[photo()])
    services.submission_request_info(
        submission=open_one, moderator=bob, message="Source?", expected_revision=0
    )
    data = services.user_data(user=alice)
    assert {item["id"] for item in data["submissions"]} == {kept.pk, open_one.pk}
    item = next(item for item in data["submissions"] if item["id"] == open_one.pk)
    assert item["messages"][0]["text"] == "Source?" and item["attachments"][0]["kind"] == "photo"
    assert "bob" not in str(data)
    import json

    json.dumps(data)
    services.submission_accept(submission=kept, moderator=bob, expected_revision=0)
    stored = open_one.attachments.get().file
    assert stored.storage.exists(stored.name)
    with django_capture_on_commit_callbacks(execute=True):
        services.forget_user(user=alice)
    assert not stored.storage.exists(stored.name)
    assert list(Submission.objects.filter(submitter=alice)) == [kept]
    assert not Attachment.objects.filter(submission_id=open_one.pk).exists()
    alice.delete()
    kept.refresh_from_db()
    assert kept.submitter is None and kept.status == S.ACCEPTED
    person.refresh_from_db()
    assert person.occupation == "teacher"


def test_the_decision_mail_is_in_the_submitters_language_and_links_to_their_page(
    alice, bob, django_capture_on_commit_callbacks
):
    from django.urls import reverse
    from django.utils import translation

    sub = send(alice)
    Submission.objects.filter(pk=sub.pk).update(language="lt")
    sub.refresh_from_db()
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):  # the moderator's
        services.submission_accept(submission=sub, moderator=bob, expected_revision=sub.revision)
    body = mail.outbox[0].body
    with translation.override("lt"):
        link = reverse("contributions:detail", kwargs={"pk": sub.pk})
    assert link.startswith("/lt/") and link in body
    assert "angenommen" not in body
