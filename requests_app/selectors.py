"""Reads of information requests that pages share. Every one starts from requests_visible_to."""

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from authorities.auth import authority_ids_in_scope
from authorities.models import Role
from requests_app.auth import (
    allocation_rule,
    covered_ids,
    personal_data_rule,
    requests_visible_to,
    visibility_rule,
    working_areas,
)
from requests_app.models import Action, InformationRequest, Status, overdue_rule


def with_display_relations(queryset):
    return queryset.select_related(
        "legislative_area",
        "requesting_authority__country",
        "responding_authority__country",
        "requester_handler",
        "responder_handler",
    )


def _table_columns():
    """The columns ``requests/includes/table.html`` reads, and no other: a table of requests is the widest
    read of most pages (a request, two authorities, their countries and two handlers per line), and most
    of their columns are never shown. A column the table starts to read must be added here
    (tests/test_request_table.py renders every state of a row and fails on a query)."""
    request = ["reference", "summary", "status", "agreed_deadline", "proposed_deadline", "created_at"]
    handler = ["full_name", "absent_from", "absent_until"]
    # Authority.name: the display name in the reader's language (or a fallback one), else the official one.
    authority = ["official_name", "country__code"]
    authority += [build_localized_fieldname("display_name", language) for language in AVAILABLE_LANGUAGES]
    return [
        *request,
        *(f"{side}_authority__{column}" for side in ("requesting", "responding") for column in authority),
        *(f"{side}_handler__{column}" for side in ("requester", "responder") for column in handler),
    ]


def rows_in_order(ids):
    """The requests of these ids with what a table shows (authorities, their countries, handlers), in the order
    of the ids. Only for ids read from requests_visible_to: this reads whatever it is given."""
    rows = (
        InformationRequest.objects.select_related(
            "requesting_authority__country", "responding_authority__country", "requester_handler", "responder_handler"
        )
        .only(*_table_columns())
        .in_bulk(ids)
    )
    return [rows[pk] for pk in ids if pk in rows]  # one deleted since: left out


def request_list(*, user, direction="", status="", area=None, country=None, overdue=False, query="", task=""):
    """The requests list with its filters, newest first; a user sees only what requests_visible_to allows.
    A page's rows are read with ``rows_in_order``.

    ``task``: only the requests of that group of ``task_groups`` (none if the user cannot have that group).
    """
    requests = requests_visible_to(user)
    if task:
        group = task_groups(user, [task]).get(task)
        requests = requests.none() if group is None else group.filter(visibility_rule(user))
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


def _oldest_update_first(requests, user):
    return requests.order_by("updated_at", "pk")


def _earliest_deadline_first(requests, user):
    return requests.order_by("agreed_deadline", "pk")


# The groups of "My tasks" and of the coordination page, in the order the pages show them.
MY_TASKS = ("to_accept", "to_allocate", "to_answer", "clarifications", "replies", "drafts", "referred")
COORDINATION = {"to_allocate": "coordination_to_allocate", "referred": "coordination_referred", "overdue": "overdue"}


def _task_rules(user):
    """Each group of requests that waits for the user, as name -> (condition, ordering): the one home of
    every group's rule, for its page, its count and the requests list filtered to it. Only the groups
    the user can have are present; each condition is built when it is first asked for.
    """
    rules = {}

    def incoming(status):
        return lambda: _mine(user) & Q(responding_authority_id=user.authority_id, status=status)

    def outgoing(**conditions):
        return lambda: _mine(user) & Q(requesting_authority_id=user.authority_id, **conditions)

    def to_allocate():
        # Forwarded to a coordinator for allocation: its users have no role in the area, yet it waits for them.
        # Once only: what the user accepts (to_accept) is not also to allocate.
        accepted_here = InformationRequest.objects.filter(incoming(Status.AWAITING_ACCEPTANCE)()).values("pk")
        return _to_allocate(user) & ~Q(pk__in=accepted_here)

    if user.authority_id:
        rules["to_accept"] = (incoming(Status.AWAITING_ACCEPTANCE), _most_urgent_first)
        rules["to_allocate"] = (to_allocate, _most_urgent_first)
        rules["to_answer"] = (incoming(Status.OPEN), _most_urgent_first)
        rules["clarifications"] = (incoming(Status.CLARIFICATION_REQUESTED), _most_urgent_first)
        rules["replies"] = (outgoing(status=Status.REPLIED), _most_urgent_first)
        rules["drafts"] = (outgoing(status=Status.DRAFT, requester_handler=user), _most_urgent_first)
    if user.is_coordinator:
        rules["referred"] = (
            lambda: visibility_rule(user) & _in_scope(user) & Q(status=Status.REFERRED),
            _most_urgent_first,
        )
    if user.is_coordinator or user.is_superuser:
        rules["coordination_to_allocate"] = (lambda: _to_allocate(user), _most_urgent_first)
        rules["coordination_referred"] = (lambda: _in_scope(user) & Q(status=Status.REFERRED), _oldest_update_first)
        rules["overdue"] = (lambda: _in_scope(user) & overdue_rule(), _earliest_deadline_first)
    return rules


