"""Moderator pages (filled in below the services)."""

from django.http import Http404


def _not_yet(request, **kwargs):
    raise Http404


queue = detail = _not_yet
