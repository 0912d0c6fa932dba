"""Every action, allowed and refused, per actor, side, role and state."""

import datetime

import pytest
from django.utils import timezone

from requests_app import workflow
from requests_app.models import Action, Event, InformationRequest, Status
from tests.request_states import STATES, answer_all, request_in

PERSONAS = ["bg_handler", "bg_supervisor", "pt_handler", "pt_allocator", "pt_coordinator", "stranger", "ro_coordinator"]

# What each persona may do in each state; everybody else may do nothing.
ALLOWED = {
    Status.DRAFT: {"bg_handler": {Action.SEND, Action.WITHDRAW}},
    Status.AWAITING_ACCEPTANCE: {
        "bg_handler": {Action.WITHDRAW},
        "pt_handler": {Action.ACCEPT, Action.FORWARD},
        "pt_allocator": {Action.FORWARD, Action.ALLOCATE, Action.ASSIGN},
    },
    Status.OPEN: {
        "bg_handler": {Action.WITHDRAW},
        "pt_handler": {Action.FORWARD, Action.SPLIT, Action.CHANGE_DEADLINE, Action.REPLY},
        "pt_allocator": {Action.FORWARD, Action.ASSIGN},
    },
    Status.REPLIED: {"bg_handler": {Action.REQUEST_CLARIFICATION, Action.CLOSE, Action.REFER}},
    Status.CLARIFICATION_REQUESTED: {
        "bg_handler": {Action.WITHDRAW},
        "pt_handler": {Action.REPLY},
        "pt_allocator": {Action.ASSIGN},
    },
    Status.REFERRED: {"pt_coordinator": {Action.RETURN_FROM_REFERRAL, Action.CLOSE_REFERRAL}},
    Status.CLOSED: {},
    Status.WITHDRAWN: {},
}
ACTIONS = [action for action in Action if action != Action.CREATE]


@pytest.mark.parametrize("status", STATES)
def test_each_persona_is_offered_exactly_its_actions(world, questions, status):
    info_request = request_in(world, questions, status)
    for persona in PERSONAS:
        offered = set(workflow.allowed_actions(getattr(world, persona), info_request))
        assert offered == ALLOWED[status].get(persona, set()), (status, persona)


@pytest.mark.parametrize("status", STATES)
def test_every_other_action_is_refused_and_changes_nothing(world, questions, status):
    info_request = request_in(world, questions, status)
    events = Event.objects.filter(request=info_request).count()
    for persona in PERSONAS:
        for action in ACTIONS:
            if action in ALLOWED[status].get(persona, set()):
                continue
            with pytest.raises(workflow.WorkflowError):
                workflow.apply(
                    request_id=info_request.pk, action=action, actor=getattr(world, persona), note="A reason."
                )
    info_request.refresh_from_db()
    assert info_request.status == status
    assert Event.objects.filter(request=info_request).count() == events


def params_for(world, info_request, action):
    """What a user would fill in for each allowed action."""
    return {
        Action.ACCEPT: {"days": 5},
        Action.FORWARD: {"authority": world.pt_other_authority, "note": "Competent for this diploma."},
        Action.ALLOCATE: {"authority": world.pt_other_authority},
        Action.ASSIGN: {"handler": world.pt_handler},
        Action.SPLIT: {
            "authority": world.pt_other_authority,
            "question_ids": [info_request.questions.first().pk],
            "note": "The diploma is theirs.",
        },
        Action.CHANGE_DEADLINE: {
            "deadline": timezone.localdate() + datetime.timedelta(days=30),
            "note": "We wait for the register.",
        },
        Action.REQUEST_CLARIFICATION: {"note": "Which register?"},
        Action.REFER: {"note": "Question 2 is not answered."},
        Action.RETURN_FROM_REFERRAL: {"note": "Please complete question 2."},
        Action.CLOSE_REFERRAL: {"note": "Settled by phone."},
        Action.WITHDRAW: {"note": "No longer needed."},
        Action.CLOSE: {"rating_timeliness": "negative", "rating_effort": "positive"},
    }.get(action, {})


EXPECTED_STATUS = {
    Action.SEND: Status.AWAITING_ACCEPTANCE,
    Action.ACCEPT: Status.OPEN,
    Action.FORWARD: Status.AWAITING_ACCEPTANCE,
    Action.ALLOCATE: Status.AWAITING_ACCEPTANCE,
    Action.SPLIT: Status.OPEN,
    Action.CHANGE_DEADLINE: Status.OPEN,
    Action.REPLY: Status.REPLIED,
    Action.REQUEST_CLARIFICATION: Status.CLARIFICATION_REQUESTED,
    Action.CLOSE: Status.CLOSED,
    Action.REFER: Status.REFERRED,
    Action.RETURN_FROM_REFERRAL: Status.OPEN,
    Action.CLOSE_REFERRAL: Status.CLOSED,
    Action.WITHDRAW: Status.WITHDRAWN,
}
ALLOWED_CASES = [
    (status, persona, action)
    for status, personas in ALLOWED.items()
    for persona, actions in personas.items()
    for action in sorted(actions)
]


@pytest.mark.parametrize(("status", "persona", "action"), ALLOWED_CASES)
def test_each_allowed_action_moves_the_request_and_is_recorded(world, questions, status, persona, action):
    info_request = request_in(world, questions, status)
    if action == Action.REPLY:
        answer_all(world, info_request)
    params = params_for(world, info_request, action)
    note = params.pop("note", "")
    actor = getattr(world, persona)
    updated, event = workflow.apply(request_id=info_request.pk, action=action, actor=actor, note=note, **params)
    expected = EXPECTED_STATUS.get(action, status)  # an assignment leaves the request in its state
    assert updated.status == expected
    assert InformationRequest.objects.get(pk=info_request.pk).status == expected
    assert (event.actor, event.action, event.from_status, event.to_status, event.note) == (
        actor,
        action,
        status,
        expected,
        note,
    )
