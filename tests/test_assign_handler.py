"""An allocator assigns an incoming request to a handler of the own authority (DESIGN section 1), and
Allocate is offered only when there is another competent authority to allocate to.
"""

import pytest
from django.core import mail
from django.urls import reverse

from requests_app import workflow
from requests_app.models import Action, Event, Status
from tests.factories import UserFactory
from tests.request_states import request_in, step


@pytest.fixture
def only_competent(world):
    """The Portuguese tourism authority is the only one of its country competent for qualifications."""
    world.pt_other_authority.competences.all().delete()
    return world


def test_allocate_is_not_offered_with_nobody_to_allocate_to_but_assign_is(client, only_competent, questions):
    world = only_competent
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    actions = workflow.allowed_actions(world.pt_allocator, info_request)
    assert Action.ALLOCATE not in actions
    assert Action.ASSIGN in actions
    client.force_login(world.pt_allocator)
    assert client.get(reverse("requests:act", args=[info_request.pk, Action.ALLOCATE])).status_code == 404
    page = client.get(reverse("requests:act", args=[info_request.pk, Action.ASSIGN]))
    assert list(page.context["form"].fields["handler"].queryset) == [world.pt_handler]


def test_allocate_is_offered_where_another_authority_is_competent(world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    assert {Action.ALLOCATE, Action.ASSIGN} <= set(workflow.allowed_actions(world.pt_allocator, info_request))


def test_assigning_names_the_handler_in_the_timeline_and_mails_only_them(
    client, world, questions, django_capture_on_commit_callbacks
):
    colleague = UserFactory(
        email="colleague@pt.test", authority=world.pt_authority, roles=[("professional-qualifications", "handler")]
    )
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    mail.outbox.clear()
    client.force_login(world.pt_allocator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("requests:act", args=[info_request.pk, Action.ASSIGN]), {"handler": colleague.pk, "note": ""}
        )
    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.responder_handler == colleague
    assert info_request.status == Status.AWAITING_ACCEPTANCE
    event = info_request.events.get(action=Action.ASSIGN)
    assert (event.actor, event.assignee, event.from_status, event.to_status) == (
        world.pt_allocator,
        colleague,
        Status.AWAITING_ACCEPTANCE,
        Status.AWAITING_ACCEPTANCE,
    )
    assert [message.to[0] for message in mail.outbox] == [colleague.email]
    assert info_request.reference in mail.outbox[0].subject
    assert world.pt_allocator.full_name in mail.outbox[0].body
    client.force_login(colleague)
    timeline = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert f"<strong>{Action.ASSIGN.label}</strong> · {world.pt_allocator.full_name}" in timeline
    assert f"→ {colleague.full_name}" in timeline


def test_an_open_request_can_be_reassigned(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    colleague = UserFactory(authority=world.pt_authority, roles=[("professional-qualifications", "handler")])
    assigned = step(info_request, Action.ASSIGN, world.pt_allocator, handler=colleague)
    assert (assigned.responder_handler, assigned.status) == (colleague, Status.OPEN)


@pytest.mark.parametrize(
    "who",
    [
        "another authority's handler",
        "a colleague without the handler role",
        "nobody",
    ],
)
def test_only_a_handler_of_the_own_authority_can_be_assigned(world, questions, who):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    handler = {
        "another authority's handler": world.pt_other_handler,
        "a colleague without the handler role": world.pt_allocator,
        "nobody": None,
    }[who]
    with pytest.raises(workflow.WorkflowError):
        step(info_request, Action.ASSIGN, world.pt_allocator, handler=handler)
    assert not Event.objects.filter(request=info_request, action=Action.ASSIGN).exists()


def test_the_wrong_people_cannot_assign(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    url = reverse("requests:act", args=[info_request.pk, Action.ASSIGN])
    assert client.get(url).status_code == 302  # to log in
    for person in (world.pt_handler, world.bg_handler, world.stranger, world.pt_other_handler):
        client.force_login(person)
        assert client.get(url).status_code == 404
