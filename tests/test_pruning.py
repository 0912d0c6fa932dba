"""Delivered mails, the history of link checks and expired sessions go on a schedule; what an audit needs stays."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import mail
from core.models import OutboxMessage
from core.pruning import delete_in_batches
from core.tasks import clear_expired_sessions, prune_delivered_mails
from registers import link_checks
from registers.models import LinkCheck, Register
from registers.tasks import prune_link_checks

State = OutboxMessage.State
DAY = datetime.timedelta(days=1)


@pytest.fixture
def periods(settings):
    settings.IMI_SENT_MAIL_KEEP_DAYS = 90
    settings.IMI_LINK_CHECK_KEEP_DAYS = 365


def outbox_mail(user, *, state, created_at, failed_at=None, seen_at=None, subject="Нова заявка"):
    return OutboxMessage.objects.create(
        recipient=user,
        to_email=user.email,
        template="request_new",
        language="bg",
        subject=subject,
        body_text="Text",
        body_html="<p>Text</p>",
        state=state,
        created_at=created_at,
        failed_at=failed_at,
        seen_at=seen_at,
    )


def register_of(world, name):
    return Register.objects.create(
        name=name,
        country=world.bg_authority.country,
        authority=world.bg_authority,
        url="https://registers.example.test/",
    )


def check(register, checked_at, ok=True):
    return LinkCheck.objects.create(register=register, checked_at=checked_at, ok=ok)


def remaining_subjects():
    return sorted(OutboxMessage.objects.values_list("subject", flat=True))


# Mails.


def test_it_deletes_delivered_mails_older_than_the_period_and_keeps_the_rest(world, frozen_now, periods):
    old = frozen_now - 91 * DAY
    recent = frozen_now - 89 * DAY
    user = world.bg_handler
    # Delivered and old: they go.
    outbox_mail(user, state=State.SENT, created_at=old, subject="old sent")
    outbox_mail(user, state=State.CAPTURED, created_at=old, subject="old captured")
    outbox_mail(user, state=State.DIGESTED, created_at=old, subject="old digested")
    outbox_mail(user, state=State.FAILED, created_at=old, failed_at=old, seen_at=old, subject="old failed, seen")
    # Recent, not yet delivered, or failed and not seen by anyone: they stay however old.
    outbox_mail(user, state=State.SENT, created_at=recent, subject="recent sent")
    outbox_mail(user, state=State.PENDING, created_at=old, subject="old pending")
    outbox_mail(user, state=State.HELD, created_at=old, subject="old held")
    outbox_mail(user, state=State.FAILED, created_at=old, failed_at=old, subject="old failed, unseen")
    outbox_mail(
        user, state=State.FAILED, created_at=old, failed_at=recent, seen_at=recent, subject="recently failed, seen"
    )

    assert mail.prune_delivered() == 4
    assert remaining_subjects() == [
        "old failed, unseen",
        "old held",
        "old pending",
        "recent sent",
        "recently failed, seen",
    ]
    assert mail.prune_delivered() == 0


def test_the_period_for_mails_comes_from_the_settings(world, frozen_now, settings):
    settings.IMI_SENT_MAIL_KEEP_DAYS = 10
    outbox_mail(world.bg_handler, state=State.SENT, created_at=frozen_now - 11 * DAY, subject="11 days")
    outbox_mail(world.bg_handler, state=State.SENT, created_at=frozen_now - 9 * DAY, subject="9 days")
    assert prune_delivered_mails.delay().get() == 1
    assert remaining_subjects() == ["9 days"]


def test_it_deletes_a_large_table_in_batches(world, frozen_now):
    for number in range(5):
        outbox_mail(world.bg_handler, state=State.SENT, created_at=frozen_now, subject=f"mail {number}")
    outbox_mail(world.bg_handler, state=State.PENDING, created_at=frozen_now, subject="pending")
    with CaptureQueriesContext(connection) as queries:
        deleted = delete_in_batches(OutboxMessage.objects.filter(state=State.SENT), batch_size=2)
    assert deleted == 5
    assert len([query for query in queries if query["sql"].startswith("DELETE")]) == 3
    assert remaining_subjects() == ["pending"]


def test_each_batch_is_looked_for_after_the_last_one(world, frozen_now):
    mails = [outbox_mail(world.bg_handler, state=State.SENT, created_at=frozen_now) for _ in range(5)]
    with CaptureQueriesContext(connection) as queries:
        delete_in_batches(OutboxMessage.objects.filter(state=State.SENT), batch_size=2)
    selects = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    assert len(selects) == 4  # three batches, then one that finds nothing
    assert f'"id" > {mails[1].pk}' in selects[1]
    assert f'"id" > {mails[3].pk}' in selects[2]
    assert f'"id" > {mails[4].pk}' in selects[3]


# Link checks.


def test_it_deletes_old_link_checks_but_keeps_the_latest_of_every_register(world, frozen_now, periods):
    old = frozen_now - 366 * DAY
    recent = frozen_now - 364 * DAY
    checked_often = register_of(world, "Регистър на екскурзоводите")
    checked_long_ago = register_of(world, "Регистър на архитектите")
    checked_often_old = [check(checked_often, old - 2 * DAY), check(checked_often, old)]
    checked_often_recent = check(checked_often, recent)
    latest_long_ago = check(checked_long_ago, old - 400 * DAY, ok=False)
    check(checked_long_ago, old - 500 * DAY)
    check(checked_long_ago, old - 600 * DAY)

    assert link_checks.prune_history() == 4
    assert set(LinkCheck.objects.all()) == {checked_often_recent, latest_long_ago}
    assert all(not LinkCheck.objects.filter(pk=gone.pk).exists() for gone in checked_often_old)
    assert link_checks.prune_history() == 0


def test_of_two_checks_at_the_same_moment_the_later_one_stays(world, frozen_now, periods):
    register = register_of(world, "Регистър на екскурзоводите")
    moment = frozen_now - 400 * DAY
    check(register, moment)
    later = check(register, moment, ok=False)
    assert prune_link_checks.delay().get() == 1
    assert list(LinkCheck.objects.all()) == [later]


def test_the_period_for_link_checks_comes_from_the_settings(world, frozen_now, settings):
    settings.IMI_LINK_CHECK_KEEP_DAYS = 30
    register = register_of(world, "Регистър на екскурзоводите")
    check(register, frozen_now - 31 * DAY)
    kept = check(register, frozen_now - 29 * DAY)
    latest = check(register, frozen_now)
    assert link_checks.prune_history() == 1
    assert set(LinkCheck.objects.all()) == {kept, latest}


# Sessions.


def session(expires_at):
    store = SessionStore()
    store["who"] = "a handler"
    store.set_expiry(expires_at)
    store.create()
    return store.session_key


def test_it_clears_the_expired_sessions_and_keeps_the_live_ones(db, frozen_now):
    expired = session(frozen_now - datetime.timedelta(minutes=1))
    live = session(frozen_now + datetime.timedelta(minutes=29))
    assert set(Session.objects.values_list("session_key", flat=True)) == {expired, live}
    clear_expired_sessions.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]


# The schedule and the notice.


def test_the_beat_schedule_runs_the_pruning_every_night():
    schedule = {entry["task"]: entry["schedule"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    for task in (
        "core.tasks.prune_delivered_mails",
        "registers.tasks.prune_link_checks",
        "core.tasks.clear_expired_sessions",
    ):
        entry = schedule[task]
        assert entry.hour == {4}
        assert len(entry.minute) == 1
        assert entry.day_of_week == set(range(7))
        assert entry.day_of_month == set(range(1, 32))


def test_the_data_protection_notice_states_the_periods_from_the_settings(client, db, settings):
    settings.IMI_SENT_MAIL_KEEP_DAYS = 45
    settings.IMI_LINK_CHECK_KEEP_DAYS = 200
    page = client.get(reverse("data_protection")).content.decode()
    assert "deleted 45 days after they were written" in page
    assert "deleted after 200 days" in page
