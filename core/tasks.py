"""Background work of the portal's infrastructure: delivering the outbox, and keeping its tables small."""

from importlib import import_module

from celery import shared_task
from django.conf import settings

from core import mail, search


@shared_task(ignore_result=True)
def deliver_mail(message_id):
    mail.deliver(message_id)


@shared_task(ignore_result=True)
def sweep_outbox():
    """Deliver every pending mail whose time has come: those the broker lost, and retries."""
    for message_id in mail.pending_due().values_list("pk", flat=True)[:500]:
        mail.deliver(message_id)


@shared_task(ignore_result=True)
def send_digests():
    mail.send_digests()


@shared_task(ignore_result=True)
def prune_delivered_mails():
    return mail.prune_delivered()


@shared_task(ignore_result=True)
def clear_expired_sessions():
    """What Django's ``clearsessions`` does: the configured session engine forgets the expired sessions."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task(ignore_result=True)
def rebuild_search_words():
    """Saving a document adds its words; this drops those of changed and deleted documents."""
    return search.search_words_rebuild_all()
