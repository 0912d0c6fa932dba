"""A request forwarded to a national coordinator for allocation waits in her "My tasks" and on her coordination page."""

from django.urls import reverse

from requests_app.models import Action, Status
from tests.request_states import request_in, step


def forwarded_to_the_coordinator(world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    coordinator_authority = world.pt_coordinator.authority
    return step(info_request, Action.FORWARD, world.pt_handler, authority=coordinator_authority, note="Not ours.")


def test_it_is_in_the_coordinators_tasks_to_allocate(client, world, questions):
    forwarded = forwarded_to_the_coordinator(world, questions)
    client.force_login(world.pt_coordinator)
    response = client.get(reverse("home"))
    assert response.context["tasks"]["to_allocate"] == [forwarded]
    assert forwarded.reference in response.content.decode()


def test_it_is_on_the_coordination_page(client, world, questions):
    forwarded = forwarded_to_the_coordinator(world, questions)
    client.force_login(world.pt_coordinator)
    response = client.get(reverse("requests:coordination"))
    assert response.context["to_allocate"] == [forwarded]
    assert forwarded.reference in response.content.decode()


def test_once_allocated_it_leaves_her_tasks(client, world, questions):
    forwarded = forwarded_to_the_coordinator(world, questions)
    step(forwarded, Action.ALLOCATE, world.pt_coordinator, authority=world.pt_other_authority)
    client.force_login(world.pt_coordinator)
    assert client.get(reverse("home")).context["tasks"]["to_allocate"] == []
    assert client.get(reverse("requests:coordination")).context["to_allocate"] == []


def test_another_countrys_coordinator_does_not_get_it(client, world, questions):
    forwarded_to_the_coordinator(world, questions)
    client.force_login(world.bg_coordinator)
    assert client.get(reverse("home")).context["tasks"].get("to_allocate", []) == []
    assert client.get(reverse("requests:coordination")).context["to_allocate"] == []


def test_an_allocator_finds_what_waits_for_acceptance_once(client, world, questions):
    waiting = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_allocator)
    tasks = client.get(reverse("home")).context["tasks"]
    assert tasks["to_accept"] == [waiting]
    assert tasks["to_allocate"] == []


def test_the_requests_to_allocate_cost_the_same_queries_however_many(client, world, questions, count_queries):
    forwarded_to_the_coordinator(world, questions)
    client.force_login(world.pt_coordinator)
    few = [count_queries(reverse("home")), count_queries(reverse("requests:coordination"))]
    for _ in range(4):
        forwarded_to_the_coordinator(world, questions)
    assert len(client.get(reverse("home")).context["tasks"]["to_allocate"]) == 5
    assert [count_queries(reverse("home")), count_queries(reverse("requests:coordination"))] == few
