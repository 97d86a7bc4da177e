"""Personas and helpers of the contribution tests: alice (relative, verified), bob and carol (moderators),
mallory (attacker with a verified account), dave (signed up, e-mail not verified)."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from register.accounts.roles import MODERATORS_GROUP
from register.operations.models import Operation
from register.people.models import Person
from register.places.models import Place

PASSWORD = "Kolyma-1937-winter"  # noqa: S105 (a test password)


@pytest.fixture(scope="package")
def restore_session_data(django_db_blocker):
    """For the transactional tests (threads, the browser): the flush that ends each of them empties every
    table, so put back what the session had (the bundled data of tests/conftest.py and the Moderators
    group of the accounts migration) once they are done, for the tests that run after them and for the
    next run of a reused test database."""
    yield
    with django_db_blocker.unblock():
        Group.objects.get_or_create(name=MODERATORS_GROUP)
        call_command("load_register_data", "--no-progress", verbosity=0)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads go to a temporary folder; hashing is fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(django_user_model, username, *, verified=True, moderator=False):
    email = f"{username}@example.org"
    user = django_user_model.objects.create_user(username, email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    if moderator:
        # get_or_create: a transactional test runs after a flush, without the migration's group
        user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    return user


@pytest.fixture
def alice(real_data, django_user_model):
    return make_user(django_user_model, "alice")


@pytest.fixture
def bob(real_data, django_user_model):
    return make_user(django_user_model, "bob", moderator=True)


@pytest.fixture
def carol(real_data, django_user_model):
    return make_user(django_user_model, "carol", moderator=True)


@pytest.fixture
def mallory(real_data, django_user_model):
    return make_user(django_user_model, "mallory")


@pytest.fixture
def dave(real_data, django_user_model):
    return make_user(django_user_model, "dave", verified=False)


@pytest.fixture
def person(real_data):
    """A real bundled person with name forms and events."""
    return Person.objects.filter(published=True, events__isnull=False).distinct().order_by("id").first()


@pytest.fixture
def place(real_data):
    return Place.objects.get(primary_name="Норильский ИТЛ")


@pytest.fixture
def operation(real_data):
    return Operation.objects.order_by("slug").first()


def jpeg_bytes(*, gps=False, size=(40, 30), orientation=None) -> bytes:
    """A real JPEG made with Pillow; with `gps`, its EXIF carries a GPS position (Kaunas)."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (54.0, 54.0, 0.0), 3: "E", 4: (23.0, 54.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_bytes(size=(20, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 0)).save(out, format="PNG")
    return out.getvalue()


def tiff_bytes(size=(20, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 0, 90)).save(out, format="TIFF")
    return out.getvalue()


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def photo(**meta):
    """A files= item of submission_create: a JPEG photo with GPS EXIF and its description."""
    return {
        "file": upload("photo.jpg", jpeg_bytes(gps=True), "image/jpeg"),
        "kind": "photo",
        "description": "In Igarka, 1952",
        "date_edtf": "1952",
        "source": "family album",
        **meta,
    }
