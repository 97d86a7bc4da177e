"""Synthetic person records for tests and benchmarks, written as a bulk-import CSV file.

`generate_people(count, seed, out)` writes `count` rows in the columns of `register.people.importers.bulk`
(`COLUMNS`), the same for the same seed. The rows imitate victims' lists: nationalities in fixed shares
(Baltic, Polish, Romanian/Moldovan, Ukrainian, Crimean Tatar, Chechen, German, Jewish, Russian), surnames
with a Zipf-Mandelbrot frequency (the list's common names first, then a long tail built from stems and
endings, so that common surnames are common), female forms by each language's rules (Lithuanian
-ienė/-aitė/-ytė, Latvian -a/-e, Polish -ska/-cka, Russian -ova/-eva/-ina/-skaya), the Russian Cyrillic of
the Soviet file and a common romanization of it, partial birth dates, and links to the real operations
and camps in `fixtures/` (deportation operation by its slug, camp by its source id in the Memorial data).

Every row is marked synthetic: its `synthetic` column is "1" (the importer then stores the person with
`synthetic=True` whatever the data set is called, and refuses a file that mixes such rows with real ones),
its record id starts with "syn" and its source is "synthetic". It is meant to be imported into the data set
"synthetic" (`import_people FILE --dataset synthetic`). `make run` never loads it.
"""

import bisect
import csv
import datetime as dt
import itertools
import random
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import iuliia
from django.conf import settings

from register.people import synthetic_names as data
from register.people.importers.bulk import COLUMNS

ROMANIZATIONS = (iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.ICAO_DOC_9303, iuliia.GOST_7034)
_TRIPLE_RE = re.compile(r"(.)\1\1+")
ZIPF_EXPONENT = 1.0
ZIPF_OFFSET = 2.7  # Zipf-Mandelbrot: flattens the head so that the top name is ~2-4 % of a people, not 15 %
# The operations that took people of each nationality (slugs of fixtures/operations/operations.csv).
OPERATIONS = {
    "lt": ["june-1941-baltic", "vesna-1948", "priboi-1949", "osen-1951", "sever-1951"],
    "lv": ["june-1941-baltic", "priboi-1949", "sever-1951"],
    "et": ["june-1941-baltic", "priboi-1949", "sever-1951"],
    "pl": ["eastern-poland-1940-02", "polish-operation-1937", "katyn-1940", "augustow-roundup-1945"],
    "ro": ["june-1941-moldova", "yug-1949", "sever-1951"],
    "uk": ["eastern-poland-1940-02", "sever-1951"],
    "crh": ["crimean-tatars-1944"],
    "ce": ["lentil-1944"],
    "de": ["volga-germans-1941"],
    "yi": ["june-1941-baltic", "june-1941-moldova", "eastern-poland-1940-02"],
    "ru": [],
}


def _zipf_cumulative(count: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + ZIPF_OFFSET) ** ZIPF_EXPONENT for rank in range(count)))


def _pick(rng: random.Random, items: list, cumulative: list[float]):
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def to_cyrillic(latin: str, lang: str) -> str:
    """A Latin-script name as a Soviet file writes it in Russian Cyrillic ("Wróblewska" -> "Врублевская").

    Approximate by design: the language's own rules (`synthetic_names.CYRILLIC_RULES`) then plain letters."""
    return _to_cyrillic(latin, lang)


@lru_cache(maxsize=65536)
def _to_cyrillic(latin: str, lang: str) -> str:
    rules = data.CYRILLIC_RULES.get(lang, data.CYRILLIC_RULES["pl"])
    text, out, i = latin.lower(), [], 0
    while i < len(text):
        for source, target in rules:
            if text.startswith(source, i):
                out.append(target)
                i += len(source)
                break
        else:
            out.append(data.LATIN_TO_CYRILLIC.get(text[i], text[i]))
            i += 1
    result = "".join(out)
    return result[:1].upper() + result[1:]


@lru_cache(maxsize=65536)
def ukrainian_to_russian(text: str) -> str:
    """Ukrainian Cyrillic as the Russian-language Soviet file writes it ("Олійник" -> "Олийнык")."""
    out = []
    for char in text:
        lower = char.lower()
        mapped = data.UK_TO_RU.get(lower, lower)
        out.append(mapped if char == lower else mapped.upper())
    return "".join(out)


@lru_cache(maxsize=65536)
def ukrainian_romanized(text: str) -> str:
    """Ukrainian Cyrillic in the Ukrainian national romanization (2010): "Гнатюк" -> "Hnatiuk"."""
    out = "".join(data.UK_TO_LATIN.get(char.lower(), char.lower()) for char in text)
    return out[:1].upper() + out[1:]


