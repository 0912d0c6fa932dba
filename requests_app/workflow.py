"""The life of an information request: which action moves it from which state, and who may take it.

One table (``TRANSITIONS``) and one function (``apply``) that takes an action under a
row lock, checks the actor's right, writes the event and queues the notifications.
"Overdue" is derived from the agreed deadline, never stored.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from authorities.models import Authority, Role, User
from requests_app import auth, notifications
from requests_app.models import Action, Event, InformationRequest, Rating, Status
from requests_app.services import request_problems, request_split_off
from requests_app.signals import send_request_changed

# Who may take an action, by their relation to the request:
REQUESTER = "requester"  # a request handler of the requesting authority
RESPONDER = "responder"  # a request handler of the responding authority
ALLOCATOR = "allocator"  # an allocator of the responding authority, or the coordinator it was forwarded to
COORDINATOR = "coordinator"  # a coordinator whose scope holds the responding authority


@dataclass(frozen=True)
class Transition:
    sources: frozenset
    target: str | None  # None: the request stays in the state it is in
    actors: frozenset
    note_required: bool = False


TRANSITIONS = {
    Action.SEND: Transition(frozenset({Status.DRAFT}), Status.AWAITING_ACCEPTANCE, frozenset({REQUESTER})),
    Action.ACCEPT: Transition(frozenset({Status.AWAITING_ACCEPTANCE}), Status.OPEN, frozenset({RESPONDER})),
    Action.FORWARD: Transition(
        frozenset({Status.AWAITING_ACCEPTANCE, Status.OPEN}),
        Status.AWAITING_ACCEPTANCE,
        frozenset({RESPONDER, ALLOCATOR}),
        note_required=True,
    ),
    Action.ALLOCATE: Transition(
        frozenset({Status.AWAITING_ACCEPTANCE}), Status.AWAITING_ACCEPTANCE, frozenset({ALLOCATOR})
    ),
    # Inside the responding authority: who of its handlers deals with the request.
    Action.ASSIGN: Transition(Status.RUNNING, None, frozenset({ALLOCATOR})),
    Action.SPLIT: Transition(frozenset({Status.OPEN}), Status.OPEN, frozenset({RESPONDER}), note_required=True),
    Action.CHANGE_DEADLINE: Transition(
        frozenset({Status.OPEN}), Status.OPEN, frozenset({RESPONDER}), note_required=True
    ),
    Action.REPLY: Transition(Status.OPEN_STATES, Status.REPLIED, frozenset({RESPONDER})),
    Action.REQUEST_CLARIFICATION: Transition(
        frozenset({Status.REPLIED}), Status.CLARIFICATION_REQUESTED, frozenset({REQUESTER}), note_required=True
    ),
    Action.CLOSE: Transition(frozenset({Status.REPLIED}), Status.CLOSED, frozenset({REQUESTER})),
    Action.REFER: Transition(frozenset({Status.REPLIED}), Status.REFERRED, frozenset({REQUESTER}), note_required=True),
    Action.RETURN_FROM_REFERRAL: Transition(
        frozenset({Status.REFERRED}), Status.OPEN, frozenset({COORDINATOR}), note_required=True
    ),
    Action.CLOSE_REFERRAL: Transition(
        frozenset({Status.REFERRED}), Status.CLOSED, frozenset({COORDINATOR}), note_required=True
    ),
    Action.WITHDRAW: Transition(
        frozenset({Status.DRAFT, *Status.RUNNING}),  # until the reply
        Status.WITHDRAWN,
        frozenset({REQUESTER}),
        note_required=True,
    ),
}


class WorkflowError(ValidationError):
    """An action that cannot be taken now; the message says why, in the user's language."""


def relations(user, info_request, access=None):
    """The actor kinds the user is for this request (``access``: the page's ``auth.RequestAccess``, if any)."""
    access = access or auth.RequestAccess(user, info_request)
    if not access.may_work:
        return set()
    found = set()
    if access.side == "requester" and access.acts_as_handler:
        found.add(REQUESTER)
    if access.side == "responder":
        if access.acts_as_handler:
            found.add(RESPONDER)
        if access.allocates:
            found.add(ALLOCATOR)
    if access.is_coordinator:
        found.add(COORDINATOR)
    return found


