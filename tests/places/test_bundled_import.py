"""The bundled real data: exact counts, quirks kept, idempotence and atomicity of the importer."""

import csv
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from register.core.ids import stable_public_id
from register.core.importing import ImportFailed
from register.core.management.commands.load_register_data import load_register_data
from register.operations.models import Operation, OperationFigure
from register.places.models import Activity, Location, Place, PlaceKind, PrisonerFigure, Region

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
CAMPS = Place.objects.filter(dataset="memorial-gulag")


def counts():
    return (
        Place.objects.count(),
        Location.objects.count(),
        PrisonerFigure.objects.count(),
        Operation.objects.count(),
        OperationFigure.objects.count(),
    )


@pytest.fixture
def fixtures_copy(tmp_path):
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target)
    return target


def test_exact_counts_of_the_real_data(db):
    assert CAMPS.filter(published=True).count() == 574
    assert Location.objects.filter(dataset="memorial-gulag").count() == 668
    assert PrisonerFigure.objects.filter(location__dataset="memorial-gulag").count() == 2472
    assert Activity.objects.count() == 13
    assert Region.objects.count() == 15
    assert Operation.objects.count() == 15
    assert set(CAMPS.values_list("kind", flat=True)) == {
        PlaceKind.CORRECTIVE_LABOUR_CAMP,
        PlaceKind.SPECIAL_CAMP,
        PlaceKind.NKVD_SPECIAL_CAMP,
        PlaceKind.CAMP_POINT,
        PlaceKind.SPECIAL_SETTLEMENT_AREA,
        PlaceKind.FILTRATION_CAMP,
        PlaceKind.UNKNOWN,
    }


def test_no_figure_is_never_stored_as_zero(db):
    assert not PrisonerFigure.objects.filter(prisoners=0).exists()
    assert PrisonerFigure.objects.filter(source_value="0", prisoners__isnull=True).count() == 527
    assert PrisonerFigure.objects.filter(source_value="", prisoners__isnull=True).count() == 87


def test_quirks_of_the_source_are_kept(db):
    published = CAMPS.filter(published=True)
    assert published.filter(kind=PlaceKind.FILTRATION_CAMP, primary_name_en="").count() == 83
    assert published.filter(activity__isnull=True).count() == 62
    assert published.filter(region__isnull=True).count() == 16
    assert published.filter(kind=PlaceKind.UNKNOWN).count() == 4
    assert published.filter(kind=PlaceKind.SPECIAL_CAMP).count() == 13
    assert published.filter(kind=PlaceKind.NKVD_SPECIAL_CAMP).count() == 10
    # the same English name belongs to two camps: names are not keys
    assert published.filter(primary_name_en="Aktiubinsky ITL").count() == 2
    # Norillag and Gorlag share exactly the same point
    norillag = Location.objects.get(place__names__name="Норильлаг", order=0)
    gorlag = Location.objects.filter(place__names__name="Горлаг").first()
    assert norillag.geom.equals_exact(gorlag.geom, 0)
    assert Location.objects.filter(dataset="memorial-gulag", figures__isnull=True).count() == 24


def test_orphan_locations_are_kept_unpublished(db):
    placeholders = CAMPS.filter(published=False)
    assert placeholders.count() == 6
    assert set(placeholders.values_list("kind", flat=True)) == {PlaceKind.UNKNOWN}
    assert Location.objects.filter(place__in=placeholders).count() == 7
    assert all("camps.csv does not list" in p.description for p in placeholders)


def test_public_ids_are_stable_across_installs(db):
    place = CAMPS.get(source_record_id="133")
    assert place.public_id == stable_public_id("memorial-gulag", "133", "p")
    assert place.get_absolute_url() == f"/places/{place.public_id}/"


