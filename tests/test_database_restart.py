"""A PostgreSQL restart is survived without anybody restarting the portal.

The web server (gunicorn, as in production) and a Celery worker run against a
PostgreSQL server of the test's own. Both hold a persistent connection when the
database restarts; the next page and the next mail must work without a restart
of either, because each checks its connection before use (CONN_HEALTH_CHECKS).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from imi import devservices
from tests.test_celery_delivery import ROOT, start, stop, wait_for
from tests.test_faults import free_port, postgres_bindir


class PrivatePostgres:
    """A throwaway PostgreSQL cluster; as root it runs as 'nobody', as PostgreSQL requires."""

    def __init__(self):
        self.bindir = postgres_bindir()
        self.port = free_port()
        # Not under pytest's own temporary folder: 'nobody' must be able to enter every parent.
        self.base = Path(tempfile.mkdtemp(prefix="imi-pg-"))
        self.base.chmod(0o711)
        self.data = self.base / "data"
        self.user, self.demote = devservices.unprivileged_user()

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/imi"

    def _run(self, tool, *args):
        result = subprocess.run(
            [self.bindir / tool, *args], preexec_fn=self.demote, capture_output=True, text=True, cwd=self.base
        )
        assert result.returncode == 0, f"{tool} failed:\n{result.stdout}{result.stderr}"

    def create(self):
        self.data.mkdir(mode=0o700)
        if self.user:
            os.chown(self.base, 0, 0)
            os.chown(self.data, self.user.pw_uid, self.user.pw_gid)
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
        self.start()
        psql = [self.bindir / "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres"]
        subprocess.run([*psql, "-XAtc", "CREATE DATABASE imi"], check=True, capture_output=True)

    def start(self):
        options = f"-h 127.0.0.1 -p {self.port} -k {self.data} -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "start", "-D", self.data, "-l", self.data / "server.log", "-w", "-t", "60", "-o", options)

    def stop(self):
        self._run("pg_ctl", "stop", "-D", self.data, "-m", "fast", "-w")

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.base, ignore_errors=True)


def get(port, path):
    """A page as a browser behind the production proxy asks for it; (status, body)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (a local http address)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return None, str(error)


MAIL_ONE = """
from authorities.models import User
from core.mail import send_to_user
user, _ = User.objects.get_or_create(email="restart@example.test", defaults={"full_name": "Restart Test"})
send_to_user(user=user, template="inactive_users", context={"months": 6, "users": [user]})
"""


def mail_one(environment, tmp_path):
    """Put one mail in the outbox from a separate process; the worker delivers it."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", MAIL_ONE], cwd=ROOT, env=environment, capture_output=True
    )
    assert result.returncode == 0, result.stderr.decode()


def test_the_web_server_and_the_worker_survive_a_postgresql_restart(tmp_path):
    database = PrivatePostgres()
    queue = f"imi-test-{uuid.uuid4().hex[:8]}"
    (tmp_path / "mail").mkdir()
    processes = []
    try:
        database.create()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "imi.settings.base",
            "SECRET_KEY": "restart-test",
            "DATABASE_URL": database.url,
            "CELERY_QUEUE": queue,
            "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
            "DEBUG": "false",
        }
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=environment,
            check=True,
            capture_output=True,
        )
        port = free_port()
        web_log = (tmp_path / "web.log").open("w")
        web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "imi.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers=1"],
            cwd=ROOT,
            env=environment,
            stdout=web_log,
            stderr=subprocess.STDOUT,
        )
        processes.append((web, web_log))
        processes.append(start(["worker", "--pool=solo"], tmp_path, queue, "worker", DATABASE_URL=database.url))

        def mails():
            written = "".join(path.read_text() for path in (tmp_path / "mail").iterdir())
            return len(re.findall(r"^Message-ID: ", written, flags=re.MULTILINE))

        # Before the restart: a page and a mail, so that both processes hold a connection.
        assert wait_for(lambda: get(port, "/helpdesks/")[0] == 200, seconds=60), (tmp_path / "web.log").read_text()
        mail_one(environment, tmp_path)
        assert wait_for(lambda: mails() == 1, seconds=60), (tmp_path / "worker.log").read_text()

        database.stop()
        database.start()

        # No restart of gunicorn or of the worker: the very next page and mail work.
        status, body = get(port, "/helpdesks/")
        assert status == 200, (tmp_path / "web.log").read_text()
        assert "National helpdesks" in body
        mail_one(environment, tmp_path)
        assert wait_for(lambda: mails() == 2, seconds=60), (tmp_path / "worker.log").read_text()

        # While the database is away a page says to try again (503), and the server stays up for when it is back.
        database.stop()
        status, body = get(port, "/helpdesks/")
        assert status == 503
        assert "The portal is unavailable for a moment" in body
        database.start()
        assert get(port, "/helpdesks/")[0] == 200
        assert web.poll() is None
    finally:
        for process, log in processes:
            stop(process, log)
        database.remove()
