"""Benchmark of the person register at scale: bulk import, name search, memory (prints a table).

`make bench-people` (or `.venv/bin/python tests/bench/bench_people.py [--count N]`):
1. creates its own database (default gulag_register_bench in the local cluster; BENCH_DATABASE_URL
   overrides), migrates it and loads the bundled data (`load_register_data`);
2. generates N synthetic persons (default 3,000,000; `generate_people`, cached under var/bench/) and
   imports them in files of 1,000,000 rows with `import_people` (each a child process: wall time and
   peak RSS); the first file is also copied with a plain COPY into a bare table, for the ratio;
3. imports the persons of fixtures/name-matching/cases.csv (born 1850, outside the synthetic years)
   and checks that every case finds its record at this scale (with a birth-year filter, and reports the
   rank without it);
4. times a fixed mix of queries (exact, other script, female form, phonetic, common surname alone,
   surname + given name) REPEAT times each: (a) `search_people` in-process, (b) GET /api/v1/people/?q=
   over HTTP against gunicorn with 2 workers (their peak RSS is read from /proc), (c) the naive
   baseline: ILIKE over unaccent() of the person names.
Re-running reuses the database when it already holds N synthetic persons (`--fresh` drops it).
"""

import argparse
import csv
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
QUERIES = [  # (what it exercises, query)
    ("exact", "Kazlauskas"),
    ("exact, two words", "Wróblewski Józef"),
    ("other script", "Жемайтис"),
    ("other script (romanized)", "Vrublevskiy"),
    ("female form", "Kazlauskienė"),
    ("female form (Polish)", "Kowalska"),
    ("phonetic", "Rabinovitch"),
    ("phonetic (Cyrillic)", "Шевчюк"),
    ("common surname alone", "Nowak"),
    ("common surname alone (Cyrillic)", "Мельник"),
    ("surname + given name", "Nowak Jan"),
    ("surname + given name (Soviet order)", "Петраускас Йонас"),
]
CASES_BIRTH = "1850"


def bench_url() -> str:
    """The bench database URL: BENCH_DATABASE_URL, else DATABASE_URL's server with gulag_register_bench."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    base = (
        os.environ.get("DATABASE_URL")
        or f"postgis://postgres@/gulag_register?host={ROOT / 'var' / 'run'}&port=5433"
    )
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path="/gulag_register_bench"))


def run(args: list[str], env: dict, label: str) -> tuple[float, float, str]:
    """Run a child process; return (wall seconds, its peak RSS in MB, stdout). Exits on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"{label} failed:\n{done.stdout}\n{done.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, done.stdout


