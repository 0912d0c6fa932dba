"""An LDA registers a colleague, who sets a password from the e-mail and is logged in."""

import re

from django.core import mail

from tests.browser.conftest import click_and_check, log_in, nav
from tests.factories import PASSWORD

NEW_PASSWORD = "a-good-long-password-for-2026"


def test_an_lda_invites_a_colleague_who_sets_a_password_and_logs_in(page, new_page, world):
    world.pt_handler.preferred_language = "en"
    world.pt_handler.save()
    log_in(page, world.pt_handler.email, PASSWORD)

    nav(page, "My authority")
    click_and_check(page, page.get_by_role("link", name="Register a colleague"))
    page.get_by_label("Full name").fill("João Pereira")
    page.get_by_label("E-mail").fill("joao.pereira@pt.test")
    # Offered in the language of the authority's country; this colleague reads English.
    assert page.get_by_label("Language", exact=True).input_value() == "pt"
    page.get_by_label("Language", exact=True).select_option("en")
    click_and_check(page, page.get_by_role("button", name="Register and send the invitation"))

    # The roles page: make the new colleague a request handler.
    # ECL draws the box on the label, which is what a person clicks.
    page.get_by_role("group", name="Professional qualifications").get_by_text("Request handler").click()
    assert page.get_by_role("group", name="Professional qualifications").get_by_label("Request handler").is_checked()
    click_and_check(page, page.get_by_role("button", name="Save"))
    page.locator("main table").get_by_text("João Pereira").first.wait_for()  # a cell, or a card on a phone

    (message,) = [m for m in mail.outbox if m.to == ["joao.pereira@pt.test"]]
    link = re.search(r"http\S+/invitation/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    newcomer = new_page()
    newcomer.goto("/" + path)
    newcomer.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    newcomer.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    click_and_check(newcomer, newcomer.get_by_role("button", name="Set password and log in"))
    newcomer.get_by_role("heading", name="My tasks").wait_for()
    newcomer.get_by_role("link", name="My account").click()
    newcomer.get_by_text("Logged in as João Pereira").wait_for()
    newcomer.check_accessibility()
