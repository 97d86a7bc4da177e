"""Nothing unreviewed is public, and no submitter's personal data ever is (issue 4, section 6).

The test walks EVERY URL pattern the project has (register/urls.py, all apps, the API router, allauth),
fills its parameters with real ids (records, the pending submissions, their files), and requests each
as an anonymous visitor and as another signed-in contributor, with and without a search for the marker
names. No answer may contain a marker of the pending submissions (new person, new place, corrections,
messages, file description) or the submitter's e-mail address, username or credit name. A URL pattern
whose parameters the test cannot fill fails the test, so a new page or endpoint cannot slip past it.

The positive control at the end accepts the submissions and finds the markers on the same pages: the
walk does see what is public.
"""

from __future__ import annotations

import itertools
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from register.accounts.models import profile_for
from register.audit.models import ImportRun
from register.contributions import services
from register.contributions.models import Attachment, Submission
from register.operations.models import Operation
from register.people.models import Person
from register.places.models import Place
from register.sources.models import Source
from tests.personas import jpeg_bytes, make_user, upload

SURNAME = "Qxvzoptrumbelienė"
BIOGRAPHY = "QXVZ-BIOGRAPHY-MARKER"
PLACE_NAME = "Qxvzlag special settlement"
PLACE_NOTE = "QXVZ-PLACE-CORRECTION"
OPERATION_NOTE = "QXVZ-OPERATION-CORRECTION"
TRANSLATION_NOTE = "QXVZ-TRANSLATION-MARKER"
MESSAGE = "QXVZ-MESSAGE-MARKER"
FILE_NOTE = "QXVZ-FILE-MARKER"
EMAIL = "alice.private.qxvz@example.org"
USERNAME = "alicequxvzuser"
CREDIT = "Alicia Qxvz-Credit"
# What the walk searches for: a search finds these records, but a page that echoes the query does not
# contain a whole marker.
SEARCHES = ["Qxvzoptrumbeliene", "Qxvzlag"]
MARKERS = [SURNAME, BIOGRAPHY, PLACE_NAME, PLACE_NOTE, OPERATION_NOTE, TRANSLATION_NOTE, MESSAGE, FILE_NOTE]
PERSONAL = [EMAIL, USERNAME, CREDIT]

# Pages that are not part of the public register: they need a signed-in user or a moderator and are
# checked for what they show to whom in tests/contributions, tests/accounts and tests/audit.
PRIVATE_PREFIXES = ("admin/",)


