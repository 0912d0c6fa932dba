"""A table of requests (``requests/includes/table.html``) reads only the columns ``selectors.rows_in_order`` reads.

The rows of a table are read with only the columns the table shows; a column it reads beyond them
would cost one query per row. Every state of a request, with its deadline running or past, with an
absent handler, for each side and for a coordinator, and in every language, renders without a query.
"""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from requests_app.models import InformationRequest, Status
from requests_app.selectors import rows_in_order
from tests.request_states import STATES, request_in, split


@pytest.fixture(autouse=True)
def one_moment():
    """The rows are built and rendered at one moment: "overdue by 3 days" and "due today" stay true even if
    midnight falls between the two."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.fixture
def every_state(world, questions):
    requests = [request_in(world, questions, state) for state in STATES]
    split(world, questions)
    # One past its agreed deadline (overdue), one due today, and a handler of each side absent today.
    open_one = next(item for item in requests if item.status == Status.OPEN)
    today = timezone.localdate()
    InformationRequest.objects.filter(pk=open_one.pk).update(agreed_deadline=today - datetime.timedelta(days=3))
    InformationRequest.objects.filter(status=Status.CLARIFICATION_REQUESTED).update(agreed_deadline=today)
    for user in (world.pt_handler, world.bg_handler):
        user.absent_from, user.absent_until = today, today + datetime.timedelta(days=5)
        user.save(update_fields=["absent_from", "absent_until"])
    return list(InformationRequest.objects.order_by("-created_at", "-pk").values_list("pk", flat=True))


@pytest.mark.parametrize("persona", ["bg_handler", "pt_handler", "pt_coordinator", "bg_lda", "superuser"])
def test_every_state_of_a_row_renders_without_a_query(world, every_state, persona):
    reader = getattr(world, persona)
    request = RequestFactory().get("/")
    request.user = reader
    rows = rows_in_order(every_state)
    assert [row.pk for row in rows] == every_state and len(rows) > len(STATES)
    for language, _name in settings.LANGUAGES:
        with translation.override(language), CaptureQueriesContext(connection) as queries:
            page = render_to_string(
                "requests/includes/table.html", {"requests": rows, "caption": "", "user": reader}, request=request
            )
        assert [query["sql"] for query in queries.captured_queries] == [], language
        assert all(row.reference in page for row in rows)


def test_a_row_shows_the_deadline_the_absence_and_both_authorities(world, every_state):
    request = RequestFactory().get("/")
    request.user = world.pt_coordinator
    with translation.override("en"):
        page = render_to_string(
            "requests/includes/table.html",
            {"requests": rows_in_order(every_state), "caption": "", "user": world.pt_coordinator},
            request=request,
        )
    assert "overdue by 3 days" in page
    assert "due today" in page
    assert "who is absent" in page
    assert f"From {world.bg_authority.name} (BG)" in page
    assert f"To {world.pt_authority.name} (PT)" in page
