"""Every row of fixtures/name-matching/cases.csv is a test of `name_score`.

`match` rows: the stored name is found for the query, at a score above MATCH_THRESHOLD (the score of
a real name match; trigram guesses stay below it). Rows whose `why` mentions a given name are compared
as given names (kind="given"), the others as surnames.
`rank_below:X` rows: the stored name ranks below X (the exact folded match of the query).
"""

import csv
from pathlib import Path

import pytest

from register.names.match import MATCH_THRESHOLD, name_score

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "name-matching" / "cases.csv"


def read_cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def kind_of(case: dict[str, str]) -> str:
    why = case["why"].lower()
    return "given" if "given-name" in why or "given name" in why else "surname"


def case_id(case: dict[str, str]) -> str:
    return f"{case['query']}~{case['stored']}"


ALL_CASES = read_cases()
MATCHES = [case for case in ALL_CASES if case["expect"] == "match"]
RANKS = [case for case in ALL_CASES if case["expect"].startswith("rank_below:")]


def test_every_row_is_a_known_kind_of_case():
    assert len(ALL_CASES) == len(MATCHES) + len(RANKS) > 30
    assert all(case["query"] and case["stored"] and case["why"] for case in ALL_CASES)


@pytest.mark.parametrize("case", MATCHES, ids=case_id)
def test_match(case):
    result = name_score(case["query"], case["stored"], kind=kind_of(case))
    assert result.reason != "no_match"
    assert result.score > MATCH_THRESHOLD, (result, case["why"])


@pytest.mark.parametrize("case", RANKS, ids=case_id)
def test_rank_below(case):
    better = case["expect"].removeprefix("rank_below:")
    kind = kind_of(case)
    assert (
        name_score(case["query"], better, kind=kind).score
        > name_score(case["query"], case["stored"], kind=kind).score
    )
