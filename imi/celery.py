import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imi.settings.base")

app = Celery("imi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Sending mail and checking register links wait on other machines and may come by the thousand: they have a
# queue of their own, so a flood of them never delays the reminders, retention and pruning on the default
# queue. Every worker takes both queues unless given -Q; docs/scaling.md says how to split them.
MAIL_TASKS = frozenset(
    {
        "core.tasks.deliver_mail",
        "core.tasks.sweep_outbox",
        "registers.tasks.check_register_links",
    }
)


def mail_queue(default_queue):
    """The mail queue beside a default queue: named after it, so the training stack's prefix carries over."""
    return f"{default_queue}-mail"


def route_task(name, args, kwargs, options, task=None, **extra):
    """CELERY_TASK_ROUTES: the mail tasks to the mail queue, everything else to the default queue."""
    if name in MAIL_TASKS:
        return {"queue": mail_queue(app.conf.task_default_queue)}
    return None
