"""Who may see and change what. One place, used by pages and the admin alike."""

from django.db.models import Q

from authorities.models import Authority, User


def authorities_in_scope(user):
    """The authorities a coordinator, a helpdesk or a superuser looks after."""
    if not user.is_authenticated or not user.is_active:
        return Authority.objects.none()
    if user.is_superuser:
        return Authority.objects.all()
    scope = Q(pk__in=[])
    if user.is_helpdesk_staff:
        scope |= Q(country_id=user.helpdesk_country_id)
    if user.is_coordinator:
        coordinator = user.authority
        areas = list(coordinator.coordinated_areas.values_list("pk", flat=True))
        in_country = Q(country_id=coordinator.country_id)
        if areas:
            # A delegated coordinator of some areas sees the authorities competent in them, and itself.
            in_country &= Q(competences__legislative_area__in=areas) | Q(pk=coordinator.pk)
        scope |= in_country
    return Authority.objects.filter(scope).distinct()


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


def can_invite_to(user, authority):
    """LDAs invite to their authority; coordinators and helpdesks to any authority of their scope."""
    if can_manage_authority(user, authority):
        return True
    return authorities_in_scope(user).filter(pk=authority.pk).exists()
