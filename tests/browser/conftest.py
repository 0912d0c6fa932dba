"""Browser tests: Playwright drives the machine's Chromium against a live server.

Every page a test visits is checked with axe-core for WCAG 2.1 A and AA.
"""

import os
import shutil

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.conftest import TOTP_SECRET
from tests.factories import PASSWORD

# The live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class AccessiblePage:
    """A Playwright page that runs axe-core on every page it lands on."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.axe = Axe()
        # The Content Security Policy allows nothing inline: the browser reports what it blocks.
        self.blocked = []
        page.on(
            "console",
            lambda message: self.blocked.append(message.text) if "Content Security Policy" in message.text else None,
        )

    def __getattr__(self, name):
        return getattr(self.page, name)

    def goto(self, path):
        self.page.goto(self.base_url + path)
        self.check_accessibility()

    def check_accessibility(self):
        self.page.wait_for_load_state("load")
        # No preload: axe would copy each @import-ed stylesheet (the admin's forms.css) into an inline
        # <style>, which the Content Security Policy blocks and the check below would blame on the page.
        results = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "preload": False})
        assert results.violations_count == 0, f"{self.page.url}\n{results.generate_report()}"
        assert self.blocked == [], f"{self.page.url}: the Content Security Policy blocked {self.blocked}"


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(15_000)
    yield AccessiblePage(context.new_page(), live_server.url)
    context.close()


def log_in(page, email, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    page.check_accessibility()


def log_in_with_authenticator(page, user):
    """Log in as a user with the tests' authenticator app (coordinators, helpdesk staff)."""
    log_in(page, user.email, PASSWORD)
    counters = list(yield_hotp_counters_from_time())
    page.get_by_label("Code").fill(format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2])))
    page.locator("main").get_by_role("button", name="Sign In").click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    assert "/accounts/" not in page.url, f"still logging in: {page.url}"
