"""Scoring one name against another: the levels, their precedence, and the reasons given."""

import pytest

from register.names.match import (
    MATCH_THRESHOLD,
    REASONS,
    REVERSED_ORDER_FACTOR,
    Match,
    name_score,
    trigram_similarity,
    trigrams,
)


@pytest.mark.parametrize(
    ("query", "candidate", "kind", "reason", "score"),
    [
        ("Žemaitis", "Zemaitis", "surname", "exact", 1.0),
        ("ŽEMAITIS", "žemaitis", "surname", "exact", 1.0),
        ("Калныньш", "Kalniņš", "surname", "same_in_other_script", 0.95),
        ("Kalninsh", "Kalniņš", "surname", "same_skeleton", 0.9),
        ("Kalniņa", "Kalniņš", "surname", "male_form", 0.85),  # the recorded name is the male form
        ("Жемайтене", "Žemaitis", "surname", "male_form", 0.85),
        ("Kalniņš", "Kalniņa", "surname", "female_form", 0.85),  # the recorded name is the female form
        ("Врублевская", "Wróblewska", "surname", "same_in_other_script", 0.95),  # ISO 9: Vrublevskaâ
        ("Ивановой", "Ivanova", "surname", "same_in_other_script", 0.85),  # declined, both female: family
        ("Žemaitienė", "Žemaitytė", "surname", "other_form", 0.85),  # married and unmarried forms
        ("Gnatyuk", "Hnatiuk", "surname", "spelling_variant", 0.75),
        ("Auerbach", "Ohrbach", "surname", "sounds_alike", 0.65),
        ("Иван", "Jonas", "given", "given_name_equivalent", 0.6),
        ("Juozas", "Osip", "given", "given_name_equivalent", 0.6),
        ("Žemaitis", "Kowalski", "surname", "no_match", 0.0),
    ],
)
def test_levels(query, candidate, kind, reason, score):
    assert name_score(query, candidate, kind=kind) == Match(score, reason)


def test_trigrams_are_the_last_resort_and_stay_below_the_threshold():
    result = name_score("Levin", "Levinson")
    assert result.reason == "similar_spelling"
    assert 0 < result.score < MATCH_THRESHOLD


def test_the_table_is_for_given_names_and_the_family_key_for_surnames():
    assert name_score("Иван", "Jonas").reason == "no_match"
    assert name_score("Kalniņa", "Kalniņš", kind="given").reason != "female_form"


@pytest.mark.parametrize(
    "query", ["Žemaitis", "Kalniņš", "Wróblewski", "Мяги", "Kogan", "Umerov", "Levin", "Bērziņš", "Petraitis"]
)
def test_an_exact_folded_match_always_ranks_first(query):
    candidates = [
        "Žemaitienė", "Zhemaitis", "Žemaitaitis", "Kalniņa", "Калныньш", "Wróblewska", "Врублевский",
        "Mägi", "Miagi", "Mägiste", "Kahan", "Kagan", "Umarov", "Levinson", "Bērzs", "Petrauskas",
    ]  # fmt: skip
    exact = name_score(query, query.upper())
    assert exact == Match(1.0, "exact")
    assert all(
        name_score(query, candidate).score < exact.score for candidate in candidates if candidate != query
    )


def test_the_rankings_that_plain_trigrams_get_wrong():
    """From the issue: trigrams alone score Wroblewski~Vrublevskiy 0.10 and put Žemaitaitis above
    Zhemaitis for the query Zemaitis."""
    assert name_score("Zemaitis", "Zhemaitis").score > name_score("Zemaitis", "Žemaitaitis").score
    assert name_score("Wroblewski", "Vrublevskiy").score > MATCH_THRESHOLD


def test_both_name_orders_are_tried():
    turned = name_score("Jonas Žemaitis", "Žemaitis Jonas")
    assert turned == Match(REVERSED_ORDER_FACTOR, "exact")
    assert name_score("Jonas Žemaitis", "Жемайтис Йонас") == Match(
        round(0.95 * REVERSED_ORDER_FACTOR, 4), "same_in_other_script"
    )
    assert name_score("Žemaitis Jonas", "Жемайтис Йонас") == Match(0.95, "same_in_other_script")


def test_several_words_sound_alike_word_by_word():
    assert name_score("Auerbach Jonas", "Ohrbach Jonas").reason == "sounds_alike"
    assert name_score("Auerbach Jonas", "Ohrbach Petras").reason != "sounds_alike"


@pytest.mark.parametrize(("query", "candidate"), [("", "Jonas"), ("Jonas", ""), ("—", "—"), (None, None)])
def test_no_letters_no_match(query, candidate):
    assert name_score(query, candidate) == Match(0.0, "no_match")


def test_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        name_score("Jonas", "Jonas", kind="patronymic")


def test_reasons_have_texts():
    reasons = {
        name_score(query, candidate, kind=kind).reason
        for query, candidate, kind in [("Jonas", "Jonas", "given"), ("Kalniņa", "Kalniņš", "surname")]
    }
    assert reasons <= set(REASONS)
    assert str(Match(0.95, "same_in_other_script").text) == "same name in another script"
    assert all(str(text) for text in REASONS.values())


def test_trigrams_as_pg_trgm_makes_them():
    assert trigrams("cat") == {"  c", " ca", "cat", "at "}
    assert trigrams("Ab, c") == {"  a", " ab", "ab ", "  c", " c "}
    assert trigram_similarity("word", "WORD") == 1.0
    assert trigram_similarity("abc", "xyz") == 0.0
    assert trigram_similarity("", "abc") == 0.0
    assert 0.3 < trigram_similarity("levin", "levinson") < 0.7
