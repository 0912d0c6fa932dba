"""Who may see and change what. One place, used by pages and the admin alike."""

from django.db.models import Q, Value, prefetch_related_objects

from authorities.models import Authority, Country, User


def _scope(user):
    """The rule of ``authorities_in_scope`` as a filter; None for a user who looks after nothing.

    The coordinated areas are read once per authority object and kept on it (Django's prefetch
    cache, emptied when they are changed through it): a page asks a coordinator's scope several
    times for the same user.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Q()
    scope = Q(pk__in=[])
    if user.is_helpdesk_staff:
        scope |= Q(country_id=user.helpdesk_country_id)
    if user.is_coordinator:
        coordinator = user.authority
        prefetch_related_objects([coordinator], "coordinated_areas")
        areas = [area.pk for area in coordinator.coordinated_areas.all()]
        in_country = Q(country_id=coordinator.country_id)
        if areas:
            # A delegated coordinator of some areas sees the authorities competent in them, and itself.
            in_country &= Q(competences__legislative_area__in=areas) | Q(pk=coordinator.pk)
        scope |= in_country
    return scope


def authorities_in_scope(user):
    """The authorities a coordinator, a helpdesk or a superuser looks after."""
    scope = _scope(user)
    if scope is None:
        return Authority.objects.none()
    return Authority.objects.filter(scope).distinct()


def authority_ids_in_scope(user):
    """The ids of ``authorities_in_scope`` as a list, or None for every authority (a superuser).

    Queries over many requests filter by this list rather than by the scope as a subquery: with
    literal ids the planner uses the indexes on the request's authorities; with a subquery inside
    an OR it scans every request.
    """
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    # A page asks several rules of the same user: the scope is read once per user object (a request's).
    ids = user.__dict__.get("_authority_ids_in_scope")
    if ids is None:
        ids = user.__dict__["_authority_ids_in_scope"] = list(authorities_in_scope(user).values_list("pk", flat=True))
    return ids


def _scope_key(user):
    # What a scope depends on: users who share it share the answer (the users of one coordinator authority).
    coordinator = user.authority_id if user.is_coordinator else None
    return (user.is_authenticated and user.is_active, user.is_superuser, user.helpdesk_country_id, coordinator)


def scopes_holding(users, authority_ids):
    """Which of ``authority_ids`` each user holds in their scope: ``{user pk: {authority pk, ...}}``.

    The rule of ``authorities_in_scope`` for many users at once, in one query (plus one for the
    coordinated areas), whatever the number of users and authorities: for the mails that go to
    the coordinators of many requests.
    """
    users = list(users)
    authority_ids = list(authority_ids)
    holding = {user.pk: set() for user in users}
    if not users or not authority_ids:
        return holding
    coordinators = [user.authority for user in users if user.is_coordinator]
    prefetch_related_objects(coordinators, "coordinated_areas")
    by_key = {}
    for user in users:
        by_key.setdefault(_scope_key(user), []).append(user)
    parts = []
    for number, sharing in enumerate(by_key.values()):
        scope = _scope(sharing[0])
        if scope is not None:
            matching = Authority.objects.filter(scope, pk__in=authority_ids).order_by()
            parts.append(matching.annotate(scope_number=Value(number)).values("scope_number", "pk"))
    if not parts:
        return holding
    groups = list(by_key.values())
    for row in parts[0].union(*parts[1:]):
        for user in groups[row["scope_number"]]:
            holding[user.pk].add(row["pk"])
    return holding


def users_in_scope(user):
    """The users a coordinator or a helpdesk looks after; the national ones also see the helpdesk staff."""
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    scope = Q(authority__in=authorities_in_scope(user).values("pk"))
    if user.is_helpdesk_staff:
        scope |= Q(helpdesk_country_id=user.helpdesk_country_id)
    if user.is_coordinator and user.authority.coordinator_type == Authority.CoordinatorType.NATIONAL:
        scope |= Q(helpdesk_country_id=user.authority.country_id)
    return User.objects.filter(scope)


def can_manage_authority(user, authority):
    """The authority's local data administrators keep its data and users."""
    return user.is_authenticated and user.is_active and user.is_lda and user.authority_id == authority.pk


