"""The search box of /operations/."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OperationSearchForm(forms.Form):
    """`q`: any name of an operation in any language or script (selectors.operation_filter)."""

    q = forms.CharField(
        label=pgettext_lazy("name of a place or operation", "Name"),
        required=False,
        max_length=200,
        help_text=_(
            "Any name in any language or script: Märtsiküüditamine, Operacija „Bangų mūša“ and "
            "Операция «Прибой» find the same operation."
        ),
    )
