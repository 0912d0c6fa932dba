"""Periodic work on requests. Tasks stay thin: they call the module that does the work."""

from celery import shared_task

from requests_app import reminders, retention


@shared_task(ignore_result=True)
def send_reminders():
    return reminders.sweep()


@shared_task(ignore_result=True)
def apply_retention():
    return retention.sweep()
