"""Regression tests of the breaker's findings on contributions: hostile text (NUL, control and bidi
characters, non-strings), stored lengths, a record deleted before acceptance, upload limits, the hourly
limit under parallel requests, messages, data minimisation and token access to files."""

import pytest
from django.core.exceptions import ValidationError

from register.contributions.models import Submission
from register.people.models import Person
from tests.api.test_submissions_api import token_client
from tests.contributions.test_services import NEW_PERSON, send

HOSTILE = {
    "NUL": "Ona\u0000",
    "bell": "Ona\u0007",
    "escape": "On\u001ba",
    "C1": "On\u0085a",
}


def new_person(**changes):
    proposal = {
        key: (dict(value) if isinstance(value, dict) else list(value)) for key, value in NEW_PERSON.items()
    }
    for key, value in changes.items():
        proposal[key] = value
    return proposal


def refused(user, proposal, kind="new_person", target=None, **kwargs):
    """The ValidationError's dict of a submission that must be refused; asserts nothing was written."""
    before = Submission.objects.count()
    with pytest.raises(ValidationError) as caught:
        send(user, kind, target, proposal, **kwargs)
    assert Submission.objects.count() == before
    return caught.value.message_dict


# ---------------------------------------------------------------- 1: control and bidi characters


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_control_characters_are_field_errors_everywhere(alice, person, text):
    fields = {**NEW_PERSON["fields"], "given_name": text, "biography": f"Born {text}"}
    errors = refused(alice, new_person(fields=fields))
    assert set(errors) >= {"given_name", "biography"}
    errors = refused(alice, new_person(names_add=[{"part": "surname", "value": text, "language": "ru"}]))
    assert "names_add.0.value" in errors
    errors = refused(alice, new_person(events_add=[{"kind": "deportation", "place": text, "term": text}]))
    assert {"events_add.0.place", "events_add.0.term"} <= set(errors)
    event = person.events.first()
    errors = refused(alice, {"events_change": {str(event.pk): {"note": text}}}, "person_change", person)
    assert f"events_change.{event.pk}.note" in errors
    errors = refused(alice, NEW_PERSON, sources=f"Letters {text}", note=text)
    assert {"sources", "note"} <= set(errors)


def test_tabs_and_newlines_stay_allowed_in_text(alice):
    sub = send(
        alice, proposal=new_person(fields={**NEW_PERSON["fields"], "biography": "Line one\n\tLine two\r\n"})
    )
    assert sub.proposal["fields"]["biography"] == "Line one\n\tLine two"


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069"])
def test_bidi_controls_are_refused_in_names(alice, char):
    errors = refused(alice, new_person(fields={**NEW_PERSON["fields"], "surname": f"Ona{char}tis"}))
    assert "direction of writing" in errors["surname"][0]
    names = [{"part": "surname", "value": f"{char}Жемайтис", "language": "ru"}]
    assert "names_add.0.value" in refused(alice, new_person(names_add=names))


def test_nul_through_the_api_is_a_400(alice, person):
    client = token_client(alice)
    before = Submission.objects.count()
    for proposal in (
        new_person(fields={"surname": "Ona\u0000"}),
        new_person(names_add=[{"part": "surname", "value": "\u0000"}]),
        new_person(events_add=[{"kind": "deportation", "note": "a\u0000b"}]),
    ):
        response = client.post(
            "/api/v1/submissions/",
            {
                "kind": "new_person",
                "proposal": proposal,
                "relation": "relative",
                "sources": "x",
                "consent": True,
            },
            format="json",
        )
        assert response.status_code == 400, response.content
    assert Submission.objects.count() == before


# ---------------------------------------------------------------- 2: stored lengths


def test_invisible_padding_counts_towards_the_stored_length(alice):
    padded = "A" * 190 + "\u200b" * 50
    errors = refused(alice, new_person(names_add=[{"part": "surname", "value": padded, "language": "ru"}]))
    assert "names_add.0.value" in errors
    errors = refused(alice, new_person(fields={**NEW_PERSON["fields"], "given_name": padded}))
    assert "given_name" in errors
    long_language = [{"part": "surname", "value": "Ona", "language": "x" * 21}]
    assert "names_add.0.language" in refused(alice, new_person(names_add=long_language))


