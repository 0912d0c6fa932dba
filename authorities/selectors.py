"""Reads about authorities and users that pages share."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import get_language

from authorities.models import Authority, Backup, Country, Invitation, Role, User
from core.search import search


def authority_members(*, authority):
    """The users of an authority with their roles and backups, in a fixed number of queries."""
    return (
        User.objects.people()
        .filter(authority=authority)
        .prefetch_related(
            Prefetch("roles", queryset=Role.objects.select_related("legislative_area")),
            Prefetch("backup_links", queryset=Backup.objects.select_related("backup")),
            Prefetch("invitations", queryset=Invitation.objects.order_by("-created_at")),
        )
        .order_by("-is_active", "full_name")
    )


def users_without_backup(*, authority):
    has_backup = Backup.objects.filter(user=OuterRef("pk"), backup__is_active=True)
    return User.objects.people().filter(authority=authority, is_active=True).exclude(Exists(has_backup))


def pending_invitations(*, authority):
    """Users of the authority who have not yet set a password."""
    invited = Invitation.objects.filter(user=OuterRef("pk"))
    return (
        User.objects.filter(Exists(invited), authority=authority, is_active=True)
        .exclude(Exists(invited.filter(accepted_at__isnull=False)))
        .annotate(
            open_invitations=Count(
                "invitations",
                filter=Q(invitations__expires_at__gt=timezone.now(), invitations__accepted_at__isnull=True),
            )
        )
    )


def user_home_summary(*, user):
    """What the home page points a user to do."""
    summary = {
        "has_backup": user.backup_links.filter(backup__is_active=True).exists(),
        "covering_for": list(User.objects.filter(backup_links__backup=user, is_active=True).order_by("full_name")),
        "colleagues_without_backup": [],
        "pending_invitations": [],
    }
    if user.is_lda and user.authority_id:
        summary["colleagues_without_backup"] = list(users_without_backup(authority=user.authority))
        summary["pending_invitations"] = list(pending_invitations(authority=user.authority))
    return summary


def inactive_users(*, months, now=None):
    """Active users of authorities who have not logged in for ``months`` months (never, since registered)."""
    cutoff = (now or timezone.now()) - relativedelta(months=months)
    return (
        User.objects.people()
        .filter(is_active=True, authority__isnull=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
    )


def authorities_search(*, query="", country=None, area=None, status=Authority.Status.VALIDATED):
    """The authority directory: what a user typed, in any language, best matches first."""

    authorities = Authority.objects.all()
    if status:
        authorities = authorities.filter(status=status)
    if country is not None:
        authorities = authorities.filter(country=country)
    if area is not None:
        authorities = authorities.filter(competences__legislative_area=area)
    return search(authorities, query).select_related("country").order_by("-rank", "country__code", "official_name")


def getting_started(*, user, urls):
    """The leaflet's checklist for a new user, each item ticked where the portal can tell.

    ``urls`` maps item keys to the pages they point to (the home page composes the apps).
    """

    has_backup = user.backup_links.filter(backup__is_active=True).exists()
    items = [
        ("registered", _("You are registered as a user of the portal."), None, True),
        ("activity", _("Look at your authority's activity."), urls["activity"], "activity" in user.pages_seen),
        ("tasks", _("Look at “My tasks”."), urls["tasks"], "tasks" in user.pages_seen),
        ("directory", _("Find authorities in other countries."), urls["directory"], "directory" in user.pages_seen),
        ("backup", _("Register at least one colleague as your backup."), urls["backups"], has_backup),
    ]
    if user.is_lda and user.authority_id:
        nobody_idle = (
            not inactive_users(months=settings.IMI_INACTIVE_AFTER_MONTHS)
            .filter(authority_id=user.authority_id)
            .exists()
        )
        items.append(
            ("inactive", _("Deactivate the users who no longer use the portal."), urls["authority"], nobody_idle)
        )
    items.append(
        (
            "training",
            _("Learn how and when to use the portal: training."),
            urls["training"],
            "training" in user.pages_seen,
        )
    )
    return [{"key": key, "label": label, "url": url, "done": done} for key, label, url, done in items]


def new_user_language(*, invited_by, authority=None):
    """The language a new user's invitation and portal start in, until they choose another:
    their country's (the authority's, else the inviter's), else the inviter's own."""
    country = authority.country if authority else None
    if country is None:
        country = invited_by.authority.country if invited_by.authority else invited_by.helpdesk_country
    return (country and country.portal_language) or invited_by.preferred_language


def authorities_listed():
    """The authorities the directory shows: all but the deactivated."""
    return Authority.objects.exclude(status=Authority.Status.DEACTIVATED)


def national_coordinators(*, country_id):
    return Authority.objects.filter(
        country_id=country_id,
        coordinator_type=Authority.CoordinatorType.NATIONAL,
        status=Authority.Status.VALIDATED,
    )


def countries_by_name():
    """The countries by their name in the reader's language, in the order of the reader's alphabet.

    PostgreSQL's ICU collation of the language: a Danish reader finds Østrig after Tyskland,
    a Romanian one Țările de Jos after Suedia, a Bulgarian one Австрия first.
    """
    lang = get_language()
    return Country.objects.order_by(Collate(f"name_{lang}", f"{lang}-x-icu"), "code")
