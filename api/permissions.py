"""Permissions of the API. The register's records are read-only for everyone; they change only through
reviewed submissions (api/views/submissions.py) and the admin."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnly(BasePermission):
    """Allow GET, HEAD and OPTIONS to anyone, signed in or not; refuse every write (403)."""

    message = "The register API is read-only."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS
