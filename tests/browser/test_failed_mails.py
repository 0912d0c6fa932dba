"""A coordinator is told of a mail that could not be delivered, looks at it and sends it again."""

from core.models import OutboxMessage
from tests.browser.conftest import click_and_check, log_in_with_code
from tests.test_failed_mails import failed_mail


def test_a_coordinator_sees_the_alert_opens_the_failed_mails_and_sends_one_again(page, world):
    message = failed_mail(world.bg_handler)
    world.bg_coordinator.preferred_language = "en"
    world.bg_coordinator.save()
    log_in_with_code(page, world.bg_coordinator)

    page.get_by_role("alert").filter(has_text="1 mail could not be delivered.").wait_for()
    click_and_check(page, page.get_by_role("link", name="See the mails that could not be delivered"))
    row = page.get_by_role("row").filter(has_text=world.bg_handler.email)
    assert "not answering" in row.inner_text()
    click_and_check(page, row.get_by_role("button", name=f"Send the mail to {world.bg_handler.email} again"))
    page.get_by_text(f"The mail to {world.bg_handler.email} will be sent again.").wait_for()
    page.get_by_text("Every mail has been delivered.").wait_for()
    message.refresh_from_db()
    assert message.state != OutboxMessage.State.FAILED
