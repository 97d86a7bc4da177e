"""The fast path of `register.core.edtf` gives exactly the `edtf` library's bounds, or gives up; dates
with unspecified digits of a month or day ("1941-06-1X"), which the library cannot bound, get their
bounds or a field error, never a crash."""

import datetime as dt
import random

import edtf
import pytest
from django.core.exceptions import ValidationError

from register.core.edtf import _to_date, edtf_bounds, fast_bounds
from register.people.models import Person


def library_bounds(value: str):
    """The bounds as the library alone computes them, or "error" when it refuses the text."""
    try:
        parsed = edtf.parse_edtf(value)
        return _to_date(parsed, "lower"), _to_date(parsed, "upper")
    except Exception:
        return "error"


def random_date(rng: random.Random) -> str:
    year = rng.choice([rng.randint(1850, 2000), rng.randint(1, 9999), 1900, 1940, 1944, 2000])
    text = f"{year:04d}"
    if rng.random() < 0.7:
        text += f"-{rng.randint(0, 13):02d}"
        if rng.random() < 0.6:
            text += f"-{rng.choice([rng.randint(0, 32), 28, 29, 30, 31]):02d}"
    if rng.random() < 0.2:
        text += rng.choice("?~%")
    return text


def samples(count: int, seed: int = 41) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        shape = rng.random()
        if shape < 0.5:
            out.append(random_date(rng))
        elif shape < 0.85:
            out.append(f"{random_date(rng)}/{random_date(rng)}")
        else:
            out.append(rng.choice([f"../{random_date(rng)}", f"{random_date(rng)}/..", ".."]))
    return out


FIXED = [
    "1941", "1941?", "1941~", "1941%", "1941-06", "1941-06?", "1941-06-14", "1941-06-14~", "1941-02-29",
    "1940-02-29", "1900-02-29", "2000-02-29", "1941-00", "1941-13", "1941-21", "1941-06-00", "1941-06-31",
    "0000", "0001", "0999", "9999-12-31", "1941/1942", "1942/1941", "1949-03-25/1949-03-28",
    "1941-06-14~/1941-07", "1941?/1942~", "1950/..", "../1950", "../..", "..", "1941/", "/1941",
    "1941-06-14/1941-06-14", "1941-6", "41", "19410", "1941-06-14T10:00", "Y-12000", "1941-XX", "194X",
]  # fmt: skip


@pytest.mark.parametrize("value", FIXED)
def test_fixed_samples_agree_with_the_library(value):
    fast = fast_bounds(value)
    if fast is not None:
        assert fast == library_bounds(value)


def test_many_random_samples_agree_with_the_library():
    values = samples(1500)
    handled = 0
    for value in values:
        fast = fast_bounds(value)
        if fast is not None:
            handled += 1
            assert fast == library_bounds(value), value
    assert handled > 600  # the fast path really is taken for the common forms


def test_the_common_forms_take_the_fast_path():
    for value in ["1941", "1941-06", "1941-06-14", "1941?", "1949-03-25/1949-03-28", "1950/..", "../1950"]:
        assert fast_bounds(value) is not None, value


def test_edtf_bounds_still_refuses_what_the_library_refuses():
    for value in ["1941-13", "1941-02-30", "1941-06-31", "junk", "1941/1942/1943"]:
        with pytest.raises(ValidationError):
            edtf_bounds(value)


def test_edtf_bounds_falls_back_to_the_library_for_other_forms():
    assert fast_bounds("1941-21") is None
    assert edtf_bounds("1941-21")[0].month == 3  # spring 1941, a season, parsed by the library


# ---------------------------------------------------------------- unspecified digits of a month or day

D = dt.date


