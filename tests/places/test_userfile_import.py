"""Import of a researcher's own places file: formats, CRSs, encodings, validation, idempotence, safety."""

import json
import math
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from register.places.importers import crs as crs_mod
from register.places.importers.userfile import ImportOptions, import_places_file
from register.places.models import Location, NameKind, Place, PlaceName
from register.sources.models import Citation, Source

DATA = Path(__file__).parent / "data"
NORILSK = (88.2, 69.35)
R = 6378137.0  # WGS 84 semi-major axis, the sphere of EPSG:3857


def run(*args) -> str:
    """Run import_places, return its stdout (raises CommandError like the command does)."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_places", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        exc.stderr = err.getvalue()
        raise
    return out.getvalue()


def places(dataset: str):
    return Place.objects.filter(dataset=f"user:{dataset}")


def mercator(lon: float, lat: float) -> list[float]:
    return [R * math.radians(lon), R * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))]


def write_geojson(path: Path, features: list, crs: dict | None = None) -> Path:
    doc = {"type": "FeatureCollection", "features": features}
    if crs is not None:
        doc["crs"] = crs
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def feature(geometry: dict, **properties) -> dict:
    return {"type": "Feature", "properties": {"kind": "prison", **properties}, "geometry": geometry}


# --- shapefiles, made with ogr2ogr (gdal-bin, installed by scripts/bootstrap-system.sh) -------------

CAMPS = [  # (id, name, lon, lat, description); several Cyrillic rows so that detection is reliable
    ("1", "Норильлаг", 88.2, 69.35, "Норильский исправительно-трудовой лагерь"),
    ("2", "Горлаг", 88.1, 69.3, "Особый лагерь № 2, Горный лагерь в Норильске"),
    ("3", "Дудинский пересыльный пункт", 86.18, 69.4, "Пересыльный пункт в порту Дудинки на Енисее"),
]


@pytest.fixture(scope="module")
def shapefile_dir(tmp_path_factory) -> Path:
    """A cp1251 point shapefile in UTM zone 45N (EPSG:32645) with .prj and .cpg, as ogr2ogr writes it."""
    assert shutil.which("ogr2ogr"), "ogr2ogr comes with gdal-bin, which scripts/bootstrap-system.sh installs"
    folder = tmp_path_factory.mktemp("shp")
    source = write_geojson(
        folder / "camps.geojson",
        [
            {
                "type": "Feature",
                "properties": {
                    "id": cid,
                    "name": name,
                    "kind": "corrective_labour_camp",
                    "description": text,
                    "name_lang": "ru",
                },
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
            for cid, name, lon, lat, text in CAMPS
        ],
    )
    subprocess.run(
        [
            "ogr2ogr",
            "-f",
            "ESRI Shapefile",
            "-t_srs",
            "EPSG:32645",
            "-lco",
            "ENCODING=CP1251",
            str(folder / "camps.shp"),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return folder


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def shapefile_members(folder: Path, exts=(".shp", ".shx", ".dbf", ".prj", ".cpg"), prefix="camps") -> dict:
    return {f"{prefix}{ext}": (folder / f"camps{ext}").read_bytes() for ext in exts}


# --- formats and CRSs ---------------------------------------------------------------------------------


def test_geojson_in_wgs84_creates_unpublished_places_with_names_and_location(db):
    out = run(DATA / "places-4326.geojson", "--dataset", "g84")
    assert "created 2, updated 0, unchanged 0" in out
    assert "Ignored columns: note" in out
    norillag = places("g84").get(source_record_id="norillag")  # the Feature's top-level id
    assert norillag.published is False
    assert (norillag.kind, norillag.primary_name, norillag.country) == (
        "corrective_labour_camp",
        "Норильлаг",
        "RU",
    )
    assert (norillag.wikidata, norillag.geonames_id, norillag.period_edtf) == (
        "Q1057990",
        1497337,
        "1935/1956",
    )
    assert norillag.period_start.year == 1935 and norillag.period_end.year == 1956
    names = {(n.name, n.language, n.kind, n.script) for n in norillag.names.all()}
    assert names == {
        ("Норильлаг", "ru", NameKind.OFFICIAL, "Cyrl"),
        ("Norillag", "ru", NameKind.ALTERNATIVE, "Latn"),
        ("Норильский ИТЛ", "ru", NameKind.ALTERNATIVE, "Cyrl"),
    }
    location = norillag.locations.get()
    assert (location.order, location.precision, location.dataset, location.source_record_id) == (
        0,
        "settlement",
        "user:g84",
        "norillag",
    )
    assert location.geom.equals_exact(Point(*NORILSK, srid=4326), 1e-12)
    zone = places("g84").get(source_record_id="kengir-zone")
    assert zone.locations.get().geom.geom_type == "Polygon"
    assert zone.names.get().language == "en"


@pytest.mark.parametrize(
    "crs_member, option",
    [
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, None),
        ({"type": "name", "properties": {"name": "EPSG:3857"}}, None),
        (None, "EPSG:3857"),
    ],
)
def test_geojson_in_web_mercator_is_reprojected(db, tmp_path, crs_member, option):
    path = write_geojson(
        tmp_path / "merc.geojson",
        [
            feature({"type": "Point", "coordinates": mercator(*NORILSK)}, id="n", name="Norilsk"),
        ],
        crs_member,
    )
    run(path, "--dataset", "merc", *(["--crs", option] if option else []))
    geom = places("merc").get().locations.get().geom
    assert geom.srid == 4326
    assert abs(geom.x - NORILSK[0]) < 1e-6 and abs(geom.y - NORILSK[1]) < 1e-6


def test_csv_in_cp1251_is_detected_with_semicolons_and_decimal_commas(db):
    report = import_places_file(DATA / "places-cp1251.csv", ImportOptions(dataset="cyr", lang="ru"))
    assert report.problems == [] and report.written
    assert report.encoding == "cp1251"
    norillag = places("cyr").get(source_record_id="1")
    assert norillag.primary_name == "Норильлаг"
    assert norillag.description.startswith("Норильский исправительно-трудовой лагерь")
    assert set(norillag.names.values_list("name", "language", "script")) == {
        ("Норильлаг", "ru", "Cyrl"),
        ("Норильский ИТЛ", "ru", "Cyrl"),
        ("Norillag", "ru", "Latn"),
    }
    assert norillag.locations.get().geom.coords == NORILSK
    assert set(places("cyr").values_list("primary_name", flat=True)) == {"Норильлаг", "Воркутлаг", "Карлаг"}


def test_csv_with_wkt_column(db):
    run(DATA / "places-wkt.csv", "--dataset", "wkt", "--lang", "ru")
    types = dict(Location.objects.filter(dataset="user:wkt").values_list("source_record_id", "geom"))
    assert {key: geom.geom_type for key, geom in types.items()} == {
        "kengir": "Polygon",
        "solovki": "Point",
        "two-islands": "MultiPolygon",
    }
    assert types["solovki"].coords == (35.67, 65.02)
    assert places("wkt").get(source_record_id="two-islands").locations.get().precision == "region"


@pytest.mark.parametrize(
    "exts, ldid",
    [
        ((".shp", ".shx", ".dbf", ".prj", ".cpg"), None),
        ((".shp", ".shx", ".dbf", ".prj"), None),
        ((".shp", ".shx", ".dbf", ".prj"), 0xC9),  # a cp1251 language driver id, which GDAL would recode from
    ],
    ids=["with-cpg", "detected-encoding", "detected-despite-ldid"],
)
def test_zipped_shapefile_in_utm_is_reprojected_and_decoded(db, tmp_path, shapefile_dir, exts, ldid):
    members = shapefile_members(shapefile_dir, exts)
    if ldid is not None:
        dbf = bytearray(members["camps.dbf"])
        dbf[29] = ldid
        members["camps.dbf"] = bytes(dbf)
    archive = make_zip(tmp_path / "camps.zip", members)
    report = import_places_file(archive, ImportOptions(dataset="shp"))
    assert report.problems == [] and report.written
    assert report.encoding == "cp1251" and report.crs.startswith("WGS 84 / UTM zone 45N")
    for cid, name, lon, lat, text in CAMPS:
        place = places("shp").get(source_record_id=cid)
        assert (place.primary_name, place.description, place.kind) == (name, text, "corrective_labour_camp")
        geom = place.locations.get().geom
        assert abs(geom.x - lon) < 1e-6 and abs(geom.y - lat) < 1e-6


def test_shapefile_without_prj_needs_crs_option(db, tmp_path, shapefile_dir):
    archive = make_zip(tmp_path / "noprj.zip", shapefile_members(shapefile_dir, (".shp", ".shx", ".dbf")))
    with pytest.raises(CommandError) as excinfo:
        run(archive, "--dataset", "noprj")
    assert "no .prj; give --crs" in excinfo.value.stderr
    run(archive, "--dataset", "noprj", "--crs", "EPSG:32645", "--encoding", "cp1251")
    assert places("noprj").count() == 3


# --- validation, dry run, idempotence ---------------------------------------------------------------


def test_dry_run_writes_nothing(db):
    before = (
        Place.objects.count(),
        PlaceName.objects.count(),
        Location.objects.count(),
        Source.objects.count(),
    )
    out = run(DATA / "places-4326.geojson", "--dataset", "dry", "--source-title", "Dry run data", "--dry-run")
    assert "Dry run, nothing written. Would have: created 2, updated 0, unchanged 0." in out
    assert "Source: new “Dry run data”" in out
    after = (
        Place.objects.count(),
        PlaceName.objects.count(),
        Location.objects.count(),
        Source.objects.count(),
    )
    assert after == before


def test_every_problem_is_reported_with_row_and_field_and_nothing_is_written(db):
    report = import_places_file(DATA / "problems.csv", ImportOptions(dataset="bad"))
    assert not report.written
    found = {(p.row, p.field) for p in report.problems}
    assert found == {
        (2, "name"),
        (3, "kind"),
        (3, "period"),
        (4, "precision"),
        (4, "country"),
        (4, "wikidata"),
        (5, "lon/lat"),
        (6, "lon"),
        (6, "name_lang"),
        (6, "geonames_id"),
        (7, "id"),
    }
    assert all(p.file == "problems.csv" for p in report.problems)
    assert not places("bad").exists()  # row 1 is valid, but nothing is written when any row is not
    with pytest.raises(CommandError, match="11 problem"):
        run(DATA / "problems.csv", "--dataset", "bad")
    assert not places("bad").exists()


def test_invalid_geometry_and_other_types_are_reported_not_repaired(db, tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    path = write_geojson(
        tmp_path / "geoms.geojson",
        [
            feature(bowtie, name="Bow tie"),
            feature({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, name="Line"),
            feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0]]]}, name="Open ring"),
            feature(None, name="No geometry"),
            feature(
                {
                    "type": "Point",
                    "coordinates": [1, 2],
                    "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
                },
                name="Geometry with its own CRS",
            ),
        ],
    )
    report = import_places_file(path, ImportOptions())
    messages = {p.row: p.message for p in report.problems}
    assert set(messages) == {1, 2, 3, 4, 5} and {p.field for p in report.problems} == {"geometry"}
    assert "Self-intersection" in messages[1] and "not repaired" in messages[1]
    assert "LineString is not supported" in messages[2]
    assert "malformed Polygon" in messages[3]
    assert "no geometry" in messages[4]
    assert "only accepted on the FeatureCollection" in messages[5]
    assert not report.written


def test_reimport_is_idempotent_and_updates_what_changed(db, tmp_path):
    assert "created 2, updated 0, unchanged 0" in run(DATA / "places-4326.geojson", "--dataset", "again")
    ids = sorted(places("again").values_list("pk", "public_id"))
    assert "created 0, updated 0, unchanged 2" in run(DATA / "places-4326.geojson", "--dataset", "again")
    assert sorted(places("again").values_list("pk", "public_id")) == ids
    assert PlaceName.objects.filter(place__dataset="user:again").count() == 4
    doc = json.loads((DATA / "places-4326.geojson").read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["alt_names"] = "Norilsk camp"
    doc["features"][0]["geometry"]["coordinates"] = [88.25, 69.33]
    changed = write_geojson(tmp_path / "changed.geojson", doc["features"])
    assert "created 0, updated 1, unchanged 1" in run(changed, "--dataset", "again")
    norillag = places("again").get(source_record_id="norillag")
    assert set(norillag.names.values_list("name", flat=True)) == {"Норильлаг", "Norilsk camp"}
    assert norillag.locations.get().geom.coords == (88.25, 69.33)
    assert "created 0, updated 0, unchanged 2" in run(changed, "--dataset", "again")


def test_without_dataset_every_run_creates(db):
    out = run(DATA / "places-wkt.csv")
    assert "No --dataset" in out
    run(DATA / "places-wkt.csv")
    assert Place.objects.filter(primary_name="SLON islands", dataset="").count() == 2


def test_kind_option_language_option_and_publish(db, tmp_path):
    path = write_geojson(
        tmp_path / "k.geojson",
        [
            {
                "type": "Feature",
                "properties": {"id": "a", "name": "Камень"},
                "geometry": {"type": "Point", "coordinates": [60, 60]},
            },
        ],
    )
    with pytest.raises(CommandError):
        run(path, "--dataset", "k")  # no kind in the file and no --kind
    run(path, "--dataset", "k", "--kind", "burial_site", "--lang", "RU", "--publish")
    place = places("k").get()
    assert (place.kind, place.published, place.names.get().language) == ("burial_site", True, "ru")


def test_sources_are_checked_created_and_cited(db):
    with pytest.raises(CommandError) as excinfo:
        run(DATA / "places-wkt.csv", "--dataset", "src", "--source", "no-such-source")
    assert "no source with the key “no-such-source”" in excinfo.value.stderr
    out = run(DATA / "places-wkt.csv", "--dataset", "src", "--source-title", "Мои лагеря 2024")
    assert "Source: new “Мои лагеря 2024”" in out  # just created, so not "existing"
    source = Source.objects.get(key="moi-lagerya-2024")
    assert (source.kind, source.title) == ("data_set", "Мои лагеря 2024")
    kengir = places("src").get(source_record_id="kengir")
    assert kengir.names.get().source == source and kengir.locations.get().source == source
    assert Citation.objects.filter(source=source, place=kengir, locator="kengir").exists()
    out = run(DATA / "places-wkt.csv", "--dataset", "src", "--source", "moi-lagerya-2024")
    assert "created 0, updated 0, unchanged 3" in out and "Source: existing" in out


# --- safety: CRS text and zip members ------------------------------------------------------------------

HOSTILE_PRJ = [
    "+proj=longlat +init=/etc/passwd:4326",
    'GEOGCS["x",DATUM["y",SPHEROID["z",6378137,298.257]],PRIMEM["G",0],UNIT["degree",0.0174532925199433],'
    'EXTENSION["PROJ4","+proj=longlat +init=/etc/passwd:1"]]',
    "http://example.invalid/crs.prj",
    'GEOGCS["http://example.invalid/crs",DATUM["y",SPHEROID["z",6378137,298.257]],PRIMEM["G",0],UNIT["d",1]]',
    "/etc/passwd",
    'PROJCS["x",GEOGCS["file:///etc/passwd"]]',
    'GEOGCS["C:\\\\Windows\\\\crs.prj"]',
]


@pytest.mark.parametrize("prj", HOSTILE_PRJ)
def test_hostile_prj_is_rejected(db, tmp_path, shapefile_dir, prj):
    members = shapefile_members(shapefile_dir) | {"camps.prj": prj.encode()}
    archive = make_zip(tmp_path / "hostile.zip", members)
    with pytest.raises(CommandError) as excinfo:
        run(archive, "--dataset", "hostile")
    assert "field “crs”: The .prj file" in excinfo.value.stderr
    assert not places("hostile").exists()
    with pytest.raises(crs_mod.CRSError):
        crs_mod.srs_from_prj(prj.encode())


def test_prj_never_reaches_gdal_user_input(db, tmp_path, shapefile_dir, monkeypatch):
    """Only integer EPSG codes and srs_type="wkt" are ever given to SpatialReference."""
    calls = []
    real = crs_mod.SpatialReference

    def spy(srs_input, srs_type="user", **kwargs):
        calls.append((type(srs_input), srs_type))
        return real(srs_input, srs_type, **kwargs)

    monkeypatch.setattr(crs_mod, "SpatialReference", spy)
    archive = make_zip(tmp_path / "camps.zip", shapefile_members(shapefile_dir))  # ESRI WKT, no EPSG id
    assert import_places_file(archive, ImportOptions(dataset="spy")).written
    assert calls and all(kind is int or srs_type == "wkt" for kind, srs_type in calls)
    assert (str, "wkt") in calls


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "http://example.invalid/crs",
        "+init=epsg:4326",
        "EPSG:4326 +proj=longlat",
        "urn:ogc:def:crs:EPSG::",
    ],
)
def test_hostile_geojson_crs_name_is_rejected(db, tmp_path, name):
    path = write_geojson(
        tmp_path / "hostile.geojson",
        [feature({"type": "Point", "coordinates": [1, 2]}, name="X", id="x")],
        {"type": "name", "properties": {"name": name}},
    )
    report = import_places_file(path, ImportOptions(dataset="hostile"))
    assert [(p.row, p.field) for p in report.problems] == [(0, "crs")]
    assert "is not accepted" in report.problems[0].message
    assert not report.written and not places("hostile").exists()


def test_linked_geojson_crs_is_rejected(db, tmp_path):
    path = write_geojson(
        tmp_path / "link.geojson",
        [feature({"type": "Point", "coordinates": [1, 2]}, name="X")],
        {"type": "link", "properties": {"href": "http://example.invalid/crs", "type": "proj4"}},
    )
    report = import_places_file(path, ImportOptions())
    assert [(p.field, p.message[:24]) for p in report.problems] == [("crs", "Only a named CRS is acce")]


@pytest.mark.parametrize(
    "member", ["../evil.shp", "/tmp/evil.dbf", "camps/../../evil.prj", "C:/evil.shx", "a\\..\\b.dbf"]
)
def test_zip_slip_member_is_rejected(db, tmp_path, shapefile_dir, member):
    archive = make_zip(tmp_path / "slip.zip", shapefile_members(shapefile_dir) | {member: b"x"})
    report = import_places_file(archive, ImportOptions(dataset="slip"))
    assert len(report.problems) == 1 and "has an unsafe path" in report.problems[0].message
    assert not report.written and not (tmp_path.parent / "evil.shp").exists()


def test_zip_must_hold_exactly_one_shapefile(db, tmp_path, shapefile_dir):
    two = shapefile_members(shapefile_dir) | shapefile_members(shapefile_dir, prefix="other")
    report = import_places_file(make_zip(tmp_path / "two.zip", two), ImportOptions())
    assert "exactly one .shp file, it holds 2" in report.problems[0].message
    fake = shapefile_members(shapefile_dir) | {"camps.shp": b'<OGRVRTDataSource><OGRVRTLayer name="x"/>'}
    report = import_places_file(make_zip(tmp_path / "fake.zip", fake), ImportOptions())
    assert "not ESRI Shapefile data" in report.problems[0].message


@pytest.mark.parametrize("text, code", [("EPSG:3857", 3857), ("epsg:32645", 32645)])
def test_crs_option_accepts_only_epsg_codes(text, code):
    assert crs_mod.srs_from_option(text).srid == code


@pytest.mark.parametrize(
    "text", ["3857", "+proj=merc", "/etc/passwd", "EPSG:3857 +towgs84=0", "ESRI:102100", "EPSG:0"]
)
def test_crs_option_rejects_anything_else(text):
    with pytest.raises(crs_mod.CRSError):
        crs_mod.srs_from_option(text)


def test_prj_epsg_authority_is_looked_up_by_code():
    wkt = (
        'PROJCS["WGS 84 / UTM zone 45N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6.378137e+06,'
        '298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0],'
        'UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]],PROJECTION["Transverse_Mercator"],'
        'PARAMETER["central_meridian",87],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","32645"]]'
    )
    assert crs_mod.srs_from_prj(wkt.encode()).srid == 32645


def test_bad_options_are_all_reported(db, tmp_path, shapefile_dir):
    archive = make_zip(tmp_path / "camps.zip", shapefile_members(shapefile_dir))
    options = ImportOptions(
        crs="+proj=merc", encoding="no-such-codec", lang="xx-!!", dataset="Bad Name", kind="camp"
    )
    report = import_places_file(archive, options)
    assert {p.field for p in report.problems if p.row == 0} >= {
        "--crs",
        "--encoding",
        "--lang",
        "--dataset",
        "--kind",
    }
    assert not report.written


@pytest.mark.parametrize("member", ["EPSG:4326", ["EPSG", 4326], {"type": "name", "properties": "EPSG:4326"}])
def test_malformed_geojson_crs_member_is_a_problem_not_a_crash(db, tmp_path, member):
    path = write_geojson(
        tmp_path / "m.geojson", [feature({"type": "Point", "coordinates": [1, 2]}, name="X")], member
    )
    report = import_places_file(path, ImportOptions())
    assert [p.field for p in report.problems] == ["crs"]
