"""A new Latvian user's checklist, and a coordinator's statistics."""

from pathlib import Path

from tests.browser.conftest import click_and_check, in_language, log_in, log_in_with_code
from tests.factories import PASSWORD, UserFactory
from tests.request_states import request_in


def in_latvian(text):
    return in_language("lv", text)


def test_a_new_latvian_user_sees_the_checklist_in_latvian_and_ticks_the_backup(page, world):
    newcomer = UserFactory(
        email="new@lv.test", full_name="Ilze Kalniņa", authority=world.lv_authority, preferred_language="lv"
    )
    log_in(page, newcomer.email, PASSWORD)
    checklist = page.get_by_role("region", name=in_latvian("Getting started"))
    backup_item = checklist.get_by_role("listitem").filter(
        has_text=in_latvian("Register at least one colleague as your backup.")
    )
    assert backup_item.get_by_role("img", name=in_latvian("To do")).count() == 1

    click_and_check(page, backup_item.get_by_role("link"))
    page.get_by_text(world.stranger.full_name).click()  # the LDA of the same Latvian authority
    click_and_check(page, page.get_by_role("button", name=in_latvian("Save")))

    page.goto("/")
    backup_item = (
        page.get_by_role("region", name=in_latvian("Getting started"))
        .get_by_role("listitem")
        .filter(has_text=in_latvian("Register at least one colleague as your backup."))
    )
    assert backup_item.get_by_role("img", name=in_latvian("Done")).count() == 1


def test_a_coordinator_opens_the_statistics_of_the_country_and_downloads_the_csv(page, world, questions):
    request_in(world, questions, "closed")
    log_in_with_code(page, world.pt_coordinator)  # coordinators log in with their authenticator code too

    page.goto("/requests/activity/?scope=coordination")
    page.get_by_role("heading", name="Indicators").wait_for()
    page.get_by_role("row", name="Accepted within 7 days").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the figures (CSV)").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")  # the CSV starts with a BOM for Excel
    assert content.startswith("Month,Sent,Received")
    assert "Accepted within 7 days" in content
