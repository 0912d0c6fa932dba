"""Mail has a Celery queue of its own, so a flood of mail never delays the reminders (docs/scaling.md)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from imi.celery import MAIL_TASKS
from imi.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = settings.CELERY_TASK_DEFAULT_QUEUE
MAIL = f"{DEFAULT}-mail"


@pytest.fixture(scope="module", autouse=True)
def tasks():
    """Every app's tasks module, as a worker loads them at start."""
    celery_app.autodiscover_tasks(force=True)


def queue_of(task_name):
    return celery_app.amqp.router.route({}, task_name, (), {})["queue"].name


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("core.tasks.deliver_mail", MAIL),
        ("core.tasks.sweep_outbox", MAIL),
        ("registers.tasks.check_register_links", MAIL),
        ("requests_app.tasks.send_reminders", DEFAULT),
        ("requests_app.tasks.apply_retention", DEFAULT),
        ("core.tasks.send_digests", DEFAULT),
        ("core.tasks.prune_delivered_mails", DEFAULT),
        ("registers.tasks.prune_link_checks", DEFAULT),
        ("core.tasks.clear_expired_sessions", DEFAULT),
        ("authorities.tasks.remind_inactive_users", DEFAULT),
        ("registers.tasks.remind_register_reviews", DEFAULT),
        ("demo.tasks.reset_training_data", DEFAULT),
    ],
)
def test_each_task_goes_to_its_queue(task, queue):
    assert task in celery_app.tasks  # a renamed task would silently fall back to the default queue
    assert queue_of(task) == queue


def test_the_mail_tasks_exist():
    assert set(MAIL_TASKS) <= set(celery_app.tasks)


def test_a_worker_without_q_takes_both_queues_and_every_scheduled_task_lands_in_one():
    consumed = {queue.name for queue in celery_app.amqp.queues.consume_from.values()}
    assert consumed == {DEFAULT, MAIL}
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert queue_of(entry["task"]) in consumed, entry["task"]


def test_the_queue_names_follow_celery_queue_so_the_training_stack_keeps_its_own():
    environment = {
        **os.environ,
        "SECRET_KEY": "x",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "CELERY_QUEUE": "imi-training",
        "DJANGO_SETTINGS_MODULE": "imi.settings.base",
    }
    code = (
        "import django; django.setup(); from imi.celery import app;"
        "print(sorted(q.name for q in app.amqp.queues.consume_from.values()));"
        "print(app.amqp.router.route({}, 'core.tasks.deliver_mail', (), {})['queue'].name);"
        "print(app.amqp.router.route({}, 'requests_app.tasks.send_reminders', (), {})['queue'].name)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    consumed, mail, reminders = result.stdout.splitlines()[:3]
    assert (consumed, mail, reminders) == ("['imi-training', 'imi-training-mail']", "imi-training-mail", "imi-training")
