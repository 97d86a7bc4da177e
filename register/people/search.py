"""Person search: find a person however the name was spelled, ranked, with the reason of each match.

How a query is answered (design of issue 3, measured on PostgreSQL 15 with millions of persons):

1. The query is read as one or more name readings (`readings`): a single word is a surname, or else a
   given name (ranked lower); two or more words are tried in both orders (Soviet files put the surname
   first: "Жемайтис Йонас Йонович"; other lists put it last: "Jonas Žemaitis"), and the whole text is
   also tried as one double surname.
2. For each name part of a reading, the keys of `register.names.keys.name_keys` are looked up in the name
   index side table (`NameKey`, b-tree on (kind, key)); each dictionary form found gets the score and
   reason of the best level it matched at, in the precedence of `register.names.match` (exact folded key,
   Latin skeleton, family key, word of a double name, loose skeleton, Daitch-Mokotoff code, given-name
   equivalent, and pg_trgm similarity only when nothing better was found).
3. Only then are the few matching forms joined to `PersonName` and `Person`: a person's score is its best
   surname score, refined by the given name, the patronymic (or the father's given name it implies) and a
   birth year written in the query; filters restrict the persons; the best readings win.

Scores: WEIGHTS below combine the parts; a person whose every searched part matches exactly scores 1.0, so
an exact folded match always ranks first. Privacy: filters and the birth year never use what a restricted
record withholds (`_filter_sql`).
"""

import re
from dataclasses import dataclass, field, replace

from django.db import connection, transaction

from register.names.keys import name_keys
from register.names.match import REASONS, SCORES, TRIGRAM_MIN, TRIGRAM_WEIGHT, family_reason
from register.names.patronymics import patronymic_to_given
from register.people.given import current_index
from register.people.index import form_text
from register.people.models import REPRESSION_EVENTS, KeyKind, NamePart, Person, restricted_sql

MAX_QUERY_LENGTH = 200
MAX_WORDS = 6
MAX_FORMS = 5000  # candidate dictionary forms per name part; the best levels are kept first
TRIGRAM_FORMS = 30
PART_OF_NAME_SCORE = 0.8
FATHER_NAME_SCORE = 0.8
GIVEN_ONLY_FACTOR = 0.7  # a lone given name ranks below surname spelling variants, above "sounds alike"
MAX_OFFSET = 10**9  # deeper pages are empty (and a huge page number is no database error)
BIRTH_YEAR_BONUS = 0.05
NAME_ORDER_LIMIT = 5000  # up to this many hits, equal scores are in name order (see `_run`)
TOP_N_LIMIT = 1000  # pages up to this deep are read form by form for a one-part search (`_top_of_one_part`)
# the lowest level a refinement keeps for very common surnames (spelling variants and better)
BROAD_REFINE_MIN = 0.75
PERSON_BY_PERSON_LIMIT = 5000  # first-part hits up to which the other parts are checked person by person
WORK_MEM = "64MB"  # for the hash aggregates of very common names (PostgreSQL's default 4MB spills)
WEIGHTS = {  # (surname, given, patronymic) by the parts a reading has
    (True, False, False): (1.0, 0.0, 0.0),
    (True, True, False): (0.7, 0.3, 0.0),
    (True, True, True): (0.6, 0.25, 0.15),
    (False, True, False): (0.0, 1.0, 0.0),
}
SURNAME_PARTS = [NamePart.SURNAME.value, NamePart.MAIDEN.value]

_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_YEAR_RE = re.compile(r"^(1[6-9]\d\d|20[0-4]\d)$")
_SPLIT_RE = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class PersonFilters:
    """Restrictions on the persons found: birth year range (inclusive; persons without a recorded birth
    are left out when one is given), an operation id, a place id (events there, birth there, or at a
    camp division of it), a present-day country (ISO 3166-1 alpha-2), a fate (`models.Fate`)."""

    born_from: int | None = None
    born_to: int | None = None
    operation: int | None = None
    place: int | None = None
    country: str = ""
    fate: str = ""


@dataclass
class NameHit:
    """Why a person matched: the recorded form `value` of `part` (a NamePart value) matched for `reason`
    (a code of `register.names.match.REASONS`)."""

    part: str
    value: str
    reason: str

    @property
    def text(self) -> str:
        """The reason in words, translated."""
        return str(REASONS[self.reason])


