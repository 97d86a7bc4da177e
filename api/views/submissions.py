"""Submissions through the API: contributors send and read their own; moderators work the queue.

Every write goes through register/contributions/services.py, which checks the permissions itself; the
errors it raises become HTTP answers here (`service_errors`):
ValidationError -> 400 with field errors, PermissionDenied -> 403, SubmissionRateLimited -> 429,
SubmissionConflict / IllegalTransition / StaleRecord, or a record deleted meanwhile -> 409 with `detail`
saying what happened.
"""

from __future__ import annotations

import contextlib

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from api.pagination import StandardPagination
from api.parsers import StrictJSONParser
from api.serializers.submissions import (
    AcceptSerializer,
    BulkResultSerializer,
    BulkSerializer,
    DuplicateSerializer,
    ModerationSubmissionSerializer,
    QueueItemSerializer,
    QueueParamsSerializer,
    RejectSerializer,
    ReplySerializer,
    RequestInfoSerializer,
    SubmissionCreateSerializer,
    SubmissionSerializer,
)
from register.accounts.roles import is_moderator
from register.audit.concurrency import StaleRecord
from register.contributions import selectors, services
from register.contributions.changes import RECORD_KIND
from register.contributions.exceptions import IllegalTransition, SubmissionConflict, SubmissionRateLimited
from register.contributions.models import Submission, SubmissionKind


class Conflict(APIException):
    """409: the submission or the record changed since the caller read it, or the move is not allowed."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class TooMany(APIException):
    """429: the contributor sent the most submissions the register takes per hour."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "throttled"


@contextlib.contextmanager
def service_errors():
    """Turn the contribution services' exceptions into DRF's (see the module docstring)."""
    try:
        yield
    except SubmissionRateLimited as exc:
        raise TooMany(str(exc)) from exc
    except PermissionDenied as exc:
        raise DRFPermissionDenied(str(exc) or None) from exc
    except ValidationError as exc:
        raise DRFValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
    except (SubmissionConflict, IllegalTransition, StaleRecord) as exc:
        raise Conflict(str(exc)) from exc
    except ObjectDoesNotExist as exc:  # the record a correction is for was deleted meanwhile
        raise Conflict("The record no longer exists.") from exc


ERRORS = {
    400: OpenApiResponse(description="Field errors: {field: [messages]}."),
    403: OpenApiResponse(description="Not allowed (not signed in, not a contributor or moderator)."),
}
TOO_MANY = OpenApiResponse(description="More submissions in the last hour than the register takes.")
CONFLICT = {409: OpenApiResponse(description="Another action came first, or the record changed: `detail`.")}


class IsContributor(permissions.IsAuthenticated):
    """Signed in (token or session); the services check the verified e-mail and ownership."""


class IsModerator(permissions.BasePermission):
    """A moderator or an administrator (register/accounts/roles.py)."""

    def has_permission(self, request, view) -> bool:
        return is_moderator(request.user)


