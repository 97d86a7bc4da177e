"""The whole contribution path in a real browser (issue 4, "Done when"): a relative signs up and confirms
the e-mail address, finds a person, suggests a correction with a photo; a moderator sees the difference
and asks for more information; the relative answers; the moderator accepts part of it; the public page
shows it; the record's history shows the change and restores the old version.

Two browser contexts (the relative's and the moderator's) run side by side, as two people would.
"""

import io
import re
from urllib.parse import urljoin

import pytest
from django.core import mail
from PIL import Image

from register.people.models import Person
from tests.personas import PASSWORD, make_user

RELATIVE_EMAIL = "ruta.relative@example.org"
RELATIVE_PASSWORD = "Igarka-1952-spring"  # noqa: S105 (a test password)


@pytest.fixture
def e2e_world(committed_data, django_user_model, settings, tmp_path):
    """The moderator (bob), committed before the browser starts; uploads go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MAP_TILE_URL = ""
    bob = make_user(django_user_model, "bob", moderator=True)
    person = Person.objects.get(surname="Grinkevičienė", given_name="Pranė")
    photo = tmp_path / "prane.jpg"
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (54.0, 54.0, 0.0), 3: "E", 4: (23.0, 54.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 90, 60)).save(buffer, format="JPEG", exif=exif)
    photo.write_bytes(buffer.getvalue())
    return {"bob": bob, "person": person, "photo": photo}


def sign_in(page, base, email, password):
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


@pytest.mark.e2e
def test_relative_suggests_moderator_reviews_history_restores(e2e_world, live_server, browser_page):
    base = live_server.url
    person = e2e_world["person"]
    relative = browser_page
    errors = []
    relative.on("pageerror", lambda error: errors.append(str(error)))
    moderator = relative.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    moderator.on("pageerror", lambda error: errors.append(str(error)))

    # 1. The relative signs up and confirms the e-mail address with the link the register sends.
    relative.goto(base + "/accounts/signup/")
    relative.locator("input[name=email]").fill(RELATIVE_EMAIL)
    relative.locator("input[name=password1]").fill(RELATIVE_PASSWORD)
    relative.locator("input[name=password2]").fill(RELATIVE_PASSWORD)
    relative.get_by_role("button", name="Sign up").click()
    relative.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    relative.goto(link)
    relative.get_by_role("button", name="Confirm").click()
    relative.wait_for_load_state()
    assert relative.get_by_role("button", name="Sign out").count() == 1

    # 2. She finds the person by the Russian spelling of the name and suggests a correction with a photo.
    relative.goto(base + "/people/")
    relative.get_by_label("Name", exact=True).fill("Гринкявичене")
    relative.get_by_label("Name", exact=True).press("Enter")
    relative.locator("table.people-results a", has_text="Grinkevičienė Pranė").first.click()
    relative.wait_for_url("**" + person.get_absolute_url())
    relative.get_by_role("link", name="Suggest a correction").click()
    relative.get_by_label("Occupation").fill("seamstress")
    relative.get_by_label("Residence at arrest or deportation").fill("Kaunas, Vytauto pr. 12")
    relative.locator("input[type=file]").first.set_input_files(str(e2e_world["photo"]))
    relative.get_by_label("Description").first.fill("Pranė in Igarka, 1952")
    relative.get_by_label("relative", exact=True).check()
    relative.get_by_label("Your sources").fill("Family album; letters from Igarka")
    relative.get_by_label(re.compile("I agree that the facts")).check()
    relative.get_by_role("button", name="Send to the moderators").click()
    relative.wait_for_url(re.compile(r".*/contribute/submissions/\d+/$"))
    submission_url = relative.url
    number = re.search(r"/(\d+)/$", submission_url).group(1)
    assert "seamstress" not in _public_page(moderator, base + person.get_absolute_url())

    # 3. The moderator sees the exact difference and the photo, and asks for more information.
    sign_in(moderator, base, "bob@example.org", PASSWORD)
    moderator.goto(base + "/moderation/")
    moderator.get_by_role("link", name=re.compile(f"#{number} ")).click()
    table = moderator.locator("table").filter(has_text="Occupation")
    assert "seamstress" in table.inner_text() and "Vytauto pr. 12" in table.inner_text()
    assert moderator.locator("img[src*='/contribute/files/']").count() == 1
    moderator.get_by_label("Your question to the submitter").fill("Which year was the photograph taken?")
    moderator.get_by_role("button", name="Ask for more information").click()
    moderator.wait_for_load_state()

    # 4. The relative reads the question on her submission's page and answers it.
    relative.goto(submission_url)
    assert "Which year was the photograph taken?" in relative.content()
    relative.locator("textarea[name=reply-text]").fill("In the summer of 1952, in Igarka.")
    relative.get_by_role("button", name="Send the answer").click()
    relative.wait_for_load_state()

    # 5. The moderator accepts the occupation and the photo, not the address.
    moderator.reload()
    assert "In the summer of 1952" in moderator.content()
    residence_row = moderator.locator("tr", has_text="Residence at arrest or deportation")
    residence_row.locator("input[type=checkbox]").uncheck()
    moderator.get_by_role("button", name="Accept the ticked changes").click()
    moderator.wait_for_load_state()

    # 6. The public page shows the accepted change and the photo, not the rest.
    public = _public_page(moderator, base + person.get_absolute_url())
    assert "seamstress" in public and "Vytauto pr. 12" not in public
    assert "Pranė in Igarka, 1952" in public
    assert "Last reviewed" in public and "Contributions by: anonymous" in public
    photo = _public_photo(moderator, base + person.get_absolute_url())
    assert photo.getexif().get_ifd(0x8825) == {} and not photo.info.get("exif")  # no GPS, no EXIF at all
    relative.goto(submission_url)
    assert "partly accepted" in relative.locator("main").inner_text()

    # 7. The history shows the change; restoring the version before it takes the occupation back out.
    moderator.goto(base + f"/history/person/{person.public_id}/")
    changes = moderator.locator("section.audit-change")
    accepted = changes.filter(has_text=f"submission #{number}").first
    assert "seamstress" in accepted.locator("ins").all_inner_texts()
    assert "bob" in accepted.inner_text()
    before = changes.nth(_index_of(changes, f"submission #{number}") + 1)
    before.get_by_role("link", name="Restore this version").click()
    moderator.get_by_role("button", name="Restore this version").click()
    moderator.wait_for_url(f"**/history/person/{person.public_id}/")
    assert "seamstress" not in _public_page(moderator, base + person.get_absolute_url())
    assert "restored" in changes.first.inner_text()
    assert errors == []


def _index_of(sections, text: str) -> int:
    """The position of the first of `sections` whose text contains `text`."""
    texts = sections.all_inner_texts()
    return next(index for index, section in enumerate(texts) if text in section)


def _public_photo(page, url) -> Image.Image:
    """The one photo of the contributions on the public page `url`, as an anonymous visitor downloads it."""
    context = page.context.browser.new_context()
    anonymous = context.new_page()
    anonymous.goto(url)
    images = anonymous.locator(".contrib-footer img")
    assert images.count() == 1
    response = context.request.get(urljoin(url, images.get_attribute("src")))
    assert response.ok and response.headers["content-type"] == "image/jpeg"
    photo = Image.open(io.BytesIO(response.body()))
    context.close()
    return photo


def _public_page(page, url) -> str:
    """The text of `url` as an anonymous visitor sees it (a fresh context: no session)."""
    context = page.context.browser.new_context()
    anonymous = context.new_page()
    anonymous.goto(url)
    text = anonymous.locator("main").inner_text()
    context.close()
    return text
