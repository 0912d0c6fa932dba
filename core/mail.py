"""The one way the portal sends e-mail to a person.

Every mail is three templates under ``templates/emails/``: ``<name>_subject.txt``,
``<name>_body.txt`` and ``<name>_body.html``, rendered in the recipient's language
when the change happens, and kept in the outbox (``core.models.OutboxMessage``)
in the same transaction. A Celery task delivers it after the commit; the sweep
in ``core.tasks`` delivers what is left, so a broker or mail server outage loses nothing.
"""

import logging
from datetime import timedelta
from email.headerregistry import Address
from email.utils import parseaddr
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.models import OutboxMessage
from core.pruning import delete_in_batches

logger = logging.getLogger(__name__)

# Waits between delivery attempts: a minute, then longer, up to a day.
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]
MAX_ATTEMPTS = 10


def render_mail(*, template, language, context):
    """Return (subject, text, html) for a template in a language."""
    context = {"site_url": settings.SITE_URL, "portal_name": settings.PORTAL_NAME, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    return " ".join(subject.split()), text, html


def receives_mail(user):
    """Active people get mail; deactivated users and system accounts (which have webhooks instead) do not."""
    return user.is_active and not getattr(user, "is_system", False)


def send_to_user(*, user, template, context, link="", urgent=False):
    """Put a mail for a user in the outbox; it leaves once the current transaction commits.

    Nothing is sent for a change that is rolled back, and deactivated users get no mail.
    A user who chose the daily digest gets the mail in it, unless it is urgent.
    """
    if not receives_mail(user):
        return None
    subject, text, html = render_mail(
        template=template, language=user.preferred_language, context={"recipient": user, **context}
    )
    return queue_mail(
        user=user,
        template=template,
        language=user.preferred_language,
        subject=subject,
        text=text,
        html=html,
        link=link,
        urgent=urgent,
    )


class Mail(NamedTuple):
    """One mail of ``send_to_users``: to whom, with what context, about which page."""

    user: object
    context: dict
    link: str = ""
    urgent: bool = False


def send_to_users(*, template, mails):
    """``send_to_user`` for many mails of one template: each rendered in its recipient's language,
    all put in the outbox with one insert, and queued for delivery once the transaction commits.

    Returns the outbox messages.
    """
    messages = []
    for mail in mails:
        if not receives_mail(mail.user):
            continue
        language = mail.user.preferred_language
        subject, text, html = render_mail(
            template=template, language=language, context={"recipient": mail.user, **mail.context}
        )
        messages.append(
            _outbox_message(
                user=mail.user,
                template=template,
                language=language,
                subject=subject,
                text=text,
                html=html,
                link=mail.link,
                urgent=mail.urgent,
            )
        )
    OutboxMessage.objects.bulk_create(messages)
    pending = [message.pk for message in messages if message.state == OutboxMessage.State.PENDING]
    if pending:
        transaction.on_commit(partial(_queue_all, pending))
    return messages


def _outbox_message(*, user, template, language, subject, text, html, to_email="", link="", urgent=False):
    held = user.wants_digest and not urgent
    return OutboxMessage(
        recipient=user,
        to_email=to_email or user.email,
        template=template,
        language=language,
        subject=" ".join(subject.split())[:300],
        body_text=text,
        body_html=html,
        link=link,
        state=OutboxMessage.State.HELD if held else OutboxMessage.State.PENDING,
    )


def queue_mail(*, user, template, language, subject, text, html, to_email="", link="", urgent=False):
    """Put a mail already rendered for a user in the outbox, as `send_to_user` does after rendering.

    For the mails of the login library (password resets, address confirmations), rendered from
    its own templates; ``to_email`` is the address it writes to when that is not the login address.
    """
    if not receives_mail(user):
        return None
    message = _outbox_message(
        user=user,
        template=template,
        language=language,
        subject=subject,
        text=text,
        html=html,
        to_email=to_email,
        link=link,
        urgent=urgent,
    )
    message.save()
    if message.state == OutboxMessage.State.PENDING:
        transaction.on_commit(lambda: _queue(message.pk))
    return message


def send_again(*, messages):
    """Give failed mails a fresh start: pending again, no attempt counted, delivered after the commit.

    Returns how many were failed and start again; if they fail ten times more, they are failed
    (and unseen) again.
    """
    now = timezone.now()
    ids = list(messages.filter(state=OutboxMessage.State.FAILED).values_list("pk", flat=True))
    OutboxMessage.objects.filter(pk__in=ids).update(
        state=OutboxMessage.State.PENDING, attempts=0, next_attempt_at=now, failed_at=None, seen_at=None, seen_by=None
    )
    for message_id in ids:
        transaction.on_commit(partial(_queue, message_id))
    return len(ids)


def failed_mails_seen(*, messages, user):
    """Mark failed mails seen by ``user``: the alert goes for everyone who answers for them."""
    return messages.filter(state=OutboxMessage.State.FAILED, seen_at__isnull=True).update(
        seen_at=timezone.now(), seen_by=user
    )


def send_digests():
    """Gather each user's held mails into one digest mail; returns how many digests were made."""
    made = 0
    recipients = OutboxMessage.objects.filter(state=OutboxMessage.State.HELD).values("recipient").distinct()
    for user in get_user_model().objects.filter(pk__in=recipients):
        with transaction.atomic():
            held = list(
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(recipient=user, state=OutboxMessage.State.HELD)
                .order_by("created_at", "pk")
            )
            if not held:
                continue
            OutboxMessage.objects.filter(pk__in=[message.pk for message in held]).update(
                state=OutboxMessage.State.DIGESTED
            )
            if user.is_active:
                send_to_user(user=user, template="digest", context={"items": held}, urgent=True)
                made += 1
    return made


def _queue_all(message_ids):
    for message_id in message_ids:
        _queue(message_id)


def _queue(message_id):
    # Imported here: the task module imports this one.
    from core.tasks import deliver_mail

    try:
        # No retrying against a broker that is down: the sweep is the retry.
        deliver_mail.apply_async((message_id,), retry=False)
    except Exception as error:  # the broker is down: the sweep delivers it later
        logger.warning("Could not queue mail %s (%s); the outbox sweep will deliver it.", message_id, error)


def sender(language):
    """The portal's address (``DEFAULT_FROM_EMAIL``) under the portal's name in the recipient's language."""
    _name, address = parseaddr(str(settings.DEFAULT_FROM_EMAIL))
    with translation.override(language or settings.LANGUAGE_CODE):
        return str(Address(display_name=str(settings.PORTAL_NAME), addr_spec=address))


def deliver(message_id):
    """Send one outbox message if it is still pending; True when it was sent now.

    The row is locked while sending, so a task and the sweep never send the same mail twice.
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, state=OutboxMessage.State.PENDING)
            .first()
        )
        if message is None:
            return False
        message.attempts += 1
        if settings.IMI_TRAINING:
            # Nothing leaves a training environment: the mail waits in the trainee's mailbox.
            message.state = OutboxMessage.State.CAPTURED
            message.sent_at = timezone.now()
            message.save(update_fields=["attempts", "state", "sent_at"])
            return True
        try:
            email = EmailMultiAlternatives(
                message.subject, message.body_text, sender(message.language), [message.to_email]
            )
            email.attach_alternative(message.body_html, "text/html")
            email.send()
        except Exception as error:
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                # Given up: listed for superusers and the coordinators of the recipient until one looks.
                message.state = OutboxMessage.State.FAILED
                message.failed_at = timezone.now()
            delay = RETRY_DELAYS[min(message.attempts - 1, len(RETRY_DELAYS) - 1)]
            message.next_attempt_at = timezone.now() + delay
            message.save(update_fields=["attempts", "last_error", "state", "failed_at", "next_attempt_at"])
            logger.warning("Mail %s not delivered (attempt %s): %s", message.pk, message.attempts, error)
            return False
        message.state = OutboxMessage.State.SENT
        message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "state", "sent_at"])
        return True


# Mails that reached the recipient (or the trainee's mailbox, or a digest): nothing more to do with them.
DELIVERED_STATES = [OutboxMessage.State.SENT, OutboxMessage.State.CAPTURED, OutboxMessage.State.DIGESTED]


def prune_delivered(now=None):
    """Delete the delivered mails older than ``IMI_SENT_MAIL_KEEP_DAYS``; returns how many went.

    Pending and held mails are never deleted by age. A failed mail is kept until someone
    has seen it in the list of failed mails and it failed more than the period ago.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.IMI_SENT_MAIL_KEEP_DAYS)
    delivered = OutboxMessage.objects.filter(state__in=DELIVERED_STATES, created_at__lt=cutoff)
    failed_and_seen = OutboxMessage.objects.filter(
        state=OutboxMessage.State.FAILED, seen_at__isnull=False, failed_at__lt=cutoff
    )
    return delete_in_batches(delivered) + delete_in_batches(failed_and_seen)


def pending_due(now=None):
    now = now or timezone.now()
    return OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING, next_attempt_at__lte=now)