@pytest.mark.parametrize(
    ("value", "lower", "upper"),
    [
        ("1941-06-1X", D(1941, 6, 10), D(1941, 6, 19)),
        ("1941-06-0X", D(1941, 6, 1), D(1941, 6, 9)),
        ("1941-06-2X", D(1941, 6, 20), D(1941, 6, 29)),
        ("1941-06-3X", D(1941, 6, 30), D(1941, 6, 30)),
        ("1941-07-3X", D(1941, 7, 30), D(1941, 7, 31)),
        ("1941-02-2X", D(1941, 2, 20), D(1941, 2, 28)),
        ("1940-02-2X", D(1940, 2, 20), D(1940, 2, 29)),
        ("1941-06-X1", D(1941, 6, 1), D(1941, 6, 21)),
        ("1941-XX-1X", D(1941, 1, 10), D(1941, 12, 19)),
        ("1941-XX-3X", D(1941, 1, 30), D(1941, 12, 31)),
        ("1941-1X", D(1941, 10, 1), D(1941, 12, 31)),
        ("1941-0X", D(1941, 1, 1), D(1941, 9, 30)),
        ("1941-1X-XX", D(1941, 10, 1), D(1941, 12, 31)),
        ("1941-1X-1X", D(1941, 10, 10), D(1941, 12, 19)),
        ("194X-06-1X", D(1940, 6, 10), D(1949, 6, 19)),
        ("1941-06-1X?", D(1941, 6, 10), D(1941, 6, 19)),
        ("1941-06-1X/1941-07", D(1941, 6, 10), D(1941, 7, 31)),
        ("1941-06-14/1941-06-3X", D(1941, 6, 14), D(1941, 6, 30)),
        ("1950-05-1X/..", D(1950, 5, 10), None),
        ("../1950-05-1X", None, D(1950, 5, 19)),
    ],
)
def test_unspecified_digits_of_a_month_or_day_have_their_bounds(value, lower, upper):
    assert edtf_bounds(value) == (lower, upper)


@pytest.mark.parametrize(
    "value",
    [
        "1941-02-3X",
        "1941-06-4X",
        "1941-2X",
        "1941-06-3X/1941-06-1X",
        "1941-06-1X/1941-06-1X/1941",
        "1941-06-1XX",
    ],
)
def test_impossible_unspecified_digits_are_refused_as_invalid(value):
    with pytest.raises(ValidationError):
        edtf_bounds(value)


def test_a_failure_of_the_library_is_a_validation_error():
    # sets of such dates: the library parses them but cannot bound them; a field error, never a crash
    for value in ["[1941-06-1X,1942]", "{1941-06-1X,1942}"]:
        with pytest.raises(ValidationError):
            edtf_bounds(value)


def test_unspecified_day_digits_through_the_api_and_the_correction_form(alice):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from tests.contributions.test_views import login, person_post

    person = Person.objects.filter(published=True).order_by("id").first()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")
    body = {"kind": "person_change", "record": person.public_id, "relation": "relative"}
    body |= {"sources": "Family letters", "consent": True}
    proposal = {
        "fields": {"birth_edtf": "1921-06-1X"},
        "events_add": [{"kind": "arrest", "period_edtf": "1941-06-1X"}],
    }
    sent = api.post("/api/v1/submissions/", {**body, "proposal": proposal}, format="json")
    assert sent.status_code == 201, sent.json()
    assert sent.json()["proposal"]["fields"] == {"birth_edtf": "1921-06-1X"}
    proposal = {"events_add": [{"kind": "arrest", "period_edtf": "1941-02-3X"}]}
    refused = api.post("/api/v1/submissions/", {**body, "proposal": proposal}, format="json")
    assert refused.status_code == 400
    assert "is not a valid EDTF date" in refused.json()["events_add.0.period_edtf"][0]

    client = login(alice)
    response = client.post("/contribute/person/new/", person_post(**{"f-birth_edtf": "1925-06-3X"}))
    assert response.status_code == 302
    response = client.post("/contribute/person/new/", person_post(**{"newevent-0-period_edtf": "1949-02-3X"}))
    assert response.status_code == 400
    assert "is not a valid EDTF date" in response.content.decode()
