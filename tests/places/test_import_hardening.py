"""Broken, hostile and concurrent input to both importers: a clear problem (file, row, field) and no
change, never a traceback or a duplicate."""

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection, transaction

from register.core.importing import ImportFailed
from register.core.management.commands.load_register_data import load_register_data
from register.operations.models import Operation, OperationFigure
from register.places.importers.userfile import ImportOptions, import_places_file
from register.places.models import Activity, Location, Place, PlaceName, PrisonerFigure, Region
from register.sources.models import Source
from tests.places.test_userfile_import import make_zip, shapefile_dir, shapefile_members  # noqa: F401, F811

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def snapshot():
    """Everything a broken import could change, in a comparable form."""
    return (
        list(Place.objects.order_by("id").values_list("id", "primary_name", "country", "updated")),
        list(Location.objects.order_by("id").values_list("id", "order", "description", "geom")),
        PlaceName.objects.count(),
        list(PrisonerFigure.objects.order_by("id").values_list("id", "prisoners")),
        list(Operation.objects.order_by("id").values_list("id", "slug", "name_en")),
        OperationFigure.objects.count(),
        list(Activity.objects.order_by("id").values_list("label_en")),
        list(Region.objects.order_by("id").values_list("label_en")),
        Source.objects.count(),
    )


@pytest.fixture
def fixtures_copy(tmp_path):
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target)
    return target


def _geojson(folder: Path, change) -> None:
    path = folder / "gulag-camps" / "locations.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _first_props(key, value):
    return lambda doc: doc["features"][0]["properties"].__setitem__(key, value)


def _replace(relative: str, old: str, new: str, count: int = 1):
    def change(folder: Path) -> None:
        path = folder / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return change


def _append_copy_of_row(relative: str, row: int = 1, edit=lambda line: line):
    def change(folder: Path) -> None:
        path = folder / relative
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([*lines, edit(lines[row])]) + "\n", encoding="utf-8")

    return change


CAMPS, LOCATIONS = "gulag-camps/camps.csv", "gulag-camps/locations.geojson"
OPERATIONS, DESTINATIONS = "operations/operations.csv", "operations/destinations.csv"