def _mine(user):
    """The requests of the user's authority in the user's areas, or of the absent colleagues they cover."""
    covered = covered_ids(user)
    return visibility_rule(user) & (
        Q(legislative_area__in=working_areas(user, Role.Kind.HANDLER, Role.Kind.ALLOCATOR))
        | Q(requester_handler__in=covered)
        | Q(responder_handler__in=covered)
    )


def _to_allocate(user):
    return allocation_rule(user) & Q(status=Status.AWAITING_ACCEPTANCE)


def _in_scope(user):
    """A coordinator's scope: the requests to an authority of it (every one with a responder, for a superuser)."""
    scope = authority_ids_in_scope(user)
    with_responder = Q(responding_authority__isnull=False)
    return with_responder if scope is None else with_responder & Q(responding_authority__any=scope)


def task_names(user):
    """The names of the groups the user can have."""
    return list(_task_rules(user))


def task_groups(user, names=None):
    """The groups of requests that wait for the user (``names``, or all the user can have): name -> queryset,
    in the order the pages show them. A name the user cannot have is left out.
    """
    rules = _task_rules(user)
    names = [name for name in (rules if names is None else names) if name in rules]
    return _ordered(user, rules, {name: rules[name][0]() for name in names})


def _ordered(user, rules, conditions):
    return {
        name: rules[name][1](InformationRequest.objects.filter(condition), user)
        for name, condition in conditions.items()
    }


class Shown(list):
    """The first rows of a group that a page shows, and ``total``: how many the group has in all."""

    def __init__(self, rows, total):
        super().__init__(rows)
        self.total = total

    @property
    def more(self):
        return self.total > len(self)


def _shown(user, names):
    """The first ``IMI_TASKS_SHOWN`` rows of each group and each group's number, in one query; then their rows.

    Each group's condition is built once: its first ids in its own order, each with the group's number (a
    count over the whole group, taken before the limit), come from one UNION ALL of the groups.
    """
    groups = task_groups(user, names)
    if not groups:
        return {}
    shown = settings.IMI_TASKS_SHOWN
    firsts = [
        requests.annotate(
            group=Value(index),
            row=F("pk"),
            total=Window(Count("pk")),
            place=Window(RowNumber(), order_by=requests.query.order_by),
        ).values_list("group", "place", "row", "total")[:shown]
        for index, requests in enumerate(groups.values())
    ]
    # Put in order here, not by the union: PostgreSQL refuses an ORDER BY after the one parenthesised
    # part left when Django drops the groups whose condition can match nothing.
    found = sorted(firsts[0].union(*firsts[1:], all=True) if len(firsts) > 1 else firsts[0])
    ids, totals = {index: [] for index in range(len(groups))}, {}
    for index, _place, pk, total in found:
        ids[index].append(pk)
        totals[index] = total
    rows = {row.pk: row for row in rows_in_order([pk for group in ids.values() for pk in group])} if totals else {}
    return {
        name: Shown([rows[pk] for pk in ids[index] if pk in rows], totals.get(index, 0))
        for index, name in enumerate(groups)
    }


def my_tasks(*, user):
    """What waits for the user's authority in the user's areas, grouped, most urgent first: the first rows of
    each group, and its number."""
    return _shown(user, MY_TASKS)


def coordination_lists(*, user):
    """A coordinator's requests to allocate, and the referred and overdue requests of their scope: the first rows
    of each, and its number."""
    groups = _shown(user, COORDINATION.values())
    return {key: groups.get(name, Shown([], 0)) for key, name in COORDINATION.items()}


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
