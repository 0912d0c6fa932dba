"""Every link to a request that a page shows opens for its reader: the pages name what a reader may not
open (the part of a split request that went to another authority) without linking to a 404."""

import re

import pytest
from django.urls import reverse

from requests_app import auth
from requests_app.models import InformationRequest
from tests.request_states import STATES, request_in, split

REQUEST_LINK = re.compile(r'href="(/requests/\d+/)"')
PERSONAS = [
    "bg_handler",
    "bg_supervisor",
    "pt_handler",
    "pt_allocator",
    "pt_other_handler",
    "pt_coordinator",
    "bg_coordinator",
    "ro_coordinator",
    "stranger",
]


def links_on(client, url):
    response = client.get(url)
    return set(REQUEST_LINK.findall(response.content.decode())) if response.status_code == 200 else set()


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_request_link_a_page_shows_opens(client, world, questions, persona):
    for status in STATES:
        request_in(world, questions, status)
    split(world, questions)
    user = getattr(world, persona)
    client.force_login(user)
    pages = [reverse("home"), reverse("requests:list"), reverse("requests:coordination")]
    visible = auth.requests_visible_to(user).values_list("pk", flat=True)
    pages += [reverse("requests:detail", args=[pk]) for pk in visible]
    links = set().union(*(links_on(client, page) for page in pages))
    broken = sorted(link for link in links if client.get(link).status_code != 200)
    assert not broken, f"{persona} is shown links that do not open: {broken}"


def test_a_split_names_each_part_and_links_only_those_the_reader_may_open(client, world, questions):
    parent, child, _moved = split(world, questions)
    parent_link = f'href="{reverse("requests:detail", args=[parent.pk])}"'
    child_link = f'href="{reverse("requests:detail", args=[child.pk])}"'

    # The requester sees both parts: links both ways.
    client.force_login(world.bg_handler)
    assert child_link in client.get(reverse("requests:detail", args=[parent.pk])).content.decode()
    assert parent_link in client.get(reverse("requests:detail", args=[child.pk])).content.decode()

    # The handler who split it names the part sent on, without a link: it is the other authority's now.
    client.force_login(world.pt_handler)
    page = client.get(reverse("requests:detail", args=[parent.pk])).content.decode()
    assert child.reference in page and child_link not in page
    assert client.get(reverse("requests:detail", args=[child.pk])).status_code == 404

    # The other authority sees where its part came from, without a link to a request it may not open.
    client.force_login(world.pt_other_handler)
    page = client.get(reverse("requests:detail", args=[child.pk])).content.decode()
    assert parent.reference in page and parent_link not in page
    assert InformationRequest.objects.filter(pk=parent.pk).exists()