BROKEN = {
    # name: (change of the copy, file, row, field) of the problem expected
    "features is not a list": (
        lambda f: _geojson(f, lambda doc: doc.__setitem__("features", {"a": 1})),
        "locations.geojson",
        0,
        "features",
    ),
    "a feature is null": (
        lambda f: _geojson(f, lambda doc: doc["features"].__setitem__(0, None)),
        "locations.geojson",
        1,
        "",
    ),
    "properties is a list": (
        lambda f: _geojson(f, lambda doc: doc["features"][0].__setitem__("properties", [1])),
        "locations.geojson",
        1,
        "properties",
    ),
    "population item is a number": (
        lambda f: _geojson(f, _first_props("population", [1953])),
        "locations.geojson",
        1,
        "population",
    ),
    "population is an object": (
        lambda f: _geojson(f, _first_props("population", {"year": 1953})),
        "locations.geojson",
        1,
        "population",
    ),
    "order is text": (lambda f: _geojson(f, _first_props("order", "first")), "locations.geojson", 1, "order"),
    "order is negative": (lambda f: _geojson(f, _first_props("order", -1)), "locations.geojson", 1, "order"),
    "order is huge": (lambda f: _geojson(f, _first_props("order", 10**12)), "locations.geojson", 1, "order"),
    "prisoners beyond the integer range": (
        lambda f: _geojson(
            f, lambda doc: doc["features"][0]["properties"]["population"][0].__setitem__("prisoners", 10**12)
        ),
        "locations.geojson",
        1,
        "population.prisoners",
    ),
    "longitude NaN": (
        _replace(LOCATIONS, "[36.462555, 55.011897]", "[NaN, 55.011897]"),
        "locations.geojson",
        1,
        "geometry",
    ),
    "camp name too long": (_replace(CAMPS, "Вишерский ИТЛ", "Я" * 400), "camps.csv", 1, "name_ru"),
    "English camp name too long": (_replace(CAMPS, "Vishersky ITL", "X" * 400), "camps.csv", 1, "name_en"),
    "alternative name too long": (
        _replace(CAMPS, "Вишлаг | Вишерлаг", "Вишлаг | " + "Я" * 400),
        "camps.csv",
        1,
        "alt_names_ru",
    ),
    "local name too long": (
        _replace("gulag-camps/local-names.csv", "Speziallager Nr. 1 Mühlberg", "S" * 400),
        "local-names.csv",
        1,
        "name",
    ),
    "vocabulary label too long": (
        _append_copy_of_row("gulag-camps/vocabularies.csv", 1, lambda line: "region,77,x,Y," + "Z" * 300),
        "vocabularies.csv",
        35,
        "label_en",
    ),
    "vocabulary id twice": (
        _append_copy_of_row("gulag-camps/vocabularies.csv", -1, lambda line: line + " (changed)"),
        "vocabularies.csv",
        35,
        "id",
    ),
    "operation count beyond the integer range": (
        _replace(OPERATIONS, "171781", "99999999999"),
        "operations.csv",
        1,
        "people_official",
    ),
    "operation slug not a slug": (
        lambda f: [
            _replace(OPERATIONS, "koreans-1937", "koreans 1937!")(f),
            _replace("operations/operation-destinations.csv", "koreans-1937", "koreans 1937!", 2)(f),
        ],
        "operations.csv",
        1,
        "slug",
    ),
    "operation name too long": (
        _replace(OPERATIONS, "Deportation of Koreans from the Soviet Far East", "X" * 400),
        "operations.csv",
        1,
        "name_en",
    ),
    "operation slug twice": (_append_copy_of_row(OPERATIONS, 1), "operations.csv", 16, "slug"),
    "destination key twice": (
        _append_copy_of_row(DESTINATIONS, 1, lambda line: line.replace("66.9", "10.0")),
        "destinations.csv",
        22,
        "key",
    ),
    "destination country in lower case": (
        _replace(DESTINATIONS, ",region,KZ", ",region,kz"),
        "destinations.csv",
        1,
        "country",
    ),
    "destination country of three letters": (
        _replace(DESTINATIONS, ",region,KZ", ",region,KAZ"),
        "destinations.csv",
        1,
        "country",
    ),
    "destination without a name": (
        _replace(DESTINATIONS, "kazakh-ssr,Kazakh SSR,", "kazakh-ssr,,"),
        "destinations.csv",
        1,
        "name_en",
    ),
    "country override in lower case": (
        _replace("gulag-camps/country-overrides.csv", "658,RU,", "658,ru,"),
        "country-overrides.csv",
        1,
        "country",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_bundled_file_is_a_problem_with_file_row_field_and_changes_nothing(db, fixtures_copy, case):
    change, file, row, field = BROKEN[case]
    change(fixtures_copy)
    before = snapshot()
    with pytest.raises(ImportFailed) as failure:
        load_register_data(fixtures_copy)
    where = [(p.file, p.row, p.field) for p in failure.value.problems]
    assert (file, row, field) in where, [str(p) for p in failure.value.problems]
    assert snapshot() == before


@pytest.mark.parametrize(
    "relative", ["sources.csv", "gulag-camps/camps.csv", "operations/operations.csv", LOCATIONS]
)
def test_a_byte_order_mark_is_read_not_mistaken_for_part_of_the_first_column(db, fixtures_copy, relative):
    path = fixtures_copy / relative
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    before = snapshot()
    assert load_register_data(fixtures_copy).changed() == 0
    assert snapshot() == before


def test_a_write_error_the_readers_miss_is_a_command_error_not_a_traceback(db, fixtures_copy):
    # sources.csv is read by register.sources.services, which does not check lengths
    _replace("sources.csv", "GULAG map: seed data (urbica/gulag-api)", "T" * 400)(fixtures_copy)
    before = snapshot()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("load_register_data", "--no-progress", "--fixtures", str(fixtures_copy), verbosity=0)
    assert snapshot() == before


def _blocked_while_another_session_holds_the_import_locks(run) -> bool:
    """Run `run` while a second database session (like a second process) holds every importer lock;
    True if `run` had to wait for it (and gave up after lock_timeout), False if it just ran."""
    from register.core import importing

    other = connection.copy()
    try:
        with other.cursor() as cursor:
            for key in getattr(importing, "LOCKS", {}).values():
                cursor.execute("SELECT pg_advisory_lock(%s)", [key])
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '300ms'")
                run()
        except OperationalError as exc:
            return "lock timeout" in str(exc)
        return False
    finally:
        other.close()


def test_two_bundled_loads_at_once_are_serialised(db):
    """A second `load_register_data` (another process) waits for the first instead of racing it into
    an IntegrityError traceback or duplicate operation figures."""
    assert _blocked_while_another_session_holds_the_import_locks(lambda: load_register_data(FIXTURES))


def test_two_imports_of_a_places_file_at_once_are_serialised(db, tmp_path):
    path = tmp_path / "camps.csv"
    path.write_text("id,name,lon,lat,kind\n1,Норильлаг,88.2,69.35,camp_point\n", encoding="utf-8")
    options = ImportOptions(dataset="race", source_title="Race test")
    assert _blocked_while_another_session_holds_the_import_locks(lambda: import_places_file(path, options))
    assert import_places_file(path, options).created == 1
    assert import_places_file(path, options).unchanged == 1


# --- a researcher's own file --------------------------------------------------------------------


def _import(tmp_path, name: str, content: bytes | str, **options):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = Place.objects.count()
    report = import_places_file(path, ImportOptions(kind="camp_point", **options))
    return report, Place.objects.count() - before


def _collection(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def _point(**properties) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [88.2, 69.35]},
        "properties": properties,
    }


def test_an_integer_coordinate_too_large_for_a_float_is_a_problem(db, tmp_path):
    text = _collection(
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"name": "x"}}
    ).replace("[1, 2]", "[1" + "0" * 400 + ", 2]")
    report, added = _import(tmp_path, "huge.geojson", text)
    assert [(p.row, p.field) for p in report.problems] == [(1, "geometry")] and added == 0


