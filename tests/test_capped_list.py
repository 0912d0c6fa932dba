"""The request list counts at most IMI_LIST_COUNT_CAP requests: beyond, it says "more than" and lists the newest."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.pagination import CappedPaginator
from requests_app.auth import requests_visible_to
from requests_app.models import Status
from requests_app.selectors import rows_in_order
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


def test_one_query_reads_the_ids_up_to_the_cap_in_order_and_nothing_counts(client, world, five_requests, settings):
    settings.IMI_LIST_COUNT_CAP = 3
    client.force_login(world.bg_handler)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("requests:list"))
    reads = [query["sql"] for query in queries if 'FROM "requests_app_informationrequest"' in query["sql"]]
    assert not [sql for sql in reads if "COUNT(" in sql]
    (ids,) = [sql for sql in reads if sql.startswith('SELECT "requests_app_informationrequest"."id" AS "pk" FROM')]
    assert ids.endswith("LIMIT 4")
    assert "ORDER BY" in ids


def test_a_later_page_lists_the_next_ids_of_the_same_read(world, five_requests, django_assert_num_queries):
    newest_first = requests_visible_to(world.pt_handler).order_by("-created_at", "-pk")
    paginator = CappedPaginator(newest_first, 2, cap=4, rows=rows_in_order)
    with django_assert_num_queries(2):  # the ids, then the rows of the page
        second = paginator.page(2)
    assert [item.pk for item in second] == [item.pk for item in reversed(five_requests[1:3])]
    assert (paginator.count, paginator.capped, paginator.num_pages) == (4, True, 2)
    with django_assert_num_queries(1):  # the ids are read once
        assert [item.pk for item in paginator.page(1)] == [item.pk for item in reversed(five_requests[3:])]


def test_the_bulgarian_handler_reads_it_in_bulgarian(client, world, five_requests, settings):
    settings.IMI_LIST_COUNT_CAP = 3
    client.force_login(world.bg_handler)
    page = client.get(reverse("requests:list")).content.decode()
    assert "Повече от 3 заявки" in page
