"""The normal forms of a name: exact key, Latin and loose skeletons, family key, and the folds under them."""

import pytest

from register.names.folds import guess_language, latinize, romanize_cyrillic
from register.names.keys import (
    FEMALE,
    KEY_VERSION,
    MALE,
    exact_key,
    family_form,
    family_key,
    family_readings,
    latin_skeleton,
    latin_skeletons,
    loose_skeleton,
    name_keys,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Žemaitienė", "zemaitiene"),
        ("  ŽEMAITIS   Jonas ", "zemaitis jonas"),
        ("O’Brien", "obrien"),
        ("Łukasiewicz", "lukasiewicz"),
        ("Straße", "strasse"),
        ("Пётр", "петр"),
        ("Йонас", "йонас"),  # й is a letter of its own, not и with a mark
        ("Жемайтис-Вітаутас", "жемайтис вітаутас"),
        ("Ž\u00ademaitis", "zemaitis"),  # a soft hyphen copied from a web page
        ("Z\u030cemaitis", "zemaitis"),  # decomposed Ž
    ],
)
def test_exact_key(name, key):
    assert exact_key(name) == key


@pytest.mark.parametrize("empty", ["", "  ", "—", None])
def test_no_letters_no_keys(empty):
    keys = name_keys(empty)
    assert keys["exact"] == keys["latin_skeleton"] == keys["loose_skeleton"] == keys["family_key"] == ""
    assert (
        keys["latin_skeletons"] == keys["loose_skeletons"] == keys["family_keys"] == keys["dm_codes"] == set()
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Žemaitis", "Жемайтис"),
        ("Zhemaitis", "Žemaitis"),
        ("Żemajtis", "Žemaitis"),
        ("Kalninsh", "Kalniņš"),
        ("Калныньш", "Kalniņš"),
        ("Vrublevskiy", "Wróblewski"),
        ("Vrublevsky", "Врублевский"),
        ("Shchepanskiy", "Szczepański"),
        ("Szewczuk", "Шевчук"),
        ("Rabinovich", "Rabinowicz"),
        ("Шапиро", "Szapiro"),
        ("Челебиев", "Çelebiev"),
        ("Юхан", "Juhan"),
        ("Янис", "Jānis"),
        ("Пётр", "Pyotr"),
        ("Dąbrowski", "Домбровский"),  # Polish ą before b is om
        ("Zieliński", "Зелинский"),  # Polish zi before a vowel is z
        ("Радецкий", "Radecki"),  # ц = c
    ],
)
def test_spellings_share_a_latin_skeleton(one, other):
    assert latin_skeletons(one) & latin_skeletons(other)


@pytest.mark.parametrize(
    ("one", "other", "lang"),
    [
        ("Ciobanu", "Чобану", "ro"),  # Romanian ci before a vowel is ч
        ("Gheorghe", "Георге", "ro"),
        ("Munteanu", "Мунтяну", "ro"),
        ("Țurcanu", "Цуркану", "ro"),
        ("Hnatiuk", "Гнатюк", "uk"),  # Ukrainian г is h
        ("Müller", "Мюллер", "de"),
        ("Schröder", "Шрёдер", "de"),
        ("Stein", "Штейн", "de"),
        ("Zimmermann", "Циммерман", "de"),
        ("Cemilev", "Джемилев", "crh"),  # Crimean Tatar c is дж
    ],
)
def test_language_aware_folds(one, other, lang):
    assert latin_skeleton(one, lang) == latin_skeleton(other, lang)


def test_without_a_language_only_the_letters_decide():
    assert latin_skeleton("Ciobanu") == "ciobanu"  # no Romanian letter: no Romanian rule
    assert latin_skeleton("Țurcanu") == "curkanu"  # ț gives the word away as Romanian


@pytest.mark.parametrize(
    ("word", "lang"),
    [
        ("łukasiewicz", "pl"),
        ("szewczuk", "pl"),
        ("dąbrowski", "pl"),
        ("žąsinas", "lt"),
        ("žemaitienė", "lt"),
        ("kalniņš", "lv"),
        ("tõnisson", "et"),
        ("țurcanu", "ro"),
        ("çelebiev", "crh"),
        ("straße", "de"),
        ("schmidt", "de"),
        ("žemaitis", None),  # ž is Lithuanian, Latvian, Czech...
        ("mägi", None),
    ],
)
def test_guess_language(word, lang):
    assert guess_language(word) == lang


def test_romanization_schemes():
    assert romanize_cyrillic("Мяги") == "Myagi"
    assert romanize_cyrillic("Мяги", scheme="iso9") == "Mâgi"
    assert romanize_cyrillic("Пётр", scheme="iso9") == "Petr"
    assert romanize_cyrillic("Згурський", lang="uk") == "zghurskyi"  # Ukrainian national scheme
    assert romanize_cyrillic("Їжак Юрій") == "yizhak yurii"  # ї is Ukrainian: the Ukrainian scheme
    with pytest.raises(ValueError, match="scheme"):
        romanize_cyrillic("Мяги", scheme="gost")


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="language"):
        latinize("Kalniņš", "xx")


