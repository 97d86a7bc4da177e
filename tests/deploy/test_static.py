"""Production static files: collectstatic with the hashed manifest storage (as in the Docker image)."""

from django.core.management import call_command
from django.test import override_settings

MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_with_manifest_storage_succeeds(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGES):
        call_command("collectstatic", "--noinput", verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text(encoding="utf-8")
    for path in (
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "basemap/countries-110m.geojson",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
    ):
        assert f'"{path}"' in manifest