def walk(patterns, prefix=""):
    """Every (route text, regex, pattern) under `patterns`, resolvers flattened."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def parameters(route: str) -> list[str]:
    """The names of the parameters of a route (`<conv:name>` or `(?P<name>...)`)."""
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def build(route: str, values: dict) -> str:
    """The URL path of `route` with its parameters replaced by `values`."""
    path = route.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), path)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), path)
    return "/" + path


def candidates(ids: dict) -> dict[str, list]:
    """The values every parameter name is tried with."""
    return {
        "public_id": [ids["person"], ids["place"], "nosuchid"],
        "slug": [ids["operation"]],
        "key": [ids["source"], "nosuchkey"],
        "pk": [*ids["submissions"], *ids["attachments"]],
        "kind": ["person", "place", "operation"],
        "format": ["json"],
        "action": ["create"],
        "uidb36": ["1"],
        "run_id": ids["runs"],
        "history_id": ids["history"],
    }


def urls(ids: dict) -> list[str]:
    """Every GET-able URL of the project with every combination of candidate values."""
    values = candidates(ids)
    out, unfilled = set(), []
    for route, _pattern in walk(get_resolver().url_patterns):
        if route.startswith(PRIVATE_PREFIXES):
            continue
        names = parameters(route)
        if any(name not in values for name in names):
            unfilled.append(route)
            continue
        for combo in itertools.product(*(values[name] for name in names)):
            try:
                out.add(build(route, dict(zip(names, combo, strict=True))))
            except KeyError:
                unfilled.append(route)
    assert not unfilled, f"the privacy walk cannot fill these routes: {unfilled}"
    return sorted(out)


def pending_submissions(alice, person, place, operation) -> list[Submission]:
    """One submission of every kind, still unreviewed, with a message and a photo."""
    common = {"user": alice, "relation": "relative", "sources": "family papers", "consent": True}
    new_person = services.submission_create(
        kind="new_person",
        # a recorded death: shown in full once accepted (a person who may be alive shows no photos)
        proposal={
            "fields": {"surname": SURNAME, "given_name": "Ona", "death_edtf": "1942", "biography": BIOGRAPHY}
        },
        files=[
            {
                "file": upload("p.jpg", jpeg_bytes(gps=True), "image/jpeg"),
                "kind": "photo",
                "description": FILE_NOTE,
            }
        ],
        **common,
    )
    correction = services.submission_create(
        kind="person_change", target=person, proposal={"fields": {"biography": BIOGRAPHY}}, **common
    )
    new_place = services.submission_create(
        kind="new_place",
        proposal={
            "fields": {"primary_name": PLACE_NAME, "kind": place.kind},
            "point": {"lat": 61.0, "lon": 90.0},
        },
        **common,
    )
    place_change = services.submission_create(
        kind="place_change", target=place, proposal={"fields": {"description": PLACE_NOTE}}, **common
    )
    operation_change = services.submission_create(
        kind="operation_change",
        target=operation,
        proposal={
            "fields": {"destinations_note": OPERATION_NOTE},
            "translations": {"description": {"lv": f"Apraksts latviski {TRANSLATION_NOTE}"}},
        },
        note=MESSAGE,
        **common,
    )
    return [new_person, correction, new_place, place_change, operation_change]


def leaks(client: Client, url_list: list[str], needles: list[str]) -> list[tuple[str, str]]:
    """[(url, needle)] for every answer that contains a needle (also with ?q=<needle> for searches)."""
    found = []
    for url in url_list:
        for query in ({}, {"q": SEARCHES[0]}, {"q": SEARCHES[1]}):
            response = client.get(url, query)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", errors="replace")
            found.extend((url, needle) for needle in needles if needle in text)
    return sorted(set(found))


@pytest.fixture
def world(real_data, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    alice = make_user(django_user_model, USERNAME)
    alice.email = EMAIL
    alice.save()
    alice.emailaddress_set.update(email=EMAIL)
    profile = profile_for(alice)
    profile.credit_name, profile.credit_public = CREDIT, True
    profile.save()
    bob = make_user(django_user_model, "bob", moderator=True)
    mallory = make_user(django_user_model, "mallory")
    person = Person.objects.filter(published=True).order_by("id").first()
    place = Place.objects.filter(published=True).order_by("id").first()
    operation = Operation.objects.filter(published=True).order_by("slug").first()
    submissions = pending_submissions(alice, person, place, operation)
    needs_info = services.submission_request_info(
        submission=submissions[1], moderator=bob, message=MESSAGE, expected_revision=submissions[1].revision
    )
    submissions[1] = needs_info
    ids = {
        "person": person.public_id,
        "place": place.public_id,
        "operation": operation.slug,
        "source": Source.objects.order_by("key").values_list("key", flat=True).first(),
        "submissions": [sub.pk for sub in submissions],
        "attachments": [str(att.pk) for att in Attachment.objects.all()],
        "runs": list(ImportRun.objects.order_by("-id").values_list("id", flat=True)[:1]) or [1],
        "history": [person.history.order_by("-history_id").first().history_id],
    }
    mallory_client = Client()
    mallory_client.force_login(mallory)
    return {"ids": ids, "bob": bob, "submissions": submissions, "anon": Client(), "mallory": mallory_client}


@pytest.mark.django_db
def test_every_url_hides_unreviewed_submissions_and_submitter_data(world):
    url_list = urls(world["ids"])
    assert len(url_list) > 80  # the walk really covers the site and the API
    assert any(url.startswith("/contribute/files/") for url in url_list)
    for who in ("anon", "mallory"):
        assert leaks(world[who], url_list, MARKERS + PERSONAL) == [], who


@pytest.mark.django_db
def test_unpublished_files_are_not_served_to_others(world):
    attachment = Attachment.objects.get()
    for who in ("anon", "mallory"):
        assert world[who].get(attachment.get_absolute_url()).status_code == 404
        assert world[who].get("/media/" + attachment.file.name).status_code == 404


@pytest.mark.django_db
def test_positive_control_accepted_facts_appear_but_personal_data_never(world):
    """Once bob accepts, the same walk finds the facts (so it would have seen a leak) and the credit name
    the contributor chose, but still never the e-mail address or the username."""
    bob = world["bob"]
    new_person, correction = world["submissions"][0], world["submissions"][1]
    operation_change = world["submissions"][4]
    services.submission_reply(submission=correction, user=correction.submitter, text="the archive file")
    for submission in (new_person, Submission.objects.get(pk=correction.pk), operation_change):
        services.submission_accept(
            submission=submission, moderator=bob, expected_revision=submission.revision
        )
    new_id = Submission.objects.get(pk=new_person.pk).result_key
    ids = {**world["ids"], "person": new_id}
    url_list = urls(ids) + urls(world["ids"])
    found = {needle for _url, needle in leaks(world["anon"], url_list, MARKERS + PERSONAL)}
    assert {SURNAME, BIOGRAPHY, FILE_NOTE, CREDIT, OPERATION_NOTE, TRANSLATION_NOTE} <= found
    assert not found & {EMAIL, USERNAME, PLACE_NAME, PLACE_NOTE, MESSAGE}
