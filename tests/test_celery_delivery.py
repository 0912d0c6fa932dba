"""A mail goes through a real Celery worker and Redis, as in production."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from imi.celery import app as celery_app
from imi.models import OutboxMessage
from requests_app.models import Action
from tests.conftest import QuestionSetFactoryData, World
from tests.request_states import draft, step

ROOT = Path(__file__).resolve().parent.parent


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    queue = f"imi-test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "imi.settings.base",
        "SECRET_KEY": "worker-test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        # django-environ drops one slash of the path: four make it absolute.
        "EMAIL_URL": f"filemail:///{mail_dir}",
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "imi", "worker", "--pool=solo", "-Q", queue, "-l", "info"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
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
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.mark.django_db(transaction=True)
def test_a_sent_request_is_mailed_by_the_worker(worker):
    world = World()
    request = draft(world, QuestionSetFactoryData.create())
    step(request, Action.SEND, world.bg_handler)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).count() == 0:
            break
        time.sleep(0.5)
    states = list(OutboxMessage.objects.values_list("state", "last_error"))
    worker_log = (worker.parent / "worker.log").read_text()
    assert [state for state, _error in states] == ["sent", "sent"], f"{states}\n{worker_log}"
    written = "".join(path.read_text() for path in worker.iterdir())
    assert world.pt_handler.email in written
    assert world.pt_allocator.email in written
    assert request.reference in written