def _has_choices(action, info_request):
    """Allocating and assigning are offered only when there is somebody to choose: never an empty form."""
    if action == Action.ALLOCATE:
        return targets_for(action, info_request).exists()
    if action == Action.ASSIGN:
        return handlers_for(info_request).exists()
    return True


def allowed_actions(user, info_request, access=None):
    """The actions the user may take on the request now, in the table's order."""
    mine = relations(user, info_request, access)
    return [
        action
        for action, transition in TRANSITIONS.items()
        if info_request.status in transition.sources and mine & transition.actors and _has_choices(action, info_request)
    ]


@transaction.atomic
def apply(*, request_id, action, actor, note="", **params):
    """Take an action on a request and return it; raises WorkflowError when it cannot be taken."""
    info_request = (
        InformationRequest.objects.select_for_update(of=("self",))
        .select_related("responding_authority", "requesting_authority", "legislative_area")
        .get(pk=request_id)
    )
    transition = TRANSITIONS[action]
    if info_request.status not in transition.sources:
        raise WorkflowError(
            _("This cannot be done any more: the request is now “%(status)s”. Somebody may have acted on it.")
            % {"status": info_request.get_status_display()}
        )
    if not relations(actor, info_request) & transition.actors:
        raise WorkflowError(_("You are not allowed to do this on this request."))
    note = (note or "").strip()
    if transition.note_required and not note:
        raise WorkflowError({"note": [_("Please give a reason.")]})
    from_status = info_request.status
    from_responder = info_request.responding_authority_id
    info_request.status = transition.target or from_status
    effect = EFFECTS.get(action)
    # An effect may create new requests (a split): they are announced like sent ones.
    new_requests = (effect(info_request, actor, note, **params) if effect else None) or []
    info_request.save()
    event = Event.objects.create(
        request=info_request,
        actor=actor,
        authority=actor.authority,
        action=action,
        from_status=from_status,
        to_status=info_request.status,
        note=note,
        assignee=info_request.responder_handler if action == Action.ASSIGN else None,
        note_language=translation.get_language() if note else "",
    )
    notifications.notify(info_request=info_request, action=action, actor=actor, event=event)
    for child in new_requests:
        notifications.notify(info_request=child, action=Action.SEND, actor=actor)
    handed_over = from_responder not in (None, info_request.responding_authority_id) and from_status != Status.DRAFT
    send_request_changed(
        event_type=f"request.{action}",
        info_requests=[info_request],
        former={info_request.pk: from_responder} if handed_over else None,
    )
    if new_requests:
        send_request_changed(event_type=f"request.{Action.SEND}", info_requests=new_requests)
    return info_request, event


def targets_for(action, info_request):
    """The authorities a request may be forwarded, allocated or split to: the one list the form offers
    and the workflow checks.

    Always validated and not the current responder. Forward: an authority of the responder's country
    competent in the area, or its coordinator (to allocate). Allocate: a competent authority of the
    responder's country. Split: a competent authority of a country other than the requester's, as for
    a new request.
    """
    authorities = Authority.objects.filter(status=Authority.Status.VALIDATED).exclude(
        pk=info_request.responding_authority_id
    )
    competent = authorities.filter(competences__legislative_area_id=info_request.legislative_area_id)
    if action == Action.FORWARD:
        coordinators = authorities.exclude(coordinator_type=Authority.CoordinatorType.NONE)
        targets = (competent | coordinators).filter(country_id=info_request.responding_authority.country_id)
    elif action == Action.ALLOCATE:
        targets = competent.filter(country_id=info_request.responding_authority.country_id)
    elif action == Action.SPLIT:
        targets = competent.exclude(country_id=info_request.requesting_authority.country_id)
    else:
        return Authority.objects.none()
    return targets.select_related("country").distinct().order_by("country__code", "official_name")


