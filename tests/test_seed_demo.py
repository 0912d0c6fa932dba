"""The demo world that `make run` loads, and the accounts the README promises."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from authorities.models import Authority, Backup, User
from demo.world import DEMO_PASSWORD

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_accounts():
    section = README.read_text().split("## Demo accounts", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| (\S+@\S+) \|", section, flags=re.MULTILINE)


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


def test_the_readme_lists_demo_accounts():
    assert len(readme_accounts()) >= 30


def test_every_account_in_the_readme_exists_and_logs_in(demo):
    for email in readme_accounts():
        user = User.objects.get(email=email)
        if user.is_active:
            assert authenticate(email=email, password=DEMO_PASSWORD) == user, email


def test_seeding_twice_changes_nothing(demo):
    counts = (User.objects.count(), Authority.objects.count(), Backup.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (User.objects.count(), Authority.objects.count(), Backup.objects.count()) == counts


def test_the_demo_world_has_what_the_foundation_promises(demo):
    for code in ["BG", "RO", "DK", "LV", "EE", "PT"]:
        national = Authority.objects.filter(country__code=code, coordinator_type="national", status="validated")
        assert national.exists(), code
        assert Authority.objects.filter(country__code=code, coordinator_type="none").count() >= 3, code
    assert User.objects.filter(helpdesk_country__isnull=False).values("helpdesk_country").distinct().count() >= 2
    assert User.objects.filter(is_lda=True).exists()
    for kind in ["handler", "allocator", "supervisor"]:
        assert User.objects.filter(roles__kind=kind).exists(), kind
    assert Backup.objects.exists()