def female_surname(surname: str, lang: str, married: bool) -> str:
    """The female form of a male surname by the language's rules (unchanged where it has none).

    Lithuanian: married -ienė, unmarried -aitė (-as), -ytė (-is/-ys), -utė (-us), -iūtė (-ius);
    Latvian: -s/-š -> -a, -is and -ons -> -e; Polish: -ski/-cki/-dzki -> -ska/-cka/-dzka; Russian,
    Ukrainian, Chechen and Crimean Tatar: -ov/-ev/-in -> -ova/-eva/-ina, -skiy -> -skaya."""
    if lang == "lt":
        for ending, maiden in (("ius", "iūtė"), ("as", "aitė"), ("is", "ytė"), ("ys", "ytė"), ("us", "utė")):
            if surname.endswith(ending):
                base = surname[: -len(ending)]
                return base + ("ienė" if married else maiden)
        return surname
    if lang == "lv":
        if surname.endswith(("is", "ons")):
            return surname[:-2] + "e" if surname.endswith("is") else surname[:-1] + "e"
        return surname[:-1] + "a" if surname.endswith(("s", "š")) else surname
    for male, female in (
        ("ський", "ська"),
        ("цький", "цька"),
        ("ский", "ская"),
        ("цкий", "цкая"),
        ("ой", "ая"),
    ):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    for male, female in (("ski", "ska"), ("cki", "cka"), ("zki", "zka")):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    if surname.endswith(("ов", "ев", "ёв", "ин", "ів", "ov", "ev")):
        return surname + ("a" if surname[-1] in "ve" else "а")
    return surname


def patronymic(father_cyrillic: str, female: bool) -> str:
    """A Russian patronymic from the father's given name in Cyrillic: Иван -> Иванович/Ивановна,
    Николай -> Николаевич, Василий -> Васильевич, Никита -> Никитич, Пётр -> Петрович."""
    name = father_cyrillic.replace("ё", "е")
    if name.endswith("ий"):
        stem, male_end, female_end = name[:-2], "ьевич", "ьевна"
    elif name.endswith(("й", "ь")):
        stem, male_end, female_end = name[:-1], "евич", "евна"
    elif name.endswith(("а", "я")):
        stem, male_end, female_end = name[:-1], "ич", "ична"
    elif name.endswith(("о", "у")):
        stem, male_end, female_end = name[:-1], "ович", "овна"
    else:
        stem, male_end, female_end = name, "ович", "овна"
    return stem + (female_end if female else male_end)


class _People:
    """The name pools of one nationality (see `synthetic_names.NATIONALITIES`)."""

    def __init__(self, key: str, spec: dict):
        self.key, self.lang = key, spec["lang"]
        self.cyrillic = key in ("uk", "ce", "ru")
        common = spec["surnames"].split()
        tail = [
            stem + infix + ending
            for stem in spec["stems"].split()
            for infix in data.INFIXES[key]
            for ending in spec["endings"].split()
        ]
        self.surnames = list(dict.fromkeys(common + [_TRIPLE_RE.sub(r"\1\1", name) for name in tail]))
        self.surname_weights = _zipf_cumulative(len(self.surnames))
        self.male, self.female = spec["male"].split(), spec["female"].split()
        self.male_weights = _zipf_cumulative(len(self.male))
        self.female_weights = _zipf_cumulative(len(self.female))
        self.countries = spec["countries"]
        self.nationality = spec["nationality"]
        self.towns = data.TOWNS[key].split()

    def russian(self, name: str) -> str:
        """The Russian Cyrillic of a native form ("" when the native form already is it)."""
        if self.key == "uk":
            return ukrainian_to_russian(name)
        return "" if self.cyrillic else to_cyrillic(name, self.lang)

    def romanized(self, name: str, rng: random.Random) -> str:
        """A common romanization of a Cyrillic native form (one of several schemes)."""
        if self.key == "uk" and rng.random() < 0.5:
            return ukrainian_romanized(name)
        source = ukrainian_to_russian(name) if self.key == "uk" else name
        return rng.choice(ROMANIZATIONS).translate(source)


def _operations() -> dict[str, list[tuple[str, str]]]:
    """{nationality key: [(slug, kind)]}: the operations of `OPERATIONS` as fixtures/operations lists them."""
    path = Path(settings.BASE_DIR) / "fixtures" / "operations" / "operations.csv"
    with path.open(encoding="utf-8") as handle:
        kinds = {row["slug"]: row["kind"] for row in csv.DictReader(handle)}
    return {
        key: [(slug, kinds[slug]) for slug in slugs if slug in kinds] for key, slugs in OPERATIONS.items()
    }


def _camps() -> list[str]:
    path = Path(settings.BASE_DIR) / "fixtures" / "gulag-camps" / "camps.csv"
    with path.open(encoding="utf-8") as handle:
        return [row["source_id"] for row in csv.DictReader(handle)]


def _date(rng: random.Random, year: int, precise: float = 0.6) -> str:
    """A partial date in `year`: the full day (share `precise`), the month, or the year alone."""
    draw = rng.random()
    if draw < precise:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return f"{year}-{rng.randint(1, 12):02d}" if draw < precise + 0.15 else str(year)


