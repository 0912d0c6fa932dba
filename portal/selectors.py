"""Reads of the project glue that several pages share."""

from django.db.models import Prefetch

from authorities.auth import users_in_scope
from authorities.models import Authority, Country
from core.models import HelpPage, OutboxMessage

# The training material: a short guide per role, help pages whose address starts so.
GUIDE_PREFIX = "guide-"


def help_pages():
    """The help pages but the guides, which the training page lists."""
    return HelpPage.objects.exclude(slug__startswith=GUIDE_PREFIX)


def training_guides():
    return HelpPage.objects.filter(slug__startswith=GUIDE_PREFIX)


def is_training_guide(page):
    return page.slug.startswith(GUIDE_PREFIX)


def training_mails(user, *, limit=100):
    """In the training environment, the latest mails the trainee would have received."""
    return OutboxMessage.objects.filter(recipient=user, state=OutboxMessage.State.CAPTURED).order_by("-created_at")[
        :limit
    ]


def helpdesk_contacts():
    """Every country with its national helpdesk and validated national coordinators, in the reader's alphabet."""
    national = Authority.objects.filter(
        coordinator_type=Authority.CoordinatorType.NATIONAL, status=Authority.Status.VALIDATED
    )
    countries = Country.objects.select_related("helpdesk").prefetch_related(
        Prefetch("authorities", queryset=national, to_attr="national_coordinators")
    )
    # The names are translated, so the database order by code won't do.
    return sorted(countries, key=lambda country: country.name)


def answers_for_mail(user):
    """Superusers, coordinators and national helpdesk staff answer for the mail of the users they look after."""
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.is_coordinator or user.is_helpdesk_staff)
    )


def failed_mails_visible_to(user):
    """The mails given up after the last attempt that this person may see and send again.

    A superuser sees them all; a coordinator or a helpdesk those to the users of their scope
    (`authorities.auth.users_in_scope`); anybody else none.
    """
    if not answers_for_mail(user):
        return OutboxMessage.objects.none()
    failed = OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED)
    if user.is_superuser:
        return failed
    return failed.filter(recipient__in=users_in_scope(user).values("pk"))


def unseen_failed_mails_count(user):
    """How many of those nobody has looked at yet: the alert on the home page and the admin's index."""
    if not answers_for_mail(user):
        return 0
    return failed_mails_visible_to(user).filter(seen_at__isnull=True).count()
