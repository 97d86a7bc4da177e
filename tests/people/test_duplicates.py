"""Possible duplicates are linked for review, never merged."""

import pytest
from django.core.management import CommandError, call_command

from register.people.duplicates import find_possible_duplicates
from register.people.models import DuplicateStatus, NamePart, Person, PersonName, PossibleDuplicate


def person(surname, given, birth, **extra):
    record = Person.objects.create(surname=surname, given_name=given, birth_edtf=birth, **extra)
    PersonName.objects.create(person=record, part=NamePart.SURNAME, value=surname, is_primary=True)
    PersonName.objects.create(person=record, part=NamePart.GIVEN, value=given, is_primary=True)
    return record


@pytest.mark.django_db
def test_same_name_in_two_scripts_and_year_are_linked_once():
    latin = person("Vaitkus", "Kazys", "1901", dataset="list-a")
    cyrillic = person("Вайткус", "Казис", "1901", dataset="list-b")
    other_year = person("Vaitkus", "Kazys", "1911")
    other_name = person("Vaitkus", "Antanas", "1901")
    unknown_year = person("Vaitkus", "Kazys", "")
    assert find_possible_duplicates() == 1
    pair = PossibleDuplicate.objects.get()
    assert {pair.person_id, pair.other_id} == {latin.pk, cyrillic.pk}
    assert pair.status == DuplicateStatus.OPEN and pair.person_id < pair.other_id
    assert Person.objects.filter(pk__in=[other_year.pk, other_name.pk, unknown_year.pk]).count() == 3
    assert find_possible_duplicates() == 0  # already linked
    pair.status = DuplicateStatus.DISTINCT
    pair.save()
    assert find_possible_duplicates() == 0  # a reviewed pair is not reopened
    assert PossibleDuplicate.objects.get().status == DuplicateStatus.DISTINCT


@pytest.mark.django_db
def test_dataset_and_group_limits():
    person("Petrauskas", "Jonas", "1920", dataset="a")
    person("Petrauskas", "Jonas", "1920", dataset="b")
    person("Petrauskas", "Jonas", "1920", dataset="b")
    assert find_possible_duplicates(max_group=2) == 0  # a group of three is too common to review
    assert find_possible_duplicates(dataset="c") == 0
    assert find_possible_duplicates(dataset="a") == 2  # the two pairs with the person of data set a
    with pytest.raises(CommandError, match="at least 2"):
        call_command("find_duplicates", "--max-group", "1")
    call_command("find_duplicates", verbosity=0)
    assert PossibleDuplicate.objects.count() == 3


@pytest.mark.django_db
def test_unpublished_persons_are_not_linked():
    person("Jankauskas", "Petras", "1899")
    person("Jankauskas", "Petras", "1899", published=False)
    assert find_possible_duplicates() == 0
