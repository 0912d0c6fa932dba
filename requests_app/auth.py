"""Who may see a request, its personal data, and who may add to it: the one home of these rules.

Lists, detail pages, searches, exports and the services all ask the functions below; each
rule exists once as a queryset filter, and the per-request checks are that filter applied to
one row, so a list can never show what its detail page refuses (or the reverse).

The personal data of a request are five field groups that share one rule
(``personal_data_visible_to``): the subject's identity, free text (messages), files,
answers and notes (event notes, the reason for a deadline). See docs/architecture.md for the
table persona × state → see / change.
"""

from functools import cached_property

from django.db.models import Q
from django.utils import timezone

from authorities.auth import authorities_in_scope, authority_ids_in_scope
from authorities.models import Authority, LegislativeArea, Role, User
from requests_app.models import BlockedDataAccess, InformationRequest, Status

PERSONAL_DATA_GROUPS = ("identity", "free_text", "files", "answers", "notes")


def may_work(user):
    """An active user of a validated authority (or a superuser): only they read personal data or act.

    A user of an authority pending validation, suspended or deactivated sees the list of their
    authority's requests but no personal data, and can neither draft, send, act nor write.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.authority_id is not None and user.authority.status == Authority.Status.VALIDATED


def areas_to_request_in(user):
    """The legislative areas in which the user may start and send a request: those they handle for
    their authority, if they may work. Supervisors and allocators read and assign; they do not send.
    """
    if not may_work(user) or user.authority_id is None:
        return LegislativeArea.objects.none()
    return LegislativeArea.objects.filter(roles__user=user, roles__kind=Role.Kind.HANDLER).distinct()


def can_create_requests(user):
    """Whether "New request" is offered: the user may start a request in at least one area."""
    return areas_to_request_in(user).exists()


def colleagues_covered_by(user, today=None):
    """Colleagues of the user's authority who are absent today and have the user as backup."""
    today = today or timezone.localdate()
    return User.objects.filter(
        backup_links__backup=user,
        authority_id=user.authority_id,
        absent_from__lte=today,
        absent_until__gte=today,
        is_active=True,
    )