@dataclass
class PersonHit:
    """One found person, its score (None when browsing without a query) and the reasons it matched."""

    person: Person
    score: float | None
    reasons: list[NameHit] = field(default_factory=list)


@dataclass
class SearchResult:
    """A page of results: `total` persons match, `hits` are those from offset to offset + limit."""

    query: str
    total: int
    hits: list[PersonHit]


@dataclass(frozen=True)
class Reading:
    """One way of reading the query: which words are the surname, given name and patronymic."""

    surname: str = ""
    given: str = ""
    patronymic: str = ""
    double: str = ""  # the whole query as one double surname, matched by its exact key and skeletons only
    given_kind: str = "given"  # "given_only": a lone given name: exact key, skeletons and equivalents only
    factor: float = 1.0


@dataclass(frozen=True)
class FormMatch:
    """How one dictionary form matched one searched name part."""

    score: float
    reason: str


def readings(words: list[str]) -> list[Reading]:
    """The readings of the query's name words (see the module docstring), best first.

    ["Žemaitis"] -> [surname Žemaitis]; ["Jonas", "Žemaitis"] -> surname Jonas + given Žemaitis, surname
    Žemaitis + given Jonas, and the double surname "Jonas Žemaitis"; three words add the patronymic in the
    Soviet order (surname, given, patronymic) and the Russian one (given, patronymic, surname).
    """
    words = words[:MAX_WORDS]
    if not words:
        return []
    if len(words) == 1:  # a surname, or else a given name (its own spellings only), ranked below
        return [
            Reading(surname=words[0]),
            Reading(given=words[0], given_kind="given_only", factor=GIVEN_ONLY_FACTOR),
        ]
    first, second, last = words[0], words[1], words[-1]
    out = [Reading(surname=first, given=second), Reading(surname=last, given=first)]
    if len(words) >= 3:
        out = [
            Reading(surname=first, given=second, patronymic=words[2]),
            Reading(surname=last, given=first, patronymic=second),
            *out,
        ]
    out.append(Reading(double=" ".join(words)))
    return out


def search_people(
    query: str, filters: PersonFilters | None = None, *, offset: int = 0, limit: int = 20
) -> SearchResult:
    """Search the published persons; see the module docstring. Returns the page [offset, offset + limit).

    Raises ValueError for a query longer than MAX_QUERY_LENGTH characters or a negative offset/limit.
    An empty query lists the persons that match the filters in name order; a query of years only lists
    the persons born in them; a query without letters or years finds nothing.
    """
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise ValueError(f"a search may have at most {MAX_QUERY_LENGTH} characters")
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit must not be negative")
    filters = filters or PersonFilters()
    offset = min(offset, MAX_OFFSET)
    words, years = [], []
    for word in _SPLIT_RE.split(query):
        if _YEAR_RE.match(word):
            years.append(int(word))
            continue
        try:
            if form_text(word):
                words.append(word)
        except ValueError:  # longer than any stored form once case-folded ("ß" -> "ss"): cannot match
            continue
    if not words:
        if not query:
            return _browse(query, filters, offset, limit)
        if years:  # only years: the persons born in them
            filters = replace(
                filters,
                born_from=max(min(years), filters.born_from or min(years)),
                born_to=min(max(years), filters.born_to or max(years)),
            )
            return _browse(query, filters, offset, limit)
        return SearchResult(query, 0, [])  # no letters and no year: nothing to look for
    matcher = _Matcher()
    found = _run(matcher, readings(words), years, filters, offset, limit)
    total, rows = found
    people = Person.objects.prefetch_related("names").in_bulk([person_id for person_id, _ in rows])
    hits = [
        PersonHit(people[person_id], round(score, 4), matcher.reasons(people[person_id]))
        for person_id, score in rows
        if person_id in people
    ]
    return SearchResult(query, total, hits)


