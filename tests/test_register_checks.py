"""Checking the registers' web addresses, and reminding their LDAs to review them.

The addresses are those of a small web server the tests start on 127.0.0.1, which
the settings allow the checker to visit: the checks never leave the machine.
"""

import datetime
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail

from registers import link_checks, reviews, tasks
from registers.models import LinkCheck, Register
from registers.services import register_mark_reviewed
from tests.factories import UserFactory

BRUSSELS = ZoneInfo("Europe/Brussels")
SLOW_SECONDS = 5


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/ok":
            self.answer(200, b"<!DOCTYPE html><title>Register</title>")
        elif self.path == "/missing":
            self.answer(404, b"Not here")
        elif self.path == "/slow":
            self.server.released.wait(SLOW_SECONDS)
            self.answer(200, b"Too late")
        elif self.path == "/loop":
            self.redirect("/loop")
        elif self.path == "/redirect":
            self.redirect("/ok")
        elif self.path.startswith("/hops/"):
            left = int(self.path.removeprefix("/hops/"))
            self.redirect(f"/hops/{left - 1}" if left > 1 else "/ok")
        else:
            self.answer(500, b"Unknown")

    def answer(self, code, body):
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the checker hung up on /slow before it answered


@pytest.fixture(scope="module")
def site():
    server = Server(("127.0.0.1", 0), Handler)
    server.seen = []
    server.released = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.released.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _local_server_allowed(settings):
    """The checker visits no local address unless the settings allow its host (tests/test_link_check_addresses.py)."""
    settings.IMI_LINK_CHECK_ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.fixture
def threshold(settings):
    settings.IMI_REGISTER_FAILURES_BEFORE_ALERT = 3
    return 3


