"""The test personas and the files they send, shared by every test package.

alice (relative, verified e-mail), bob and carol (moderators), mallory (an attacker with a verified
account of her own), dave (signed up, e-mail not verified). The fixtures are in tests/conftest.py; a
package may define its own persona of the same name (tests/accounts does, with allauth's usernames).
"""

import io

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from register.accounts.roles import MODERATORS_GROUP

PASSWORD = "Kolyma-1937-winter"  # noqa: S105 (a test password)


def make_user(django_user_model, username, *, verified=True, moderator=False, superuser=False):
    """A user `username` with the e-mail address <username>@example.org recorded (verified or not);
    a member of the Moderators group with `moderator`, a superuser with `superuser`."""
    email = f"{username}@example.org"
    manager = django_user_model.objects
    user = (manager.create_superuser if superuser else manager.create_user)(username, email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    if moderator:
        # get_or_create: a transactional test runs after a flush, without the migration's group
        user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    return user


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
