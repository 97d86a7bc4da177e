"""Contributor and moderator pages: forms render and send, field errors are shown, CSRF is required, the
queue filters, the diff page acts through the services and a stale page is told what happened."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from register.contributions import services
from register.contributions.changes import PERSON_FIELDS
from register.contributions.models import Submission, SubmissionStatus
from register.people.models import Person
from tests.contributions.test_services import correction, send
from tests.personas import jpeg_bytes, upload

S = SubmissionStatus


def login(user, **kwargs):
    client = Client(**{"HTTP_ACCEPT_LANGUAGE": "en", **kwargs})
    client.force_login(user)
    return client


def management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def person_post(**extra):
    data = {
        **management("name", 0),
        **management("newname", 1),
        **management("event", 0),
        **management("newevent", 1),
        **management("file", 1),
        "f-surname": "Kalniņa",
        "f-given_name": "Anna",
        "f-birth_edtf": "1925",
        "newname-0-part": "surname",
        "newname-0-value": "Калнынь",
        "newname-0-language": "ru",
        "newname-0-kind": "russified",
        "newevent-0-kind": "deportation",
        "newevent-0-period_edtf": "1949-03-25",
        "newevent-0-place_text": "Tomsk oblast",
        "file-0-kind": "photo",
        "file-0-description": "Anna in 1950",
        "c-relation": "relative",
        "c-sources": "Family archive",
        "c-consent": "on",
    }
    data.update(extra)
    return data


# ---------------------------------------------------------------- contributors


def test_forms_need_sign_in(real_data, person):
    for url in ("/contribute/person/new/", f"/contribute/person/{person.public_id}/correct/", "/contribute/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_unverified_user_is_asked_to_verify(dave):
    response = login(dave).get("/contribute/person/new/")
    assert response.status_code == 403 and b"Verify your e-mail address" in response.content


def test_new_person_form_prefills_the_search(alice):
    response = login(alice).get("/contribute/person/new/?q=Kalniņa Anna")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Kalniņa"' in html and 'value="Anna"' in html
    assert 'name="c-consent"' in html and 'name="file-0-file"' in html


def test_new_person_sent_from_the_form(alice):
    data = person_post(**{"file-0-file": upload("anna.jpg", jpeg_bytes(gps=True), "image/jpeg")})
    response = login(alice).post("/contribute/person/new/", data)
    sub = Submission.objects.get(submitter=alice)
    assert response.status_code == 302 and response["Location"] == f"/contribute/submissions/{sub.pk}/"
    assert sub.kind == "new_person" and sub.proposal["fields"]["surname"] == "Kalniņa"
    assert sub.proposal["names_add"][0]["value"] == "Калнынь"
    assert sub.proposal["events_add"][0]["place_text"] == "Tomsk oblast"
    assert sub.attachments.get().description == "Anna in 1950"
    page = login(alice).get(response["Location"])
    assert b"Kalni" in page.content and b"waiting for review" in page.content


def test_field_errors_are_shown(alice):
    data = person_post(
        **{
            "f-birth_edtf": "1925-14",
            "newname-0-value": "1234",
            "file-0-file": upload("evil.jpg", b"<html>x</html>", "image/jpeg"),
            "c-sources": "",
            "c-consent": "",
        }
    )
    response = login(alice).post("/contribute/person/new/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a valid EDTF date" in html
    assert "This field is required." in html  # sources and consent
    assert "is not a PDF, JPEG, PNG or TIFF file" in html  # the file is checked too, not written
    assert not Submission.objects.exists()
    data = person_post(**{"f-birth_edtf": "1925-14", "newname-0-value": "1234"})
    html = login(alice).post("/contribute/person/new/", data).content.decode()
    assert "is not a valid EDTF date" in html and "A name needs at least one letter." in html
    data = person_post(**{"file-0-file": upload("evil.jpg", b"<html>x</html>", "image/jpeg")})
    html = login(alice).post("/contribute/person/new/", data).content.decode()
    assert "is not a PDF, JPEG, PNG or TIFF file" in html


def test_csrf_is_required(alice):
    client = login(alice, enforce_csrf_checks=True)
    assert client.post("/contribute/person/new/", person_post()).status_code == 403
    assert not Submission.objects.exists()


def test_correction_form_prefilled_and_sent(alice, person):
    client = login(alice)
    response = client.get(f"/contribute/person/{person.public_id}/correct/")
    html = response.content.decode()
    assert response.status_code == 200 and f'value="{person.surname}"' in html
    assert f'name="c-base_version" value="{person.version}"' in html
    names = list(person.names.all())
    events = list(person.events.select_related("place", "operation"))
    fields = {name: getattr(person, name) or "" for name in PERSON_FIELDS}
    data = {f"f-{name}": value for name, value in fields.items()}
    data["f-occupation"] = "miller"
    data.update(management("name", len(names), len(names)))
    for index, name in enumerate(names):
        data[f"name-{index}-pk"] = name.pk
    data["name-0-remove"] = "on"
    data.update(management("newname", 1))
    data.update(management("event", len(events), len(events)))
    for index, event in enumerate(events):
        data[f"event-{index}-pk"] = event.pk
        data[f"event-{index}-kind"] = event.kind
        data[f"event-{index}-period_edtf"] = event.period_edtf
        data[f"event-{index}-place"] = event.place.public_id if event.place else ""
        data[f"event-{index}-operation"] = event.operation.slug if event.operation else ""
        for field in ("place_text", "origin", "article", "authority", "term", "cause", "note"):
            data[f"event-{index}-{field}"] = getattr(event, field)
    data["event-0-term"] = "8 years"
    data.update(management("newevent", 1))
    data.update(management("file", 1))
    data.update(
        {"c-relation": "researcher", "c-sources": "LYA", "c-consent": "on", "c-base_version": person.version}
    )
    response = client.post(f"/contribute/person/{person.public_id}/correct/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    sub = Submission.objects.get(submitter=alice)
    assert sub.proposal == {
        "fields": {"occupation": "miller"},
        "names_remove": [names[0].pk],
        "events_change": {str(events[0].pk): {"term": "8 years"}},
    }


def test_place_and_operation_correction_pages(alice, place, operation):
    client = login(alice)
    assert client.get(f"/contribute/place/{place.public_id}/correct/").status_code == 200
    assert client.get(f"/contribute/operation/{operation.slug}/correct/").status_code == 200
    assert client.get("/contribute/person/vnothere/correct/").status_code == 404
    assert client.get(f"/contribute/planet/{place.public_id}/correct/").status_code == 404
    html = client.get("/contribute/place/new/?q=Igarka").content.decode()
    assert 'id="point-map"' in html and 'value="Igarka"' in html and "basemap.js" in html


def test_new_place_from_the_form(alice):
    data = {
        **management("file", 1),
        "f-primary_name": "Игарский лагпункт",
        "f-kind": "camp_point",
        "pt-lat": "67.47",
        "pt-lon": "86.58",
        "c-relation": "other",
        "c-sources": "Memoirs",
        "c-consent": "on",
    }
    response = login(alice).post("/contribute/place/new/", data)
    assert response.status_code == 302
    assert Submission.objects.get().proposal["point"] == {"lat": 67.47, "lon": 86.58}
    data["pt-lat"] = ""
    data["pt-lon"] = ""
    html = login(alice).post("/contribute/place/new/", data).content.decode()
    assert "Pick the place on the map or type its coordinates." in html


def test_my_submissions_reply_and_withdraw(alice, bob, mallory):
    sub = send(alice)
    services.submission_request_info(
        submission=sub, moderator=bob, message="Which file?", expected_revision=0
    )
    client = login(alice)
    html = client.get("/contribute/").content.decode()
    assert f"#{sub.pk}" in html and "Which file?" in html and "more information requested" in html
    assert login(mallory).get(f"/contribute/submissions/{sub.pk}/").status_code == 404
    page = client.get(f"/contribute/submissions/{sub.pk}/").content.decode()
    assert 'name="reply-text"' in page
    response = client.post(
        f"/contribute/submissions/{sub.pk}/", {"reply-text": "LYA f. 1", **management("file", 1)}
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == S.PENDING and sub.messages.last().text == "LYA f. 1"
    client.post(f"/contribute/submissions/{sub.pk}/", {"action": "withdraw"})
    assert Submission.objects.get(pk=sub.pk).status == S.WITHDRAWN


def test_record_pages_link_and_show_credits(alice, bob, person, place, operation, reader_en):
    for url in (person.get_absolute_url(), place.get_absolute_url(), operation.get_absolute_url()):
        assert b"Suggest a correction" in reader_en.get(url).content
    from register.accounts.models import profile_for

    profile = profile_for(alice)
    profile.credit_name, profile.credit_public = "Alė K.", True
    profile.save()
    sub = send(
        alice,
        "person_change",
        person,
        {"fields": {"occupation": "miller"}},
        files=[
            {
                "file": upload("p.jpg", jpeg_bytes()),
                "kind": "photo",
                "description": "At home",
                "source": "album",
            }
        ],
    )
    html = reader_en.get(person.get_absolute_url()).content.decode()
    assert "Alė K." not in html and "At home" not in html
    services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    html = reader_en.get(person.get_absolute_url()).content.decode()
    assert "Contributions by: Alė K." in html and "Last reviewed" in html and "At home" in html
    assert "alice@example.org" not in html and "Family letters" not in html


def test_no_results_links(alice, reader_en):
    html = reader_en.get("/people/?q=Zzyzxqwv").content.decode()
    assert "/contribute/person/new/?q=Zzyzxqwv" in html
    html = reader_en.get("/places/?q=Zzyzxqwv").content.decode()
    assert "/contribute/place/new/?q=Zzyzxqwv" in html


# ---------------------------------------------------------------- moderators


def test_moderation_pages_are_for_moderators(alice, mallory):
    sub = send(alice)
    assert Client().get("/moderation/").status_code == 302
    for url in ("/moderation/", f"/moderation/submissions/{sub.pk}/"):
        assert login(mallory).get(url).status_code == 403
    assert login(mallory).post("/moderation/", {"ids": [sub.pk], "action": "accept"}).status_code == 403
    assert Submission.objects.get(pk=sub.pk).status == S.PENDING


def test_queue_filters(alice, mallory, bob, person):
    new = send(alice)
    fix = correction(mallory, person, occupation="smith")
    done = correction(alice, person, residence="Riga")
    services.submission_reject(submission=done, moderator=bob, reason="no", expected_revision=0)
    Submission.objects.filter(pk=new.pk).update(created=new.created.replace(year=new.created.year - 1))
    client = login(bob)

    def listed(query=""):
        html = client.get("/moderation/" + query).content.decode()
        return [int(pk) for pk in re.findall(r'name="ids" value="(\d+)"', html)]

    assert listed() == [fix.pk, new.pk]
    assert listed("?sort=old") == [new.pk, fix.pk]
    assert listed("?kind=person_change") == [fix.pk]
    assert listed("?status=rejected") == [done.pk]
    assert listed("?older_than=30") == [new.pk]
    assert listed(f"?record={person.public_id}") == [fix.pk]
    assert listed("?submitter=mallory@example") == [fix.pk]
    assert listed("?submitter=ALICE") == [new.pk]


def test_diff_page_and_partial_accept(alice, bob, person):
    sub = send(
        alice,
        "person_change",
        person,
        {"fields": {"occupation": "miller", "residence": "Riga"}},
        files=[{"file": upload("p.jpg", jpeg_bytes()), "kind": "photo", "description": "At home"}],
    )
    client = login(bob)
    html = client.get(f"/moderation/submissions/{sub.pk}/").content.decode()
    assert "miller" in html and 'value="field:occupation"' in html and "Family letters" in html
    assert f"/contribute/files/{sub.attachments.get().pk}/" in html and "<img" in html
    assert 'name="revision" value="0"' in html
    response = client.post(
        f"/moderation/submissions/{sub.pk}/",
        {"action": "accept_selected", "revision": "0", "keys": ["field:residence"]},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.residence == "Riga" and person.occupation != "miller"
    assert Submission.objects.get(pk=sub.pk).status == S.PARTLY_ACCEPTED


def test_stale_page_is_told_and_nothing_changes(alice, bob, carol):
    sub = send(alice)
    services.submission_reject(submission=sub, moderator=carol, reason="Duplicate data", expected_revision=0)
    client = login(bob)
    response = client.post(
        f"/moderation/submissions/{sub.pk}/", {"action": "accept", "revision": "0"}, follow=True
    )
    assert "Another moderator already rejected this submission" in response.content.decode()
    assert Submission.objects.get(pk=sub.pk).status == S.REJECTED
    assert not Person.objects.filter(surname="Vaitkevičiūtė").exists()


def test_own_submission_actions_disabled(bob):
    sub = send(bob)
    client = login(bob)
    html = client.get(f"/moderation/submissions/{sub.pk}/").content.decode()
    assert "This is your own submission" in html and 'value="request_info"' not in html
    response = client.post(f"/moderation/submissions/{sub.pk}/", {"action": "accept", "revision": "0"})
    assert response.status_code == 400 and "own submission" in response.content.decode()
    assert Submission.objects.get(pk=sub.pk).status == S.PENDING


def test_moderator_actions_from_the_page(alice, bob):
    sub = send(alice)
    client = login(bob)
    url = f"/moderation/submissions/{sub.pk}/"
    response = client.post(url, {"action": "reject", "revision": "0", "reason": ""})
    assert response.status_code == 400 and "Give the submitter a reason." in response.content.decode()
    client.post(url, {"action": "request_info", "revision": "0", "message": "Which archive?"})
    assert Submission.objects.get(pk=sub.pk).status == S.NEEDS_INFO
    client.post(url, {"action": "duplicate", "revision": "1", "record_key": "vnothere"})
    assert Submission.objects.get(pk=sub.pk).status == S.NEEDS_INFO
    other = send(alice)
    client.post(url, {"action": "duplicate", "revision": "1", "duplicate_of": str(other.pk)})
    assert Submission.objects.get(pk=sub.pk).duplicate_of == other


def test_bulk_from_the_queue(alice, bob):
    one, two = send(alice), send(alice)
    client = login(bob)
    response = client.post(
        "/moderation/", {"ids": [one.pk, two.pk], "action": "reject", "reason": ""}, follow=True
    )
    assert "reason" in response.content.decode()
    response = client.post(
        "/moderation/", {"ids": [one.pk, two.pk], "action": "reject", "reason": "No source"}, follow=True
    )
    assert f"#{one.pk}: Rejected." in response.content.decode()
    assert set(Submission.objects.values_list("status", flat=True)) == {S.REJECTED}


@pytest.fixture
def reader_en(real_data):
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_admin_lists_submissions_read_only(alice, django_user_model):
    sub = send(alice, files=[{"file": upload("p.jpg", jpeg_bytes()), "kind": "photo"}])
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client = login(admin)
    assert client.get("/admin/contributions/submission/").status_code == 200
    page = client.get(f"/admin/contributions/submission/{sub.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content


def test_diff_page_of_a_new_place_shows_labels_and_point(alice, bob):
    proposal = {
        "fields": {"primary_name": "Лагпункт", "kind": "camp_point"},
        "point": {"lat": 67.47, "lon": 86.58},
    }
    sub = send(alice, "new_place", None, proposal)
    html = login(bob).get(f"/moderation/submissions/{sub.pk}/").content.decode()
    assert "camp point (lagpunkt)" in html and "67.47000, 86.58000" in html and "camp_point</ins>" not in html
    german = login(bob, HTTP_ACCEPT_LANGUAGE="de").get(f"/moderation/submissions/{sub.pk}/", follow=True)
    assert "Unterschied zum Eintrag" in german.content.decode()


@pytest.fixture
def living(real_data):
    """A person who may be alive (born 1990, no death): shown with names and repression facts only."""
    person = Person.objects.create(
        surname="Jankauskaitė",
        given_name="Rūta",
        birth_edtf="1990",
        occupation="secret-job",
        biography="secret-bio",
    )
    person.names.create(part="surname", value="Jankauskaitė", is_primary=True)
    person.names.create(part="given", value="Rūta", is_primary=True)
    person.events.create(kind="birth", period_edtf="1990", place_text="secret-birthplace")
    person.events.create(kind="arrest", period_edtf="2010", place_text="Vilnius")
    assert person.restricted
    return person


def test_restricted_person_correction_shows_only_what_the_page_shows(alice, bob, living):
    client = login(alice)
    url = f"/contribute/person/{living.public_id}/correct/"
    html = client.get(url).content.decode()
    assert "Jankauskaitė" in html and "Vilnius" in html
    for secret in ("secret-job", "secret-bio", "secret-birthplace", ">1990<", 'value="1990"'):
        assert secret not in html, secret
    arrest = living.events.get(kind="arrest")
    data = {f"f-{name}": "" for name in ("sex", "birth_edtf", "occupation", "biography", "fate", "country")}
    data.update({"f-surname": "Jankauskaitė", "f-given_name": "Rūta", "f-residence": "Kaunas"})
    data.update(
        management("name", 0) | management("newname", 0) | management("newevent", 0) | management("file", 0)
    )
    data.update(management("event", 1, 1))
    data.update(
        {
            "event-0-pk": arrest.pk,
            "event-0-kind": "arrest",
            "event-0-period_edtf": "2010",
            "event-0-place_text": "Vilnius",
            "event-0-term": "2 years",
        }
    )
    data.update({"c-relation": "relative", "c-sources": "Court record", "c-consent": "on"})
    assert client.post(url, data).status_code == 302
    sub = Submission.objects.get()
    assert sub.proposal == {
        "fields": {"residence": "Kaunas"},
        "events_change": {str(arrest.pk): {"term": "2 years"}},
    }
    page = client.get(f"/contribute/submissions/{sub.pk}/").content.decode()
    assert "secret" not in page and "Now in the register" not in page
    birth = living.events.get(kind="birth")
    with pytest.raises(ValidationError):  # a hidden fact cannot be reached by a crafted request either
        send(alice, "person_change", living, {"events_change": {str(birth.pk): {"note": "x"}}})
    with pytest.raises(ValidationError):
        send(alice, "person_change", living, {"events_remove": [birth.pk]})


def test_restricted_person_shows_no_files(alice, bob, living):
    sub = send(
        alice,
        "person_change",
        living,
        {"fields": {"residence": "Kaunas"}},
        files=[{"file": upload("p.jpg", jpeg_bytes()), "kind": "photo", "description": "Her portrait"}],
    )
    services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    html = Client().get(living.get_absolute_url()).content.decode()
    assert "Her portrait" not in html and "/contribute/files/" not in html
    url = f"/contribute/files/{sub.attachments.get().pk}/"
    assert Client().get(url).status_code == 404
    assert login(alice).get(url).status_code == 200 and login(bob).get(url).status_code == 200