def make_register(world, url, **fields):
    return Register.objects.create(
        name=fields.pop("name", "Регистър на екскурзоводите"),
        country=world.bg_authority.country,
        authority=world.bg_authority,
        url=url,
        **fields,
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def at(year, month, day):
    return time_machine.travel(datetime.datetime(year, month, day, 9, 0, tzinfo=BRUSSELS), tick=False)


# Asking one address.


def test_it_finds_an_address_that_answers(site):
    result = link_checks.check_url(f"{site.base}/ok", timeout=2)
    assert result.ok
    assert result.status_code == 200
    assert result.final_url == f"{site.base}/ok"
    assert result.error == ""


def test_it_reports_a_missing_page_with_its_code(site):
    result = link_checks.check_url(f"{site.base}/missing", timeout=2)
    assert not result.ok
    assert result.status_code == 404
    assert "404" in result.error


def test_it_gives_up_on_a_site_that_does_not_answer_in_time(site, settings):
    settings.IMI_LINK_CHECK_TIMEOUT_SECONDS = 1
    started = time.monotonic()
    result = link_checks.check_url(f"{site.base}/slow")
    assert time.monotonic() - started < SLOW_SECONDS - 1
    assert not result.ok
    assert result.status_code is None
    assert "within 1 seconds" in result.error


def test_it_reports_a_redirect_loop(site):
    result = link_checks.check_url(f"{site.base}/loop", timeout=2)
    assert not result.ok
    assert result.status_code == 302
    assert "Redirect loop" in result.error


def test_it_follows_a_redirect(site):
    result = link_checks.check_url(f"{site.base}/redirect", timeout=2)
    assert result.ok
    assert result.status_code == 200
    assert result.final_url == f"{site.base}/ok"


def test_it_follows_five_redirects_but_not_six(site):
    assert link_checks.check_url(f"{site.base}/hops/5", timeout=2).ok
    result = link_checks.check_url(f"{site.base}/hops/6", timeout=2)
    assert not result.ok
    assert "Too many redirects" in result.error


def test_it_reports_a_refused_connection():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = link_checks.check_url(f"http://127.0.0.1:{port}/", timeout=2)
    assert not result.ok
    assert result.status_code is None
    assert "refused" in result.error


def test_it_checks_only_web_addresses(site):
    site.seen.clear()
    for url in ["ftp://127.0.0.1/registers", "file:///etc/passwd", "javascript:alert(1)"]:
        result = link_checks.check_url(url, timeout=2)
        assert not result.ok
        assert "Only http and https" in result.error
    assert site.seen == []


def test_it_names_the_portal_in_its_user_agent(site):
    site.seen.clear()
    link_checks.check_url(f"{site.base}/ok", timeout=2)
    ((path, agent),) = site.seen
    assert path == "/ok"
    assert "IMI portal" in agent


# Checking a register.


def test_it_keeps_the_history_of_the_checks(world, site, threshold):
    register = make_register(world, f"{site.base}/ok")
    link_checks.check_register(register, timeout=2)
    register.url = f"{site.base}/missing"
    register.save()
    link_checks.check_register(register, timeout=2)

    newest, oldest = register.checks.all()
    assert (oldest.ok, oldest.status_code, oldest.error) == (True, 200, "")
    assert (newest.ok, newest.status_code) == (False, 404)
    assert "404" in newest.error
    assert newest.checked_at >= oldest.checked_at
    register.refresh_from_db()
    assert register.consecutive_failures == 1


def test_it_mails_the_lda_once_after_n_failures_in_a_row(world, site, threshold, django_capture_on_commit_callbacks):
    register = make_register(world, f"{site.base}/missing")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(threshold - 1):
            _check, alerted = link_checks.check_register(register, timeout=2)
            assert not alerted
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        _check, alerted = link_checks.check_register(register, timeout=2)
    assert alerted
    (message,) = mail.outbox
    assert message.to == [world.bg_lda.email]
    assert "Регистър на екскурзоводите" in message.subject
    assert register.url in message.body
    assert "HTTP 404" in message.body
    assert str(threshold) in message.body
    link = django_settings.SITE_URL + register.get_absolute_url()
    assert link in message.body
    assert f'href="{link}"' in message.alternatives[0][0]

    with django_capture_on_commit_callbacks(execute=True):
        _check, alerted = link_checks.check_register(register, timeout=2)
    assert not alerted
    assert len(mail.outbox) == 1
    register.refresh_from_db()
    assert register.consecutive_failures == threshold + 1
    assert LinkCheck.objects.filter(register=register, ok=False).count() == threshold + 1


def test_it_resets_the_count_after_a_success(world, site, threshold, django_capture_on_commit_callbacks):
    register = make_register(world, f"{site.base}/missing")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(threshold - 1):
            link_checks.check_register(register, timeout=2)
        register.url = f"{site.base}/redirect"
        register.save()
        link_checks.check_register(register, timeout=2)
    register.refresh_from_db()
    assert register.consecutive_failures == 0
    assert mail.outbox == []

    # Failing again starts the count over: the LDA hears of it only after another N in a row.
    register.url = f"{site.base}/loop"
    register.save()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(threshold - 1):
            link_checks.check_register(register, timeout=2)
        assert mail.outbox == []
        link_checks.check_register(register, timeout=2)
    assert recipients() == [world.bg_lda.email]
    assert "Redirect loop" in mail.outbox[0].body


def test_it_alerts_every_active_lda_and_no_deactivated_one(world, site, settings, django_capture_on_commit_callbacks):
    settings.IMI_REGISTER_FAILURES_BEFORE_ALERT = 1
    second = UserFactory(email="lda2@bg.test", authority=world.bg_authority, is_lda=True)
    UserFactory(email="gone@bg.test", authority=world.bg_authority, is_lda=True, is_active=False)
    register = make_register(world, f"{site.base}/missing")
    with django_capture_on_commit_callbacks(execute=True):
        link_checks.check_register(register, timeout=2)
    assert recipients() == sorted([world.bg_lda.email, second.email])


def test_it_checks_every_register_that_is_not_retired(world, site, settings, django_capture_on_commit_callbacks):
    settings.IMI_REGISTER_FAILURES_BEFORE_ALERT = 1
    working = make_register(world, f"{site.base}/ok", name="Working")
    broken = make_register(world, f"{site.base}/missing", name="Broken")
    retired = make_register(world, f"{site.base}/missing", name="Retired", is_retired=True)
    with django_capture_on_commit_callbacks(execute=True):
        counts = link_checks.check_all(timeout=2)
    assert counts == (1, 1, 1)
    assert (counts.ok, counts.failed, counts.alerted) == (1, 1, 1)
    assert working.checks.count() == broken.checks.count() == 1
    assert not retired.checks.exists()
    assert recipients() == [world.bg_lda.email]


def test_it_runs_the_checks_from_a_task(world, site, settings):
    settings.IMI_LINK_CHECK_TIMEOUT_SECONDS = 2
    register = make_register(world, f"{site.base}/ok")
    assert tasks.check_register_links.delay().get() == {"ok": 1, "failed": 0, "alerted": 0}
    assert register.checks.get().ok


def test_it_schedules_the_link_checks_and_the_review_reminders():
    schedule = {entry["task"]: entry["schedule"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    links = schedule["registers.tasks.check_register_links"]
    assert (links.hour, links.minute) == ({3}, {0})
    reviews = schedule["registers.tasks.remind_register_reviews"]
    assert (reviews.day_of_month, reviews.hour, reviews.minute) == ({1}, {8}, {30})


# Reminding to review.


def test_it_reminds_the_lda_once_per_review_period(world, settings, django_capture_on_commit_callbacks):
    settings.IMI_REGISTER_REVIEW_MONTHS = 12
    register = make_register(world, "https://registers.example.test/", last_reviewed=datetime.date(2024, 2, 1))
    make_register(world, "https://fresh.example.test/", name="Fresh", last_reviewed=datetime.date(2025, 6, 1))
    with at(2025, 3, 1), django_capture_on_commit_callbacks(execute=True):
        assert reviews.remind_reviews() == 1
        assert reviews.remind_reviews() == 0
    (message,) = mail.outbox
    assert message.to == [world.bg_lda.email]
    assert "Регистър на екскурзоводите" in message.subject
    assert django_settings.SITE_URL + register.get_absolute_url() in message.body
    register.refresh_from_db()
    assert register.review_reminded_on == datetime.date(2025, 3, 1)

    with at(2025, 4, 1), django_capture_on_commit_callbacks(execute=True):
        assert reviews.remind_reviews() == 0
    # Still not reviewed a period later: reminded again.
    with at(2026, 3, 1), django_capture_on_commit_callbacks(execute=True):
        assert reviews.remind_reviews() == 1
    assert recipients() == [world.bg_lda.email, world.bg_lda.email]


def test_it_starts_over_once_the_register_is_reviewed(world, settings, django_capture_on_commit_callbacks):
    settings.IMI_REGISTER_REVIEW_MONTHS = 12
    register = make_register(world, "https://registers.example.test/", last_reviewed=datetime.date(2024, 2, 1))
    with at(2025, 3, 1), django_capture_on_commit_callbacks(execute=True):
        assert reviews.remind_reviews() == 1
    with at(2025, 3, 10):
        register_mark_reviewed(actor=world.bg_lda, register=register)
    register.refresh_from_db()
    assert (register.last_reviewed, register.review_reminded_on) == (datetime.date(2025, 3, 10), None)

    with at(2026, 3, 1), django_capture_on_commit_callbacks(execute=True):
        assert reviews.remind_reviews() == 0
    with at(2026, 3, 10), django_capture_on_commit_callbacks(execute=True):
        assert reviews.remind_reviews() == 1
    assert len(mail.outbox) == 2


def test_it_does_not_remind_users_who_are_not_ldas(world, settings, django_capture_on_commit_callbacks):
    settings.IMI_REGISTER_REVIEW_MONTHS = 12
    make_register(world, "https://registers.example.test/", last_reviewed=datetime.date(2024, 2, 1))
    with at(2025, 3, 1), django_capture_on_commit_callbacks(execute=True):
        reviews.remind_reviews()
    assert world.bg_handler.email not in recipients()
    assert world.bg_supervisor.email not in recipients()
    assert world.pt_handler.email not in recipients()  # an LDA, of another authority
    assert recipients() == [world.bg_lda.email]


def test_it_does_not_remind_about_retired_registers(world, settings, django_capture_on_commit_callbacks):
    settings.IMI_REGISTER_REVIEW_MONTHS = 12
    retired = make_register(
        world, "https://registers.example.test/", last_reviewed=datetime.date(2024, 2, 1), is_retired=True
    )
    with at(2025, 3, 1), django_capture_on_commit_callbacks(execute=True):
        assert reviews.remind_reviews() == 0
    assert mail.outbox == []
    retired.refresh_from_db()
    assert retired.review_reminded_on is None


def test_it_does_not_remind_a_deactivated_lda(world, settings, django_capture_on_commit_callbacks):
    settings.IMI_REGISTER_REVIEW_MONTHS = 12
    world.bg_lda.is_active = False
    world.bg_lda.save()
    other = UserFactory(email="lda2@bg.test", authority=world.bg_authority, is_lda=True)
    make_register(world, "https://registers.example.test/", last_reviewed=datetime.date(2024, 2, 1))
    with at(2025, 3, 1), django_capture_on_commit_callbacks(execute=True):
        assert reviews.remind_reviews() == 1
    assert recipients() == [other.email]


def test_it_reminds_from_a_task(world, settings, django_capture_on_commit_callbacks):
    settings.IMI_REGISTER_REVIEW_MONTHS = 12
    make_register(world, "https://registers.example.test/", last_reviewed=datetime.date(2024, 2, 1))
    with at(2025, 3, 1), django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_register_reviews.delay().get() == 1
    assert recipients() == [world.bg_lda.email]
