"""A coordinator's pages cost the same queries in a small world and in a large one.

The large world has ten times the authorities of the coordinator's country, each with a user,
and requests between them in every state: no page may spend a query per authority, user or
request of the scope.
"""

from django.urls import reverse

from authorities.models import Authority
from requests_app.models import InformationRequest, Status
from tests.factories import AuthorityFactory, UserFactory, country
from tests.request_states import request_in

PAGES = [
    ("home", ""),
    ("requests:list", ""),
    ("requests:list", "?q=guide"),
    ("requests:list", "?overdue=1"),
    ("requests:coordination", ""),
    ("requests:activity", "?scope=coordination"),
    ("requests:activity", "?scope=authority"),
    ("authorities:directory", "?q=Lisboa"),
    ("registers:list", ""),
]


def grow(world, questions, times):
    portugal = country("PT")
    authorities = [
        AuthorityFactory(country=portugal, city="Lisboa", areas=["professional-qualifications"]) for _ in range(times)
    ]
    for authority in authorities:
        UserFactory(authority=authority, roles=[("professional-qualifications", "handler")])
    for status in [Status.AWAITING_ACCEPTANCE, Status.OPEN, Status.REFERRED, Status.CLOSED] * 2:
        request_in(world, questions, status)
    # Spread the requests over the new authorities, as a country's requests are.
    for info_request, authority in zip(InformationRequest.objects.order_by("pk"), authorities, strict=False):
        InformationRequest.objects.filter(pk=info_request.pk).update(responding_authority=authority)


def test_a_coordinators_pages_cost_the_same_in_a_large_world(client, world, questions, count_queries):
    # A request in each state first: a table with no row reads nothing, one with rows reads them once.
    for status in [Status.AWAITING_ACCEPTANCE, Status.OPEN, Status.REFERRED, Status.CLOSED]:
        request_in(world, questions, status)
    client.force_login(world.pt_coordinator)
    urls = [reverse(name) + query for name, query in PAGES]
    small = {url: count_queries(url) for url in urls}
    grow(world, questions, 10)
    assert Authority.objects.filter(country__code="PT").count() > 10
    assert {url: count_queries(url) for url in urls} == small
