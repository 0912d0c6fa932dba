"""Periodic work on the registers directory. Tasks stay thin: they call the module that does the work."""

from celery import shared_task

from registers import link_checks, reviews


@shared_task(ignore_result=True)
def check_register_links():
    return link_checks.check_all()._asdict()


@shared_task(ignore_result=True)
def remind_register_reviews():
    return reviews.remind_reviews()


@shared_task(ignore_result=True)
def prune_link_checks():
    return link_checks.prune_history()
