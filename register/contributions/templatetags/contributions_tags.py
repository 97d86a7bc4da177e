"""Template tags of the contributions app, so that record pages need no change of their views."""

from django import template
from django.conf import settings

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


@register.simple_tag
def content_licence() -> dict:
    """{"name", "url"} of the licence of the register's data and contributions (settings
    CONTENT_LICENCE_NAME and CONTENT_LICENCE_URL), for the footer, About the data and the consent text."""
    return {"name": settings.CONTENT_LICENCE_NAME, "url": settings.CONTENT_LICENCE_URL}
