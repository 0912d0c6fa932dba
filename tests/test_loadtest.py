"""The load test's knowledge of the portal (loadtest/demo_world.py) stays true: accounts, codes, pages."""

import datetime

import pytest
import yaml
from allauth.account import app_settings as account_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import resolve, reverse

from loadtest.demo_world import DETAIL_LINK, HANDLER_ACCOUNTS, PAGES, TOTP_SECRET, WORLD, demo_accounts, totp
from requests_app.models import Status
from tests.request_states import request_in


def test_its_authenticator_codes_are_the_ones_the_portal_accepts():
    moment = datetime.datetime(2027, 3, 1, 8, 0, 15, tzinfo=datetime.UTC).timestamp()
    assert totp(TOTP_SECRET, moment) == format_hotp_value(hotp_value(TOTP_SECRET, int(moment // 30)))


def test_it_logs_in_active_handlers_and_every_coordinator_within_the_login_rate_limit():
    handlers, coordinators = demo_accounts()
    users = {}
    for path in WORLD.glob("*.yaml"):
        country = yaml.safe_load(path.read_text(encoding="utf-8"))
        for authority in country.get("authorities", []):
            users.update({user["email"]: user for user in authority.get("users", [])})
    assert 0 < len(handlers) <= HANDLER_ACCOUNTS
    for email in handlers:
        assert users[email].get("active", True), email
        assert users[email].get("lda") or "handler" in users[email].get("roles", []), email
    assert len(coordinators) == sum(
        1 for path in WORLD.glob("*.yaml") if yaml.safe_load(path.read_text(encoding="utf-8")).get("coordinator")
    )
    per_minute = int(account_settings.RATE_LIMITS["login"].split("/")[0])
    assert len(handlers) + len(coordinators) < per_minute


@pytest.mark.parametrize(
    ("name", "view"),
    [
        ("My tasks", "home"),
        ("request list", "requests:list"),
        ("request detail", "requests:detail"),
        ("coordination", "requests:coordination"),
        ("activity", "requests:activity"),
        ("directory search", "authorities:directory"),
        ("registers directory", "registers:list"),
    ],
)
def test_its_pages_are_the_portals(name, view):
    assert resolve(PAGES[name].format(pk=7)).view_name == view


def test_it_finds_the_requests_the_list_links_to(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.bg_handler)
    page = client.get(reverse("requests:list")).content.decode()
    assert str(info_request.pk) in DETAIL_LINK.findall(page)
