"""Contributor pages: propose a new person or place, correct a record, follow one's submissions (read the
moderators' messages, answer, withdraw), and the attached files. Every write goes through
register/contributions/services.py; the views only collect input and show the result."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from register.accounts.roles import is_contributor
from register.contributions import services
from register.contributions.changes import MODELS, diff
from register.contributions.exceptions import IllegalTransition, SubmissionRateLimited
from register.contributions.forms import FileFormSet, ReplyForm, SubmissionForms, kind_for
from register.contributions.models import Submission
from register.contributions.selectors import attachment_for, published_record, submissions_of
from register.contributions.workflow import OPEN
from register.core.views import base_map_config


@require_GET
def attachment_file(request, pk):
    """Serve an attachment: a published one to anyone, an unpublished one to its submitter and the
    moderators; 404 for everybody else (the file's existence is not revealed). The user is the one of an
    `Authorization: Token <key>` header (the API's attachments[].url), else of the session."""
    attachment = attachment_for(_file_user(request), pk)
    if attachment is None:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.media_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline" if attachment.is_image else "attachment"
    response["Cache-Control"] = "private, no-store" if not attachment.published else "public, max-age=3600"
    return response


def _file_user(request):
    """The user of a valid API token in the request, else the session's user (an invalid token counts as
    no user: the answer is the same 404 as for a file one may not see)."""
    from rest_framework.authentication import TokenAuthentication
    from rest_framework.exceptions import AuthenticationFailed

    try:
        authenticated = TokenAuthentication().authenticate(request)
    except AuthenticationFailed:
        return None
    return authenticated[0] if authenticated else request.user


@login_required
@require_http_methods(["GET", "POST"])
def new_person(request):
    """Propose a new person; ?q= (a search without results) fills in the name."""
    words = (request.GET.get("q") or "").split()
    initial = {"surname": words[0], "given_name": " ".join(words[1:])} if words else None
    return _submission_page(request, "person", None, initial)


@login_required
@require_http_methods(["GET", "POST"])
def new_place(request):
    """Propose a new place with a point picked on the map or typed; ?q= fills in the name."""
    query = (request.GET.get("q") or "").strip()
    return _submission_page(request, "place", None, {"primary_name": query} if query else None)


@login_required
@require_http_methods(["GET", "POST"])
def correct(request, kind, key):
    """Suggest a correction of a public person, place or operation (`kind`), found by its public key;
    `?translate=lt` preselects a language for a new translation of the description."""
    if kind not in MODELS:
        raise Http404
    record = published_record(kind, key)
    if record is None:
        raise Http404
    return _submission_page(request, kind, record, None, translate=request.GET.get("translate") or "")


def _submission_page(request, record_kind: str, record, initial, *, translate: str = ""):
    kind = kind_for(record_kind, record is None)
    if not is_contributor(request.user):
        return render(request, "contributions/verify_first.html", status=403)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if data else None
    forms = SubmissionForms(kind, record, data, files, initial_fields=initial, translate=translate)
    if data is not None:
        if forms.is_valid():
            submission = _send(request, forms, kind, record)
            if submission is not None:
                messages.success(request, _("Thank you. Your submission was sent to the moderators."))
                return redirect("contributions:detail", pk=submission.pk)
        else:
            forms.check_proposal()  # the record's own rules too, so that all errors show at once
    context = {
        "forms": forms,
        "kind": kind,
        "record_kind": record_kind,
        "record": record,
        "map_config": base_map_config(request) if forms.is_place else None,
        "max_upload": settings.UPLOAD_MAX_BYTES,
        "max_files": settings.UPLOAD_MAX_FILES,
        "max_total": settings.UPLOAD_MAX_TOTAL_BYTES,
    }
    return render(request, "contributions/form.html", context, status=400 if data is not None else 200)


def _send(request, forms, kind, record):
    common = forms.common.cleaned_data
    try:
        return services.submission_create(
            user=request.user,
            kind=kind,
            target=record,
            proposal=forms.proposal(),
            relation=common["relation"],
            sources=common["sources"],
            note=common["note"],
            consent=common["consent"],
            files=forms.uploads(),
            base_version=common.get("base_version"),
        )
    except ValidationError as exc:
        forms.show_errors(exc.message_dict)
    except (SubmissionRateLimited, PermissionDenied) as exc:
        forms.common.add_error(None, str(exc))
    return None


@login_required
@require_GET
def mine(request):
    """The signed-in contributor's submissions with their status and the moderators' messages."""
    return render(request, "contributions/mine.html", {"submissions": submissions_of(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    """One of the contributor's own submissions: the proposed changes, the messages, the files; an
    answer form while more information is requested; withdrawing while it is open."""
    submission = get_object_or_404(Submission, pk=pk, submitter=request.user)
    reply = ReplyForm(request.POST or None, prefix="reply")
    files = FileFormSet(request.POST or None, request.FILES or None, prefix="file")
    if request.method == "POST":
        if request.POST.get("action") == "withdraw":
            return _withdraw(request, submission)
        if reply.is_valid() and files.is_valid():
            uploads = [dict(form.cleaned_data) for form in files if form.cleaned_data.get("file")]
            try:
                services.submission_reply(
                    submission=submission, user=request.user, text=reply.cleaned_data["text"], files=uploads
                )
                messages.success(request, _("Your answer was sent to the moderators."))
                return redirect("contributions:detail", pk=submission.pk)
            except ValidationError as exc:
                for key, texts in exc.message_dict.items():
                    for text in texts:
                        reply.add_error("text" if key == "text" else None, text)
            except IllegalTransition as exc:
                reply.add_error(None, str(exc))
    context = {
        "submission": submission,
        "changes": diff(submission),
        "reply": reply,
        "files": files,
        "is_open": submission.status in OPEN,
    }
    return render(request, "contributions/detail.html", context, status=400 if reply.errors else 200)


def _withdraw(request, submission):
    try:
        services.submission_withdraw(submission=submission, user=request.user)
        messages.success(request, _("You withdrew the submission."))
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    return redirect("contributions:detail", pk=submission.pk)