class Generator:
    """Makes synthetic rows (dicts keyed by `COLUMNS`) from one seeded random stream."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.peoples = [_People(key, spec) for key, spec in data.NATIONALITIES.items()]
        self.people_weights = list(
            itertools.accumulate(spec["weight"] for spec in data.NATIONALITIES.values())
        )
        self.operations = _operations()
        camps = _camps()
        random.Random(seed + 1).shuffle(camps)  # which camps are the big ones: arbitrary but fixed
        self.camps, self.camp_weights = camps, _zipf_cumulative(len(camps))

    def row(self, number: int) -> dict[str, str]:
        """Synthetic row `number` (its record id is "syn" + the number)."""
        rng = self.rng
        people = _pick(rng, self.peoples, self.people_weights)
        female = rng.random() < 0.45
        row = dict.fromkeys(COLUMNS, "")
        row.update(record_id=f"syn{number:07d}", source="synthetic", synthetic="1", name_lang=people.lang)
        self._names(row, people, female)
        born = min(1945, max(1860, int(rng.triangular(1860, 1945, 1908))))
        row.update(
            sex="f" if female else "m",
            birth=_date(rng, born, 0.45) + ("?" if rng.random() < 0.03 else ""),
            birthplace=rng.choice(people.towns),
            residence=rng.choice(people.towns),
            nationality=people.nationality[female],
            occupation=rng.choice(data.OCCUPATIONS) if rng.random() < 0.7 else "",
            country=people.countries[0] if rng.random() < 0.8 else rng.choice(people.countries),
        )
        operations = self.operations[people.key]
        if operations and rng.random() < 0.65:
            self._deported(row, operations)
        else:
            self._arrested(row, born)
        if rng.random() < 0.45:
            row["rehabilitation_date"] = _date(rng, rng.randint(1955, 1998), 0.8)
            row["rehabilitation_body"] = rng.choice(data.REHAB_BODIES)
        return row

    def _names(self, row: dict, people: _People, female: bool) -> None:
        rng = self.rng
        surname = _pick(rng, people.surnames, people.surname_weights)
        if female:
            surname = female_surname(surname, people.lang, married=rng.random() < 0.7)
        pool, weights = (
            (people.female, people.female_weights) if female else (people.male, people.male_weights)
        )
        given = _pick(rng, pool, weights)
        father = _pick(rng, people.male, people.male_weights)
        father_ru = people.russian(father) or father
        row.update(surname=surname, given_name=given, surname_ru=people.russian(surname))
        row["given_name_ru"] = people.russian(given)
        if rng.random() < 0.85:  # Soviet files gave almost everyone a patronymic
            if people.cyrillic:
                row["patronymic"] = patronymic(father, female)
                row["patronymic_ru"] = people.russian(row["patronymic"])
            else:
                row["patronymic_ru"] = patronymic(father_ru, female)
        if people.cyrillic and rng.random() < 0.5:
            row["surname_latn"] = people.romanized(surname, rng)
            row["given_name_latn"] = people.romanized(given, rng)
        elif not people.cyrillic and rng.random() < 0.1:
            row["surname_latn"] = ROMANIZATIONS[0].translate(row["surname_ru"])

    def _deported(self, row: dict, operations: list[tuple[str, str]]) -> None:
        rng = self.rng
        slug, kind = rng.choice(operations)
        row["deportation_operation"] = slug
        if kind != "deportation" or rng.random() < 0.15:  # mass arrests, and men of deported families
            row["camp"] = _pick(rng, self.camps, self.camp_weights)
        if rng.random() < 0.2:
            row["death_date"] = _date(rng, rng.randint(1941, 1956), 0.5)

    def _arrested(self, row: dict, born: int) -> None:
        rng = self.rng
        year = min(1953, max(born + 16, rng.choice([1937, 1937, 1938, 1938, *range(1930, 1954)])))
        arrested = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        sentenced = arrested + dt.timedelta(days=rng.randint(10, 300))
        row.update(
            arrest_date=arrested.isoformat() if rng.random() < 0.8 else arrested.isoformat()[:7],
            sentencing_body=rng.choice(data.BODIES),
            sentence_date=sentenced.isoformat() if rng.random() < 0.7 else str(sentenced.year),
            article=rng.choice(data.ARTICLES),
        )
        year = sentenced.year
        if year in (1937, 1938) and rng.random() < 0.45:
            row["verdict"] = "ВМН"  # the highest measure of punishment: shooting
            row["execution_date"] = (sentenced + dt.timedelta(days=rng.randint(0, 20))).isoformat()
            return
        row["sentence"] = rng.choice(data.TERMS)
        row["verdict"] = "ИТЛ" if "ИТЛ" in row["sentence"] else ""
        row["camp"] = _pick(rng, self.camps, self.camp_weights)
        if rng.random() < 0.25:
            row["death_date"] = _date(rng, rng.randint(year, min(year + 10, 1956)), 0.6)


def generate_people(
    count: int, seed: int, out: Path, *, progress: Callable[[int], None] | None = None
) -> int:
    """Write `count` synthetic rows (plus the header) to the CSV file `out`; return `count`.

    The same `count` and `seed` give the same file byte for byte. `progress`, if given, is called with the
    number of rows written every 10,000 rows. Raises ValueError for a negative count.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    generator = Generator(seed)
    with Path(out).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(1, count + 1):
            row = generator.row(number)
            writer.writerow([row[column] for column in COLUMNS])
            if progress and number % 10_000 == 0:
                progress(number)
    return count
