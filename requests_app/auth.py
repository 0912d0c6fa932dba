"""Who may see a request and its personal data. Lists and detail pages use the same querysets."""

from django.db.models import Q
from django.utils import timezone

from authorities.auth import authorities_in_scope
from authorities.models import Role, User
from requests_app.models import InformationRequest, Status


def areas_of(user, *kinds):
    """The legislative areas in which the user has one of these roles (any role when none given)."""
    roles = Role.objects.filter(user=user)
    if kinds:
        roles = roles.filter(kind__in=kinds)
    return roles.values("legislative_area")


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


def requests_visible_to(user):
    """Requests of the user's authority in the areas they work in, those assigned to absent colleagues
    they cover for, and those of a coordinator's scope. A draft is seen only by its requesting authority.
    """
    if not (user.is_authenticated and user.is_active):
        return InformationRequest.objects.none()
    visible = Q(pk__in=[])
    if user.authority_id:
        in_my_areas = Q(legislative_area__in=areas_of(user))
        covered = colleagues_covered_by(user).values("pk")
        mine = Q(requesting_authority_id=user.authority_id) & (in_my_areas | Q(requester_handler__in=covered))
        theirs = Q(responding_authority_id=user.authority_id) & (in_my_areas | Q(responder_handler__in=covered))
        visible |= mine | (theirs & ~Q(status=Status.DRAFT))
    if user.is_coordinator or user.is_superuser:
        scope = authorities_in_scope(user).values("pk")
        visible |= ~Q(status=Status.DRAFT) & (Q(requesting_authority__in=scope) | Q(responding_authority__in=scope))
    return InformationRequest.objects.filter(visible)


def side_of(user, request):
    """'requester', 'responder' or None: which side of the request the user's authority is on."""
    if user.authority_id and user.authority_id == request.requesting_authority_id:
        return "requester"
    if user.authority_id and user.authority_id == request.responding_authority_id:
        return "responder"
    return None


def is_coordinator_of(user, request):
    """A coordinator whose scope holds the responding authority (referrals, overdue requests)."""
    if not (user.is_coordinator or user.is_superuser) or request.responding_authority_id is None:
        return False
    return authorities_in_scope(user).filter(pk=request.responding_authority_id).exists()


def has_role(user, request, *kinds):
    return Role.objects.filter(user=user, legislative_area_id=request.legislative_area_id, kind__in=kinds).exists()


def acts_as_handler(user, request):
    """A handler of the request's area on the user's side, or the backup of its absent assigned handler."""
    if has_role(user, request, "handler"):
        return True
    side = side_of(user, request)
    assigned = request.requester_handler_id if side == "requester" else request.responder_handler_id
    return assigned is not None and colleagues_covered_by(user).filter(pk=assigned).exists()


def can_see_personal_data(user, request):
    """Need to know: the responder sees the subject and the files only once it has accepted.

    Blocked data (retention) are hidden from everybody but a coordinator of the scope
    with a recorded, still valid justification.
    """
    if request.personal_data_deleted_at is not None:
        return False
    if request.personal_data_blocked_at is not None:
        from requests_app.retention import access_until

        return is_coordinator_of(user, request) and access_until(user=user, request=request) is not None
    side = side_of(user, request)
    if side == "requester":
        return True
    if side == "responder":
        return request.accepted_at is not None and request.status != Status.AWAITING_ACCEPTANCE
    return request.status == Status.REFERRED and is_coordinator_of(user, request)
