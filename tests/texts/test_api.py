"""Translations in the REST API: sent with a submission (field errors for bad ones), and read back as
`descriptions` of places and operations, and as LPF `descriptions` of places."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from register.contributions.models import Submission
from register.texts.models import TextTranslation


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def payload(record, translations, kind="operation_change"):
    return {
        "kind": kind,
        "record": record,
        "proposal": {"translations": translations},
        "relation": "researcher",
        "sources": "Sybir memorial museum",
        "consent": True,
    }


def test_submission_with_a_translation_is_accepted_through_the_api(alice, bob, vesna):
    latvian = "Operācija „Vesna“ 1948. gada maijā."
    response = token_client(alice).post(
        "/api/v1/submissions/", payload(vesna.slug, {"description": {"lv": latvian}}), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["proposal"] == {"translations": {"description": {"lv": latvian}}}
    [change] = body["changes"]
    assert (change["key"], change["label"], change["kind"], change["new"]) == (
        "translation:description:lv",
        "Description in Latvian",
        "add",
        latvian,
    )
    moderator = token_client(bob)
    accepted = moderator.post(
        f"/api/v1/moderation/submissions/{body['id']}/accept/", {"revision": body["revision"]}, format="json"
    )
    assert accepted.status_code == 200, accepted.json()
    assert vesna.translations.get(language="lv").text == latvian


@pytest.mark.parametrize(
    ("translations", "key"),
    [
        ({"description": {"zz": "Text"}}, "translations.description.zz"),
        ({"description": {"lt": 5}}, "translations.description.lt"),
        ({"description": "Tekstas"}, "translations"),
    ],
)
def test_bad_translation_is_a_400_with_field_errors(alice, vesna, translations, key):
    before = Submission.objects.count()
    response = token_client(alice).post(
        "/api/v1/submissions/", payload(vesna.slug, translations), format="json"
    )
    assert response.status_code == 400
    assert key in response.json()
    assert Submission.objects.count() == before


def test_operation_detail_and_list_give_descriptions(anon, vesna):
    body = anon.get(f"/api/v1/operations/{vesna.slug}/").json()
    assert body["description"] == vesna.description and body["description_language"] == "en"
    assert body["descriptions"] == {"en": vesna.description, "lt": vesna.translations.get(language="lt").text}
    listed = {item["slug"]: item for item in anon.get("/api/v1/operations/").json()["results"]}
    assert listed[vesna.slug]["descriptions"] == body["descriptions"]


def test_place_detail_and_lpf_give_descriptions(anon, place):
    place.description, place.description_language = "Norilsko lageris.", "lt"
    place.save()
    TextTranslation.objects.create(place=place, language="en", text="The Norilsk camp.")
    body = anon.get(f"/api/v1/places/{place.public_id}/").json()
    assert body["descriptions"] == {"lt": "Norilsko lageris.", "en": "The Norilsk camp."}
    assert body["description_language"] == "lt"
    feature = anon.get(f"/api/v1/places/{place.public_id}/lpf/").json()["features"][0]
    assert feature["descriptions"] == [
        {"value": "The Norilsk camp.", "lang": "en"},
        {"value": "Norilsko lageris.", "lang": "lt"},
    ]


def test_place_without_description_has_none(anon, place):
    assert anon.get(f"/api/v1/places/{place.public_id}/").json()["descriptions"] == {}
    assert "descriptions" not in anon.get(f"/api/v1/places/{place.public_id}/lpf/").json()["features"][0]


def test_original_language_of_an_existing_translation_is_a_400_unless_it_is_removed(
    alice, bob, anon, koreans
):
    # the tester's case: koreans-1937 has a Russian translation
    russian = koreans.translations.get(language="ru").text
    client = token_client(alice)
    body = {**payload(koreans.slug, {}), "proposal": {"fields": {"description_language": "ru"}}}
    refused = client.post("/api/v1/submissions/", body, format="json")
    assert refused.status_code == 400
    assert "Russian" in refused.json()["description_language"][0]
    assert anon.get(f"/api/v1/operations/{koreans.slug}/").json()["descriptions"]["ru"] == russian

    moved = {"fields": {"description": russian, "description_language": "ru"}}
    moved["translations"] = {"description": {"ru": "", "en": koreans.description}}
    sent = client.post("/api/v1/submissions/", {**body, "proposal": moved}, format="json")
    assert sent.status_code == 201, sent.json()
    accepted = token_client(bob).post(
        f"/api/v1/moderation/submissions/{sent.json()['id']}/accept/",
        {"revision": sent.json()["revision"]},
        format="json",
    )
    assert accepted.status_code == 200, accepted.json()
    shown = anon.get(f"/api/v1/operations/{koreans.slug}/").json()
    assert shown["description_language"] == "ru"
    assert shown["descriptions"] == {"ru": russian, "en": koreans.description}


def test_removing_a_translation_in_the_original_language_is_accepted(alice, koreans):
    koreans.description_language = "ru"  # a record left inconsistent before the check existed
    koreans.save()
    removal = payload(koreans.slug, {"description": {"ru": ""}})
    response = token_client(alice).post("/api/v1/submissions/", removal, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["proposal"] == {"translations": {"description": {"ru": ""}}}