def handlers_for(info_request):
    """The handlers a request may be assigned to: the one list the form offers and the workflow checks.

    Active users of the responding authority with the handler role in the request's area.
    """
    return (
        User.objects.filter(
            authority_id=info_request.responding_authority_id,
            is_active=True,
            roles__legislative_area_id=info_request.legislative_area_id,
            roles__kind=Role.Kind.HANDLER,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def _check_target(info_request, action, authority):
    if authority is None:
        raise WorkflowError(_("Choose an authority."))
    if not targets_for(action, info_request).filter(pk=authority.pk).exists():
        raise WorkflowError(_("The request cannot go to this authority."))


def _send(info_request, actor, note):
    problems = request_problems(info_request=info_request)
    if problems:
        raise WorkflowError(problems)
    info_request.sent_at = info_request.responder_since = timezone.now()


def deadline_in(days, today=None):
    """The agreed deadline ``days`` calendar days from today: what accepting sets, and what its page shows."""
    return (today or timezone.localdate()) + datetime.timedelta(days=days)


def days_until(deadline, today=None):
    """How many calendar days from today ``deadline`` is: what the change-deadline page shows."""
    return (deadline - (today or timezone.localdate())).days


# A refusal that names a field is shown on that field of the action's form (``core.forms.add_service_errors``).
def _accept(info_request, actor, note, days):
    if days is None or days < 1:
        raise WorkflowError({"days": [_("Give the number of days the answer will take, at least one.")]})
    deadline = deadline_in(days)
    if info_request.proposed_deadline and deadline > info_request.proposed_deadline and not note:
        raise WorkflowError({"note": [_("Explain why you need more time than the requesting authority proposed.")]})
    info_request.agreed_deadline = deadline
    info_request.deadline_reason = note
    info_request.accepted_at = timezone.now()
    info_request.responder_handler = actor


def _hand_over(info_request, authority):
    """The request moves to another authority, which sees it as new."""
    info_request.responding_authority = authority
    info_request.responder_since = timezone.now()
    info_request.responder_handler = None
    info_request.accepted_at = None
    info_request.agreed_deadline = None
    info_request.deadline_reason = ""


def _forward(info_request, actor, note, authority):
    _check_target(info_request, Action.FORWARD, authority)
    _hand_over(info_request, authority)


def _allocate(info_request, actor, note, authority):
    _check_target(info_request, Action.ALLOCATE, authority)
    _hand_over(info_request, authority)


def _assign(info_request, actor, note, handler):
    if handler is None:
        raise WorkflowError(_("Choose a handler."))
    if not handlers_for(info_request).filter(pk=handler.pk).exists():
        raise WorkflowError(_("The request cannot be assigned to this person."))
    info_request.responder_handler = handler


def _split(info_request, actor, note, authority, question_ids):
    _check_target(info_request, Action.SPLIT, authority)
    child = request_split_off(
        info_request=info_request, actor=actor, authority=authority, question_ids=question_ids, note=note
    )
    return [child]


def _change_deadline(info_request, actor, note, deadline):
    if deadline is None or deadline <= timezone.localdate():
        raise WorkflowError({"deadline": [_("The new deadline must be a date after today.")]})
    info_request.agreed_deadline = deadline
    info_request.deadline_reason = note


def unanswered_questions(info_request):
    """Each question still without an answer, by its number and text in the reader's language, as the
    request page lists them: what the reply waits for.
    """
    return [f"{number}. {item.question}" for number, item in info_request.unanswered_questions()]


def _reply(info_request, actor, note):
    unanswered = unanswered_questions(info_request)
    if unanswered:
        raise WorkflowError([_("Answer every question before sending the reply."), _("Not answered yet:"), *unanswered])
    info_request.replied_at = timezone.now()
    if info_request.responder_handler_id is None:
        info_request.responder_handler = actor


def _close(info_request, actor, note, rating_timeliness="", rating_effort=""):
    for rating in (rating_timeliness, rating_effort):
        if rating and rating not in Rating.values:
            raise WorkflowError(_("Choose a rating from the list."))
    info_request.rating_timeliness = rating_timeliness or ""
    info_request.rating_effort = rating_effort or ""
    info_request.closed_at = timezone.now()


def _finish(info_request, actor, note):
    info_request.closed_at = timezone.now()


EFFECTS = {
    Action.SEND: _send,
    Action.ACCEPT: _accept,
    Action.FORWARD: _forward,
    Action.ALLOCATE: _allocate,
    Action.ASSIGN: _assign,
    Action.SPLIT: _split,
    Action.CHANGE_DEADLINE: _change_deadline,
    Action.REPLY: _reply,
    Action.CLOSE: _close,
    Action.CLOSE_REFERRAL: _finish,
    Action.WITHDRAW: _finish,
}
