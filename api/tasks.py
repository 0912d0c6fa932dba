"""Background work of the webhooks: delivering the deliveries of a change, the sweep that retries, and
forgetting old deliveries."""

from celery import shared_task

from api import webhooks

SWEEP_BATCH = 500


@shared_task(ignore_result=True)
def deliver_webhooks(delivery_ids):
    for delivery_id in delivery_ids:
        webhooks.deliver(delivery_id)


@shared_task(ignore_result=True)
def sweep_webhooks():
    """Deliver every pending delivery whose time has come, oldest first: those the broker lost, and retries."""
    due = webhooks.pending_due().order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:SWEEP_BATCH]
    for delivery_id in due:
        webhooks.deliver(delivery_id)


@shared_task(ignore_result=True)
def prune_webhook_deliveries():
    return webhooks.prune()
