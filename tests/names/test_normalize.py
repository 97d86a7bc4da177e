"""Cross-script search keys: the same name in any script or romanization gives the same key."""

import pytest

from register.names.normalize import fold, romanize, search_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Норильлаг", "Norillag"),
        ("Краслаг", "Kraslag"),
        ("Вишерский ИТЛ", "Vishersky ITL"),
        ("Вишерский ИТЛ", "Višerskij ITL"),  # GOST 7.79 / ISO 9 romanization
        ("Жемайтис", "Žemaitis"),
        ("Żemajtis", "Žemaitis"),
        ("Калныньш", "Kalniņš"),
        ("Kalninsh", "Kalniņš"),
        ("Щепанский", "Szczepański"),
        ("Shchepanskiy", "Szczepański"),
        ("Спецлагерь № 2", "Spetslager 2"),
    ],
)
def test_spellings_share_a_key(one, other):
    assert search_key(one) == search_key(other)


def test_different_names_differ():
    assert search_key("Норильлаг") != search_key("Горлаг")


def test_fold_and_romanize():
    assert fold("Žemaitienė") == "zemaitiene"
    assert fold("Łukasiewicz") == "lukasiewicz"
    assert romanize("Дальлаг") == "Dallag"
    assert romanize("Mühlberg") == "Mühlberg"


@pytest.mark.parametrize("empty", ["", "   ", "№ —", None])
def test_no_letters_no_key(empty):
    assert search_key(empty) == ""
