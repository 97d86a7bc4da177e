"""Regression tests of the second breaker's findings: names without letters, lone surrogates in JSON,
the stored size of re-encoded images, file descriptions in the API, repeated ids in a bulk action."""

import io
import json

import pytest
from PIL import Image

from register.contributions import services
from register.contributions.models import Submission, SubmissionStatus
from tests.api.test_submissions_api import payload, token_client
from tests.contributions.test_hardening import refused
from tests.contributions.test_services import NEW_PERSON, send
from tests.personas import jpeg_bytes, upload

S = SubmissionStatus


@pytest.mark.parametrize("name", ["\u200b\u200d", "1937", "---", "\u0301\u0301", "\ufeff", "?"])
def test_a_name_without_letters_is_refused_when_sent(alice, person, name):
    errors = refused(alice, {"fields": {"surname": name}}, "person_change", person)
    assert errors["surname"] == ["A name needs at least one letter."]
    new = {**NEW_PERSON, "fields": {**NEW_PERSON["fields"], "given_name": name}}
    assert "given_name" in refused(alice, new)


@pytest.mark.parametrize("name", ["\u200b", "!!!"])
def test_place_and_operation_names_need_a_letter(alice, place, operation, name):
    assert "primary_name" in refused(alice, {"fields": {"primary_name": name}}, "place_change", place)
    assert "name_en" in refused(alice, {"fields": {"name_en": name}}, "operation_change", operation)


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u061c", "\u2028"])
def test_direction_marks_and_line_separators_are_refused_in_names(alice, person, mark):
    assert "surname" in refused(alice, {"fields": {"surname": f"Ona{mark}s"}}, "person_change", person)


def test_overrides_are_refused_in_any_text(alice, person):
    assert "birthplace_text" in refused(
        alice, {"fields": {"birthplace_text": "Kaunas\u202e"}}, "person_change", person
    )


@pytest.mark.parametrize(
    "body",
    [
        '{"kind": "new_person", "proposal": {"fields": {"surname": "\\ud83d"}}}',
        '{"kind": "\\ud800"}',
        '{"kind": "person_change", "proposal": {"fields": {"\\ud800": "x"}}}',
        "[" * 5000 + "]" * 5000,
    ],
    ids=["value", "choice", "key", "deep"],
)
def test_lone_surrogates_and_deep_nesting_are_400(alice, body):
    response = token_client(alice).post("/api/v1/submissions/", body, content_type="application/json")
    assert response.status_code == 400 and "detail" in response.json()
    assert Submission.objects.count() == 0


def test_a_lone_surrogate_in_a_multipart_proposal_is_400(alice):
    response = token_client(alice).post(
        "/api/v1/submissions/",
        payload(proposal='{"fields": {"surname": "\\ud83d"}}'),
        format="multipart",
    )
    assert response.status_code == 400 and "proposal" in response.json()


def test_the_total_limit_holds_for_the_stored_size(alice, person, settings):
    """A compressed TIFF becomes a much larger PNG: the total counts what is stored."""
    out = io.BytesIO()
    Image.effect_noise((600, 600), 60).convert("RGB").save(out, format="TIFF", compression="tiff_jpeg")
    tiff = out.getvalue()
    settings.UPLOAD_MAX_TOTAL_BYTES = int(len(tiff) * 1.2)  # the upload fits; the re-encoded PNG (x1.7) not
    errors = refused(
        alice,
        {"fields": {"occupation": "teacher"}},
        "person_change",
        person,
        files=[{"file": upload("scan.tif", tiff, "image/tiff"), "kind": "document"}],
    )
    assert "at most" in errors["files"][0]


def test_files_meta_must_match_the_files(alice, person):
    client = token_client(alice)
    proposal = json.dumps({"fields": {"occupation": "x"}})
    base = payload(kind="person_change", record=person.public_id, proposal=proposal)
    more = client.post(
        "/api/v1/submissions/",
        {**base, "files": [upload("a.jpg", jpeg_bytes(), "image/jpeg")], "files_meta": json.dumps([{}, {}])},
        format="multipart",
    )
    assert more.status_code == 400 and "files_meta" in more.json()
    not_objects = client.post(
        "/api/v1/submissions/",
        {**base, "files": [upload("a.jpg", jpeg_bytes(), "image/jpeg")], "files_meta": json.dumps(["photo"])},
        format="multipart",
    )
    assert not_objects.status_code == 400
    long_description = client.post(
        "/api/v1/submissions/",
        {
            **base,
            "files": [upload("a.jpg", jpeg_bytes(), "image/jpeg")],
            "files_meta": json.dumps([{"kind": "photo", "description": "x" * 501}]),
        },
        format="multipart",
    )
    assert long_description.status_code == 400 and "files.0.description" in long_description.json()
    assert Submission.objects.count() == 0


def test_a_bulk_action_takes_each_submission_once(alice, bob):
    first, second = send(alice), send(alice)
    results = services.submissions_bulk(
        ids=[first.pk, second.pk, first.pk], moderator=bob, action="reject", reason="No source."
    )
    assert [(pk, ok) for pk, ok, _text in results] == [(first.pk, True), (second.pk, True)]
    assert set(Submission.objects.values_list("status", flat=True)) == {S.REJECTED}
