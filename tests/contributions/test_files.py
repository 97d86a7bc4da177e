"""Attached files: checked by content, re-encoded without metadata, stored at unguessable paths, served
only to those allowed."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from PIL import Image

from register.contributions import services
from register.contributions.files import clean_upload
from register.people.models import Person
from tests.contributions.test_services import send
from tests.personas import PDF_BYTES, jpeg_bytes, photo, png_bytes, tiff_bytes, upload


def test_gps_exif_is_stripped_and_orientation_applied():
    source = jpeg_bytes(gps=True, size=(40, 30), orientation=6)
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(0x8825)
    clean = clean_upload(upload("p.jpg", source))
    assert clean.media_type == "image/jpeg"
    image = Image.open(io.BytesIO(clean.content.read()))
    exif = image.getexif()
    assert not exif.get_ifd(0x8825) and 0x010F not in exif and not image.info.get("exif")
    assert image.size == (30, 40)  # rotated by the EXIF orientation, then the tag dropped


def test_png_pdf_and_tiff_accepted():
    assert clean_upload(upload("a.png", png_bytes())).media_type == "image/png"
    pdf = clean_upload(upload("a.pdf", PDF_BYTES))
    assert pdf.media_type == "application/pdf" and pdf.content.read() == PDF_BYTES
    tiff = clean_upload(upload("scan.tif", tiff_bytes()))
    assert tiff.media_type == "image/png" and tiff.content.name.endswith(".png")


@pytest.mark.parametrize(
    "name,data",
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>"),
        ("letter.pdf", b"Dear moderator, this is text"),
        ("x.png", b"GIF89a" + b"\0" * 40),
        ("photo.jpg", jpeg_bytes()[:40]),  # a JPEG header with no image behind it
    ],
)
def test_content_not_name_decides(name, data):
    with pytest.raises(ValidationError):
        clean_upload(upload(name, data, "image/jpeg"))


def test_oversize_file_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        clean_upload(upload("big.png", png_bytes(size=(400, 400)) + b"\0" * 2000))
    assert error.value.code == "too_large"


def test_refused_file_is_a_field_error(alice):
    with pytest.raises(ValidationError) as error:
        send(
            alice,
            files=[photo(), {"file": upload("evil.jpg", b"<html></html>", "image/jpeg"), "kind": "photo"}],
        )
    assert list(error.value.message_dict) == ["files.1.file"]


def test_stored_path_is_random_and_access_is_checked(alice, bob, mallory):
    proposal = {"fields": {"surname": "Vaitkevičiūtė", "birth_edtf": "1931", "death_edtf": "1998"}}
    sub = send(alice, proposal=proposal, files=[photo()])  # died: shown in full, files included
    attachment = sub.attachments.get()
    parts = attachment.file.name.split("/")
    assert parts[0] == "contributions" and len(parts[1]) == 32 and parts[2].endswith(".jpg")
    assert "photo" not in attachment.file.name
    stored = Image.open(attachment.file.open("rb"))
    assert not stored.getexif().get_ifd(0x8825)
    url = f"/contribute/files/{attachment.pk}/"
    assert Client().get(url).status_code == 404
    for user, status in ((mallory, 404), (alice, 200), (bob, 200)):
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    services.submission_accept(submission=sub, moderator=bob, expected_revision=0)
    assert Client().get(url).status_code == 200
    person = sub.attachments.get().record_id
    Person.objects.filter(pk=person).update(published=False)  # taken off the register: its files too
    assert Client().get(url).status_code == 404