def test_a_name_whose_dictionary_text_grows_too_long_is_refused(alice):
    # 150 characters, but case-folding makes "ß" into "ss": 300 > the name index's 200
    errors = refused(alice, new_person(fields={**NEW_PERSON["fields"], "surname": "ß" * 150}))
    assert "surname" in errors


def test_a_place_name_whose_search_key_grows_too_long_is_refused(alice):
    # 200 characters, but each ligature "ﬃ" becomes two letters of the search key: 400 > 300
    proposal = {
        "fields": {"primary_name": "ﬃ" * 200, "kind": "special_camp"},
        "point": {"lat": 61.5, "lon": 90.1},
    }
    assert "primary_name" in refused(alice, proposal, "new_place")


def test_every_event_field_is_checked_against_its_column(alice):
    for field, limit in (("term", 100), ("place_text", 300), ("authority", 200)):
        events = [{"kind": "deportation", field: "x" * (limit + 1)}]
        assert f"events_add.0.{field}" in refused(alice, new_person(events_add=events))


# ---------------------------------------------------------------- 6: values that are not text


@pytest.mark.parametrize("value", [["a", "b"], {"x": 1}, True, 12])
def test_values_that_are_not_strings_are_refused(alice, person, value):
    errors = refused(alice, new_person(fields={**NEW_PERSON["fields"], "given_name": value}))
    assert errors["given_name"] == ["This must be text."]
    names = [{"part": "surname", "value": value, "language": "ru"}]
    assert "names_add.0.value" in refused(alice, new_person(names_add=names))
    assert "events_add.0.term" in refused(
        alice, new_person(events_add=[{"kind": "deportation", "term": value}])
    )
    event = person.events.first()
    errors = refused(alice, {"events_change": {str(event.pk): {"note": value}}}, "person_change", person)
    assert f"events_change.{event.pk}.note" in errors


@pytest.mark.parametrize(
    "point", [{"lat": True, "lon": 90}, {"lat": "61.5", "lon": 90}, {"lat": [1], "lon": 2}]
)
def test_a_point_needs_real_numbers(alice, point):
    proposal = {"fields": {"primary_name": "Igarka", "kind": "special_camp"}, "point": point}
    assert "point" in refused(alice, proposal, "new_place")


def test_ids_to_remove_are_not_booleans(alice, person):
    errors = refused(alice, {"names_remove": [True]}, "person_change", person)
    assert "names_remove" in errors


def test_non_string_values_through_the_api_are_400(alice):
    client = token_client(alice)
    response = client.post(
        "/api/v1/submissions/",
        {
            "kind": "new_person",
            "proposal": {"fields": {"surname": ["a", "b"]}},
            "relation": "relative",
            "sources": "x",
            "consent": True,
        },
        format="json",
    )
    assert response.status_code == 400
    assert not Person.objects.filter(surname="['a', 'b']").exists()


# ---------------------------------------------------------------- 3: the record was deleted meanwhile


def test_accepting_a_correction_of_a_deleted_record_says_so(alice, bob, person):
    from register.contributions import services
    from register.contributions.exceptions import RecordGone
    from tests.contributions.test_services import correction
    from tests.contributions.test_views import login

    sub = correction(alice, person, residence="Kaunas, Laisvės al. 1")
    other = correction(alice, person, occupation="teacher")
    Person.objects.filter(pk=person.pk).delete()
    client = login(bob)
    response = client.post(
        f"/moderation/submissions/{sub.pk}/", {"action": "accept", "revision": "0"}, follow=True
    )
    assert response.status_code == 200
    assert "The record no longer exists." in response.content.decode()
    assert Submission.objects.get(pk=sub.pk).status == "pending"
    with pytest.raises(RecordGone, match="no longer exists"):
        services.submission_accept(submission=other, moderator=bob, expected_revision=0, record_version=1)
    api = token_client(bob).post(
        f"/api/v1/moderation/submissions/{other.pk}/accept/", {"revision": 0}, format="json"
    )
    assert api.status_code == 409 and api.json()["detail"] == "The record no longer exists."


# ---------------------------------------------------------------- 5: the hourly limit under parallel requests


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("restore_session_data")
def test_parallel_submissions_cannot_beat_the_hourly_limit(alice, settings):
    from register.contributions.exceptions import SubmissionRateLimited
    from tests.contributions.test_concurrency import race

    settings.SUBMISSIONS_PER_HOUR = 3
    send(alice)
    results = race(*[lambda: send(alice) for _ in range(8)])
    sent = [result for result in results if isinstance(result, Submission)]
    limited = [result for result in results if isinstance(result, SubmissionRateLimited)]
    assert len(sent) == 2 and len(limited) == 6, results
    assert Submission.objects.filter(submitter=alice).count() == 3


