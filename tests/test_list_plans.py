"""The request lists and the activity figures are shaped so that indexes serve them at a million requests.

On a test database the planner reads small tables whole whatever the query, so each test turns
sequential scans off: what is left is the best index plan, and it must name the index the page
relies on. A query shape no index can serve (a date cast, a scope as a subquery inside an OR, a
search the trigram indexes do not match) falls back to a scan and fails.
"""

import datetime
import zoneinfo

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from requests_app import statistics
from requests_app.auth import requests_visible_to
from requests_app.models import InformationRequest, Status
from requests_app.selectors import matching, request_list, task_names
from tests.request_states import request_in


def plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Statistics of this test's rows, whether or not autovacuum has analysed the table since other tests.
        cursor.execute("ANALYZE requests_app_informationrequest")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        lines = [row[0] for row in cursor.fetchall()]
        cursor.execute("SET LOCAL enable_seqscan = on")
    return "\n".join(lines)


@pytest.fixture
def some_requests(world, questions):
    return [request_in(world, questions, state) for state in (Status.OPEN, Status.REPLIED, Status.CLOSED)]


@pytest.mark.parametrize("persona", ["pt_coordinator", "pt_handler", "bg_handler"])
def test_the_list_search_is_served_by_the_trigram_indexes(world, some_requests, persona):
    # On a small table the planner may start from the user's authorities instead; at a million
    # requests a rare word is cheaper from the trigram indexes. Here: the search alone is index-served.
    shown = plan(InformationRequest.objects.filter(matching("guide", user=getattr(world, persona))).order_by())
    assert "request_summary_trgm" in shown
    assert "request_reference_trgm" in shown
    assert "Seq Scan on requests_app_informationrequest" not in shown
    assert "Seq Scan on requests_app_informationrequest" not in plan(
        request_list(user=getattr(world, persona), query="guide")
    )


def test_a_coordinators_scope_is_a_list_of_authorities_not_a_subquery(world, some_requests):
    sql = str(requests_visible_to(world.pt_coordinator).query)
    assert "authorities_authority" not in sql
    assert "Seq Scan on requests_app_informationrequest" not in plan(request_list(user=world.pt_coordinator))


def only_index(*names):
    """Drop, inside the test's transaction (so rolled back), every index of the requests but ``names`` and the
    unique constraints' ones: on a table of a few rows the planner picks among usable indexes by chance; left with one,
    the plan shows whether that one can serve the query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'requests_app_informationrequest' "
            "AND NOT indexname = ANY(%s) AND indexname NOT LIKE '%%pkey' AND indexname NOT LIKE '%%key'",
            [list(names)],
        )
        others = [row[0] for row in cursor.fetchall()]
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the rows written so far, checked before the DDL
        for index in others:
            cursor.execute(f'DROP INDEX IF EXISTS "{index}"')


def test_the_activity_of_an_authority_reads_its_requests_by_date(world, some_requests):
    start, end = datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)
    received = statistics.received_in(authorities=[world.pt_handler.authority_id], start=start, end=end)
    assert "::date" not in str(received.query)
    only_index("request_received_by_date")
    shown = plan(received.order_by())  # as the figures read it: counted, in no order
    (condition,) = [line for line in shown.splitlines() if "Index Cond" in line]
    assert "request_received_by_date" in shown
    assert "responding_authority_id = " in condition and "sent_at >=" in condition and "sent_at <" in condition


def plan_with_only(names, sql):
    """The plan of ``sql`` with no sequential or bitmap scan allowed and only the indexes ``names`` left (for
    this call: put back after). A query the index answers alone shows "Index Only Scan"; one that needs the
    requests' rows too, "Index Scan"."""
    with transaction.atomic():
        only_index(*names)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE requests_app_informationrequest")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            lines = [row[0] for row in cursor.fetchall()]
        transaction.set_rollback(True)
    return "\n".join(lines)


@pytest.mark.parametrize("persona", ["pt_coordinator", "pt_handler", "bg_handler", "bg_supervisor", "superuser"])
def test_a_lists_ids_are_read_from_the_newest_first_index_alone(world, some_requests, persona):
    # A page's ids are the first IMI_LIST_COUNT_CAP + 1 in the list's order (core.pagination): the index holds
    # every column the visibility rule and these filters test, so no request's row is read for them.
    user = getattr(world, persona)
    filters = [{}, {"direction": "incoming"}, {"status": Status.OPEN}, {"overdue": True}]
    filters += [{"task": name} for name in task_names(user)]  # each group of My tasks or the coordination page
    with CaptureQueriesContext(connection) as queries:
        for chosen in filters:
            list(request_list(user=user, **chosen).values_list("pk", flat=True)[:1001])
    # (The user's areas and the colleagues they cover for are read first, once.)
    lists = [query["sql"] for query in queries.captured_queries if "informationrequest" in query["sql"]]
    assert len(lists) >= 4  # a group whose condition can match nothing is not asked
    for sql in lists:
        assert "Index Only Scan using request_newest_first" in plan_with_only(["request_newest_first"], sql)


@pytest.mark.parametrize("with_area", [False, True])
def test_the_activity_figures_read_the_indexes_alone(world, some_requests, with_area):
    start, end = datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)
    scope = [world.pt_authority.pk, world.pt_other_authority.pk]
    area = some_requests[0].legislative_area if with_area else None
    with CaptureQueriesContext(connection) as queries:
        statistics.indicators(authorities=scope, start=start, end=end, area=area)
        statistics.per_month(authorities=scope, start=start, end=end, area=area)
    indicators, months = (query["sql"] for query in queries.captured_queries)  # both sides' months in one query
    received, sent = "request_received_by_date", "request_sent_by_date"
    assert f"Index Only Scan using {received}" in plan_with_only([received], indicators)
    assert f"Index Only Scan using {received}" in plan_with_only([received], months)
    assert f"Index Only Scan using {sent}" in plan_with_only([sent], months)


def test_a_day_is_a_day_in_the_portals_time_zone(world, some_requests):
    brussels = zoneinfo.ZoneInfo("Europe/Brussels")
    late_in_june, first_of_july = some_requests[0], some_requests[1]
    InformationRequest.objects.filter(pk=late_in_june.pk).update(
        sent_at=datetime.datetime(2026, 6, 30, 23, 30, tzinfo=brussels)
    )
    InformationRequest.objects.filter(pk=first_of_july.pk).update(
        sent_at=datetime.datetime(2026, 7, 1, 0, 30, tzinfo=brussels)
    )
    june = statistics.sent_between(datetime.date(2026, 6, 1), datetime.date(2026, 7, 1))
    july = statistics.sent_between(datetime.date(2026, 7, 1), datetime.date(2026, 8, 1))
    assert list(june.values_list("pk", flat=True)) == [late_in_june.pk]
    assert list(july.values_list("pk", flat=True)) == [first_of_july.pk]
