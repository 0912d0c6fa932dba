"""Browser tests: Playwright drives the machine's Chromium against a live server.

Every browser test runs twice, on a desktop screen (`wide`, 1280×800) and on a small phone
(`narrow`, 375×740): the `page` fixture depends on the parametrised `viewport` fixture. A test
that is about one size only parametrises `viewport` itself (`@pytest.mark.parametrize("viewport",
[WIDE], ids=["wide"])`), which replaces the fixture's two sizes.

Every page a test lands on is checked: axe-core for WCAG 2.1 A and AA, nothing blocked by the
Content Security Policy, no sideways scroll of the page at either width, and on a desktop no
table cell beyond the box that holds its table.
"""

import os
import shutil

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import sync_playwright

from tests.conftest import TOTP_SECRET
from tests.english import english_in
from tests.factories import PASSWORD

# The live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 375, "height": 740}
# Below this width ECL stacks table rows as cards and folds the main menu behind a "Menu" button.
ECL_DESKTOP = 996

# What sticks out sideways: the page itself, and table cells beyond the box that holds their table
# (its .ecl-table-responsive, which would scroll, or whatever element contains the table).
LAYOUT = """() => {
    const page = document.documentElement;
    const cut = [];
    for (const table of document.querySelectorAll('table')) {
        if (!table.getClientRects().length) continue;  // not displayed
        const holder = (table.closest('.ecl-table-responsive') || table.parentElement).getBoundingClientRect();
        for (const cell of table.querySelectorAll('th, td')) {
            const box = cell.getBoundingClientRect();
            // Visually hidden, for screen readers.
            if (box.width <= 1 || box.height <= 1 || cell.closest('.visually-hidden, .ecl-u-sr-only')) continue;
            if (box.right > holder.right + 1 || box.left < holder.left - 1) {
                cut.push(cell.innerText.trim().slice(0, 40) || cell.outerHTML.slice(0, 80));
            }
        }
    }
    const beyond = [...document.body.querySelectorAll('*')]
        .filter(element => element.getBoundingClientRect().right > page.clientWidth + 1)
        .slice(-5).map(element => `${element.tagName.toLowerCase()}.${element.className}`);
    return {scrollWidth: page.scrollWidth, clientWidth: page.clientWidth, cut: cut, beyond: beyond};
}"""

# The page's own words: its title, and text outside any element marked with another language (free text, a content
# field shown in the language that has it), and outside what is not shown.
OWN_WORDS = """() => {
    const own = document.documentElement.lang.split('-')[0];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts = [document.title];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (element.closest('script, style, template, [hidden], [aria-hidden="true"]')) continue;
        const marked = element.closest('[lang]');
        if (marked && marked.lang.split('-')[0] !== own) continue;
        if (node.textContent.trim()) texts.push(node.textContent.trim());
    }
    return texts;
}"""


def english_leftovers(page, language):
    """The portal's English texts on a page shown in `language`."""
    return english_in(page.evaluate(OWN_WORDS), language)


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
    """A Playwright page that checks accessibility and layout on every page it lands on."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.language = None  # once set, every page must be in this language, with no English left
        self.axe = Axe()
        # The Content Security Policy allows nothing inline: the browser reports what it blocks.
        self.blocked = []
        page.on(
            "console",
            lambda message: self.blocked.append(message.text) if "Content Security Policy" in message.text else None,
        )

    def __getattr__(self, name):
        return getattr(self.page, name)

    @property
    def is_narrow(self):
        return self.page.viewport_size["width"] < ECL_DESKTOP

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
        self.check_layout()
        if self.language:
            self.check_language()

    def check_language(self):
        assert self.page.locator("html").get_attribute("lang") == self.language, self.page.url
        leftovers = english_leftovers(self.page, self.language)
        assert leftovers == [], f"{self.page.url}: English in a page in {self.language}: {leftovers}"

    def check_layout(self):
        width = self.page.viewport_size["width"]
        measured = self.page.evaluate(LAYOUT)
        assert measured["scrollWidth"] <= measured["clientWidth"], (
            f"{self.page.url} scrolls sideways at {width} px: {measured['scrollWidth']} > {measured['clientWidth']}, "
            f"beyond the right edge: {measured['beyond']}"
        )
        if not self.is_narrow:
            assert measured["cut"] == [], f"{self.page.url}: table cells cut off at {width} px: {measured['cut']}"


@pytest.fixture(params=[WIDE, NARROW], ids=["wide", "narrow"])
def viewport(request):
    """The screen size of every page of the test: a desktop's, then a small phone's."""
    return request.param


def _open_page(browser, live_server, viewport):
    context = browser.new_context(locale="en-GB", viewport=viewport)
    context.set_default_timeout(15_000)
    return AccessiblePage(context.new_page(), live_server.url)


@pytest.fixture
def page(browser, live_server, viewport):
    page = _open_page(browser, live_server, viewport)
    yield page
    page.context.close()


@pytest.fixture
def new_page(browser, live_server, viewport):
    """Opens a page for another persona, in a browser context of its own (its own cookies), at the
    test's screen size."""
    pages = []

    def open_page():
        pages.append(_open_page(browser, live_server, viewport))
        return pages[-1]

    yield open_page
    for page in pages:
        page.context.close()


def in_language(language, text, context=None):
    """`text` (a msgid, a lazy string or a callable returning one) as the portal says it in `language`."""
    with translation.override(language):
        if callable(text):
            return str(text())
        if context is not None:
            return translation.pgettext(context, text)
        return translation.gettext(text) if isinstance(text, str) else str(text)


def translate_button(page, reader, text_id):
    """The "Translate into <the reader's language>" button under the free text ``text_id`` of a request page."""
    language = in_language(reader, lambda: translation.get_language_info(reader)["name_translated"])
    name = in_language(reader, "Translate into %(language)s") % {"language": language}
    return page.locator(f"#{text_id}").get_by_role("button", name=name)


def click_and_check(page, locator):
    locator.click()
    page.wait_for_load_state("load")
    page.check_accessibility()


def nav(page, name):
    """Follows a link of the main menu; on a phone ECL folds the menu behind its "Menu" button."""
    menu = page.locator("nav[data-ecl-menu]")
    opener = menu.locator("[data-ecl-menu-open]")
    if opener.is_visible():
        opener.click()
    click_and_check(page, menu.get_by_role("link", name=name, exact=True))


def log_in(page, email, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    page.check_accessibility()


def log_in_with_code(page, user_or_email):
    """Logs in a user who has set up an authenticator (coordinators, helpdesk staff, superusers)."""
    log_in(page, getattr(user_or_email, "email", user_or_email), PASSWORD)
    counters = list(yield_hotp_counters_from_time())
    page.get_by_label("Code").fill(format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2])))
    click_and_check(page, page.locator("main").get_by_role("button", name="Sign In"))
    assert "/accounts/" not in page.url, f"still logging in: {page.url}"
