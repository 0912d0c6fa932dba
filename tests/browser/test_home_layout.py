"""My tasks comes first: the "Getting started" checklist stays, but compact, and the first task is
in view without scrolling on the screens civil servants use (1920×900, 1280×800); a phone reads
the page top to bottom without a sideways scroll."""

import pytest

from requests_app.models import Status
from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.request_states import request_in

FIRST_TASK = """() => {
    const row = document.querySelector('section[aria-labelledby="tasks-to_accept"] tbody tr');
    const box = row.getBoundingClientRect();
    return {bottom: box.bottom, fold: window.innerHeight,
            sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize(("width", "height"), [(1920, 900), (1280, 800)])
def test_the_first_task_is_above_the_fold_with_the_checklist_shown(page, world, questions, frozen_now, width, height):
    request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, world.pt_handler.email, PASSWORD)  # a new user: the checklist is shown
    assert page.get_by_role("region", name="Getting started").is_visible()
    measured = page.evaluate(FIRST_TASK)
    assert measured["bottom"] <= measured["fold"], measured
    assert not measured["sideways"]


def test_a_phone_shows_the_tasks_and_the_checklist_without_a_sideways_scroll(page, world, questions, frozen_now):
    request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, world.pt_handler.email, PASSWORD)
    assert page.get_by_role("region", name="Getting started").count() == 1
    measured = page.evaluate(FIRST_TASK)
    assert not measured["sideways"]
