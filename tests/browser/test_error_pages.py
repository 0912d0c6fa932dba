"""A user who follows a dead link, or meets an error, gets an accessible page that shows the way on."""

import pytest

from tests.browser.conftest import click_and_check, log_in
from tests.factories import PASSWORD


def test_a_dead_link_leads_to_a_page_with_the_way_home(page, world):
    log_in(page, world.pt_handler.email, PASSWORD)
    page.goto("/requests/999999999/")
    page.get_by_role("heading", name="Page not found").wait_for()
    click_and_check(page, page.get_by_role("link", name="Go to the home page"))
    page.get_by_role("heading", name="My tasks").wait_for()


@pytest.mark.urls("tests.error_urls")
@pytest.mark.parametrize(
    ("path", "heading"),
    [("/failing/", "Something went wrong"), ("/database-away/", "The portal is unavailable for a moment")],
)
def test_server_error_pages_are_accessible_and_lead_home(page, world, path, heading):
    page.goto(path)
    page.get_by_role("heading", name=heading).wait_for()
    click_and_check(page, page.get_by_role("link", name="National helpdesks"))
    page.get_by_role("heading", name="National helpdesks").wait_for()