def prepare_database(url: str, fresh: bool) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def split(path: Path, rows: int, chunk: int) -> list[Path]:
    """Split a CSV file (one row per line, as generate_people writes it) into files of `chunk` rows."""
    out = [path.with_name(f"{path.stem}.part{i + 1}.csv") for i in range((rows + chunk - 1) // chunk)]
    if all(part.exists() for part in out):
        return out
    with path.open(encoding="utf-8") as source:
        header = source.readline()
        for part in out:
            with part.open("w", encoding="utf-8") as target:
                target.write(header)
                for _ in range(chunk):
                    line = source.readline()
                    if not line:
                        break
                    target.write(line)
    return out


def plain_copy(url: str, path: Path) -> float:
    """Seconds to COPY the CSV file into a bare table of text columns (the floor of any import)."""
    import psycopg

    conninfo = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(scheme="postgresql"))
    with path.open(encoding="utf-8") as handle:
        columns = next(csv.reader(handle))
    with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare")
        cursor.execute(f"CREATE TABLE bench_bare ({', '.join(f'{c} text' for c in columns)})")
        conn.commit()
        started = time.perf_counter()
        with (
            path.open("rb") as handle,
            cursor.copy("COPY bench_bare FROM STDIN (FORMAT csv, HEADER)") as copy,
        ):
            while data := handle.read(1 << 20):
                copy.write(data)
        conn.commit()
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_bare")
        conn.commit()
    return seconds


def store_cases() -> None:
    """Record the persons of cases.csv (each `stored` name and each rank_below's exact name) as the name
    search tests do ("Surname Given" for two words, a given name when the given-name table knows it, else
    a surname), born in 1850 (outside the synthetic years), in the data set "bench-cases"."""
    from register.names.given_names import equivalent_given_names
    from register.people.models import NamePart, Person, PersonName

    with (ROOT / "fixtures" / "name-matching" / "cases.csv").open(encoding="utf-8") as handle:
        cases = list(csv.DictReader(handle))
    names = {case["stored"] for case in cases}
    names |= {case["expect"].split(":", 1)[1] for case in cases if case["expect"].startswith("rank_below:")}
    for number, name in enumerate(sorted(names), start=1):
        words = name.split()
        surname, given = (words[0], words[1]) if len(words) == 2 else ("", "")
        if len(words) == 1:
            surname, given = ("", name) if equivalent_given_names(name) else (name, "")
        person = Person.objects.create(
            surname=surname, given_name=given, birth_edtf=CASES_BIRTH, dataset="bench-cases",
            source_record_id=f"case{number}", synthetic=True,
        )  # fmt: skip
        for part, value in ((NamePart.SURNAME, surname), (NamePart.GIVEN, given)):
            if value:
                PersonName.objects.create(person=person, part=part, value=value, is_primary=True)


def timings(func, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        out.append((time.perf_counter() - started) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(len(ordered) * 0.95)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=3_000_000)
    parser.add_argument("--chunk", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--baseline-repeat", type=int, default=3, help="0: no naive ILIKE baseline")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--fresh", action="store_true", help="drop and re-create the bench database")
    args = parser.parse_args()
    url = bench_url()
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "False", "SECRET_KEY": "bench-" + "x" * 40,
           "ALLOWED_HOSTS": "127.0.0.1,localhost"}  # fmt: skip
    report = {}
    prepare_database(url, args.fresh)
    run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env, "migrate")
    run([PY, "manage.py", "load_register_data", "--no-progress"], env, "load_register_data")

    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "register.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from register.people.models import Person

    loaded = Person.objects.filter(dataset="synthetic").count()
    print(
        f"bench database {urllib.parse.urlsplit(url).path.lstrip('/')}: {loaded:,} synthetic persons",
        flush=True,
    )
    if loaded < args.count:
        if loaded:
            sys.exit("the bench database holds another number of persons: run with --fresh")
        work = ROOT / "var" / "bench"
        work.mkdir(parents=True, exist_ok=True)
        source = work / f"people-{args.count}-seed{args.seed}.csv"
        if not source.exists():
            seconds, _, _ = run([PY, "manage.py", "generate_people", "--count", str(args.count), "--seed",
                                 str(args.seed), "--out", str(source)], env, "generate_people")  # fmt: skip
            print(f"generated {args.count:,} rows in {seconds:.0f} s", flush=True)
        parts = split(source, args.count, args.chunk)
        report["plain COPY of file 1 (s)"] = plain_copy(url, parts[0])
        for number, part in enumerate(parts, start=1):
            seconds, rss, out = run([PY, "manage.py", "import_people", str(part), "--dataset", "synthetic",
                                     "--no-progress", "-v", "2"], env, f"import {part.name}")  # fmt: skip
            rows = int(re.match(r"(\d+) rows", out).group(1))
            print(
                f"import file {number}: {rows:,} rows in {seconds:.0f} s, peak RSS {rss:.0f} MB\n{out}",
                flush=True,
            )
            report[f"import file {number}: rows/s"] = rows / seconds
            report[f"import file {number}: seconds"] = seconds
            report["import peak RSS (MB)"] = rss
        report["ratio import / plain COPY (file 1)"] = (
            report["import file 1: seconds"] / report["plain COPY of file 1 (s)"]
        )
        store_cases()
    connection.close()
    print_import(report)
    check_cases()
    measure_search(args, env)


def print_import(report: dict) -> None:
    if report:
        print("\nImport")
        for name, value in report.items():
            print(f"  {name:45} {value:12,.1f}")


