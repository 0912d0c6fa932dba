"""Reads of the project glue that several pages share."""

from authorities.auth import users_in_scope
from core.models import OutboxMessage


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
