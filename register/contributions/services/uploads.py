"""Files sent with a submission or an answer: their metadata and content checked, the limits per
submission (settings.UPLOAD_MAX_FILES, UPLOAD_MAX_TOTAL_BYTES), and their storage."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from register.contributions.files import clean_upload, upload_size
from register.contributions.models import (
    Attachment,
    AttachmentKind,
)
from register.contributions.services.common import text_field
from register.core.edtf import edtf_bounds


def check_files(files: list, errors: dict, *, present: tuple[int, int] = (0, 0)) -> list:
    """Check the files' metadata and content (register/contributions/files.py) and return [(CleanFile,
    meta)]. `present` is (count, bytes) of the files the submission already has: with the new ones they
    may be at most settings.UPLOAD_MAX_FILES files and settings.UPLOAD_MAX_TOTAL_BYTES bytes; beyond
    that errors["files"] is set and no file is read."""
    if not files:
        return []
    if not _within_limits(files, present, errors):
        return []
    checked = []
    for index, item in enumerate(files):
        item = item if isinstance(item, dict) else {"file": item}
        meta = {
            field: text_field(
                f"files.{index}.{field}",
                item.get(field),
                errors,
                max_length=Attachment._meta.get_field(field).max_length,
            )
            for field in ("kind", "description", "date_edtf", "source")
        }
        meta["kind"] = meta["kind"] or AttachmentKind.OTHER
        if meta["kind"] not in AttachmentKind.values:
            errors[f"files.{index}.kind"] = [_("Choose what the file is.")]
        try:
            edtf_bounds(meta["date_edtf"])
        except ValidationError as exc:
            errors[f"files.{index}.date_edtf"] = exc.messages
        try:
            checked.append((clean_upload(item["file"]), meta))
        except ValidationError as exc:
            errors[f"files.{index}.file"] = exc.messages
        except (KeyError, AttributeError):
            errors[f"files.{index}.file"] = [_("No file was sent.")]
    # Re-encoding can make an image larger than its upload (a compressed TIFF becomes a PNG): the limit
    # holds for what is stored.
    if present[1] + sum(clean.size for clean, _meta in checked) > settings.UPLOAD_MAX_TOTAL_BYTES:
        errors["files"] = [_total_message()]
    return checked


def _total_message() -> str:
    return _("The files of a submission can be at most %(limit)s together.") % {
        "limit": filesizeformat(settings.UPLOAD_MAX_TOTAL_BYTES)
    }


def _within_limits(files: list, present: tuple[int, int], errors: dict) -> bool:
    count, total = present
    max_files, max_bytes = settings.UPLOAD_MAX_FILES, settings.UPLOAD_MAX_TOTAL_BYTES
    if count + len(files) > max_files:
        errors["files"] = [
            ngettext(
                "A submission can have at most %(count)d file.",
                "A submission can have at most %(count)d files.",
                max_files,
            )
            % {"count": max_files}
            + (" " + _("It already has %(present)d.") % {"present": count} if count else "")
        ]
        return False
    try:
        total += sum(upload_size(item["file"] if isinstance(item, dict) else item) for item in files)
    except (KeyError, AttributeError, OSError):
        return True  # the file's own check names what is missing
    if total > max_bytes:
        errors["files"] = [_total_message()]
        return False
    return True


def store_files(submission, checked: list) -> None:
    """Store the checked files through the default storage; a failure deletes those already stored."""
    stored = []
    try:
        for clean, meta in checked:
            attachment = Attachment(
                submission=submission, media_type=clean.media_type, size=clean.size, **meta
            )
            attachment.file.save(clean.content.name, clean.content, save=False)
            stored.append(attachment.file)
            attachment.save()
    except Exception:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise
