from celery import shared_task

from authorities import services


@shared_task(ignore_result=True)
def remind_inactive_users():
    return services.inactive_users_remind()
