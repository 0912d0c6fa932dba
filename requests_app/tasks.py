"""Periodic work on requests. Tasks stay thin: they call the module that does the work."""

from celery import shared_task

from requests_app import machine_translations, reminders, retention


@shared_task(ignore_result=True)
def send_reminders():
    return reminders.sweep()


@shared_task(ignore_result=True)
def apply_retention():
    return retention.sweep()


@shared_task(ignore_result=True)
def translate_text(translation_id):
    return machine_translations.run(translation_id)


@shared_task(ignore_result=True)
def retry_machine_translations():
    return machine_translations.retry_due()
