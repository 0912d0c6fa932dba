"""My tasks comes first: the "Getting started" checklist stays, but compact, and the first task is
in view without scrolling on the screens civil servants use (1920×900, 1280×800); a phone reads
the page top to bottom (the pages' own check: without a sideways scroll)."""

import pytest

from requests_app.models import Status
from tests.browser.conftest import NARROW, WIDE, log_in
from tests.factories import PASSWORD
from tests.request_states import request_in

FIRST_TASK = """() => {
    const row = document.querySelector('section[aria-labelledby="tasks-to_accept"] tbody tr');
    return {bottom: row.getBoundingClientRect().bottom, fold: window.innerHeight};
}"""


@pytest.mark.parametrize("viewport", [{"width": 1920, "height": 900}, WIDE], ids=["1920x900", "wide"])
def test_the_first_task_is_above_the_fold_with_the_checklist_shown(page, world, questions, frozen_now):
    request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    log_in(page, world.pt_handler.email, PASSWORD)  # a new user: the checklist is shown
    assert page.get_by_role("region", name="Getting started").is_visible()
    measured = page.evaluate(FIRST_TASK)
    assert measured["bottom"] <= measured["fold"], measured


@pytest.mark.parametrize("viewport", [NARROW], ids=["narrow"])
def test_a_phone_shows_the_tasks_and_the_checklist(page, world, questions, frozen_now):
    request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    log_in(page, world.pt_handler.email, PASSWORD)
    assert page.get_by_role("region", name="Getting started").count() == 1
    page.locator('section[aria-labelledby="tasks-to_accept"] tbody tr').first.wait_for()
