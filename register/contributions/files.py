"""Checking and cleaning uploaded files before they are stored.

A file is accepted by its content, never by its name or the browser's content type: the magic bytes
(the `filetype` package) must say PDF, JPEG, PNG or TIFF, and Pillow must open and verify an image.
Every image is re-encoded with Pillow after applying its EXIF orientation, without any EXIF, XMP, IPTC
or GPS metadata (a photo taken with a phone carries the place it was taken); a TIFF becomes a PNG,
which every browser shows (a TIFF of several pages is refused: send it as a PDF). PDFs are kept as they
are and never read whole into memory: they are streamed to storage from the uploaded (temporary) file.

Limits, checked before the content is decoded: settings.UPLOAD_MAX_BYTES per file; images at most
MAX_PIXELS pixels, and MAX_DEEP_PIXELS when their samples have more than 8 bits (16-bit PNG or TIFF,
32-bit integer or float modes), which cost several times more memory and time to decode and convert.
The number of files and their total size per submission are checked by the services
(settings.UPLOAD_MAX_FILES, settings.UPLOAD_MAX_TOTAL_BYTES).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tif",
}
MAX_PIXELS = 50_000_000  # 8 bits per sample; a 600 dpi A4 scan is ~35M pixels
MAX_DEEP_PIXELS = 12_000_000  # more than 8 bits per sample (16-bit PNG/TIFF, modes I, I;16, F)
DEEP_MODES = ("I", "F", "I;16", "I;16B", "I;16L", "I;16N", "RGBX", "CMYK")
HEAD = 8192


@dataclass
class CleanFile:
    """A checked file ready to store: `content` (a Django File named "upload.<ext>": the uploaded file
    itself for a PDF, a ContentFile of the re-encoded image), its `media_type` ("application/pdf",
    "image/jpeg", "image/png") and `size` in bytes."""

    content: File
    media_type: str
    size: int


def upload_size(upload) -> int:
    """The size in bytes of an uploaded file (its .size, else measured by seeking to its end)."""
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    return size


def clean_upload(upload) -> CleanFile:
    """Check an uploaded file (a Django UploadedFile or any object with .read() and .seek()) and return
    it cleaned (see the module docstring).

    Raises ValidationError (code "too_large", "file_type", "too_many_pixels", "multi_page" or
    "broken_image") with a message naming the file; nothing is stored.
    """
    name = getattr(upload, "name", "") or _("the file")
    limit = settings.UPLOAD_MAX_BYTES
    size = upload_size(upload)
    if size > limit:
        raise _too_large(name, limit)
    upload.seek(0)
    head = upload.read(HEAD)
    kind = filetype.guess(head)
    media_type = kind.mime if kind else ""
    if media_type not in ACCEPTED:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG, PNG or TIFF file (its content was checked, not its name)."),
            code="file_type",
            params={"name": name},
        )
    if media_type == "application/pdf":
        if not head.startswith(b"%PDF-"):
            raise ValidationError(_("“%(name)s” is not a PDF file."), code="file_type", params={"name": name})
        upload.seek(0)
        return CleanFile(File(upload, name="upload.pdf"), media_type, size)
    return _clean_image(upload, head, media_type, name)


def _too_large(name: str, limit: int) -> ValidationError:
    return ValidationError(
        _("“%(name)s” is larger than %(limit)s."),
        code="too_large",
        params={"name": name, "limit": filesizeformat(limit)},
    )


def _clean_image(upload, head: bytes, media_type: str, name: str) -> CleanFile:
    broken = ValidationError(
        _("“%(name)s” could not be read as an image."), code="broken_image", params={"name": name}
    )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            _check_budget(probe, head, media_type, name)
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            return _encode(image, media_type)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise broken from exc


def _check_budget(probe: Image.Image, head: bytes, media_type: str, name: str) -> None:
    """Refuse, before decoding, an image with too many pixels for its depth, or a TIFF of several pages."""
    pixels = probe.width * probe.height
    deep = probe.mode in DEEP_MODES or _bits_per_sample(probe, head, media_type) > 8
    if pixels > (MAX_DEEP_PIXELS if deep else MAX_PIXELS):
        raise ValidationError(
            _(
                "“%(name)s” has too many pixels (%(megapixels)s million; at most %(limit)s million, or "
                "%(deep_limit)s million for images of more than 8 bits per colour). Send a smaller scan."
            ),
            code="too_many_pixels",
            params={
                "name": name,
                "megapixels": round(pixels / 1_000_000, 1),
                "limit": MAX_PIXELS // 1_000_000,
                "deep_limit": MAX_DEEP_PIXELS // 1_000_000,
            },
        )
    if media_type == "image/tiff" and getattr(probe, "n_frames", 1) > 1:
        raise ValidationError(
            _(
                "“%(name)s” is a TIFF of several pages, of which only the first would be kept: "
                "send it as a PDF."
            ),
            code="multi_page",
            params={"name": name},
        )


def _bits_per_sample(probe: Image.Image, head: bytes, media_type: str) -> int:
    """Bits per sample of a PNG (its IHDR header) or TIFF (tag 258); 8 for anything else."""
    if media_type == "image/png" and len(head) > 24 and head[12:16] == b"IHDR":
        return head[24]
    if media_type == "image/tiff":
        bits = getattr(probe, "tag_v2", {}).get(258, 8)
        return max(bits) if isinstance(bits, tuple | list) else int(bits)
    return 8


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
        clean.save(out, format="PNG", compress_level=6)  # not optimize=True: seconds for a large scan
        media_type, ext = "image/png", "png"
    data = out.getvalue()
    return CleanFile(ContentFile(data, name=f"upload.{ext}"), media_type, len(data))
