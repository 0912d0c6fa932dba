"""The two deadline fields explain themselves as they are typed, with one script (static/js/deadline.js).

Accepting asks for the days needed and shows the date they lead to; changing the deadline asks for
a date and says how many calendar days from today it is, or that it must be after today. Both are
announced to screen readers (aria-live) and count from the server's today.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from requests_app.models import Action, Status
from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.request_states import request_in


def test_accepting_shows_the_date_the_days_lead_to(page, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    today = timezone.localdate()
    log_in(page, world.pt_handler.email, PASSWORD)
    page.goto(f"/requests/{info_request.pk}/{Action.ACCEPT}/")
    result = page.locator("[data-deadline-result]")
    assert result.get_attribute("aria-live") == "polite"
    page.get_by_label("Days needed to answer").fill("7")
    expect(result).to_have_text(f"Agreed deadline: {date_format(today + datetime.timedelta(days=7), 'DATE_FORMAT')}")


def test_changing_the_deadline_counts_the_days_to_the_date_typed(page, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    today = timezone.localdate()
    log_in(page, world.pt_handler.email, PASSWORD)
    page.goto(f"/requests/{info_request.pk}/{Action.CHANGE_DEADLINE}/")
    field = page.get_by_label("New deadline")
    # What is shown and read out: the other sentence is hidden.
    hint = page.locator("[data-deadline-days-result]")
    assert hint.get_attribute("aria-live") == "polite"
    expect(hint).to_have_text(
        f"Calendar days from today: {(info_request.agreed_deadline - today).days}", use_inner_text=True
    )

    field.fill((today + datetime.timedelta(days=45)).isoformat())
    expect(hint).to_have_text("Calendar days from today: 45", use_inner_text=True)
    field.fill((today + datetime.timedelta(days=1)).isoformat())
    expect(hint).to_have_text("Calendar days from today: 1", use_inner_text=True)
    field.fill(today.isoformat())
    expect(hint).to_have_text("A date after today.", use_inner_text=True)
    field.fill((today - datetime.timedelta(days=3)).isoformat())
    expect(hint).to_have_text("A date after today.", use_inner_text=True)
    page.check_accessibility()

    field.fill((today + datetime.timedelta(days=20)).isoformat())
    expect(hint).to_have_text("Calendar days from today: 20", use_inner_text=True)
    page.get_by_label("Reason").fill("Waiting for the register.")
    page.get_by_role("button", name=str(Action.CHANGE_DEADLINE.label)).click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    page.get_by_text(
        f"The agreed deadline is {date_format(today + datetime.timedelta(days=20), 'DATE_FORMAT')}."
    ).wait_for()
