"""Two web replicas of the portal, one database and one Redis: a user moves between them unaware.

Two gunicorn servers as the compose stack runs them (production settings, each its own process), on
the test database, Redis and a shared folder for files. A session opened on one is good on the other,
a file uploaded through one downloads through the other, and failed logins are counted across both
(the rate limit lives in Redis, not in a replica's memory). docs/scaling.md.
"""

import os
import re
import subprocess
import sys
import uuid

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from requests_app.models import Status
from tests.conftest import QuestionSetFactoryData, World
from tests.factories import PASSWORD, UserFactory
from tests.request_states import request_in
from tests.test_celery_delivery import ROOT, database_url, wait_for
from tests.test_object_storage import PDF, free_port

TOO_MANY = "Too many failed login attempts"


def with_production_password(user):
    """The test settings hash with MD5 for speed; the replicas run the production hashers."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def replicas(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "imi.settings.base",
        "SECRET_KEY": "replica-test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "files"),
        "EMAIL_URL": "consolemail://",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "CELERY_TASK_ALWAYS_EAGER": "true",
    }
    servers = []
    try:
        for name in ("a", "b"):
            port = free_port()
            log = (tmp_path / f"{name}.log").open("w")
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "imi.wsgi:application", "--bind", f"127.0.0.1:{port}", "-w", "1"],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            servers.append((process, log, f"http://127.0.0.1:{port}"))
        for _process, _log, url in servers:
            assert wait_for(lambda url=url: answers(url), seconds=60), (tmp_path / "a.log").read_text()
        yield [url for _process, _log, url in servers]
    finally:
        for process, log, _url in servers:
            process.terminate()
            process.wait(timeout=20)
            log.close()


def answers(url):
    try:
        return requests.get(f"{url}/accounts/login/", timeout=30).status_code == 200
    except requests.RequestException:  # not listening yet, or still starting up
        return False


def csrf(session, url):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', session.get(url, timeout=30).text).group(1)


def log_in(session, base, email, password=PASSWORD):
    url = f"{base}/accounts/login/"
    return session.post(
        url,
        data={"csrfmiddlewaretoken": csrf(session, url), "login": email, "password": password},
        headers={"Referer": url},
        timeout=30,
    )


@pytest.mark.django_db(transaction=True)
def test_a_session_and_a_file_move_between_replicas(replicas):
    a, b = replicas
    world = World()
    info_request = request_in(world, QuestionSetFactoryData.create(), Status.OPEN)

    handler = requests.Session()
    with_production_password(world.bg_handler)
    with_production_password(world.pt_handler)
    assert log_in(handler, a, world.bg_handler.email).url == f"{a}/"
    home = handler.get(f"{b}/", allow_redirects=False, timeout=30)  # the other replica knows the session
    assert home.status_code == 200 and world.bg_handler.full_name in home.text

    detail = f"{b}/requests/{info_request.pk}/"
    upload = handler.post(
        f"{b}/requests/{info_request.pk}/attachments/",
        data={"csrfmiddlewaretoken": csrf(handler, detail)},
        files={"file": ("diploma.pdf", PDF, "application/pdf")},
        headers={"Referer": detail},
        allow_redirects=False,
        timeout=30,
    )
    assert upload.status_code == 302
    attachment = info_request.attachments.get()

    responder = requests.Session()
    log_in(responder, b, world.pt_handler.email)
    download = responder.get(f"{a}/requests/{info_request.pk}/attachments/{attachment.pk}/", timeout=30)
    assert (download.status_code, download.content) == (200, PDF)


@pytest.mark.django_db(transaction=True)
def test_failed_logins_are_counted_across_replicas(replicas):
    a, b = replicas
    user = with_production_password(UserFactory(email=f"guessed-{uuid.uuid4().hex[:8]}@imi.test"))
    session = requests.Session()
    # LOGIN_RATE_LIMIT: 5 failures an address in 5 minutes, then no more tries; spread over both replicas,
    # they still add up.
    # Behind the proxy every replica sees the portal's one host name (allauth counts per site and address).
    session.headers["Host"] = "localhost:8000"
    for base in (a, b, a, b, a):
        assert TOO_MANY not in log_in(session, base, user.email, password="wrong-password").text
    assert TOO_MANY in log_in(session, b, user.email, password="wrong-password").text
    assert TOO_MANY in log_in(session, a, user.email).text  # even with the right password, for now