# ---------------------------------------------------------------- 7: messages that say what happened


def test_a_wrong_revision_is_not_called_an_answer(alice, bob):
    from register.contributions import services
    from register.contributions.exceptions import SubmissionConflict

    sub = send(alice)
    with pytest.raises(SubmissionConflict) as caught:
        services.submission_reject(submission=sub, moderator=bob, reason="No", expected_revision=5)
    assert str(caught.value) == (
        "The submission changed since you opened it; read it again. Nothing was changed."
    )
    services.submission_request_info(
        submission=sub, moderator=bob, message="Which archive?", expected_revision=0
    )
    services.submission_reply(submission=sub, user=alice, text="LYA f. V-5")
    with pytest.raises(SubmissionConflict, match="the submitter answered"):
        services.submission_reject(submission=sub, moderator=bob, reason="No", expected_revision=1)


def test_answering_without_an_open_question_says_so(alice):
    from register.contributions import services
    from register.contributions.exceptions import IllegalTransition

    sub = send(alice)
    with pytest.raises(IllegalTransition) as caught:
        services.submission_reply(submission=sub, user=alice, text="More")
    assert str(caught.value) == "There is no open question to answer."
    response = token_client(alice).post(
        f"/api/v1/submissions/{sub.pk}/reply/", {"text": "More"}, format="json"
    )
    assert response.status_code == 409 and response.json()["detail"] == "There is no open question to answer."
    assert not sub.messages.exists()


# ---------------------------------------------------------------- 8 and 11: the moderators' pages


def test_review_page_shows_the_username_not_the_email_and_links_the_history(alice, bob, person):
    from tests.contributions.test_services import correction
    from tests.contributions.test_views import login

    sub = correction(alice, person, residence="Kaunas")
    client = login(bob)
    html = client.get(f"/moderation/submissions/{sub.pk}/").content.decode()
    assert "alice" in html and "alice@example.org" not in html and "@example.org" not in html
    assert f'href="/history/person/{person.public_id}/"' in html
    queue = client.get("/moderation/", {"submitter": "alice@example.org"}).content.decode()
    assert f"/moderation/submissions/{sub.pk}/" in queue and "alice@example.org" not in queue.replace(
        'value="alice@example.org"', ""
    )
    api = token_client(bob).get(f"/api/v1/moderation/submissions/{sub.pk}/").content.decode()
    assert "@example.org" not in api


def test_record_pages_link_the_history_for_moderators_only(alice, bob, person, place, operation):
    from tests.contributions.test_views import login

    for url, history in (
        (person.get_absolute_url(), f"/history/person/{person.public_id}/"),
        (place.get_absolute_url(), f"/history/place/{place.public_id}/"),
        (operation.get_absolute_url(), f"/history/operation/{operation.slug}/"),
    ):
        assert f'href="{history}"' in login(bob).get(url).content.decode(), url
        assert f'href="{history}"' not in login(alice).get(url).content.decode(), url
        assert history not in login(alice).get(url).content.decode()


# ---------------------------------------------------------------- 9: files of the API with a token