def test_cyrillic_has_a_skeleton_per_scheme():
    assert latin_skeletons("Мяги") == {"miagi", "magi"}  # Wikipedia "Myagi", ISO 9 "Mâgi"
    assert latin_skeletons("Mägi") == {"magi"}
    assert latin_skeleton("Мяги") == "miagi"  # the first scheme (Wikipedia)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Gnatyuk", "Hnatiuk"),  # г: g in Russian, h in Ukrainian
        ("Kogan", "Kahan"),
        ("Gurevich", "Horowitz"),
        ("Miagi", "Mägi"),  # the y/i glide after a consonant
        ("Chobanu", "Ciobanu"),
        ("Lukashevich", "Łukasiewicz"),
        ("Moskovich", "Moskowitz"),
        ("Wroblewski", "Vrublevskiy"),  # without the ó
    ],
)
def test_loose_skeleton_joins_spelling_variants(one, other):
    assert loose_skeleton(one) == loose_skeleton(other)


@pytest.mark.parametrize(
    ("one", "other"), [("Jonas", "Jānis"), ("Ion", "Jan"), ("Levin", "Levinson"), ("Bērzs", "Bērziņš")]
)
def test_loose_skeleton_keeps_apart(one, other):
    assert loose_skeleton(one) != loose_skeleton(other)


@pytest.mark.parametrize(
    "family",
    [
        ["Žemaitis", "Žemaitienė", "Žemaitytė", "Žemaitė", "Жемайтис", "Жемайтене", "Zhemaitis"],
        ["Grinkevičius", "Grinkevičiūtė", "Grinkevičienė", "Гринкевичюс"],
        ["Kazlauskas", "Kazlauskaitė", "Kazlauskienė", "Казлаускас"],
        ["Kalniņš", "Kalniņa", "Калныньш", "Калныня"],
        ["Lācis", "Lāce"],
        ["Wróblewski", "Wróblewska", "Врублевский", "Врублевская", "Vrublevskiy", "Vrublevskaya"],
        ["Radecki", "Radecka", "Радецкий", "Радецкая"],
        ["Ivanov", "Ivanova", "Иванов", "Иванова", "Ивановой", "Ивановым"],
        ["Tolstoy", "Tolstaya", "Толстой", "Толстая"],
    ],
)
def test_family_keys_join_female_and_declined_forms(family):
    shared = set.intersection(*(name_keys(name)["family_keys"] for name in family))
    assert shared, {name: name_keys(name)["family_keys"] for name in family}


def test_family_readings():
    assert family_readings("zhemaite") == ["zhem", "zhemait"]  # -aitė of Žemas, or -ė of Žemaitis
    assert family_readings("zhemaitis") == ["zhemait"]


@pytest.mark.parametrize(
    ("one", "other"),
    [("Žemaitaitis", "Žemaitis"), ("Bērzs", "Bērziņš"), ("Petraitis", "Petrauskas"), ("Levin", "Levinson")],
)
def test_family_key_keeps_different_surnames_apart(one, other):
    assert family_key(one) != family_key(other)
    assert not name_keys(one)["family_keys"] & name_keys(other)["family_keys"]


@pytest.mark.parametrize(
    ("word", "stem", "gender"),
    [
        ("zhemaitiene", "zhemait", FEMALE),
        ("zhemaitis", "zhemait", MALE),
        ("vrublevska", "vrublevsk", FEMALE),
        ("vrublevski", "vrublevsk", MALE),
        ("kalninsh", "kalnin", MALE),
        ("ivanovim", "ivanov", ""),
        ("levin", "levin", ""),
        ("ona", "ona", ""),  # the stem would be shorter than MIN_STEM
    ],
)
def test_family_form(word, stem, gender):
    assert family_form(word) == (stem, gender)


def test_name_keys():
    keys = name_keys("Жемайтене")
    assert isinstance(KEY_VERSION, int) and keys["version"] == KEY_VERSION
    assert keys["exact"] == "жемайтене"
    assert keys["latin_skeleton"] == "zhemaitene"
    assert keys["latin_skeletons"] == {"zhemaitene"}  # Wikipedia "Zhemaytene", ISO 9 "Žemajtene"
    assert keys["family_key"] == "zhemait"
    assert keys["loose_skeleton"] == "zamatana"
    assert keys["dm_codes"] == {"463600"}
    assert set(keys) == {
        "version",
        "exact",
        "latin_skeleton",
        "loose_skeleton",
        "family_key",
        "latin_skeletons",
        "loose_skeletons",
        "family_keys",
        "dm_codes",
    }