def check_cases() -> None:
    """Every case of cases.csv against the big database: found (with the 1850 filter) and its rank."""
    from register.people.search import PersonFilters, search_people

    with (ROOT / "fixtures" / "name-matching" / "cases.csv").open(encoding="utf-8") as handle:
        cases = list(csv.DictReader(handle))
    year = int(CASES_BIRTH)
    only_cases = PersonFilters(born_from=year, born_to=year)
    failures = 0
    print(f"\nName-matching cases at scale ({len(cases)} cases)")
    for case in cases:
        hits = [hit.person.display_name for hit in search_people(case["query"], only_cases, limit=50).hits]
        hits = [" ".join(name.split()) for name in hits]
        if case["expect"] == "match":
            ok = case["stored"] in hits
        else:
            better = case["expect"].split(":", 1)[1]
            ok = case["stored"] not in hits or (
                better in hits and hits.index(better) < hits.index(case["stored"])
            )
        failures += not ok
        everyone = [hit.person for hit in search_people(case["query"], limit=100).hits]
        rank = next((i + 1 for i, p in enumerate(everyone) if p.dataset == "bench-cases" and
                     p.display_name == case["stored"]), None)  # fmt: skip
        where = f"rank {rank} of all" if rank else "not in the first 100 of all"
        print(
            f"  {'ok  ' if ok else 'FAIL'} {case['query']:18} -> {case['stored']:18} {case['expect']:22}",
            where,
        )
    print(f"  {len(cases) - failures} of {len(cases)} cases pass")


def measure_search(args, env: dict) -> None:
    from django.db import connection

    from register.people.search import search_people

    rows = []
    for label, query in QUERIES:
        search_people(query)  # warm the caches once
        inproc = timings(lambda q=query: [hit.reasons for hit in search_people(q).hits], args.repeat)
        rows.append([label, query, search_people(query).total, inproc])
    server = start_gunicorn(args.port, env)
    try:
        for row in rows:
            url = f"http://127.0.0.1:{args.port}/api/v1/people/?" + urllib.parse.urlencode({"q": row[1]})
            fetch(url)
            row.append(timings(lambda u=url: fetch(u), args.repeat))
        worker_rss = workers_peak_rss(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    with connection.cursor() as cursor:
        for row in rows:
            row.append(timings(lambda q=row[1], c=cursor: naive(c, q), args.baseline_repeat))  # [] for 0
    print(f"\nSearch over {count_persons():,} persons: milliseconds, p50 / p95 of {args.repeat} runs "
          f"(baseline: {args.baseline_repeat} runs)")  # fmt: skip
    print(f"  {'query':42} {'total':>8} {'search_people':>15} {'API over HTTP':>15} {'naive ILIKE':>15}")
    for label, query, total, inproc, api, baseline in rows:
        print(f"  {label + ': ' + query:42} {total:8,}{_cells((inproc, api, baseline))}")
    everything = [[t for row in rows for t in row[i]] for i in (3, 4, 5)]
    cells = _cells(everything)
    print(f"  {'all queries':42} {'':8}{cells}")
    print(f"\nWeb workers (gunicorn, 2 workers) peak RSS: {', '.join(f'{rss:.0f} MB' for rss in worker_rss)}")


def _cells(series: list[list[float]]) -> str:
    """p50/p95 of each series of milliseconds ("-" for a series not measured)."""
    return "".join(f" {statistics.median(t):7.1f}/{p95(t):7.1f}" if t else f" {'-':>15}" for t in series)


def count_persons() -> int:
    from register.people.models import Person

    return Person.objects.count()


def naive(cursor, query: str) -> list:
    """The baseline: every word as a substring of the person's names, accents and case ignored."""
    words = query.split()
    where = " AND ".join(
        ["unaccent(p.surname || ' ' || p.given_name || ' ' || p.patronymic) ILIKE unaccent(%s)"] * len(words)
    )
    cursor.execute(
        f"SELECT p.id FROM people_person p WHERE p.published AND {where}"  # noqa: S608
        " ORDER BY p.surname, p.given_name, p.id LIMIT 20",
        [f"%{word}%" for word in words],
    )
    return cursor.fetchall()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (our own local server)
        return response.read()


def start_gunicorn(port: int, env: dict) -> subprocess.Popen:
    """gunicorn with 2 sync workers on 127.0.0.1:port, once it answers."""
    server = subprocess.Popen(  # noqa: S603
        [str(Path(PY).parent / "gunicorn"), "register.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--timeout", "120"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            fetch(f"http://127.0.0.1:{port}/api/v1/")
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not start")


def workers_peak_rss(master: int) -> list[float]:
    """Peak RSS (VmHWM, MB) of each worker process of the gunicorn master `master`."""
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", text, re.M):
            out.append(int(re.search(r"^VmHWM:\s+(\d+)", text, re.M).group(1)) / 1024)
    return out


if __name__ == "__main__":
    main()
