"""A user who stops working is warned two minutes before the session ends, may stay, and is logged out after."""

from datetime import timedelta

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

WARNING_MS = 120_000  # the warning comes two minutes before the end


def test_an_inactive_user_is_warned_may_stay_and_is_then_logged_out(page, world, settings):
    lifetime_ms = settings.SESSION_COOKIE_AGE * 1000
    page.clock.install()  # the page's timers run on a clock the test moves forward
    log_in(page, world.pt_handler.email, PASSWORD)
    page.get_by_role("heading", name="My tasks").wait_for()
    warning = page.locator("#session-warning")
    expect(warning).to_be_hidden()

    page.clock.fast_forward(lifetime_ms - WARNING_MS)
    expect(warning).to_be_visible()
    expect(warning.get_by_role("alert")).to_contain_text("Your session ends in two minutes")
    stay = warning.get_by_role("button", name="Stay logged in")
    expect(stay).to_be_focused()  # a keyboard or screen reader user lands on it
    page.check_accessibility()

    with page.expect_response(lambda response: "/session/ping/" in response.url) as ping:
        stay.press("Enter")
    assert ping.value.status == 204
    expect(warning).to_be_hidden()

    # Inactive again: the warning comes back, and when the session is over (on the server too) the page
    # goes to the login page by itself.
    page.clock.fast_forward(lifetime_ms - WARNING_MS)
    expect(warning).to_be_visible()
    with time_machine.travel(timezone.now() + timedelta(milliseconds=lifetime_ms + 5_000), tick=True):
        with page.expect_navigation():
            page.clock.fast_forward(WARNING_MS + 2_000)
        page.wait_for_url("**/accounts/login/**")
        page.check_accessibility()
        page.get_by_label("Email").wait_for()
