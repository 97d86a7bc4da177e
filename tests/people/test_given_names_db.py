"""The given-name equivalents in the database: loaded with the bundled data, re-imports keep the groups
moderators added and restore bundled groups that were edited."""

import pytest

from register.names.given_names import read_given_name_table, table_path
from register.people.given import current_index, load_bundled_given_names
from register.people.models import GivenName, GivenNameGroup

pytestmark = pytest.mark.usefixtures("real_data")

TABLE = read_given_name_table(table_path())


def test_the_bundled_groups_are_loaded():
    assert GivenNameGroup.objects.filter(bundled=True).count() == len(TABLE) == 40
    jonas = next(group for group in TABLE if any("Jonas" in names for _, names in group.forms))
    stored = GivenNameGroup.objects.get(key=jonas.key)
    assert ("lt", "Jonas") in set(stored.names.values_list("language", "name"))


def test_a_moderator_group_survives_a_reimport():
    group = GivenNameGroup.objects.create(key="moderator-test", source="added by a moderator in a test")
    GivenName.objects.create(group=group, language="lt", name="Testvardas")
    GivenName.objects.create(group=group, language="ru", name="Тествардас")
    summary = load_bundled_given_names()
    assert summary.counts[("given-name groups", "unchanged")] == len(TABLE)
    assert summary.changed() == 0
    group.refresh_from_db()
    assert not group.bundled
    assert set(group.names.values_list("name", flat=True)) == {"Testvardas", "Тествардас"}
    assert "moderator-test" in {g.key for g in current_index().groups}


def test_an_edited_bundled_group_is_restored_by_a_reimport():
    group = GivenNameGroup.objects.filter(bundled=True).first()
    before = sorted(group.names.values_list("language", "name"))
    group.names.first().delete()
    summary = load_bundled_given_names()
    assert summary.counts[("given-name groups", "updated")] == 1
    assert sorted(group.names.values_list("language", "name")) == before
