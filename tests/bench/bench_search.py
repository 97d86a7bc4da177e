"""Benchmark: name search, filters and the map query on the loaded register (prints figures).

Run with `make bench` (loads the bundled data first). Prints the median and 95th percentile time
in milliseconds of each query over REPEAT runs, and the number of rows returned.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "register.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from register.places.selectors import map_locations, place_filter, place_list  # noqa: E402

client = Client(HTTP_HOST="127.0.0.1")


def get(url: str, **params) -> list:
    """One API or page request through Django's full stack (no network); returns [body] to count."""
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return [response.content]


REPEAT = 20
CASES = {
    "search Норильлаг": lambda: list(place_filter(place_list(), q="Норильлаг")[:50]),
    "search Norillag": lambda: list(place_filter(place_list(), q="Norillag")[:50]),
    "search typo Vorkuta": lambda: list(place_filter(place_list(), q="Vorkuta")[:50]),
    "search Дальстрой (many)": lambda: list(place_filter(place_list(), q="Дальстрой")[:50]),
    "filter year 1950 + kind": lambda: list(
        place_filter(place_list(), year=1950, kinds=["corrective_labour_camp"])
    ),
    "bbox Germany": lambda: list(place_filter(place_list(), bbox=(5.0, 47.0, 16.0, 55.5))),
    "map locations (all)": lambda: [(loc, list(loc.figures.all())) for loc in map_locations()],
    "map locations 1950": lambda: [(loc, list(loc.figures.all())) for loc in map_locations(year=1950)],
    "GET /api/v1/places/?q=Норильлаг": lambda: get("/api/v1/places/", q="Норильлаг"),
    "GET /api/v1/places/?page_size=500": lambda: get("/api/v1/places/", page_size=500),
    "GET /api/v1/map/locations/": lambda: get("/api/v1/map/locations/"),
    "GET /api/v1/map/locations/?year=1950": lambda: get("/api/v1/map/locations/", year=1950),
    "GET /places/?q=Norillag (page)": lambda: get("/places/", q="Norillag"),
    "GET /api/v1/export/places.lpf.json": lambda: get("/api/v1/export/places.lpf.json"),
}


def measure(func) -> tuple[float, float, int]:
    """Return (median ms, p95 ms, rows) of REPEAT calls of `func`."""
    times, rows = [], 0
    for _ in range(REPEAT):
        start = time.perf_counter()
        rows = len(func())
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], rows


def main() -> None:
    print(f"{'query':40} {'median ms':>10} {'p95 ms':>10} {'rows':>6}")
    for name, func in CASES.items():
        median, p95, rows = measure(func)
        print(f"{name:40} {median:10.1f} {p95:10.1f} {rows:6d}")


if __name__ == "__main__":
    main()
