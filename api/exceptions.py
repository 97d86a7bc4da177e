"""The API's error answers are JSON, also for the request-size guards Django raises before DRF sees the
body (settings.DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FILES, ..._NUMBER_FIELDS), and in the
reader's language (Accept-Language): Django's own texts for these cases are English only."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """DRF's handler, plus {"detail": ...} with 413 for a body over the size limit and 400 for too many
    files or fields in one request (Django would answer those with an HTML page); a 404 says DRF's
    translated "Not found." instead of Django's English "No Place matches the given query."."""
    if isinstance(exc, RequestDataTooBig):
        detail = _("The request body is larger than the limit of %(limit)s bytes.") % {
            "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        }
        return Response({"detail": detail}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, TooManyFilesSent):
        detail = _("The request sends more files than the limit of %(limit)s.") % {
            "limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
        return Response({"detail": detail}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, TooManyFieldsSent):
        detail = _("The request sends more fields than the limit of %(limit)s.") % {
            "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        }
        return Response({"detail": detail}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = NotFound()
    return exception_handler(exc, context)