def test_present_day_country_and_local_names(db):
    german = CAMPS.filter(kind=PlaceKind.NKVD_SPECIAL_CAMP)
    assert set(german.values_list("country", flat=True)) == {"DE"}
    buchenwald = CAMPS.get(source_record_id="501")
    assert buchenwald.names.filter(language="de", kind="local", name__contains="Buchenwald").exists()
    assert CAMPS.get(source_record_id="638").country == "EE"  # Tallinn filtration camp
    assert CAMPS.get(names__name="Норильлаг").country == "RU"
    # Enso (Svetogorsk) lies just inside Russia; country-overrides.csv corrects the coarse outline
    assert CAMPS.get(source_record_id="658").country == "RU"
    # Russia's outline crosses the antimeridian: Vorkuta and Chukotka still lie in it
    assert CAMPS.get(names__name="Воркутлаг").country == "RU"
    assert CAMPS.get(source_record_id="401").country == "RU"  # Chukotsky ITL
    # only camps without any location have no present-day country
    assert not CAMPS.filter(published=True, country="", locations__isnull=False).exists()


def test_operations_keep_each_figure_with_its_source(db):
    priboi = Operation.objects.get(slug="priboi-1949")
    assert priboi.period_edtf == "1949-03-25/1949-03-28"
    assert sorted(priboi.origin_countries) == ["EE", "LT", "LV"]
    official = priboi.figures.get(is_official=True)
    assert official.people == 94779
    assert priboi.figures.count() == 2
    june = Operation.objects.get(slug="june-1941-baltic")
    figure = june.figures.get()
    assert figure.source.key == "eu-informal-resolution-2021" and figure.locator == "clause N"
    assert june.destinations.filter(kind=PlaceKind.SPECIAL_SETTLEMENT_AREA).count() == 7
    katyn = Operation.objects.get(slug="katyn-1940")
    assert set(katyn.destinations.values_list("kind", flat=True)) == {"execution_site", "burial_site"}


def test_rerun_changes_nothing(db):
    before = counts()
    summary = load_register_data(FIXTURES)
    assert summary.changed() == 0
    assert counts() == before


def test_a_changed_row_is_updated_in_place(db, fixtures_copy):
    path = fixtures_copy / "gulag-camps" / "camps.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["name_en"] = "Vishera corrective labour camp"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    before = counts()
    summary = load_register_data(fixtures_copy)
    assert summary.counts[("camp administrations", "updated")] == 1
    assert counts() == before
    assert CAMPS.get(source_record_id="1").primary_name_en == "Vishera corrective labour camp"


def test_a_broken_file_changes_nothing_and_names_row_and_field(db, fixtures_copy):
    camps = fixtures_copy / "gulag-camps" / "camps.csv"
    text = camps.read_text(encoding="utf-8").replace(
        "Вишерский ИТЛ,Vishersky ITL", "Вишерский ИТЛ,Changed name"
    )
    camps.write_text(
        text.replace(
            ",Far Eastern ITL,Дальлаг,corrective_labour_camp,8,3",
            ",Far Eastern ITL,Дальлаг,corrective_labour_camp,99,3",
        ),
        encoding="utf-8",
    )
    locations = fixtures_copy / "gulag-camps" / "locations.geojson"
    data = json.loads(locations.read_text(encoding="utf-8"))
    data["features"][4]["properties"]["population"][0]["prisoners"] = -5
    locations.write_text(json.dumps(data), encoding="utf-8")
    before = counts()
    with pytest.raises(ImportFailed) as failure:
        load_register_data(fixtures_copy)
    messages = [str(problem) for problem in failure.value.problems]
    assert any(m.startswith("camps.csv, row 2, field “activity_id”") for m in messages), messages
    assert any(m.startswith("locations.geojson, row 5, field “population.prisoners”") for m in messages)
    assert counts() == before
    assert CAMPS.get(source_record_id="1").primary_name_en == "Vishersky ITL"


def test_command_reports_problems_as_a_command_error(db, fixtures_copy):
    (fixtures_copy / "operations" / "operations.csv").write_text(
        "slug,kind\nx,teleportation\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="operations.csv: required column is missing|operations.csv"):
        call_command("load_register_data", "--no-progress", "--fixtures", str(fixtures_copy))
