"""An LDA registers a colleague, who sets a password from the e-mail and is logged in."""

import re

from django.core import mail

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

NEW_PASSWORD = "a-good-long-password-for-2026"


def test_an_lda_invites_a_colleague_who_sets_a_password_and_logs_in(page, browser, live_server, world):
    world.pt_handler.preferred_language = "en"
    world.pt_handler.save()
    log_in(page, world.pt_handler.email, PASSWORD)

    page.goto("/authority/")
    page.get_by_role("link", name="Register a colleague").click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    page.get_by_label("Full name").fill("João Pereira")
    page.get_by_label("E-mail").fill("joao.pereira@pt.test")
    page.get_by_role("button", name="Register and send the invitation").click()
    page.wait_for_load_state("load")
    page.check_accessibility()

    # The roles page: make the new colleague a request handler.
    # ECL draws the box on the label, which is what a person clicks.
    page.get_by_role("group", name="Professional qualifications").get_by_text("Request handler").click()
    assert page.get_by_role("group", name="Professional qualifications").get_by_label("Request handler").is_checked()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    page.get_by_role("cell", name=re.compile("^João Pereira")).wait_for()

    (message,) = [m for m in mail.outbox if m.to == ["joao.pereira@pt.test"]]
    link = re.search(r"http\S+/invitation/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    context = browser.new_context(locale="en-GB")
    from tests.browser.conftest import AccessiblePage

    newcomer = AccessiblePage(context.new_page(), live_server.url)
    newcomer.goto("/" + path)
    newcomer.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    newcomer.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Set password and log in").click()
    newcomer.wait_for_load_state("load")
    newcomer.check_accessibility()
    newcomer.get_by_role("heading", name="My tasks").wait_for()
    newcomer.get_by_role("link", name="My account").click()
    newcomer.get_by_text("Logged in as João Pereira").wait_for()
    newcomer.check_accessibility()
    context.close()
