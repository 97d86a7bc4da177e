"""Fixtures of the browser tests: Debian's chromium through Playwright, and data the live server sees.

No browser is downloaded: /usr/bin/chromium comes from Debian (scripts/bootstrap-system.sh).
"""

import pytest
from django.core.management import call_command
from playwright import sync_api

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def committed_data(transactional_db):
    """The bundled data, committed so that the live server's thread sees it.

    Transactional tests flush the database at the end (the session data of tests/conftest.py is
    gone for them), so the data is loaded here, before Playwright starts its event loop: Django
    refuses database calls from a thread that runs one.
    """
    call_command("load_register_data", "--no-progress", verbosity=0)


@pytest.fixture
def browser_page():
    """A headless chromium page (1280x900), closed after the test."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()
