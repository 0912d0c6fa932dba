"""Background work of the portal's infrastructure: delivering the outbox."""

from celery import shared_task

from imi import mail


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
def reset_training_data():
    """Every night the training environment starts again from the demo world."""
    from django.conf import settings
    from django.core.management import call_command

    if not settings.IMI_TRAINING:  # never on a real portal, whatever the schedule says
        return
    call_command("flush", interactive=False, verbosity=0)
    # The flush empties the tables the migrations filled too: the help pages come back from their files.
    call_command("load_content", verbosity=0)
    call_command("seed_demo", verbosity=0)
