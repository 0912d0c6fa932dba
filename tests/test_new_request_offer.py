""" "New request" is offered only to those who may start one: handlers of a validated authority.

Supervisors read and allocators assign; neither sends, so neither is offered the button or the form.
"""

import pytest
from django.urls import reverse

from requests_app.models import InformationRequest
from tests.factories import area

NEW_REQUEST = 'href="/requests/new/"'


@pytest.mark.parametrize("page", ["home", "requests:list"])
def test_it_offers_new_request_to_a_handler(client, world, page):
    client.force_login(world.bg_handler)
    assert NEW_REQUEST in client.get(reverse(page)).content.decode()


@pytest.mark.parametrize("persona", ["bg_supervisor", "pt_allocator", "bg_helpdesk"])
@pytest.mark.parametrize("page", ["home", "requests:list"])
def test_it_offers_no_new_request_to_who_may_not_send(client, world, persona, page):
    client.force_login(getattr(world, persona))
    response = client.get(reverse(page))
    assert response.status_code == 200
    assert NEW_REQUEST not in response.content.decode()


@pytest.mark.parametrize("persona", ["bg_supervisor", "pt_allocator"])
def test_the_new_request_form_is_not_found_by_who_may_not_send(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("requests:new")).status_code == 404
    response = client.post(
        reverse("requests:new"), {"legislative_area": area("professional-qualifications").pk, "summary": "A guide"}
    )
    assert response.status_code == 404
    assert not InformationRequest.objects.exists()
