"""The fast path of `register.core.edtf` gives exactly the `edtf` library's bounds, or gives up."""

import random

import edtf
import pytest
from django.core.exceptions import ValidationError

from register.core.edtf import _to_date, edtf_bounds, fast_bounds


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
