"""A coordinator is told of a mail that could not be delivered, looks at it and sends it again."""

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from core.models import OutboxMessage
from tests.browser.conftest import log_in
from tests.conftest import TOTP_SECRET
from tests.factories import PASSWORD
from tests.test_failed_mails import failed_mail


def test_a_coordinator_sees_the_alert_opens_the_failed_mails_and_sends_one_again(page, world):
    message = failed_mail(world.bg_handler)
    world.bg_coordinator.preferred_language = "en"
    world.bg_coordinator.save()
    log_in(page, world.bg_coordinator.email, PASSWORD)
    counters = list(yield_hotp_counters_from_time())
    page.get_by_label("Code").fill(format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2])))
    page.locator("main").get_by_role("button", name="Sign In").click()
    page.wait_for_load_state("load")
    page.check_accessibility()

    page.get_by_role("alert").filter(has_text="1 mail could not be delivered.").wait_for()
    page.get_by_role("link", name="See the mails that could not be delivered").click()
    page.check_accessibility()
    row = page.get_by_role("row").filter(has_text=world.bg_handler.email)
    assert "not answering" in row.inner_text()
    row.get_by_role("button", name=f"Send the mail to {world.bg_handler.email} again").click()
    page.check_accessibility()
    page.get_by_text(f"The mail to {world.bg_handler.email} will be sent again.").wait_for()
    page.get_by_text("Every mail has been delivered.").wait_for()
    message.refresh_from_db()
    assert message.state != OutboxMessage.State.FAILED
