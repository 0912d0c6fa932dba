"""Every list of the API costs the same number of queries for one row as for many: found by enumerating
the API's routes, so a new list is held to it without anyone remembering to add it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver

from requests_app import services, workflow
from requests_app.models import Action
from tests.api_support import api_client, system_token
from tests.factories import AuthorityFactory, country
from tests.test_api import draft

pytestmark = pytest.mark.django_db


def list_routes():
    """``(name, view class)`` of every API operation that answers a page of rows."""
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api")
    for pattern in api.url_patterns:
        view = getattr(pattern.callback, "view_class", None)
        if view is not None and getattr(view, "pagination_class", None):
            yield pattern.name, str(pattern.pattern)


def grow(world, questions, info_request, n, start):
    """``n`` more rows of every list: requests, messages, events, authorities."""
    for index in range(n):
        extra = draft(world, questions, reference=f"IMI-2026-{start + index:06d}")
        workflow.apply(request_id=extra.pk, action=Action.SEND, actor=world.bg_handler)
        services.message_add(info_request=info_request, user=world.bg_handler, body=f"Message {start + index}")
        AuthorityFactory(country=country("PT"), areas=["professional-qualifications"])


def test_the_lists_are_all_found():
    assert {name for name, _route in list_routes()} >= {
        "authorities",
        "registers",
        "legislative_areas",
        "question_sets",
        "requests",
        "messages",
        "attachments",
        "events",
    }


def test_every_list_costs_the_same_for_many_rows(world, questions):
    info_request = draft(world, questions)
    workflow.apply(request_id=info_request.pk, action=Action.SEND, actor=world.bg_handler)
    _account, token = system_token(world.bg_lda)
    client = api_client(token)
    urls = ["/api/v1/" + route.replace("<int:pk>", str(info_request.pk)) for _name, route in list_routes()]

    def costs():
        counts = {}
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            counts[url] = len(queries)
        return counts

    grow(world, questions, info_request, 1, 300)
    few = costs()
    grow(world, questions, info_request, 12, 400)
    assert costs() == few
