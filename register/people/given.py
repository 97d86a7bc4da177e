"""The given-name equivalents as the database holds them (`GivenNameGroup`, `GivenName`): loading the
bundled table into it and an in-process index of it for matching.

The index is built from the database on first use and rebuilt when a group or name is saved or deleted in
this process (`register.people.signals`) or after CACHE_SECONDS, so other workers see a moderator's
change within a minute.
"""

import threading
import time

from django.db import transaction

from register.core.importing import Summary
from register.names.given_names import (
    GivenNameGroup as TableGroup,
)
from register.names.given_names import (
    GivenNameIndex,
    read_given_name_table,
    table_path,
)
from register.people.models import GivenName, GivenNameGroup

CACHE_SECONDS = 60

_lock = threading.Lock()
_cache: dict[str, tuple[float, GivenNameIndex]] = {}


def clear_cache() -> None:
    """Forget the cached index of this process."""
    with _lock:
        _cache.clear()


def current_index() -> GivenNameIndex:
    """The given-name index of the database (groups in key order), cached for CACHE_SECONDS. An empty
    database gives an empty index (no equivalents), not the bundled file."""
    now = time.monotonic()
    with _lock:
        cached = _cache.get("index")
        if cached and now - cached[0] < CACHE_SECONDS:
            return cached[1]
    groups: dict[int, list] = {}
    keys, sources = {}, {}
    for group in GivenNameGroup.objects.all():
        keys[group.id], sources[group.id] = group.key, group.source
        groups[group.id] = []
    for name in GivenName.objects.order_by("group_id", "language", "id"):
        groups.setdefault(name.group_id, []).append((name.language, name.name))
    table = []
    for group_id, names in groups.items():
        if group_id not in keys:
            continue
        by_language: dict[str, list[str]] = {}
        for language, name in names:
            by_language.setdefault(language, []).append(name)
        forms = tuple((language, tuple(values)) for language, values in by_language.items())
        table.append(TableGroup(keys[group_id], forms, sources[group_id]))
    index = GivenNameIndex(sorted(table, key=lambda group: group.key))
    with _lock:
        _cache["index"] = (now, index)
    return index


@transaction.atomic
def load_bundled_given_names(summary: Summary | None = None, path=None) -> Summary:
    """Load the bundled table (fixtures/name-matching/given-name-equivalents.csv) into the database.

    Bundled groups are created or replaced (their names rewritten when they changed); groups the
    moderators added (bundled=False) are kept; a bundled group no longer in the file is deleted.
    Raises ImportFailed (nothing written) when the table is broken. Returns the summary with
    "given-name groups" counts.
    """
    summary = summary or Summary()
    groups = read_given_name_table(path or table_path())
    existing = {group.key: group for group in GivenNameGroup.objects.prefetch_related("names")}
    for table_group in groups:
        wanted = [(language, name) for language, names in table_group.forms for name in names]
        group = existing.get(table_group.key)
        if group is None:
            group = GivenNameGroup.objects.create(
                key=table_group.key, source=table_group.source, bundled=True
            )
            summary.add("given-name groups", "created")
        else:
            have = [(name.language, name.name) for name in group.names.all()]
            if group.source == table_group.source and sorted(have) == sorted(wanted) and group.bundled:
                summary.add("given-name groups", "unchanged")
                continue
            group.source, group.bundled = table_group.source, True
            group.save()
            group.names.all().delete()
            summary.add("given-name groups", "updated")
        GivenName.objects.bulk_create(
            GivenName(group=group, language=language, name=name) for language, name in wanted
        )
    stale = GivenNameGroup.objects.filter(bundled=True).exclude(key__in=[group.key for group in groups])
    summary.add("given-name groups", "deleted", stale.count())
    stale.delete()
    clear_cache()
    return summary
