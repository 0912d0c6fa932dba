"""Request tables fit the screen: Status and Deadline, what a task list exists for, are always in view.

At 1280 px the table fits the page without a sideways scroll; at 375 px each request is a stacked
card that fits the phone's width.
"""

import datetime

import pytest
from django.utils import timezone

from requests_app.models import InformationRequest, Status
from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.request_states import draft, request_in, step

LONG_SUMMARY = (
    "Qualification of a tourist guide who declares a diploma of the Universidade de Lisboa "
    "and a certificate of good standing issued by the Ordem dos Guias-Intérpretes"
)

# Where a cell's edges are, and whether the page, or a table's own box, scrolls sideways.
MEASURE = """() => {
    const page = document.documentElement;
    const boxes = [...document.querySelectorAll('.ecl-table-responsive, .ecl-table__cell')];
    return {
        viewport: page.clientWidth,
        pageScrollsSideways: page.scrollWidth > page.clientWidth,
        boxesScrollingSideways: boxes.filter(box => box.scrollWidth > box.clientWidth + 1).length,
        cells: [...document.querySelectorAll('td[data-ecl-table-header]')].map(cell => {
            const box = cell.getBoundingClientRect();
            return {header: cell.dataset.eclTableHeader, left: box.left, right: box.right};
        }),
    };
}"""


def _assert_fits(page, path):
    page.goto(path)
    measured = page.evaluate(MEASURE)
    assert not measured["pageScrollsSideways"], f"{path} scrolls sideways"
    assert measured["boxesScrollingSideways"] == 0, f"{path} has a table or cell that scrolls sideways"
    for header in ("Status", "Deadline"):
        cells = [cell for cell in measured["cells"] if cell["header"] == header]
        assert cells, f"{path} has no {header} cells"
        for cell in cells:
            assert cell["left"] >= 0 and cell["right"] <= measured["viewport"], f"{path}: {header} at {cell}"


@pytest.fixture
def portuguese_tasks(world, questions, frozen_now):
    """Requests waiting for the Portuguese handler: one to accept, one to answer and overdue."""
    to_accept = draft(world, questions, summary=LONG_SUMMARY)
    step(to_accept, "send", world.bg_handler)
    overdue = request_in(world, questions, Status.OPEN)
    InformationRequest.objects.filter(pk=overdue.pk).update(
        agreed_deadline=timezone.localdate() - datetime.timedelta(days=9)
    )
    return to_accept, overdue


def test_my_tasks_and_the_list_show_status_and_deadline_without_a_sideways_scroll(page, world, portuguese_tasks):
    log_in(page, world.pt_handler.email, PASSWORD)
    _assert_fits(page, "/")
    page.get_by_text("overdue by 9 days").first.wait_for()
    _assert_fits(page, "/requests/")


def test_my_tasks_leave_out_the_readers_own_authority(page, world, portuguese_tasks):
    log_in(page, world.pt_handler.email, PASSWORD)
    tasks = page.get_by_role("region", name="To accept: check the proposed deadline (1)")
    assert tasks.locator("td[data-ecl-table-header='To']").count() == 0
    assert tasks.get_by_text(world.pt_authority.name).count() == 0
    assert tasks.get_by_text(world.bg_authority.name).count() == 1
