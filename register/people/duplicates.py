"""Finding possible duplicates: records that may describe the same person are linked for review
(`PossibleDuplicate`, status "open"), never merged. A moderator confirms or rejects each link.

Rule (the register's own, after the practice of victims' registers that keep one card per source): two
published persons are possible duplicates when they share a surname form and a given-name form by Latin
skeleton (so "Žemaitis Jonas" and "Жемайтис Йонас" pair up) and the same exact birth year. Groups larger
than `max_group` (very common names) are left out: they would bury the reviewers in pairs.
"""

from django.db import connection, transaction

from register.people.models import KeyKind

NOTE = "same surname, given name and birth year"


@transaction.atomic
def find_possible_duplicates(*, dataset: str = "", max_group: int = 10) -> int:
    """Link the possible duplicates (see the module docstring) that are not linked yet; returns the number
    of new links. dataset: only pairs with at least one person of this data set. Raises ValueError for a
    max_group below 2."""
    if max_group < 2:
        raise ValueError("max_group must be at least 2")
    dataset_filter = "AND (pa.dataset = %s OR pb.dataset = %s)" if dataset else ""
    params = [
        int(KeyKind.LATIN),
        int(KeyKind.LATIN),
        max_group,
        NOTE,
        *([dataset, dataset] if dataset else []),
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH s AS (SELECT DISTINCT pn.person_id, k.key FROM people_personname pn
                       JOIN people_namekey k ON k.form_id = pn.form_id AND k.kind = %s
                       WHERE pn.part = 'surname'),
                 g AS (SELECT DISTINCT pn.person_id, k.key FROM people_personname pn
                       JOIN people_namekey k ON k.form_id = pn.form_id AND k.kind = %s
                       WHERE pn.part = 'given'),
                 sig AS (SELECT s.person_id, s.key AS skey, g.key AS gkey, p.birth_year_min AS year
                         FROM s JOIN g USING (person_id) JOIN people_person p ON p.id = s.person_id
                         WHERE p.published AND p.birth_year_min IS NOT NULL
                           AND p.birth_year_min = p.birth_year_max),
                 groups AS (SELECT array_agg(DISTINCT person_id) AS ids FROM sig GROUP BY skey, gkey, year
                            HAVING count(DISTINCT person_id) BETWEEN 2 AND %s),
                 pairs AS (SELECT DISTINCT a, b FROM groups, unnest(ids) AS a, unnest(ids) AS b WHERE a < b)
            INSERT INTO people_possibleduplicate (person_id, other_id, status, note, created)
            SELECT a, b, 'open', %s, now() FROM pairs
            JOIN people_person pa ON pa.id = a JOIN people_person pb ON pb.id = b
            WHERE true {dataset_filter}
            ON CONFLICT (person_id, other_id) DO NOTHING
            """,  # noqa: S608 (fixed fragments; values are parameters)
            params,
        )
        return cursor.rowcount
