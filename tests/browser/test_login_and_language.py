"""A handler logs in, switches the portal to Bulgarian and reads it in Bulgarian."""

from django.utils import translation

from tests.browser.conftest import click_and_check, log_in
from tests.factories import PASSWORD


def test_a_handler_logs_in_and_switches_to_bulgarian(page, world):
    log_in(page, world.pt_handler.email, PASSWORD)
    page.get_by_role("heading", name="My tasks").wait_for()

    page.get_by_role("button", name="Change language").click()
    page.get_by_role("dialog", name="Select your language").wait_for()
    page.check_accessibility()
    click_and_check(page, page.locator("#language-list-overlay").get_by_role("button", name="Български"))

    with translation.override("bg"):
        my_tasks = translation.gettext("My tasks")
    assert my_tasks != "My tasks"
    page.get_by_role("heading", name=my_tasks).wait_for()
    assert page.locator("html").get_attribute("lang") == "bg"
    world.pt_handler.refresh_from_db()
    assert world.pt_handler.preferred_language == "bg"


def test_a_wrong_password_is_refused_with_a_message(page, world):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(world.pt_handler.email)
    page.get_by_label("Password", exact=True).fill("not-the-password")
    click_and_check(page, page.locator("main").get_by_role("button", name="Log in"))
    assert "/accounts/login/" in page.url
    page.get_by_role("alert").wait_for()


def test_the_national_helpdesks_page_is_reached_from_the_header(page, world):
    page.goto("/accounts/login/")
    click_and_check(page, page.get_by_role("link", name="National helpdesks").first)
    page.get_by_role("heading", name="National helpdesks").wait_for()
