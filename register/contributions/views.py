"""Contributor pages (filled in below the services)."""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from register.contributions.selectors import attachment_for


@require_GET
def attachment_file(request, pk):
    """Serve an attachment: a published one to anyone, an unpublished one to its submitter and the
    moderators; 404 for everybody else (the file's existence is not revealed)."""
    attachment = attachment_for(request.user, pk)
    if attachment is None:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.media_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline" if attachment.is_image else "attachment"
    response["Cache-Control"] = "public, max-age=86400" if attachment.published else "private, no-store"
    return response


def _not_yet(request, **kwargs):
    raise Http404


mine = new_person = new_place = correct = detail = _not_yet
