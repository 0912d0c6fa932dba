"""What a civil servant sees on a working day, on a desktop screen and on a phone.

The national coordinator finds a request forwarded to her among her tasks; a handler answers and
replies and learns which question is still unanswered; a handler accepts and sees the date the
days she needs lead to.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from requests_app.models import Action, Status
from tests.browser.conftest import click_and_check, log_in, log_in_with_code, nav
from tests.factories import PASSWORD
from tests.request_states import request_in, step


def test_the_coordinator_finds_a_request_forwarded_to_her_and_allocates_it(page, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    step(info_request, Action.FORWARD, world.pt_handler, authority=world.pt_coordinator.authority, note="Not ours.")

    log_in_with_code(page, world.pt_coordinator)
    tasks = page.get_by_role("region", name="To allocate to a competent authority")
    tasks.get_by_role("link", name=info_request.reference).wait_for()

    nav(page, "Requests to coordinate")
    to_allocate = page.get_by_role("table", name="To allocate to a competent authority")
    click_and_check(page, to_allocate.get_by_role("link", name=info_request.reference))
    click_and_check(page, page.get_by_role("link", name=str(Action.ALLOCATE.label)))
    page.get_by_label("Authority").select_option(label=f"{world.pt_other_authority.name} (Portugal, Lisboa)")
    click_and_check(page, page.get_by_role("button", name=str(Action.ALLOCATE.label)))
    info_request.refresh_from_db()
    assert info_request.responding_authority == world.pt_other_authority
    page.goto("/")
    assert page.get_by_role("region", name="To allocate to a competent authority").count() == 0


def test_a_handler_learns_which_question_still_needs_an_answer(page, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    yes_no, choice, text, date = questions

    log_in(page, world.pt_handler.email, PASSWORD)
    page.goto(f"/requests/{info_request.pk}/answers/")
    assert page.get_by_text("(optional)").count() == 0
    page.get_by_text("Every question needs an answer before you send the reply.").wait_for()
    page.get_by_role("group", name=yes_no.text_en).get_by_text("Yes", exact=True).click()
    page.get_by_role("group", name=choice.text_en).get_by_text("Diploma", exact=True).click()
    page.get_by_label(date.text_en).fill("2015-06-01")
    click_and_check(page, page.get_by_role("button", name="Save the answers"))

    click_and_check(page, page.get_by_role("link", name=str(Action.REPLY.label)))
    missing = page.get_by_role("alert").filter(has_text="Not answered yet:")
    missing.get_by_text(f"3. {text.text_en}").wait_for()
    assert missing.get_by_text(yes_no.text_en).count() == 0
    click_and_check(page, page.get_by_role("button", name=str(Action.REPLY.label)))
    page.get_by_role("alert").get_by_text(f"3. {text.text_en}").wait_for()
    info_request.refresh_from_db()
    assert info_request.status == Status.OPEN


def test_accepting_shows_the_date_the_days_lead_to_and_asks_for_the_reason_on_its_field(page, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    today = timezone.localdate()

    def shown(days):
        return date_format(today + datetime.timedelta(days=days), "DATE_FORMAT")

    log_in(page, world.pt_handler.email, PASSWORD)
    page.goto(f"/requests/{info_request.pk}/{Action.ACCEPT}/")
    days = page.get_by_label("Days needed to answer")
    result = page.locator("[data-deadline-result]")
    assert result.inner_text() == f"Agreed deadline: {shown(20)}"
    days.fill("33")
    expect(result).to_have_text(f"Agreed deadline: {shown(33)}")
    days.fill("0")
    expect(result).to_have_text("Agreed deadline: —")
    days.fill("30")
    expect(result).to_have_text(f"Agreed deadline: {shown(30)}")

    click_and_check(page, page.get_by_role("button", name=str(Action.ACCEPT.label)))
    reason = page.get_by_label("Reason")
    assert reason.get_attribute("aria-invalid") == "true"
    page.locator(f"#{reason.get_attribute('id')}_error").get_by_text(
        "Explain why you need more time than the requesting authority proposed."
    ).wait_for()
    assert page.get_by_role("alert").filter(has_text="The form could not be saved.").count() == 0
    assert result.inner_text() == f"Agreed deadline: {shown(30)}"
    reason.fill("We must consult the national register of tourist guides.")
    click_and_check(page, page.get_by_role("button", name=str(Action.ACCEPT.label)))
    page.get_by_text(f"The agreed deadline is {shown(30)}.").wait_for()


def test_an_allocator_assigns_a_request_to_a_colleague(page, world, questions):
    # The Portuguese tourism authority is the only one of its country competent for qualifications.
    world.pt_other_authority.competences.all().delete()
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)

    log_in(page, world.pt_allocator.email, PASSWORD)
    page.goto(f"/requests/{info_request.pk}/")
    actions = page.get_by_role("region", name="What you can do now")
    assert actions.get_by_role("link", name=str(Action.ALLOCATE.label), exact=True).count() == 0
    click_and_check(page, actions.get_by_role("link", name=str(Action.ASSIGN.label)))
    page.get_by_role("group", name="Handler").get_by_text(world.pt_handler.full_name).click()
    click_and_check(page, page.get_by_role("button", name=str(Action.ASSIGN.label)))
    page.get_by_role("list").get_by_text(f"→ {world.pt_handler.full_name}").wait_for()
    info_request.refresh_from_db()
    assert info_request.responder_handler == world.pt_handler
