"""The submissions API: contributors send and read their own with a token, moderators work the queue;
anonymous users stay read-only. Personas: alice (relative), bob and carol (moderators), mallory
(another contributor), dave (e-mail not verified)."""

import json

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from register.contributions.models import Submission, SubmissionStatus
from register.people.models import Person
from tests.personas import jpeg_bytes, make_user, upload

S = SubmissionStatus
NEW_PERSON = {
    "fields": {"surname": "Jablonskytė", "given_name": "Marija", "sex": "f", "birth_edtf": "1928"},
    "names_add": [{"part": "surname", "value": "Яблонските", "language": "ru", "kind": "russified"}],
}


def token_client(user) -> APIClient:
    """A client that authenticates like a script: `Authorization: Token <key>`, no session."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def users(alice, carol, mallory, dave, django_user_model, settings, tmp_path):
    """The personas of tests/personas.py; bob is made here, because tests/api/conftest.py's `bob` is a
    signed-in client of a plain user."""
    settings.MEDIA_ROOT = tmp_path / "media"
    bob = make_user(django_user_model, "bob", moderator=True)
    return {"alice": alice, "bob": bob, "carol": carol, "mallory": mallory, "dave": dave}


@pytest.fixture
def clients(users):
    return {name: token_client(user) for name, user in users.items()}


@pytest.fixture
def person(real_data):
    return Person.objects.filter(published=True, events__isnull=False).distinct().order_by("id").first()


def payload(**values):
    return {
        "kind": "new_person",
        "proposal": NEW_PERSON,
        "relation": "relative",
        "sources": "Family letters; LYA f. V-5, ap. 1, b. 12",
        "consent": True,
        **values,
    }


def send(client, **values):
    response = client.post("/api/v1/submissions/", payload(**values), format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_anonymous_users_stay_read_only(users, person):
    anon = APIClient()
    assert anon.get("/api/v1/submissions/").status_code == 401
    assert anon.post("/api/v1/submissions/", payload(), format="json").status_code == 401
    assert anon.get("/api/v1/moderation/submissions/").status_code == 401
    assert Submission.objects.count() == 0
    assert anon.get(f"/api/v1/people/{person.public_id}/").status_code == 200


def test_contributor_sends_and_reads_only_their_own(clients, users):
    sent = send(clients["alice"])
    assert sent["status"] == S.PENDING and sent["record"] == ""
    assert {change["key"] for change in sent["changes"]} >= {"field:surname", "name+0"}
    mine = clients["alice"].get("/api/v1/submissions/").json()
    assert [item["id"] for item in mine["results"]] == [sent["id"]]
    assert clients["mallory"].get("/api/v1/submissions/").json()["count"] == 0
    assert clients["mallory"].get(f"/api/v1/submissions/{sent['id']}/").status_code == 404
    assert clients["mallory"].get("/api/v1/moderation/submissions/").status_code == 403


def test_unverified_user_cannot_send(clients):
    response = clients["dave"].post("/api/v1/submissions/", payload(), format="json")
    assert response.status_code == 403
    assert Submission.objects.count() == 0


def test_field_errors_and_nothing_written(clients, person):
    bad = clients["alice"].post(
        "/api/v1/submissions/",
        payload(proposal={"fields": {"surname": "X", "birth_edtf": "1941-13-45"}}, consent=False),
        format="json",
    )
    assert bad.status_code == 400
    assert {"consent", "field:birth_edtf"} <= set(bad.json()) or {"consent", "birth_edtf"} <= set(bad.json())
    unknown = clients["alice"].post(
        "/api/v1/submissions/", payload(kind="person_change", record="nosuchid"), format="json"
    )
    assert unknown.status_code == 400 and "record" in unknown.json()
    not_json = clients["alice"].post(
        "/api/v1/submissions/", json.dumps(payload())[:40], content_type="application/json"
    )
    assert not_json.status_code == 400
    assert Submission.objects.count() == 0


def test_rate_limit_is_429(clients, settings):
    settings.SUBMISSIONS_PER_HOUR = 1
    send(clients["alice"])
    response = clients["alice"].post("/api/v1/submissions/", payload(), format="json")
    assert response.status_code == 429
    assert Submission.objects.count() == 1


def test_multipart_with_a_photo_strips_its_location(clients, person):
    proposal = {"fields": {"occupation": "teacher"}}
    response = clients["alice"].post(
        "/api/v1/submissions/",
        {
            **payload(kind="person_change", record=person.public_id, proposal=json.dumps(proposal)),
            "files": [upload("photo.jpg", jpeg_bytes(gps=True), "image/jpeg")],
            "files_meta": json.dumps([{"kind": "photo", "description": "Igarka, 1952", "date_edtf": "1952"}]),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    attachment = response.json()["attachments"][0]
    assert attachment["kind"] == "photo" and attachment["published"] is False
    assert attachment["media_type"] == "image/jpeg"
    stored = Submission.objects.get().attachments.get()
    data = stored.file.read()
    assert b"TestCam" not in data and b"GPS" not in data
    assert stored.file.name.count("/") == 2 and "photo" not in stored.file.name


def test_moderation_round_trip(clients, users, person, django_capture_on_commit_callbacks):
    """Alice corrects a person; bob asks for more, alice answers, bob accepts part; the public API shows
    it; carol's stale action is a 409 and changes nothing."""
    sent = send(
        clients["alice"],
        kind="person_change",
        record=person.public_id,
        proposal={"fields": {"occupation": "teacher", "residence": "Kaunas, Laisvės al. 3"}},
    )
    queue = clients["bob"].get("/api/v1/moderation/submissions/").json()
    line = next(item for item in queue["results"] if item["id"] == sent["id"])
    assert line["submitter"] == "alice" and "alice@example.org" not in json.dumps(queue)
    detail = clients["bob"].get(f"/api/v1/moderation/submissions/{sent['id']}/").json()
    keys = {change["key"]: change for change in detail["changes"]}
    assert keys["field:occupation"]["new"] == "teacher" and keys["field:occupation"]["conflict"] is False

    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves once the decision is saved
        asked = clients["bob"].post(
            f"/api/v1/moderation/submissions/{sent['id']}/request-info/",
            {"revision": detail["revision"], "message": "Which archive file says so?"},
            format="json",
        )
    assert asked.status_code == 200 and asked.json()["status"] == S.NEEDS_INFO
    assert "Which archive file" in mail.outbox[-1].body and mail.outbox[-1].to == ["alice@example.org"]
    stale = clients["carol"].post(
        f"/api/v1/moderation/submissions/{sent['id']}/reject/",
        {"revision": detail["revision"], "reason": "no source"},
        format="json",
    )
    assert stale.status_code == 409 and "already asked" in stale.json()["detail"]

    answered = clients["alice"].post(
        f"/api/v1/submissions/{sent['id']}/reply/", {"text": "LYA f. V-5, b. 12, l. 3"}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["status"] == S.PENDING
    revision = answered.json()["revision"]
    accepted = clients["bob"].post(
        f"/api/v1/moderation/submissions/{sent['id']}/accept/",
        {"revision": revision, "keys": ["field:occupation"]},
        format="json",
    )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == S.PARTLY_ACCEPTED
    public = APIClient().get(f"/api/v1/people/{person.public_id}/").json()
    assert "teacher" in json.dumps(public) and "Laisvės al. 3" not in json.dumps(public)
    again = clients["carol"].post(
        f"/api/v1/moderation/submissions/{sent['id']}/accept/", {"revision": revision}, format="json"
    )
    assert again.status_code == 409


def test_moderator_cannot_review_own_submission(clients):
    sent = send(clients["bob"])
    response = clients["bob"].post(
        f"/api/v1/moderation/submissions/{sent['id']}/accept/", {"revision": sent["revision"]}, format="json"
    )
    assert response.status_code == 403
    assert Submission.objects.get().status == S.PENDING


def test_queue_filters_and_bulk_reject(clients, person):
    first = send(clients["alice"])
    second = send(clients["mallory"], kind="person_change", record=person.public_id,
                  proposal={"fields": {"occupation": "miller"}})  # fmt: skip
    by_kind = clients["bob"].get("/api/v1/moderation/submissions/", {"kind": "person_change"}).json()
    assert [item["id"] for item in by_kind["results"]] == [second["id"]]
    by_submitter = clients["bob"].get("/api/v1/moderation/submissions/", {"submitter": "alice"}).json()
    assert [item["id"] for item in by_submitter["results"]] == [first["id"]]
    by_record = clients["bob"].get("/api/v1/moderation/submissions/", {"record": person.public_id}).json()
    assert [item["id"] for item in by_record["results"]] == [second["id"]]
    assert clients["bob"].get("/api/v1/moderation/submissions/", {"kind": "bogus"}).status_code == 400

    no_reason = clients["bob"].post(
        "/api/v1/moderation/submissions/bulk/", {"ids": [first["id"]], "action": "reject"}, format="json"
    )
    assert no_reason.status_code == 400
    results = (
        clients["bob"]
        .post(
            "/api/v1/moderation/submissions/bulk/",
            {"ids": [first["id"], second["id"], 999999], "action": "reject", "reason": "No source given."},
            format="json",
        )
        .json()
    )
    assert [(item["id"], item["ok"]) for item in results] == [
        (first["id"], True),
        (second["id"], True),
        (999999, False),
    ]
    assert set(Submission.objects.values_list("status", flat=True)) == {S.REJECTED}


def test_duplicate_of_a_record(clients, person):
    sent = send(clients["alice"])
    response = clients["bob"].post(
        f"/api/v1/moderation/submissions/{sent['id']}/duplicate/",
        {"revision": sent["revision"], "of_record": person.public_id},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == S.DUPLICATE
    unknown = send(clients["alice"])
    response = clients["bob"].post(
        f"/api/v1/moderation/submissions/{unknown['id']}/duplicate/",
        {"revision": unknown["revision"], "of_record": "nosuchid"},
        format="json",
    )
    assert response.status_code == 400


def test_withdraw(clients):
    sent = send(clients["alice"])
    assert clients["mallory"].post(f"/api/v1/submissions/{sent['id']}/withdraw/").status_code == 404
    response = clients["alice"].post(f"/api/v1/submissions/{sent['id']}/withdraw/")
    assert response.status_code == 200 and response.json()["status"] == S.WITHDRAWN
    assert clients["alice"].post(f"/api/v1/submissions/{sent['id']}/withdraw/").status_code == 409


def test_schema_documents_submissions_and_moderation(clients):
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/submissions/",
        "/api/v1/submissions/{id}/reply/",
        "/api/v1/moderation/submissions/",
        "/api/v1/moderation/submissions/{id}/accept/",
        "/api/v1/moderation/submissions/bulk/",
    } <= paths
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_oversize_and_too_many_files_are_json_errors(clients, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = clients["alice"].post("/api/v1/submissions/", payload(note="x" * 5000), format="json")
    assert big.status_code == 413
    assert big.json()["detail"] == "The request body is larger than the limit of 1000 bytes."
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [upload(f"{n}.png", b"x", "image/png") for n in range(3)]
    many = clients["alice"].post(
        "/api/v1/submissions/",
        {**payload(proposal=json.dumps(NEW_PERSON)), "files": files},
        format="multipart",
    )
    assert many.status_code == 400
    assert many.json()["detail"] == "The request sends more files than the limit of 2."
    assert Submission.objects.count() == 0