@pytest.mark.parametrize("field", ["name", "description", "alt_names"])
def test_a_nul_character_in_a_geojson_value_is_a_problem_not_a_database_error(db, tmp_path, field):
    props = {"name": "Норильлаг", field: "Нориль\u0000лаг"}
    report, added = _import(tmp_path, "nul.geojson", _collection(_point(**props)))
    assert (1, field) in [(p.row, p.field) for p in report.problems] and added == 0


def test_a_nul_byte_in_a_csv_file_is_a_problem_not_a_database_error(db, tmp_path):
    report, added = _import(tmp_path, "nul.csv", b"name,lon,lat,description\nA\x00B,88.2,69.35,x\n")
    assert report.problems and added == 0


def test_a_lone_surrogate_in_a_name_is_a_problem_not_an_encoding_error(db, tmp_path):
    text = _collection(_point(name="x")).replace('"name": "x"', '"name": "a\\ud800b"')
    report, added = _import(tmp_path, "surrogate.geojson", text)
    assert [(p.row, p.field) for p in report.problems] == [(1, "name")] and added == 0


def test_a_period_that_ends_before_it_starts_is_a_problem(db, tmp_path):
    report, added = _import(tmp_path, "period.csv", "name,lon,lat,period\nA,88.2,69.35,1938/1935\n")
    assert [(p.row, p.field) for p in report.problems] == [(1, "period")] and added == 0


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_not_read_as_utf8(db, tmp_path, encoding):
    text = "id,name,lon,lat\n1,Норильлаг,88.2,69.35\n2,Горлаг,88.1,69.3\n3,Дудинка,86.18,69.4\n"
    report, added = _import(tmp_path, "utf16.csv", text.encode(encoding))
    if report.problems:  # a clear word about the encoding is acceptable, a wrong reading is not
        assert [p.field for p in report.problems] == [""] and "encoding" in report.problems[0].message
        assert added == 0
    else:
        assert added == 3
        assert set(Place.objects.order_by("-id")[:3].values_list("primary_name", flat=True)) == {
            "Норильлаг",
            "Горлаг",
            "Дудинка",
        }


def test_names_are_stored_composed_and_canonical_duplicates_are_one_name(db, tmp_path):
    decomposed, composed = unicodedata.normalize("NFD", "Сёмлаг"), "Сёмлаг"
    report, added = _import(
        tmp_path, "nfd.csv", f"name,lon,lat,alt_names\n{decomposed},88.2,69.35,{composed}|Semlag\n"
    )
    assert not report.problems and added == 1
    place = Place.objects.latest("id")
    assert place.primary_name == composed
    assert sorted(place.names.values_list("name", flat=True)) == ["Semlag", composed]


def test_a_name_of_combining_marks_only_is_a_problem(db, tmp_path):
    report, added = _import(tmp_path, "marks.csv", "name,lon,lat\n\u0301\u0301\u0301,88.2,69.35\n")
    assert [(p.row, p.field) for p in report.problems] == [(1, "name")] and added == 0


@pytest.mark.parametrize("cpg", [b"\x00\xff nonsense", b"UTF-8\x00"])
def test_a_cpg_file_with_a_nul_byte_is_a_problem_not_a_traceback(db, tmp_path, shapefile_dir, cpg):  # noqa: F811
    members = shapefile_members(shapefile_dir) | {"camps.cpg": cpg}
    archive = make_zip(tmp_path / "cpg.zip", members)
    report = import_places_file(archive, ImportOptions(dataset="cpg"))
    assert [(p.row, p.field) for p in report.problems] == [(0, "")]
    assert ".cpg" in report.problems[0].message and not report.written
