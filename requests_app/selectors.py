"""Reads of information requests that pages share. Every one starts from requests_visible_to."""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

from authorities.auth import authority_ids_in_scope
from authorities.models import Role
from requests_app.auth import (
    covered_ids,
    personal_data_rule,
    requests_allocated_by,
    requests_visible_to,
    working_areas,
)
from requests_app.models import Action, InformationRequest, Status


def with_display_relations(queryset):
    return queryset.select_related(
        "legislative_area",
        "requesting_authority__country",
        "responding_authority__country",
        "requester_handler",
        "responder_handler",
    )


def table_rows(requests):
    """The rows of a table of requests, from a query that chose and ordered them (sliced to a page).

    The ids come first, from the narrow query the indexes serve; then ``rows_in_order`` reads the
    rows. Asked at once, the database would sort and join wide rows (every language of every name)
    before the limit, and plan a join of eight tables around a coordinator's list of authorities.
    """
    return rows_in_order(list(requests.values_list("pk", flat=True)))


def rows_in_order(ids):
    """The requests of these ids with what a table shows (area, authorities, countries, handlers), in
    the order of the ids. Only for ids read from requests_visible_to: this reads whatever it is given."""
    # A table shows neither the area nor more of a country than its code: the area's descriptions in
    # every language are the widest part of a request's row.
    rows = InformationRequest.objects.select_related(
        "requesting_authority__country", "responding_authority__country", "requester_handler", "responder_handler"
    ).in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]  # one deleted since: left out


def request_list(*, user, direction="", status="", area=None, country=None, overdue=False, query=""):
    """The requests list with its filters, newest first; a user sees only what requests_visible_to allows.

    A page's rows are read with ``rows_in_order``.
    """
    requests = requests_visible_to(user)
    if direction == "incoming":
        requests = requests.filter(responding_authority_id=user.authority_id)
    elif direction == "outgoing":
        requests = requests.filter(requesting_authority_id=user.authority_id)
    if status:
        requests = requests.filter(status=status)
    if area is not None:
        requests = requests.filter(legislative_area=area)
    if country is not None:
        requests = requests.filter(Q(requesting_authority__country=country) | Q(responding_authority__country=country))
    if overdue:
        requests = requests.overdue()
    query = query.strip()
    if query:
        requests = requests.filter(matching(query, user=user))
    return requests.order_by("-created_at", "-pk")


def matching(query, *, user):
    """The list search: the text in the reference, the summary or, where the user may read it, the subject's
    name (a match would disclose it). Each is a case-insensitive substring match that a trigram index serves.
    """
    by_subject = Q(subject_name__icontains=query) & personal_data_rule(user)
    return Q(reference__icontains=query) | Q(summary__icontains=query) | by_subject


def _most_urgent_first(requests, user):
    people = [user.pk, *covered_ids(user)]
    return requests.annotate(
        mine=Case(
            When(Q(responder_handler__in=people) | Q(requester_handler__in=people), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        due=Coalesce("agreed_deadline", "proposed_deadline"),
    ).order_by("mine", F("due").asc(nulls_last=True), "created_at", "pk")


def my_tasks(*, user):
    """What waits for the user's authority in the user's areas, grouped, most urgent first."""
    groups = {}
    visible = requests_visible_to(user)
    if user.authority_id:
        covered = covered_ids(user)
        mine = visible.filter(
            Q(legislative_area__in=working_areas(user, Role.Kind.HANDLER, Role.Kind.ALLOCATOR))
            | Q(requester_handler__in=covered)
            | Q(responder_handler__in=covered)
        )
        incoming = mine.filter(responding_authority_id=user.authority_id)
        outgoing = mine.filter(requesting_authority_id=user.authority_id)
        groups["to_accept"] = incoming.filter(status=Status.AWAITING_ACCEPTANCE)
        # Forwarded to a coordinator for allocation: its users have no role in the area, yet it waits for them.
        groups["to_allocate"] = _to_allocate(user).exclude(pk__in=groups["to_accept"].values("pk"))
        groups["to_answer"] = incoming.filter(status=Status.OPEN)
        groups["clarifications"] = incoming.filter(status=Status.CLARIFICATION_REQUESTED)
        groups["replies"] = outgoing.filter(status=Status.REPLIED)
        groups["drafts"] = outgoing.filter(status=Status.DRAFT, requester_handler=user)
    if user.is_coordinator:
        groups["referred"] = visible.filter(
            status=Status.REFERRED, responding_authority__any=authority_ids_in_scope(user)
        )
    return {name: table_rows(_most_urgent_first(requests, user)[:50]) for name, requests in groups.items()}


def _to_allocate(user):
    return requests_allocated_by(user).filter(status=Status.AWAITING_ACCEPTANCE)


def coordination_lists(*, user):
    """A coordinator's requests to allocate, and the referred and overdue requests of their scope."""
    scope = authority_ids_in_scope(user)
    in_scope = (
        InformationRequest.objects.all()
        if scope is None
        else InformationRequest.objects.filter(responding_authority__any=scope)
    )
    requests = in_scope.filter(responding_authority__isnull=False)
    return {
        "to_allocate": table_rows(_most_urgent_first(_to_allocate(user), user)[:100]),
        "referred": table_rows(requests.filter(status=Status.REFERRED).order_by("updated_at")[:100]),
        "overdue": table_rows(requests.overdue().order_by("agreed_deadline")[:100]),
    }


def request_notes_at_hand(*, info_request, events=None):
    """The notes a reader acts on, shown at the top of the request page: the latest clarification
    question and the latest note sent with a reply, oldest first. They are notes of the timeline:
    the page shows them only to who may read the request's notes.

    ``events``: the request's timeline when the page has it already (with actor and authority).
    """
    if events is None:
        events = (
            info_request.events.filter(action__in=NOTES_AT_HAND).exclude(note="").select_related("actor", "authority")
        )
    latest = {}
    for event in events:
        if event.action in NOTES_AT_HAND and event.note:
            key = (event.created_at, event.pk)
            if event.action not in latest or key > (latest[event.action].created_at, latest[event.action].pk):
                latest[event.action] = event
    return sorted(latest.values(), key=lambda event: (event.created_at, event.pk))


NOTES_AT_HAND = (Action.REQUEST_CLARIFICATION, Action.REPLY)
DEADLINE_ACTIONS = (Action.ACCEPT, Action.CHANGE_DEADLINE)


def deadline_reason_language(*, info_request, events=None):
    """The language the reason for the agreed deadline was written in (blank where not known).

    ``events``: the request's timeline when the page has it already.
    """
    if not info_request.deadline_reason:
        return ""
    if events is None:
        events = info_request.events.filter(action__in=DEADLINE_ACTIONS, note=info_request.deadline_reason)
    written = [
        event for event in events if event.action in DEADLINE_ACTIONS and event.note == info_request.deadline_reason
    ]
    event = max(written, key=lambda event: (event.created_at, event.pk), default=None)
    return event.note_language if event is not None else ""
