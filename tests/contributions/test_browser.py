"""The contribution path in a real browser: a relative suggests a correction with a photo from the person
page, a moderator reads the difference and asks for more information, the relative answers, the moderator
accepts part of it, and the public page shows the accepted change, the photo and the credit.

Drives Debian's chromium through Playwright against the live server. The database is prepared before the
browser starts and checked after it has closed (Django refuses queries while Playwright's loop runs).
"""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from playwright import sync_api

from register.contributions.models import Submission, SubmissionStatus
from register.people.models import Person
from tests.contributions.conftest import jpeg_bytes

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


pytestmark = pytest.mark.usefixtures("restore_session_data")


def session_cookie(user, url):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"name": django_settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": url}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_suggest_review_answer_accept_part(live_server, settings, tmp_path, django_user_model):
    settings.MAP_TILE_URL = ""
    call_command("load_register_data", "--no-progress", verbosity=0)
    from tests.contributions.conftest import make_user

    alice = make_user(django_user_model, "alice")
    bob = make_user(django_user_model, "bob", moderator=True)
    person = Person.objects.filter(published=True, events__isnull=False).distinct().order_by("id").first()
    photo = tmp_path / "grandmother.jpg"
    photo.write_bytes(jpeg_bytes(gps=True, size=(120, 90)))
    url = live_server.url
    cookies = {"alice": session_cookie(alice, url), "bob": session_cookie(bob, url)}
    person_url = url + person.get_absolute_url()
    errors = []

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)

        def page_of(who):
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
            if who:
                context.add_cookies([cookies[who]])
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            return page

        # the relative suggests a correction with a photo
        page = page_of("alice")
        page.goto(person_url)
        page.get_by_role("link", name="Suggest a correction").click()
        page.get_by_label("Occupation").fill("village teacher")
        page.get_by_label("Residence at arrest or deportation").fill("Rūdiškės, Trakai district")
        page.locator("#id_file-0-file").set_input_files(str(photo))
        page.locator("#id_file-0-kind").select_option("photo")
        page.locator("#id_file-0-description").fill("At home, 1952")
        page.get_by_label("relative").check()
        page.get_by_label("Your sources").fill("Family letters")
        page.locator("#id_c-consent").check()
        page.get_by_role("button", name="Send to the moderators").click()
        page.wait_for_url("**/contribute/submissions/*/")
        assert "waiting for review" in page.content()
        submission_url = page.url

        # the moderator sees the difference and asks for more information
        moderator = page_of("bob")
        moderator.goto(url + "/moderation/")
        moderator.get_by_role("link", name="correction of a person").first.click()
        table = moderator.locator("table.contrib-diff")
        assert "village teacher" in table.inner_text() and "Rūdiškės" in table.inner_text()
        assert moderator.locator(".contrib-file img").count() == 1
        moderator.get_by_label("Your question to the submitter").fill("Which letter says so?")
        moderator.get_by_role("button", name="Ask for more information").click()
        assert "Your question was sent to the submitter." in moderator.content()

        # the relative answers
        page.goto(submission_url)
        assert "Which letter says so?" in page.content()
        page.get_by_label("Your answer").fill("The letter of 3 May 1952, enclosed.")
        page.get_by_role("button", name="Send the answer").click()
        assert "Your answer was sent to the moderators." in page.content()

        # the moderator accepts the occupation and the photo, not the residence
        moderator.reload()
        moderator.get_by_label("Residence at arrest or deportation").uncheck()
        moderator.get_by_role("button", name="Accept the ticked changes").click()
        assert "Accepted: the changes are public." in moderator.content()

        # the public page shows what was accepted
        reader = page_of(None)
        reader.goto(person_url)
        html = reader.content()
        assert "village teacher" in html and "Rūdiškės" not in html
        assert "Contributions by: anonymous" in html and "Last reviewed" in html
        assert reader.locator(".contrib-footer img").count() == 1
        browser.close()

    assert errors == []
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.PARTLY_ACCEPTED
    assert [message.from_moderator for message in submission.messages.all()] == [True, False]
    person.refresh_from_db()
    assert person.occupation == "village teacher"
    assert person.history.first().submission_id == submission.pk
