"""Moderators' history pages: a record's changes with a "restore this version" action, and the import
runs with a "roll back" action. Every page is for moderators only (403 for others, login first for
anonymous visitors); the services check it again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from register.accounts.roles import is_moderator
from register.audit import selectors, services
from register.audit.concurrency import StaleRecord
from register.audit.forms import RestoreForm, RollbackForm
from register.audit.imports import close_interrupted
from register.audit.models import ImportRun, ImportRunStatus

CHANGES_PER_PAGE = 25
RUNS_PER_PAGE = 50


def _moderator_only(request) -> None:
    if not is_moderator(request.user):
        raise PermissionDenied(_("Only moderators can see the history of records."))


def _record(kind: str, key: str):
    try:
        return selectors.record_for(kind, key)
    except (KeyError, ObjectDoesNotExist) as exc:
        raise Http404(_("No such record.")) from exc


@login_required
def record_history(request, kind: str, key: str):
    """GET /history/<kind>/<key>/: every change of the record and its child rows, newest first."""
    _moderator_only(request)
    kind_obj, record = _record(kind, key)
    changes = selectors.record_changes(kind_obj, record)
    page = Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/record.html",
        {"kind": kind_obj, "record": record, "key": key, "page": page, "changes": page.object_list},
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_restore_view(request, kind: str, key: str, history_id: int):
    """GET: confirmation page for restoring a version; POST: restore it (record_restore)."""
    _moderator_only(request)
    kind_obj, record = _record(kind, key)
    version = kind_obj.model.history.filter(id=record.pk, history_id=history_id).first()
    if version is None or version.history_type == "-":
        raise Http404(_("No such version."))
    form = RestoreForm(request.POST or None, initial={"history_id": history_id, "version": record.version})
    error = ""
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["history_id"] != history_id:
            raise Http404(_("No such version."))
        try:
            services.record_restore(
                record=record,
                history_id=history_id,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except (StaleRecord, services.RestoreRefused) as exc:
            error = str(exc)
        else:
            messages.success(request, _("The version was restored."))
            return redirect("audit:record", kind=kind, key=key)
    return render(
        request,
        "audit/restore_confirm.html",
        {"kind": kind_obj, "record": record, "key": key, "version": version, "form": form, "error": error},
        status=409 if error else 200,
    )


@login_required
def import_runs(request):
    """GET /history/imports/: the import runs with their counts, user, file and status."""
    _moderator_only(request)
    close_interrupted()  # runs whose process was killed show as failed, not as running for ever
    page = Paginator(selectors.import_runs(), RUNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/imports.html", {"page": page, "runs": page.object_list})


@login_required
@require_http_methods(["GET", "POST"])
def import_rollback(request, run_id: int):
    """GET: confirmation page for rolling back an import run; POST: roll it back (rollback_import)."""
    _moderator_only(request)
    run = get_object_or_404(ImportRun, pk=run_id)
    form = RollbackForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            counts = services.rollback_import(run=run, user=request.user)
        except services.RollbackRefused as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _(
                    "Import run %(id)s was rolled back: %(deleted)s rows deleted, %(created)s re-created, "
                    "%(updated)s restored."
                )
                % {"id": run.pk, **counts},  # fmt: skip
            )
            return redirect("audit:imports")
    return render(
        request,
        "audit/rollback_confirm.html",
        {"run": run, "form": form, "error": error, "done": run.status == ImportRunStatus.ROLLED_BACK},
        status=409 if error else 200,
    )
