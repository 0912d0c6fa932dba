"""A mail goes through a real Celery worker and Redis, as in production."""

import datetime
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.models import OutboxMessage
from imi.celery import app as celery_app
from requests_app.models import Action, InformationRequest, Reminder
from tests.conftest import QuestionSetFactoryData, World
from tests.request_states import draft, step

ROOT = Path(__file__).resolve().parent.parent


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start(command, tmp_path, queue, name, **extra):
    """Start a Celery process of the portal on the test database and a queue of its own."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "imi.settings.base",
        "SECRET_KEY": "worker-test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_QUEUE": queue,
        # django-environ drops one slash of the path: four make it absolute.
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
        **extra,
    }
    log = (tmp_path / f"{name}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "imi", *command, "-l", "info"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return process, log


def stop(process, log):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.5)
    return condition()


@pytest.fixture
def worker(tmp_path):
    queue = f"imi-test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    process, log = start(["worker", "--pool=solo"], tmp_path, queue, "worker")
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    # The app builds its queues and router once; drop them so they follow the queue set here.
    celery_app.__dict__.pop("amqp", None)
    try:
        yield mail_dir
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        celery_app.__dict__.pop("amqp", None)
        stop(process, log)


@pytest.mark.django_db(transaction=True)
def test_a_sent_request_is_mailed_by_the_worker(worker):
    world = World()
    info_request = draft(world, QuestionSetFactoryData.create())
    step(info_request, Action.SEND, world.bg_handler)

    wait_for(lambda: not OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).exists())
    states = list(OutboxMessage.objects.values_list("state", "last_error"))
    worker_log = (worker.parent / "worker.log").read_text()
    assert [state for state, _error in states] == ["sent", "sent"], f"{states}\n{worker_log}"
    written = "".join(path.read_text() for path in worker.iterdir())
    assert world.pt_handler.email in written
    assert world.pt_allocator.email in written
    assert info_request.reference in written


@pytest.mark.django_db(transaction=True)
def test_beat_and_the_worker_send_a_reminder_end_to_end(worker, tmp_path):
    """Celery beat schedules the reminder sweep, the worker runs it and delivers the mail."""
    world = World()
    info_request = draft(world, QuestionSetFactoryData.create())
    step(info_request, Action.SEND, world.bg_handler)
    step(info_request, Action.ACCEPT, world.pt_handler, days=5)
    InformationRequest.objects.filter(pk=info_request.pk).update(
        agreed_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    queue = celery_app.conf.task_default_queue
    beat, log = start(
        ["beat", "--schedule", str(tmp_path / "beat-schedule")],
        tmp_path,
        queue,
        "beat",
        IMI_REMINDER_SWEEP_SECONDS="1",
    )
    try:
        assert wait_for(lambda: Reminder.objects.filter(request=info_request, kind="overdue").exists()), (
            tmp_path / "beat.log"
        ).read_text()
        assert wait_for(lambda: any("overdue" in path.read_text() for path in worker.iterdir())), (
            tmp_path / "worker.log"
        ).read_text()
    finally:
        stop(beat, log)
    written = "".join(path.read_text() for path in worker.iterdir())
    assert world.pt_handler.email in written
    assert info_request.reference in written
