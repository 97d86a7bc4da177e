"""Account pages under /accounts/ (allauth's own pages share the prefix; see register/urls.py)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from register.accounts import selectors, services
from register.accounts.forms import CREDIT_ANONYMOUS, CREDIT_NAME, DeleteAccountForm, ProfileForm
from register.accounts.models import profile_for
from register.accounts.roles import is_contributor

NEW_TOKEN_SESSION_KEY = "accounts_new_token_key"  # noqa: S105 (a session key name, not a secret)
TOKEN_ACTIONS = {"create", "regenerate", "delete"}


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """ "Your account": the credit choice (POST saves it) and links to the other account pages."""
    current = profile_for(request.user)
    initial = {
        "credit": CREDIT_NAME if current.credit_public else CREDIT_ANONYMOUS,
        "credit_name": current.credit_name,
    }
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            services.profile_update(
                user=request.user,
                credit_name=form.cleaned_data["credit_name"],
                credit_public=form.cleaned_data["credit"] == CREDIT_NAME,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your credit choice was saved."))
            return redirect("accounts:profile")
    context = {"form": form, "profile": current, "token": selectors.token_for(user=request.user)}
    return render(request, "accounts/profile.html", context)


@login_required
def token(request):
    """The API token page: whether a token exists; the new key once, right after it was made."""
    context = {
        "token": selectors.token_for(user=request.user),
        "new_key": request.session.pop(NEW_TOKEN_SESSION_KEY, None),
        "can_have_token": is_contributor(request.user),
    }
    return render(request, "accounts/token.html", context)


@login_required
@require_POST
def token_action(request, action):
    """POST create | regenerate | delete, then back to the token page (the new key kept for one view)."""
    if action not in TOKEN_ACTIONS:
        raise Http404
    try:
        if action == "delete":
            if services.token_delete(user=request.user):
                messages.success(request, _("Your API token was deleted. It no longer works."))
            return redirect("accounts:token")
        service = services.token_regenerate if action == "regenerate" else services.token_create
        new_token = service(user=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("accounts:token")
    request.session[NEW_TOKEN_SESSION_KEY] = new_token.key
    return redirect("accounts:token")


@login_required
def data(request):
    """ "Download my data": a JSON file (attachment) of everything kept about the signed-in account."""
    payload = selectors.account_data(user=request.user)
    payload["exported_at"] = timezone.now().isoformat()
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    filename = f"gulag-register-my-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    """Confirmation page asking for the password; POST deletes the account and signs out."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if form.is_valid():
        user = request.user
        try:
            services.account_delete(user=user)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            logout(request)
            messages.success(request, _("Your account was deleted."))
            return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form})
