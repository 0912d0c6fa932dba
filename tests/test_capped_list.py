"""The request list counts at most IMI_LIST_COUNT_CAP requests: beyond, it says "more than" and lists the newest."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_app.models import Status
from tests.request_states import request_in


@pytest.fixture
def five_requests(world, questions):
    return [request_in(world, questions, Status.OPEN) for _ in range(5)]


def test_below_the_cap_the_list_says_how_many(client, world, five_requests, settings):
    settings.IMI_LIST_COUNT_CAP = 10
    client.force_login(world.pt_handler)  # reads English
    page = client.get(reverse("requests:list")).content.decode()
    assert "5 requests" in page
    assert "More than" not in page


def test_above_the_cap_it_says_more_than_and_lists_the_newest(client, world, five_requests, settings):
    settings.IMI_LIST_COUNT_CAP = 3
    client.force_login(world.pt_handler)
    response = client.get(reverse("requests:list"))
    page = response.content.decode()
    assert "More than 3 requests" in page
    assert "narrow the list with the filters" in page
    assert [item.pk for item in response.context["requests"]] == [item.pk for item in reversed(five_requests[2:])]


def test_the_count_stops_at_the_cap(client, world, five_requests, settings):
    settings.IMI_LIST_COUNT_CAP = 3
    client.force_login(world.bg_handler)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("requests:list"))
    counts = [query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1
    assert "LIMIT 4" in counts[0]
    assert "ORDER BY" not in counts[0]


def test_the_bulgarian_handler_reads_it_in_bulgarian(client, world, five_requests, settings):
    settings.IMI_LIST_COUNT_CAP = 3
    client.force_login(world.bg_handler)
    page = client.get(reverse("requests:list")).content.decode()
    assert "Повече от 3 заявки" in page