def colleagues_managed_by(user):
    """The users whose accounts an LDA may manage: everybody of their authority."""
    if not (user.is_authenticated and user.is_active and user.is_lda and user.authority_id):
        return User.objects.none()
    return User.objects.filter(authority_id=user.authority_id)


def countries_in_scope(user):
    """The countries whose authorities a coordinator, a helpdesk or a superuser may add or keep."""
    if not user.is_authenticated or not user.is_active:
        return Country.objects.none()
    if user.is_superuser:
        return Country.objects.all()
    ids = [user.helpdesk_country_id] if user.is_helpdesk_staff else []
    if user.is_coordinator:
        ids.append(user.authority.country_id)
    return Country.objects.filter(pk__in=ids)


# Who may grant which right.
#
# The rights that reach beyond one authority -- a coordinator's (held by every user of a
# coordinator authority), a national helpdesk's, a superuser's, and with any of them the
# admin site (User.is_staff) -- are granted and taken back by a superuser only: never as a
# side effect of a move, an invitation or a change of login address. The admin's form
# choices, its form checks, its actions and the services all ask the functions below.


def holds_rights_beyond_an_authority(user):
    """A coordinator (also of an authority not yet validated), a helpdesk member or a superuser."""
    return (
        user.is_superuser
        or user.helpdesk_country_id is not None
        or (user.authority_id is not None and user.authority.is_coordinator)
    )


def can_grant_rights(actor):
    """Whether the actor may make someone a coordinator, a helpdesk member, staff or a superuser."""
    return actor.is_authenticated and actor.is_active and actor.is_superuser


def can_place_user_in(actor, authority):
    """Whether the actor may move or invite a user into the authority.

    A coordinator authority's users are coordinators; a user of no authority is helpdesk staff or a superuser.
    """
    if can_grant_rights(actor):
        return True
    return authority is not None and not authority.is_coordinator


def authorities_open_to_placement_by(actor):
    """The authorities the actor may move or invite users into, for the admin's choices."""
    if can_grant_rights(actor):
        return Authority.objects.all()
    return authorities_in_scope(actor).filter(coordinator_type=Authority.CoordinatorType.NONE)


def can_change_status_of(actor, authority):
    """Whether the actor may validate, suspend or deactivate the authority.

    Coordinators do it for the authorities of their scope; a coordinator authority's status gives
    or takes its users' coordinator rights, so only a superuser changes it.
    """
    if can_grant_rights(actor):
        return True
    if not actor.is_coordinator or authority.is_coordinator:
        return False
    return authorities_in_scope(actor).filter(pk=authority.pk).exists()


def can_manage_account(actor, user):
    """Whether the actor may act on the user's account: authenticator, password reset, activation, authority.

    The accounts of coordinators, helpdesk members and superusers are in a superuser's hands, so
    that nobody takes over an account with more rights than their own. The LDA of a coordinator
    authority keeps its colleagues, who hold the same rights as the LDA. Whether the user is in
    the actor's reach at all is the scope's question (``users_in_scope``, ``colleagues_managed_by``).
    """
    if not (actor.is_authenticated and actor.is_active):
        return False
    if actor.is_superuser:
        return True
    if user.is_superuser or user.helpdesk_country_id is not None:
        return False
    if user.authority_id is not None and user.authority.is_coordinator:
        return actor.is_lda and actor.authority_id == user.authority_id and actor.pk != user.pk
    return True


def can_change_login_address(actor, user):
    """A login address is where password resets go: changing it is a superuser's act."""
    return can_grant_rights(actor)


def can_invite_to(user, authority):
    """LDAs invite to their authority; coordinators and helpdesks to the authorities of their scope
    they may place users in (see can_place_user_in); only superusers register users of no authority."""
    if authority is None:
        return can_grant_rights(user)
    if can_manage_authority(user, authority):
        return True
    if not can_place_user_in(user, authority):
        return False
    return authorities_in_scope(user).filter(pk=authority.pk).exists()
