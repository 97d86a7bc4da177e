"""Checking and cleaning uploaded files before they are stored.

A file is accepted by its content, never by its name or the browser's content type: the magic bytes
(the `filetype` package) must say PDF, JPEG, PNG or TIFF, and Pillow must open and verify an image.
Every image is re-encoded with Pillow after applying its EXIF orientation, without any EXIF, XMP, IPTC
or GPS metadata (a photo taken with a phone carries the place it was taken); a TIFF becomes a PNG,
which every browser shows. PDFs are kept as they are. Files larger than settings.UPLOAD_MAX_BYTES are
refused before they are read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tif",
}
MAX_PIXELS = 60_000_000  # larger images are refused (decompression bombs); a 600 dpi A3 scan is ~70M


@dataclass
class CleanFile:
    """A checked file ready to store: `content` (a ContentFile named "upload.<ext>"), its `media_type`
    ("application/pdf", "image/jpeg", "image/png") and `size` in bytes."""

    content: ContentFile
    media_type: str
    size: int


def clean_upload(upload) -> CleanFile:
    """Check an uploaded file (a Django UploadedFile or any object with .size and .read()) and return it
    cleaned (see the module docstring).

    Raises ValidationError (code "too_large", "file_type" or "broken_image") with a message naming the
    file; nothing is stored.
    """
    name = getattr(upload, "name", "") or _("the file")
    limit = settings.UPLOAD_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_large(name, limit)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, limit)
    kind = filetype.guess(data[:8192])
    media_type = kind.mime if kind else ""
    if media_type not in ACCEPTED:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG, PNG or TIFF file (its content was checked, not its name)."),
            code="file_type",
            params={"name": name},
        )
    if media_type == "application/pdf":
        if not data.startswith(b"%PDF-"):
            raise ValidationError(_("“%(name)s” is not a PDF file."), code="file_type", params={"name": name})
        return CleanFile(ContentFile(data, name="upload.pdf"), media_type, len(data))
    return _clean_image(data, media_type, name)


def _too_large(name: str, limit: int) -> ValidationError:
    return ValidationError(
        _("“%(name)s” is larger than %(limit)s."),
        code="too_large",
        params={"name": name, "limit": filesizeformat(limit)},
    )


def _clean_image(data: bytes, media_type: str, name: str) -> CleanFile:
    broken = ValidationError(
        _("“%(name)s” could not be read as an image."), code="broken_image", params={"name": name}
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _("“%(name)s” has too many pixels."), code="broken_image", params={"name": name}
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            return _encode(image, media_type)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise broken from exc


def _encode(image: Image.Image, media_type: str) -> CleanFile:
    """Save a fresh copy of the pixels only: no info dictionary, so no EXIF, XMP, ICC or text chunks."""
    out = io.BytesIO()
    if media_type == "image/jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        clean.save(out, format="JPEG", quality=90, optimize=True)
        ext = "jpg"
    else:  # PNG and TIFF -> PNG
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        clean = Image.new(image.mode, image.size)
        if image.mode == "P":
            clean.putpalette(image.getpalette())
        clean.paste(image)
        clean.save(out, format="PNG", optimize=True)
        media_type, ext = "image/png", "png"
    data = out.getvalue()
    return CleanFile(ContentFile(data, name=f"upload.{ext}"), media_type, len(data))
