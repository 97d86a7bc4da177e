"""Moderator pages: the queue (filters, bulk accept/reject) and one submission (the field-by-field
difference, the files, the messages, the submitter's private statements, and the actions). Every action
goes through register/contributions/services.py, which checks the role, refuses self-review and lets
only one of two moderators acting at once win (the page carries the submission's revision)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from register.accounts.roles import is_moderator
from register.audit.concurrency import StaleRecord
from register.contributions import services
from register.contributions.changes import diff
from register.contributions.exceptions import IllegalTransition, SubmissionConflict
from register.contributions.models import Submission
from register.contributions.moderation_forms import ActionForm, BulkForm, QueueFilterForm
from register.contributions.selectors import queue as queue_selector
from register.contributions.workflow import OPEN

PAGE_SIZE = 50


def _require_moderator(request) -> None:
    if not is_moderator(request.user):
        raise PermissionDenied(_("Only moderators can do this."))


@login_required
@require_http_methods(["GET", "POST"])
def queue(request):
    """The queue: filters in the address (kind, status, older than N days, record, submitter, order),
    a checkbox per submission and bulk accept/reject."""
    _require_moderator(request)
    filters = QueueFilterForm(request.GET or None)
    if request.method == "POST":
        return _bulk(request)
    criteria = filters.criteria() if filters.is_valid() else {}
    page = Paginator(queue_selector(**criteria), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query_string": query.urlencode(), "bulk": BulkForm()}
    return render(request, "moderation/queue.html", context)


def _bulk(request):
    form = BulkForm(request.POST)
    back = reverse("moderation:queue") + ("?" + request.GET.urlencode() if request.GET else "")
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(back)
    data = form.cleaned_data
    try:
        results = services.submissions_bulk(
            ids=data["ids"], moderator=request.user, action=data["action"], reason=data["reason"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    for pk, ok, text in results:
        (messages.success if ok else messages.error)(request, f"#{pk}: {text}")
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    """One submission for review, with the actions (disabled for one's own submission)."""
    _require_moderator(request)
    submission = get_object_or_404(
        Submission.objects.select_related("submitter", "reviewed_by", "duplicate_of"), pk=pk
    )
    form = ActionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            result = _act(request, submission, form)
            if result is not None:
                return result
        status = 400
    else:
        status = 200
    record = submission.record
    changes = diff(submission)
    context = {
        "submission": submission,
        "changes": changes,
        "has_conflict": any(change.conflict for change in changes),
        "record": record,
        "record_version": getattr(record, "version", ""),
        "form": form,
        "own": submission.submitter_id == request.user.pk,
        "is_open": submission.status in OPEN,
    }
    return render(request, "moderation/detail.html", context, status=status)


def _act(request, submission, form):
    """Run the chosen action; a redirect on success or on a conflict (the page must be read again)."""
    data = form.cleaned_data
    common = {"submission": submission, "moderator": request.user, "expected_revision": data["revision"]}
    action = data["action"]
    try:
        if action in ("accept", "accept_selected"):
            keys = None if action == "accept" else request.POST.getlist("keys")
            services.submission_accept(**common, keys=keys, record_version=data.get("record_version"))
            done = _("Accepted: the changes are public.")
        elif action == "reject":
            services.submission_reject(**common, reason=data["reason"])
            done = _("Rejected; the submitter was told the reason.")
        elif action == "request_info":
            services.submission_request_info(**common, message=data["message"])
            done = _("Your question was sent to the submitter.")
        else:
            of = Submission.objects.filter(pk=data["duplicate_of"]).first() if data["duplicate_of"] else None
            if data["duplicate_of"] and of is None:
                raise ValidationError({"duplicate_of": [_("No such submission.")]})
            services.submission_mark_duplicate(**common, of_submission=of, of_record_key=data["record_key"])
            done = _("Marked as a duplicate.")
    except SubmissionConflict as exc:
        messages.error(request, str(exc))
        return redirect("moderation:detail", pk=submission.pk)
    except (StaleRecord, PermissionDenied, IllegalTransition) as exc:
        form.add_error(None, str(exc))
        return None
    except ValidationError as exc:
        for key, texts in exc.message_dict.items():
            field = {"of": "record_key", "keys": None}.get(key, key)
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
        return None
    messages.success(request, done)
    return redirect("moderation:detail", pk=submission.pk)
