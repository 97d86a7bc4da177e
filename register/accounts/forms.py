"""Forms of the account pages: sign-up (honeypot markup), credit choice, token actions, deletion."""

from __future__ import annotations

import re

from allauth.account import app_settings as allauth_settings
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from register.contributions.text import BIDI_RE, CONTROL_RE


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form; its honeypot field is made invisible and silent for people.

    The field is moved off-screen by CSS (class "hp-field", see static/css/site.css), is not in the
    tab order, is not autofilled by the browser and is hidden from screen readers by its wrapper
    (templates/allauth/elements/fields.html). A bot that fills it gets the usual "verification sent"
    page, but no account is created (allauth's SignupForm.try_save).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = allauth_settings.SIGNUP_FORM_HONEYPOT_FIELD
        if name and name in self.fields:
            field = self.fields[name]
            field.label = _("Leave this field empty")
            field.widget.attrs = {"class": "hp-field__input", "tabindex": "-1", "autocomplete": "off"}
            field.is_honeypot = True


CREDIT_ANONYMOUS = "anonymous"
CREDIT_NAME = "name"


class ProfileForm(forms.Form):
    """The credit choice: anonymous, or a display name (max. 100 characters, not an e-mail address)."""

    credit = forms.ChoiceField(
        label=_("How should your accepted contributions be credited?"),
        choices=[
            (CREDIT_ANONYMOUS, _("Anonymously (shown as “anonymous”)")),
            (CREDIT_NAME, _("By the display name below")),
        ],
        widget=forms.RadioSelect,
    )
    credit_name = forms.CharField(
        label=_("Display name"),
        max_length=100,
        required=False,
        help_text=_("For example your name, or “Granddaughter of Jonas Petraitis”. Maximum 100 characters."),
    )

    def clean_credit_name(self) -> str:
        name = " ".join(self.cleaned_data.get("credit_name", "").split())
        if "@" in name:
            raise forms.ValidationError(
                _("A display name cannot contain “@”: your e-mail address must never be shown publicly.")
            )
        if BIDI_RE.search(name) or CONTROL_RE.search(name):
            raise forms.ValidationError(
                _(
                    "A display name cannot contain control characters or characters that change the "
                    "direction of writing."
                )
            )
        if re.search(r"\b(anonymous|anonym|anonimas)\b", name, flags=re.IGNORECASE):  # as credit_for shows it
            raise forms.ValidationError(
                _(
                    "“anonymous” is what the register shows without a display name: choose "
                    "“Anonymously” instead."
                )
            )
        return name

    def clean(self):
        data = super().clean()
        if data.get("credit") == CREDIT_NAME and not data.get("credit_name"):
            self.add_error("credit_name", _("Enter the display name you want to be credited with."))
        return data


class DeleteAccountForm(forms.Form):
    """Asks for the current password before the account is deleted."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password