def _browse(query: str, filters: PersonFilters, offset: int, limit: int) -> SearchResult:
    where, params = _filter_sql(filters)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT p.id, count(*) OVER () FROM people_person p WHERE {where}
                ORDER BY p.surname, p.given_name, p.id LIMIT %s OFFSET %s""",  # noqa: S608 (fixed SQL)
            [*params, limit, offset],
        )
        rows = cursor.fetchall()
    total = rows[0][1] if rows else _count(where, params) if offset else 0
    people = Person.objects.prefetch_related("names").in_bulk([row[0] for row in rows])
    return SearchResult(query, total, [PersonHit(people[row[0]], None) for row in rows])


def _count(where: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM people_person p WHERE {where}", params)  # noqa: S608
        return cursor.fetchone()[0]


def _filter_sql(filters: PersonFilters) -> tuple[str, list]:
    """The WHERE clause on people_person `p` for the filters, and its parameters.

    Privacy: a restricted person (`Person.restricted`) is found by the birth-year and fate filters never,
    and by the place filter only through the repression events (`REPRESSION_EVENTS`), so a filter cannot
    reveal what the record withholds.
    """
    clauses, params = ["p.published"], []
    restricted, restricted_params = restricted_sql("p")
    if filters.born_from is not None or filters.born_to is not None or filters.fate:
        clauses.append(f"NOT {restricted}")
        params.extend(restricted_params)
    if filters.born_from is not None:
        clauses.append("p.birth_year_max >= %s")
        params.append(filters.born_from)
    if filters.born_to is not None:
        clauses.append("p.birth_year_min <= %s")
        params.append(filters.born_to)
    if filters.country:
        clauses.append("p.country = %s")
        params.append(filters.country.upper())
    if filters.fate:
        clauses.append("p.fate = %s")
        params.append(filters.fate)
    if filters.operation is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM people_personevent e WHERE e.person_id = p.id AND e.operation_id = %s)"
        )
        params.append(filters.operation)
    if filters.place is not None:
        places = "(SELECT id FROM places_place WHERE id = %s OR parent_id = %s)"
        clauses.append(
            f"""((p.birthplace_id IN {places} AND NOT {restricted})
                OR EXISTS (SELECT 1 FROM people_personevent e WHERE e.person_id = p.id AND e.place_id IN
                           {places} AND (e.kind = ANY(%s) OR NOT {restricted})))"""  # noqa: S608
        )
        params.extend([filters.place, filters.place, *restricted_params])
        params.extend([filters.place, filters.place, sorted(REPRESSION_EVENTS), *restricted_params])
    return " AND ".join(clauses), params


def _run(matcher, the_readings: list[Reading], years: list[int], filters, offset, limit):
    """(total, [(person id, score)]) of one search: the union of the readings, best score per person.

    Without filters or a birth year, the scores are computed from the name index alone (persons are
    only read for the page), which keeps very common surnames fast; when more than NAME_ORDER_LIMIT persons
    match, equal scores are then ordered by the matched spelling and record order instead of by name.
    """
    parts_sql, params, singles = [], [], []
    for reading in the_readings:
        sql = matcher.reading_sql(reading, params)
        if sql:
            parts_sql.append(sql)
            singles.append(matcher.single_part)
    if not parts_sql:
        return 0, []
    if len(singles) == 1 and singles[0] and not years and filters == PersonFilters():
        found = _top_of_one_part(singles[0], offset, limit)
        if found is not None:
            return found
    union = " UNION ALL ".join(parts_sql)
    # one reading has one row per person already; several are merged, the best reading of each person wins
    best = (
        "SELECT person_id, score, rank FROM found"
        if len(parts_sql) == 1
        else "SELECT person_id, max(score) AS score, min(rank) AS rank FROM found GROUP BY person_id"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute("SET LOCAL jit = off")  # compiling costs ~45 ms and these plans never repay it
        if not years and filters == PersonFilters():
            cursor.execute(
                f"""WITH found AS ({union}), best AS ({best})
                    SELECT person_id, score, count(*) OVER () FROM best
                    WHERE person_id NOT IN (SELECT id FROM people_person WHERE NOT published)
                    ORDER BY score DESC, rank, person_id LIMIT %s OFFSET %s""",  # noqa: S608 (fixed fragments)
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
            total = rows[0][2] if rows else _union_count(cursor, union, params, "", []) if offset else 0
            if total > NAME_ORDER_LIMIT or not rows:
                return total, [(row[0], row[1]) for row in rows]
        where, filter_params = _filter_sql(filters)
        year_sql, year_params = "0", []
        if years:
            restricted, restricted_params = restricted_sql("p")
            year_sql = (  # a restricted person's birth year must not move it up (privacy)
                f"CASE WHEN p.birth_year_min <= %s AND p.birth_year_max >= %s AND NOT {restricted} "
                f"THEN {BIRTH_YEAR_BONUS} ELSE 0 END"
            )
            year_params = [max(years), min(years), *restricted_params]
        cursor.execute(
            f"""WITH found AS ({union}), best AS ({best})
                SELECT p.id, best.score + {year_sql} AS total, count(*) OVER ()
                FROM best JOIN people_person p ON p.id = best.person_id
                WHERE {where}
                ORDER BY total DESC, p.surname, p.given_name, p.id
                LIMIT %s OFFSET %s""",  # noqa: S608 (fixed fragments; values are parameters)
            [*params, *year_params, *filter_params, limit, offset],
        )
        rows = cursor.fetchall()
        if rows:
            return rows[0][2], [(row[0], row[1]) for row in rows]
        return (_union_count(cursor, union, params, where, filter_params) if offset else 0), []


def _top_of_one_part(single: tuple, offset: int, limit: int) -> tuple[int, list] | None:
    """(total, [(person id, score)]) of a search by one name part without filters when it finds more than
    NAME_ORDER_LIMIT persons, without aggregating them all: the persons of each form are read in record
    order, at most offset + limit of them (a person whose best form ranks higher is kept there), which
    gives exactly the page of the order "score, spelling, record" (`_run`). None when the search finds
    fewer persons (they are listed in name order) or the page is too deep (TOP_N_LIMIT)."""
    ids, scores, ranks, name_parts = single
    if offset + limit > TOP_N_LIMIT:
        return None
    hidden = "SELECT id FROM people_person WHERE NOT published"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            f"""SELECT count(DISTINCT pn.person_id) FROM people_personname pn
                WHERE pn.form_id = ANY(%s) AND pn.part = ANY(%s) AND pn.person_id NOT IN ({hidden})""",  # noqa: S608
            [ids, name_parts],
        )
        total = cursor.fetchone()[0]
        if total <= NAME_ORDER_LIMIT:
            return None
        cursor.execute(
            f"""WITH c AS (SELECT * FROM unnest(%s::bigint[], %s::float8[], %s::int[])
                           AS c(form_id, score, rank)),
                     name_parts AS (SELECT unnest(%s::text[]) AS part),
                     candidates AS (
                        SELECT c.score, c.rank, first.person_id FROM c CROSS JOIN name_parts
                        CROSS JOIN LATERAL (
                            SELECT pn.person_id FROM people_personname pn
                            WHERE pn.form_id = c.form_id AND pn.part = name_parts.part
                              AND pn.person_id NOT IN ({hidden})
                            ORDER BY pn.person_id LIMIT %s) first),
                     best AS (SELECT DISTINCT ON (person_id) person_id, score, rank FROM candidates
                              ORDER BY person_id, rank)
                SELECT person_id, score FROM best ORDER BY score DESC, rank, person_id LIMIT %s OFFSET %s""",  # noqa: S608
            [ids, scores, ranks, name_parts, offset + limit, limit, offset],
        )
        return total, cursor.fetchall()


def _union_count(cursor, union: str, params: list, where: str, filter_params: list) -> int:
    """The number of distinct published persons the readings find (for a page beyond the last)."""
    cursor.execute(
        f"""WITH found AS ({union}) SELECT count(DISTINCT p.id) FROM found
            JOIN people_person p ON p.id = found.person_id WHERE {where or "p.published"}""",  # noqa: S608
        [*params, *filter_params],
    )
    return cursor.fetchone()[0]


class _Matcher:
    """Finds the dictionary forms of searched name parts (cached for one search) and explains hits."""

    def __init__(self):
        self._cache: dict[tuple[str, str], dict[int, FormMatch]] = {}
        self._texts: dict[int, str] = {}
        self._counts: dict[tuple, int] = {}
        self.single_part: tuple | None = None  # set by `reading_sql`
        self.used: dict[str, dict[int, FormMatch]] = {
            "surname": {},
            "double": {},
            "given": {},
            "given_only": {},
            "patronymic": {},
            "father": {},
        }

    def forms(self, name: str, kind: str) -> dict[int, FormMatch]:
        """{form id: FormMatch} for a searched name read as `kind`: "surname", "double" (the whole query as
        one double surname), "given", "patronymic", "father" (the father's given names a patronymic implies).
        """
        key = (name, kind)
        if key not in self._cache:
            self._cache[key] = self._lookup(name, kind)
            for form_id, match in self._cache[key].items():
                best = self.used[kind].get(form_id)
                if best is None or match.score > best.score:
                    self.used[kind][form_id] = match
        return self._cache[key]

    def _lookup(self, name: str, kind: str) -> dict[int, FormMatch]:
        if kind == "father":
            fathers = patronymic_to_given(name)
            names = set(fathers)
            for father in fathers:
                names |= _equivalents(father)
            found = self._key_lookup(
                {KeyKind.EXACT: set(), KeyKind.LATIN: set()},
                names,
                FormMatch(FATHER_NAME_SCORE, "father_name"),
            )
            return found
        keys = name_keys(name)
        levels: dict[int, set[str]] = {
            KeyKind.EXACT: {keys["exact"]},
            KeyKind.LATIN: set(keys["latin_skeletons"]),
            KeyKind.LOOSE: set(keys["loose_skeletons"]),
            KeyKind.DM: set(keys["dm_codes"]),
        }
        if kind in ("double", "given_only"):
            levels = {key: levels[key] for key in (KeyKind.EXACT, KeyKind.LATIN)}
            if kind == "double":
                return self._levels(name, levels)
        if kind == "surname":
            levels[KeyKind.FAMILY] = set(keys["family_keys"])
            levels[KeyKind.WORD] = set(keys["latin_skeletons"])
        found = self._levels(name, levels)
        if kind in ("given", "given_only"):
            equivalents = _equivalents(name) - {name}
            extra = self._key_lookup(
                {KeyKind.EXACT: set(), KeyKind.LATIN: set()},
                equivalents,
                FormMatch(SCORES["given_name_equivalent"], "given_name_equivalent"),
            )
            for form_id, match in extra.items():
                if form_id not in found or found[form_id].score < match.score:
                    found[form_id] = match
        if kind != "given_only" and not any(
            match.score >= SCORES["spelling_variant"] for match in found.values()
        ):
            for form_id, match in self._trigram(keys["latin_skeleton"]).items():
                found.setdefault(form_id, match)
        return found

    def _key_lookup(
        self, levels: dict[int, set[str]], names: set[str], match: FormMatch
    ) -> dict[int, FormMatch]:
        """Forms whose exact key or Latin skeleton equals one of `names`' keys, all with `match`."""
        for other in names:
            other_keys = name_keys(other)
            levels[KeyKind.EXACT].add(other_keys["exact"])
            levels[KeyKind.LATIN].update(other_keys["latin_skeletons"])
        rows = self._select(levels)
        return {form_id: match for form_id, _kind, _text, _latin in rows}

    def _select(self, levels: dict[int, set[str]]) -> list[tuple[int, int, str, str]]:
        conditions, params = [], []
        for kind, keys in levels.items():
            keys = sorted(key for key in keys if key)
            if keys:
                conditions.append("(k.kind = %s AND k.key = ANY(%s))")
                params.extend([int(kind), keys])
        if not conditions:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"""SELECT k.form_id, k.kind, f.text, f.latin FROM people_namekey k
                    JOIN people_nameform f ON f.id = k.form_id
                    WHERE {" OR ".join(conditions)}
                    ORDER BY CASE k.kind WHEN 1 THEN 0 WHEN 2 THEN 1 WHEN 4 THEN 2 WHEN 6 THEN 3
                                         WHEN 3 THEN 4 ELSE 5 END
                    LIMIT %s""",  # noqa: S608 (fixed fragments; keys are parameters)
                [*params, MAX_FORMS],
            )
            rows = cursor.fetchall()
        for form_id, _kind, text, _latin in rows:
            self._texts[form_id] = text
        return rows

    def _levels(self, name: str, levels: dict[int, set[str]]) -> dict[int, FormMatch]:
        query_cyrillic = bool(_CYRILLIC_RE.search(name))
        query_skeleton = name_keys(name)["latin_skeleton"]
        found: dict[int, FormMatch] = {}
        for form_id, kind, text, latin in self._select(levels):
            match = _level_match(kind, text, latin, query_cyrillic, query_skeleton)
            if form_id not in found or found[form_id].score < match.score:
                found[form_id] = match
        return found

    def _trigram(self, latin: str) -> dict[int, FormMatch]:
        if not latin:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT id, text, similarity(latin, %s) AS sim FROM people_nameform
                   WHERE latin %% %s ORDER BY sim DESC, id LIMIT %s""",
                [latin, latin, TRIGRAM_FORMS],
            )
            rows = cursor.fetchall()
        found = {}
        for form_id, text, similarity in rows:
            if similarity >= TRIGRAM_MIN:
                self._texts[form_id] = text
                found[form_id] = FormMatch(round(TRIGRAM_WEIGHT * similarity, 4), "similar_spelling")
        return found

    def reading_sql(self, reading: Reading, params: list) -> str:
        """The SQL of one reading: rows (person_id, score); appends its parameters to `params`. "" when
        the reading's first part matches no form at all (then it cannot match anyone)."""
        weights = WEIGHTS[
            (bool(reading.surname or reading.double), bool(reading.given), bool(reading.patronymic))
        ]
        # (forms, name parts, weight, term group): a patronymic and the father's name share one term
        parts = []
        if reading.surname:
            parts.append((self.forms(reading.surname, "surname"), SURNAME_PARTS, weights[0], 0))
        if reading.double:
            parts.append((self.forms(reading.double, "double"), SURNAME_PARTS, weights[0], 0))
        if reading.given:
            parts.append(
                (self.forms(reading.given, reading.given_kind), [NamePart.GIVEN.value], weights[1], 1)
            )
        if reading.patronymic:
            parts.append(
                (self.forms(reading.patronymic, "patronymic"), [NamePart.PATRONYMIC.value], weights[2], 2)
            )
            parts.append((self.forms(reading.patronymic, "father"), [NamePart.FATHER.value], weights[2], 2))
        self.single_part = None
        if not parts[0][0]:
            return ""
        if reading.given_kind == "given_only" and not self._persons_with(list(parts[0][0]), parts[0][1]):
            return ""  # the word is no one's given name (a cheap count keeps the surname search on its own)
        lead = """SELECT pn.person_id, max(c.score) AS score, min(c.rank) AS rank FROM people_personname pn
                JOIN unnest(%s::bigint[], %s::float8[], %s::int[]) AS c(form_id, score, rank)
                ON c.form_id = pn.form_id WHERE pn.part = ANY(%s) GROUP BY pn.person_id"""
        # The other parts are read only for the persons the first part found (r0): person by person
        # when they are few (index on person), else in one pass over the forms' persons (hash join).
        refine_hash = """SELECT pn.person_id, max(c.score) AS score FROM people_personname pn
                JOIN unnest(%s::bigint[], %s::float8[]) AS c(form_id, score) ON c.form_id = pn.form_id
                WHERE pn.part = ANY(%s) AND pn.person_id IN (SELECT person_id FROM r0)
                GROUP BY pn.person_id"""
        refine_each = """LEFT JOIN LATERAL (SELECT max(c.score) AS score FROM people_personname pn
                JOIN unnest(%s::bigint[], %s::float8[]) AS c(form_id, score) ON c.form_id = pn.form_id
                WHERE pn.person_id = r0.person_id AND pn.part = ANY(%s)) {alias} ON true"""
        lead_ids = list(parts[0][0])
        few = len(parts) == 1 or self._persons_with(lead_ids, parts[0][1]) <= PERSON_BY_PERSON_LIMIT
        terms: dict[int, tuple[list[str], float]] = {}
        ctes, cte_values, joins, join_values = [], [], [], []
        for position, (forms, name_parts, weight, group) in enumerate(parts):
            alias = f"r{position}"
            if position and not few:
                # Very common surname: the other parts refine by their own spellings only (not by
                # equivalents in other languages or sound), else millions of name rows would be read.
                forms = {key: match for key, match in forms.items() if match.score >= BROAD_REFINE_MIN}
            ids = sorted(forms, key=lambda form_id: (-forms[form_id].score, self._texts.get(form_id, "")))
            scores = [forms[form_id].score for form_id in ids]
            if position == 0:
                ctes.append(f"r0 AS MATERIALIZED ({lead})")
                cte_values.extend([ids, scores, list(range(len(ids))), name_parts])
            elif few:
                joins.append(refine_each.format(alias=alias))
                join_values.extend([ids, scores, name_parts])
            else:
                ctes.append(f"{alias} AS ({refine_hash})")
                joins.append(f"LEFT JOIN {alias} ON {alias}.person_id = r0.person_id")
                cte_values.extend([ids, scores, name_parts])
            terms.setdefault(group, ([], weight))[0].append(f"coalesce({alias}.score, 0)")
        score = " + ".join(
            f"{'greatest(' + ', '.join(columns) + ')' if len(columns) > 1 else columns[0]} * {float(weight)}"
            for columns, weight in terms.values()
        )
        params.extend([*cte_values, *join_values])
        factor = float(reading.factor)
        if len(parts) == 1:  # (form ids, scores, ranks, name parts) for `_top_of_one_part`
            self.single_part = (
                cte_values[0],
                [score * factor for score in cte_values[1]],
                cte_values[2],
                cte_values[3],
            )
        return (
            f"(WITH {', '.join(ctes)} SELECT r0.person_id, ({score}) * {factor} AS score, r0.rank "  # noqa: S608
            f"FROM r0 {' '.join(joins)})"
        )

    def _persons_with(self, form_ids: list[int], name_parts: list[str]) -> int:
        """How many name rows of the given parts use these forms (an index-only count, cached)."""
        key = (tuple(sorted(form_ids)), tuple(name_parts))
        if key not in self._counts:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM people_personname WHERE form_id = ANY(%s) AND part = ANY(%s)",
                    [list(key[0]), list(name_parts)],
                )
                self._counts[key] = cursor.fetchone()[0]
        return self._counts[key]

    def reasons(self, person: Person) -> list[NameHit]:
        """Why `person` matched: the best-matching recorded form of each searched part."""
        out = []
        part_kinds = [
            ("surname", SURNAME_PARTS),
            ("double", SURNAME_PARTS),
            ("given", [NamePart.GIVEN.value]),
            ("given_only", [NamePart.GIVEN.value]),
            ("patronymic", [NamePart.PATRONYMIC.value]),
            ("father", [NamePart.FATHER.value]),
        ]
        for kind, name_parts in part_kinds:
            best: tuple[FormMatch, object] | None = None
            for name in person.names.all():
                if name.part in name_parts and name.form_id in self.used[kind]:
                    match = self.used[kind][name.form_id]
                    if best is None or match.score > best[0].score:
                        best = (match, name)
            if best:
                out.append(NameHit(best[1].part, best[1].value, best[0].reason))
        return out


def _level_match(kind: int, text: str, latin: str, query_cyrillic: bool, query_skeleton: str) -> FormMatch:
    """The score and reason of a form found by a key of `kind` (see `register.names.match`)."""
    other_script = query_cyrillic != bool(_CYRILLIC_RE.search(text))
    if kind == KeyKind.EXACT:
        return FormMatch(SCORES["exact"], "exact")
    if kind == KeyKind.LATIN:
        reason = "same_in_other_script" if other_script else "same_skeleton"
        return FormMatch(SCORES[reason], reason)
    if kind == KeyKind.FAMILY:
        return FormMatch(SCORES["family"], family_reason(query_skeleton, latin, other_script))
    if kind == KeyKind.WORD:
        return FormMatch(PART_OF_NAME_SCORE, "part_of_name")
    if kind == KeyKind.LOOSE:
        return FormMatch(SCORES["spelling_variant"], "spelling_variant")
    return FormMatch(SCORES["sounds_alike"], "sounds_alike")


def _equivalents(name: str) -> set[str]:
    """The given names of the database's given-name table equivalent to `name` (`name` itself included
    when the table knows it; empty otherwise)."""
    return {form for group in current_index().groups_of(name) for form in group.names()}