def test_attachment_urls_of_the_api_work_with_a_token_and_with_the_session(alice, bob, mallory, person):
    import json

    from django.test import Client

    from tests.contributions.test_views import login
    from tests.personas import jpeg_bytes, upload

    alice_api = token_client(alice)
    response = alice_api.post(
        "/api/v1/submissions/",
        {
            "kind": "person_change",
            "record": person.public_id,
            "proposal": json.dumps({"fields": {"occupation": "teacher"}}),
            "relation": "relative",
            "sources": "Family album",
            "consent": True,
            "files": [upload("photo.jpg", jpeg_bytes(), "image/jpeg")],
            "files_meta": json.dumps([{"kind": "photo"}]),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    url = response.json()["attachments"][0]["url"]
    assert url.startswith("/contribute/files/") or "/contribute/files/" in url
    path = url[url.index("/contribute/") :]
    for client in (alice_api, token_client(bob), login(alice), login(bob)):
        answer = client.get(path)
        assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
        assert answer["Cache-Control"] == "private, no-store"
    assert token_client(mallory).get(path).status_code == 404
    assert Client().get(path).status_code == 404
    assert Client(HTTP_AUTHORIZATION="Token not-a-key").get(path).status_code == 404


# ---------------------------------------------------------------- 10: the credit name


@pytest.mark.parametrize(
    "name",
    [
        "Rūta\u202eK.",
        "\u2066Rūta\u2069",
        "Anonymous",
        "ANONYMOUS helper",
        "an anonymous relative",
        "R\u0007",
        "Anonym",
    ],
)
def test_credit_name_refuses_bidi_controls_and_the_word_anonymous(name):
    from django.utils import translation

    from register.accounts.forms import ProfileForm

    form = ProfileForm({"credit": "name", "credit_name": name})
    assert not form.is_valid() and "credit_name" in form.errors
    with translation.override("de"):
        form = ProfileForm({"credit": "name", "credit_name": name})
        assert "Anzeigename" in str(form.errors["credit_name"])


@pytest.mark.parametrize("name", ["Rūta K.", "Granddaughter of Jonas Petraitis", "Anonymouse"])
def test_credit_name_keeps_ordinary_names(name):
    from register.accounts.forms import ProfileForm

    assert ProfileForm({"credit": "name", "credit_name": name}).is_valid()


# ---------------------------------------------------------------- 4: upload limits


def png_header(width, height, bits=8, colour=2) -> bytes:
    """A PNG whose header claims width x height (bits per sample, colour type) over a tiny, broken IDAT:
    enough for Pillow to read the size and mode without decoding anything."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, bits, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def pdf_upload(size: int):
    """A TemporaryUploadedFile (as Django makes for a large upload) of a PDF of `size` bytes."""
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from tests.personas import PDF_BYTES

    upload = TemporaryUploadedFile("scan.pdf", "application/pdf", size, None)
    upload.write(PDF_BYTES + b"%" + b"0" * (size - len(PDF_BYTES) - 2) + b"\n")
    upload.seek(0)
    return upload


@pytest.mark.parametrize(
    "width,height,bits,colour",
    [(8000, 8000, 8, 2), (4000, 4000, 16, 2), (4000, 4000, 16, 0)],
    ids=["64MP-8bit", "16MP-16bit-rgb", "16MP-16bit-grey"],
)
def test_too_many_pixels_for_the_depth_are_refused_before_decoding(width, height, bits, colour):
    from register.contributions.files import clean_upload
    from tests.personas import upload

    with pytest.raises(ValidationError) as caught:
        clean_upload(upload("big.png", png_header(width, height, bits, colour)))
    assert caught.value.code == "too_many_pixels"


def test_an_image_within_the_budget_is_decoded():
    from register.contributions.files import clean_upload
    from tests.personas import upload

    with pytest.raises(ValidationError) as caught:  # the header passes the budget; the pixels are broken
        clean_upload(upload("ok.png", png_header(3000, 3000, 16, 2)))
    assert caught.value.code == "broken_image"


def test_a_real_16_bit_png_is_accepted():
    import io

    from PIL import Image

    from register.contributions.files import clean_upload
    from tests.personas import upload

    out = io.BytesIO()
    Image.new("I;16", (30, 20), 40000).save(out, format="PNG")
    clean = clean_upload(upload("grey16.png", out.getvalue()))
    assert clean.media_type == "image/png" and Image.open(clean.content).size == (30, 20)


def test_a_multi_page_tiff_is_refused_with_a_hint_to_send_a_pdf():
    import io

    from PIL import Image

    from register.contributions.files import clean_upload
    from tests.personas import upload

    out = io.BytesIO()
    pages = [Image.new("L", (20, 20), shade) for shade in (0, 128, 255)]
    pages[0].save(out, format="TIFF", save_all=True, append_images=pages[1:])
    with pytest.raises(ValidationError) as caught:
        clean_upload(upload("letters.tif", out.getvalue()))
    assert caught.value.code == "multi_page" and "PDF" in caught.value.messages[0]


def test_a_pdf_is_streamed_to_storage_not_held_in_memory(alice, settings):
    import tracemalloc

    settings.UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    upload = pdf_upload(12 * 1024 * 1024)
    tracemalloc.start()
    try:
        sub = send(alice, files=[{"file": upload, "kind": "document"}])
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3 * 1024 * 1024, peak
    stored = sub.attachments.get()
    assert stored.size == 12 * 1024 * 1024 and stored.file.size == stored.size


def test_the_number_of_files_per_submission_is_limited(alice, settings):
    from register.contributions import services
    from tests.personas import PDF_BYTES, upload

    settings.UPLOAD_MAX_FILES = 3

    def pdfs(count):
        return [{"file": upload(f"{index}.pdf", PDF_BYTES), "kind": "document"} for index in range(count)]

    errors = refused(alice, NEW_PERSON, files=pdfs(4))
    assert errors["files"] == ["A submission can have at most 3 files."]
    sub = send(alice, files=pdfs(2))
    from register.contributions.models import SubmissionStatus

    Submission.objects.filter(pk=sub.pk).update(status=SubmissionStatus.NEEDS_INFO)
    sub.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.submission_reply(submission=sub, user=alice, text="Two more", files=pdfs(2))
    assert caught.value.message_dict["files"] == ["A submission can have at most 3 files. It already has 2."]
    services.submission_reply(submission=sub, user=alice, text="One more", files=pdfs(1))
    assert sub.attachments.count() == 3


def test_the_total_size_per_submission_is_limited(alice, settings):
    settings.UPLOAD_MAX_TOTAL_BYTES = 5 * 1024 * 1024
    files = [{"file": pdf_upload(2 * 1024 * 1024), "kind": "document"} for _ in range(3)]
    errors = refused(alice, NEW_PERSON, files=files)
    assert errors["files"] == ["The files of a submission can be at most 5.0\xa0MB together."]


def test_too_many_files_through_the_api_and_the_page(alice, settings):
    import json

    from tests.contributions.test_views import login, management, person_post
    from tests.personas import PDF_BYTES, upload

    settings.UPLOAD_MAX_FILES = 2
    response = token_client(alice).post(
        "/api/v1/submissions/",
        {
            "kind": "new_person",
            "proposal": json.dumps(NEW_PERSON),
            "relation": "relative",
            "sources": "Letters",
            "consent": True,
            "files": [upload(f"{index}.pdf", PDF_BYTES) for index in range(3)],
        },
        format="multipart",
    )
    assert response.status_code == 400 and "at most 2 files" in response.json()["files"][0]
    data = {**person_post(), **management("file", 3)}
    for index in range(3):
        data[f"file-{index}-file"] = upload(f"{index}.pdf", PDF_BYTES)
    page = login(alice).post("/contribute/person/new/", data)
    assert page.status_code == 400 and "at most 2 files" in page.content.decode()
    assert not Submission.objects.exists()


# ---------------------------------------------------------------- 12: the licence is named and linked


def test_the_licence_is_named_and_linked_in_consent_about_page_and_footer(alice, client, settings):
    from tests.contributions.test_views import login

    link = 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"'
    name = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
    form = login(alice).get("/contribute/person/new/").content.decode()
    assert f"under the licence {name}, credited as I choose" in form
    assert f"<a {link}>{name}</a>" in form
    about = client.get("/about/data/").content.decode()
    assert about.count(f"<a {link}>{name}</a>") == 2  # the paragraph on reuse and the footer
    assert "credited by the name each contributor chose, or as “anonymous”" in about
    settings.CONTENT_LICENCE_NAME = "Open Data Commons ODbL"
    settings.CONTENT_LICENCE_URL = "https://opendatacommons.org/licenses/odbl/"
    home = client.get("/").content.decode()
    assert (
        '<a href="https://opendatacommons.org/licenses/odbl/" rel="license">Open Data Commons ODbL</a>'
        in home
    )
    assert (
        "under the licence Open Data Commons ODbL"
        in login(alice).get("/contribute/person/new/").content.decode()
    )


@pytest.mark.parametrize(
    "language,words",
    [
        ("de", ["unter der Lizenz", "Höchstens 10 Dateien und insgesamt 50,0", "Die Lizenz lesen:"]),
        ("lt", ["pagal licenciją", "Ne daugiau kaip 10 failų", "Skaityti licenciją:"]),
    ],
)
def test_the_new_words_are_translated(alice, language, words):
    from django.utils import translation

    from tests.contributions.test_views import login

    with translation.override("en"):
        html = (
            login(alice, HTTP_ACCEPT_LANGUAGE=language)
            .get("/contribute/person/new/", follow=True)
            .content.decode()
        )
    for word in words:
        assert word in html, word
    assert "Creative Commons Attribution 4.0 International (CC BY 4.0)</a>" in html