def _per_user(user, key, compute):
    """``compute()``, once per user object and key: a page asks several rules of the same user
    (a request's user object lives as long as the request)."""
    memo = user.__dict__.setdefault("_access_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def covered_ids(user):
    """The ids of ``colleagues_covered_by(user)`` today, as a list."""
    today = timezone.localdate()
    return _per_user(
        user, ("covered", today), lambda: list(colleagues_covered_by(user, today).values_list("pk", flat=True))
    )


def working_areas(user, *kinds):
    """The ids of the areas of the user's roles and of the roles of the absent colleagues they cover for.

    A list, not a subquery: the request lists filter by it inside an OR, where a subquery would be
    evaluated by reading every role.
    """

    def areas():
        roles = Role.objects.filter(user_id__in=[user.pk, *covered_ids(user)])
        if kinds:
            roles = roles.filter(kind__in=kinds)
        return sorted(set(roles.values_list("legislative_area_id", flat=True)))

    return _per_user(user, ("areas", timezone.localdate(), kinds), areas)


def _sent():
    """Sent at some time: a draft, and a draft withdrawn before it was ever sent, are the requesting authority's own."""
    return Q(sent_at__isnull=False)


def _coordinated_ids(user):
    """The ids of the authorities a coordinator (or superuser) looks after, None for all, [] for anyone else."""
    if user.is_coordinator or user.is_superuser:
        return authority_ids_in_scope(user)
    return []


def _of(field, authority_ids):
    """``field`` is one of the authorities (None: any authority)."""
    if authority_ids is None:
        return Q(**{f"{field}__isnull": False})
    return Q(**{f"{field}__any": authority_ids})  # one array parameter: a scope is hundreds of ids


def _visible(user, coordinated):
    visible = Q(pk__in=[])
    if user.authority_id:
        in_my_areas = Q(legislative_area__in=working_areas(user))
        covered = covered_ids(user)
        mine = Q(requesting_authority_id=user.authority_id) & (in_my_areas | Q(requester_handler__in=covered))
        theirs = Q(responding_authority_id=user.authority_id) & (in_my_areas | Q(responder_handler__in=covered))
        visible |= mine | (theirs & _sent())
    if coordinated is None or coordinated:
        visible |= _sent() & (_of("requesting_authority", coordinated) | _of("responding_authority", coordinated))
    return visible


def requests_visible_to(user):
    """Requests of the user's authority in the areas they (or the absent colleagues they cover) work in,
    and those of a coordinator's scope. A request never sent is seen only by its requesting authority.
    """
    return InformationRequest.objects.filter(visibility_rule(user))


def visibility_rule(user):
    """``requests_visible_to`` as a condition: for a query that counts several groups of requests at once."""
    if not (user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    return _visible(user, _coordinated_ids(user))


def can_see(user, info_request):
    """The rule of ``requests_visible_to`` for one request: pages, and who may be mailed about it."""
    return requests_visible_to(user).filter(pk=info_request.pk).exists()


def _live():
    return Q(personal_data_blocked_at__isnull=True, personal_data_deleted_at__isnull=True)


def _accepted_by_responder():
    """The responder holds the personal data from its acceptance on: need to know."""
    return Q(accepted_at__isnull=False) & ~Q(status=Status.AWAITING_ACCEPTANCE)


def _justified_blocked_access(user, now):
    """Blocked, not deleted, and the user recorded a justification that is still valid."""
    return Q(
        personal_data_blocked_at__isnull=False,
        personal_data_deleted_at__isnull=True,
        pk__in=BlockedDataAccess.objects.filter(user=user, expires_at__gt=now).values("request_id"),
    )


def personal_data_visible_to(user, *, now=None):
    """The requests whose personal data (every field group) the user may read on the request pages.

    - the requesting authority's users who see the request, from the draft on;
    - the responding authority's users who see it, once their authority has accepted it;
    - a coordinator whose scope holds the responding authority, while the request is referred to them;
    - blocked data: nobody, but a coordinator of the scope with a recorded, still valid justification;
    - deleted data: nobody.
    A user who may not work (authority not validated) reads none.
    """
    if not may_work(user):
        return InformationRequest.objects.none()
    coordinated = _coordinated_ids(user)
    return InformationRequest.objects.filter(_visible(user, coordinated) & _personal_data(user, coordinated, now))


def personal_data_rule(user, *, now=None):
    """``personal_data_visible_to`` as a condition on requests already limited to ``requests_visible_to``:
    for a list that filters the visible requests further (its search by the subject's name).
    """
    if not may_work(user):
        return Q(pk__in=[])
    return _personal_data(user, _coordinated_ids(user), now)


def _personal_data(user, coordinated, now):
    now = now or timezone.now()
    rule = Q(pk__in=[])
    if user.authority_id:
        rule |= _live() & Q(requesting_authority_id=user.authority_id)
        rule |= _live() & Q(responding_authority_id=user.authority_id) & _accepted_by_responder()
    if coordinated is None or coordinated:
        in_scope = _of("responding_authority", coordinated)
        rule |= _live() & Q(status=Status.REFERRED) & in_scope
        rule |= _justified_blocked_access(user, now) & in_scope
    return rule


def can_see_personal_data(user, info_request):
    """The rule of ``personal_data_visible_to`` for one request."""
    return personal_data_visible_to(user).filter(pk=info_request.pk).exists()


def personal_data_held_in_scope(user, *, now=None, include_blocked=False):
    """The requests a coordinator answers a person's access, correction or erasure request from (Art. 19).

    Those of which an authority of the scope holds the person's data: sent by it (not a draft), or
    accepted by it. Blocked ones only with the coordinator's valid justification (or, with
    ``include_blocked``, all blocked ones: the search that records such a justification).
    Deleted data are gone.
    """
    if not (may_work(user) and (user.is_coordinator or user.is_superuser)):
        return InformationRequest.objects.none()
    now = now or timezone.now()
    scope = authority_ids_in_scope(user)
    held = (_of("requesting_authority", scope) & ~Q(status=Status.DRAFT)) | (
        _of("responding_authority", scope) & _accepted_by_responder()
    )
    readable = _live() | _justified_blocked_access(user, now)
    if include_blocked:
        readable = Q(personal_data_deleted_at__isnull=True)
    return InformationRequest.objects.filter(held & readable)


def side_of(user, info_request):
    """'requester', 'responder' or None: which side of the request the user's authority is on."""
    if user.authority_id and user.authority_id == info_request.requesting_authority_id:
        return "requester"
    if user.authority_id and user.authority_id == info_request.responding_authority_id:
        return "responder"
    return None


def is_coordinator_of(user, info_request):
    """A coordinator whose scope holds the responding authority (referrals, overdue requests)."""
    if not (user.is_coordinator or user.is_superuser) or info_request.responding_authority_id is None:
        return False
    return authorities_in_scope(user).filter(pk=info_request.responding_authority_id).exists()


def requests_allocated_by(user):
    """The requests the user allocates (or forwards) for the responding authority: those of the areas in which
    they are an allocator, and, for a user of a coordinator authority, every request forwarded to it.
    """
    return InformationRequest.objects.filter(allocation_rule(user))


def allocation_rule(user):
    """``requests_allocated_by`` as a condition: for a query that counts several groups of requests at once."""
    if not may_work(user) or user.authority_id is None:
        return Q(pk__in=[])
    allocator_areas = Role.objects.filter(user=user, kind=Role.Kind.ALLOCATOR).values("legislative_area")
    of_my_areas = Q(legislative_area__in=allocator_areas)
    for_allocation = ~Q(responding_authority__coordinator_type=Authority.CoordinatorType.NONE)
    rule = Q(responding_authority_id=user.authority_id) & (of_my_areas | for_allocation)
    return visibility_rule(user) & rule


def allocates(user, info_request):
    """The rule of ``requests_allocated_by`` for one request."""
    return requests_allocated_by(user).filter(pk=info_request.pk).exists()


def acts_as_handler(user, info_request):
    """A handler of the request's area on the user's side, or the backup of an absent one."""
    if not may_work(user) or side_of(user, info_request) is None:
        return False
    return Role.objects.filter(
        user_id__in=[user.pk, *covered_ids(user)],
        legislative_area_id=info_request.legislative_area_id,
        kind=Role.Kind.HANDLER,
    ).exists()


def can_delete_draft(user, info_request):
    """Delete a draft: its author only, while it is a draft (never sent, so nobody else has seen it)."""
    return (
        info_request.status == Status.DRAFT
        and info_request.created_by_id == user.pk
        and side_of(user, info_request) == "requester"
        and may_work(user)
    )


class RequestAccess:
    """What one user may see and do on one request, each rule asked at most once.

    A page that asks the same question several times (the view, the actions offered, the
    templates) asks this object instead; each answer comes from the rule functions above,
    computed on first use and kept for the page. ``can_answer`` and ``can_contribute`` are
    composed here and nowhere else.
    """

    def __init__(self, user, info_request):
        self.user = user
        self.info_request = info_request

    @cached_property
    def may_work(self):
        return may_work(self.user)

    @cached_property
    def side(self):
        return side_of(self.user, self.info_request)

    @cached_property
    def personal_data(self):
        """Every field group of the personal data: identity, free text, files, answers, notes."""
        return can_see_personal_data(self.user, self.info_request)

    @cached_property
    def acts_as_handler(self):
        return acts_as_handler(self.user, self.info_request)

    @cached_property
    def allocates(self):
        return allocates(self.user, self.info_request)

    @cached_property
    def is_coordinator(self):
        return is_coordinator_of(self.user, self.info_request)

    @cached_property
    def can_contribute(self):
        """Add a message or a file: a handler of either side (or a backup acting for one) who may read
        the personal data, while the request is running. Supervisors only read.
        """
        info_request = self.info_request
        if info_request.is_finished or info_request.personal_data_blocked_at is not None:
            return False
        return self.acts_as_handler and self.personal_data

    @cached_property
    def can_answer(self):
        """Give answers: a handler of the responding authority (or a backup acting for one), while it is open."""
        return self.info_request.status in Status.OPEN_STATES and self.side == "responder" and self.acts_as_handler

    @cached_property
    def may_unblock(self):
        """A coordinator of the scope may open blocked (not deleted) data with a recorded justification."""
        info_request = self.info_request
        return (
            info_request.personal_data_blocked_at is not None
            and info_request.personal_data_deleted_at is None
            and not self.personal_data
            and self.is_coordinator
        )


def can_contribute(user, info_request):
    """The rule of ``RequestAccess.can_contribute`` for one question."""
    return RequestAccess(user, info_request).can_contribute


def can_answer(user, info_request):
    """The rule of ``RequestAccess.can_answer`` for one question."""
    return RequestAccess(user, info_request).can_answer
