"""A session slides with activity without a write per request: renewed at most once a minute."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PASSWORD

START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
AGE = 600


def at(seconds):
    return time_machine.travel(START + datetime.timedelta(seconds=seconds), tick=False)


@pytest.fixture
def logged_in(client, world, settings):
    """The Bulgarian handler, logged in at START, with sessions of ten minutes renewed at most once a minute."""
    settings.SESSION_COOKIE_AGE = AGE
    settings.IMI_SESSION_RENEW_SECONDS = 60
    with at(0):
        client.post(reverse("account_login"), {"login": world.bg_handler.email, "password": PASSWORD})
    return client


def session_writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code in (200, 204)
    return [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]]


def expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_two_requests_within_a_minute_save_the_session_once(logged_in):
    with at(70):
        assert len(session_writes(logged_in, reverse("home"))) == 1  # the last renewal was at the login
    with at(100):
        assert session_writes(logged_in, reverse("home")) == []


def test_after_the_threshold_the_expiry_moves(logged_in):
    with at(70):
        logged_in.get(reverse("home"))
    assert expiry(logged_in) == START + datetime.timedelta(seconds=70 + AGE)
    with at(120):
        logged_in.get(reverse("home"))
    assert expiry(logged_in) == START + datetime.timedelta(seconds=70 + AGE)
    with at(131):
        logged_in.get(reverse("home"))
    assert expiry(logged_in) == START + datetime.timedelta(seconds=131 + AGE)


def test_a_user_at_work_stays_logged_in_and_an_idle_one_is_logged_out(logged_in):
    for seconds in range(50, 1500, 50):  # a page every 50 seconds, for longer than a session lasts
        with at(seconds):
            assert logged_in.get(reverse("home")).status_code == 200
    with at(1450 + AGE + 1):  # idle for longer than a session lasts since the last renewal
        assert logged_in.get(reverse("home")).status_code == 302


def test_stay_logged_in_renews_the_session_at_once(logged_in):
    with at(30):
        assert len(session_writes(logged_in, reverse("session_ping"))) == 1
    assert expiry(logged_in) == START + datetime.timedelta(seconds=30 + AGE)


def test_the_page_s_warning_counts_from_the_last_renewal(logged_in):
    with at(70):
        assert f'data-session-seconds="{AGE}"' in logged_in.get(reverse("home")).content.decode()
    with at(100):
        assert f'data-session-seconds="{AGE - 30}"' in logged_in.get(reverse("home")).content.decode()


def test_a_visitor_whose_session_ended_gets_no_new_one(logged_in):
    with at(AGE + 10):
        assert session_writes(logged_in, reverse("account_login")) == []
    assert not Session.objects.filter(expire_date__gt=START + datetime.timedelta(seconds=AGE + 10)).exists()
