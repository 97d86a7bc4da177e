"""E-mails to submitters about the decision on their submission, in the language they wrote it in.

The mail names only the submission (number and kind), the decision and the moderator's message: no
other person's data, not even the moderator's name. Sent after the transaction commits.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def decision(submission, *, message: str = "") -> None:
    """E-mail the submitter (if they still have an address) what a moderator decided: accepted, partly
    accepted, rejected (with the reason), duplicate, or a request for more information (`message`)."""
    user = submission.submitter
    if user is None or not user.email:
        return
    language = submission.language or settings.LANGUAGE_CODE
    with translation.override(language):  # the link, too, opens the page in their language (/lt/...)
        url = settings.SITE_URL.rstrip("/") + reverse("contributions:detail", kwargs={"pk": submission.pk})
        context = {"submission": submission, "message": message, "url": url}
        subject = render_to_string("contributions/email/decision_subject.txt", context).strip()
        body = render_to_string("contributions/email/decision_body.txt", context)
    recipient = user.email
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=True)
    )
