"""Template tags of the contributions app, so that record pages need no change of their views."""

from django import template

from register.contributions.selectors import record_contributions as _record_contributions

register = template.Library()


@register.simple_tag
def record_contributions(record) -> dict:
    """{"last_reviewed", "credits", "attachments"} of a public record (see selectors.record_contributions)."""
    return _record_contributions(record)


@register.simple_tag
def history_url(kind: str, key: str) -> str:
    """The moderators' history page of a record (register.audit), or "" while that page does not exist."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("audit:record", args=[kind, key])
    except NoReverseMatch:
        return ""