@extend_schema_view(
    list=extend_schema(summary="Your submissions", tags=["submissions"]),
    retrieve=extend_schema(summary="One of your submissions", tags=["submissions"]),
)
class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own submissions (other people's are 404), newest first."""

    serializer_class = SubmissionSerializer
    permission_classes = [IsContributor]
    pagination_class = StandardPagination
    filter_backends: list = []
    parser_classes = [StrictJSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Submission.objects.none()
        return selectors.submissions_of(self.request.user)

    @extend_schema(
        summary="Send a submission",
        tags=["submissions"],
        description="A new person or place, or a correction of a person, place or operation. JSON, or "
        "multipart/form-data to attach files (`files` repeated, `files_meta` a JSON list; `proposal` then "
        "a JSON text). Nothing is public before a moderator accepts it.",
        request={
            "application/json": SubmissionCreateSerializer,
            "multipart/form-data": SubmissionCreateSerializer,
        },
        responses={201: SubmissionSerializer, 429: TOO_MANY, **ERRORS},
    )
    def create(self, request):
        params = SubmissionCreateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        target = _target(data["kind"], data["record"])
        with service_errors():
            submission = services.submission_create(
                user=request.user,
                kind=data["kind"],
                target=target,
                proposal=data["proposal"],
                relation=data["relation"],
                sources=data["sources"],
                note=data["note"],
                consent=data["consent"],
                files=params.uploads(),
                base_version=data["base_version"],
            )
        body = SubmissionSerializer(submission, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Answer a request for more information",
        tags=["submissions"],
        request={"application/json": ReplySerializer, "multipart/form-data": ReplySerializer},
        responses={200: SubmissionSerializer, **ERRORS, **CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        submission = self.get_object()
        params = ReplySerializer(data=request.data)
        params.is_valid(raise_exception=True)
        with service_errors():
            submission = services.submission_reply(
                submission=submission, user=request.user, text=params.validated_data["text"],
                files=params.uploads(),
            )  # fmt: skip
        return Response(SubmissionSerializer(submission, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Withdraw an open submission",
        tags=["submissions"],
        request=None,
        responses={200: SubmissionSerializer, **ERRORS, **CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        submission = self.get_object()
        with service_errors():
            submission = services.submission_withdraw(submission=submission, user=request.user)
        return Response(SubmissionSerializer(submission, context=self.get_serializer_context()).data)


def _target(kind: str, key: str):
    """The record a correction is about (by public id or slug), None for a new record; 400 if unknown."""
    if kind in (SubmissionKind.NEW_PERSON, SubmissionKind.NEW_PLACE):
        if key:
            raise DRFValidationError({"record": ["A new record has no record id: leave it out."]})
        return None
    found = selectors.published_record(RECORD_KIND[kind], key)
    if found is None:
        raise DRFValidationError({"record": ["No public record has this id."]})
    return found


@extend_schema_view(
    list=extend_schema(
        summary="The moderation queue", tags=["moderation"], parameters=[QueueParamsSerializer]
    ),
    retrieve=extend_schema(summary="One submission with its changes", tags=["moderation"]),
)
class ModerationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Moderators only: every submission, filtered like the web queue (default: pending and waiting for
    more information, newest first). Each action takes the `revision` the moderator read."""

    permission_classes = [IsModerator]
    pagination_class = StandardPagination
    filter_backends: list = []

    def get_serializer_class(self):
        return QueueItemSerializer if self.action == "list" else ModerationSubmissionSerializer

    def get_queryset(self):
        if self.action != "list":
            return Submission.objects.select_related("submitter").prefetch_related("messages", "attachments")
        params = QueueParamsSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return selectors.queue(
            kinds=sorted(data.get("kind") or []),
            statuses=sorted(data.get("status") or []),
            older_than_days=data.get("older_than_days"),
            record=data.get("record", ""),
            submitter=data.get("submitter", ""),
            oldest_first=data["ordering"] == "oldest",
        )

    def _reviewed(self, submission) -> Response:
        context = self.get_serializer_context()
        return Response(ModerationSubmissionSerializer(submission, context=context).data)

    def _act(self, request, serializer_class, service, **fixed):
        submission = self.get_object()
        params = serializer_class(data=request.data)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        revision = data.pop("revision")
        with service_errors():
            submission = service(
                submission=submission, moderator=request.user, expected_revision=revision, **data, **fixed
            )
        return self._reviewed(submission)

    @extend_schema(
        summary="Accept all or some changes",
        tags=["moderation"],
        request=AcceptSerializer,
        responses={200: ModerationSubmissionSerializer, **ERRORS, **CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._act(request, AcceptSerializer, services.submission_accept)

    @extend_schema(
        summary="Reject with a reason",
        tags=["moderation"],
        request=RejectSerializer,
        responses={200: ModerationSubmissionSerializer, **ERRORS, **CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._act(request, RejectSerializer, services.submission_reject)

    @extend_schema(
        summary="Ask the submitter for more information",
        tags=["moderation"],
        request=RequestInfoSerializer,
        responses={200: ModerationSubmissionSerializer, **ERRORS, **CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path="request-info")
    def request_info(self, request, pk=None):
        return self._act(request, RequestInfoSerializer, services.submission_request_info)

    @extend_schema(
        summary="Mark as a duplicate of another submission or of a record",
        tags=["moderation"],
        request=DuplicateSerializer,
        responses={200: ModerationSubmissionSerializer, **ERRORS, **CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def duplicate(self, request, pk=None):
        submission = self.get_object()
        params = DuplicateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        other = None
        if data["of_submission"] is not None:
            other = get_object_or_404(Submission, pk=data["of_submission"])
        with service_errors():
            submission = services.submission_mark_duplicate(
                submission=submission,
                moderator=request.user,
                of_submission=other,
                of_record_key=data["of_record"],
                expected_revision=data["revision"],
            )
        return self._reviewed(submission)

    @extend_schema(
        summary="Accept or reject several submissions",
        tags=["moderation"],
        request=BulkSerializer,
        responses={200: BulkResultSerializer(many=True), **ERRORS},
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        params = BulkSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        with service_errors():
            results = services.submissions_bulk(
                ids=data["ids"], moderator=request.user, action=data["action"], reason=data["reason"]
            )
        return Response([{"id": pk, "ok": ok, "message": message} for pk, ok, message in results])
