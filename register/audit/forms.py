"""Forms of the moderators' history pages: each carries what the POST needs and nothing else."""

from django import forms


class RestoreForm(forms.Form):
    """Restore a version: the history row to restore and the record version the page showed."""

    history_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class RollbackForm(forms.Form):
    """Confirm the rollback of an import run (the run is in the URL)."""

    confirm = forms.BooleanField(initial=True, widget=forms.HiddenInput)
