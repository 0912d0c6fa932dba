"""Reminders across their dates, with the clock moved; each sent once per request, kind and deadline."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format

from requests_app import reminders
from requests_app.models import Action, InformationRequest, Reminder, Status
from tests.request_states import request_in, step

TODAY = datetime.date(2026, 12, 1)


def at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=datetime.UTC), tick=False)


def sweep(day, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with at(day), django_capture_on_commit_callbacks(execute=True):
        sent = reminders.sweep()
    return {kind: count for kind, count in sent.items() if count}


@pytest.fixture
def accepted(world, questions):
    """A request accepted on TODAY with a deadline ten days later."""
    with at(TODAY):
        info_request = request_in(world, questions, Status.OPEN)
        InformationRequest.objects.filter(pk=info_request.pk).update(
            agreed_deadline=TODAY + datetime.timedelta(days=10)
        )
    info_request.refresh_from_db()
    return info_request


def test_a_request_not_accepted_after_three_days_reminds_the_responder(
    world, questions, django_capture_on_commit_callbacks
):
    with at(TODAY):
        request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    assert sweep(TODAY + datetime.timedelta(days=2), django_capture_on_commit_callbacks) == {}
    assert sweep(TODAY + datetime.timedelta(days=3), django_capture_on_commit_callbacks) == {"not_accepted": 1}
    assert {m.to[0] for m in mail.outbox} == {world.pt_handler.email}
    assert sweep(TODAY + datetime.timedelta(days=4), django_capture_on_commit_callbacks) == {}


def test_each_deadline_reminder_comes_on_its_day(accepted, world, django_capture_on_commit_callbacks):
    deadline = accepted.agreed_deadline
    assert sweep(deadline - datetime.timedelta(days=4), django_capture_on_commit_callbacks) == {}
    assert sweep(deadline - datetime.timedelta(days=3), django_capture_on_commit_callbacks) == {"due_soon": 1}
    assert [m.to[0] for m in mail.outbox] == [world.pt_handler.email]
    assert accepted.reference in mail.outbox[0].subject
    assert sweep(deadline - datetime.timedelta(days=1), django_capture_on_commit_callbacks) == {}
    assert sweep(deadline, django_capture_on_commit_callbacks) == {"due_today": 1}
    assert sweep(deadline + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == {"overdue": 1}
    assert sweep(deadline + datetime.timedelta(days=6), django_capture_on_commit_callbacks) == {}
    assert sweep(deadline + datetime.timedelta(days=7), django_capture_on_commit_callbacks) == {"escalated": 1}
    assert [m.to[0] for m in mail.outbox] == [world.pt_coordinator.email]


def test_a_reminder_s_subject_says_what_is_due_and_when(accepted, world, django_capture_on_commit_callbacks):
    deadline = accepted.agreed_deadline
    reference = accepted.reference
    sweep(deadline - datetime.timedelta(days=3), django_capture_on_commit_callbacks)
    with translation.override(world.pt_handler.preferred_language):
        date = date_format(deadline, "DATE_FORMAT")
    assert mail.outbox[-1].subject == f"{reference}: the deadline is {date}"
    sweep(deadline, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].subject == f"{reference}: the deadline is today"
    sweep(deadline + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert mail.outbox[-1].subject == f"{reference}: overdue since {date}"
    sweep(deadline + datetime.timedelta(days=7), django_capture_on_commit_callbacks)
    assert mail.outbox[-1].subject == f"{reference}: overdue at {accepted.responding_authority.name}"


def test_the_sweep_run_twice_sends_once(accepted, django_capture_on_commit_callbacks):
    day = accepted.agreed_deadline - datetime.timedelta(days=2)
    assert sweep(day, django_capture_on_commit_callbacks) == {"due_soon": 1}
    assert sweep(day, django_capture_on_commit_callbacks) == {}
    assert Reminder.objects.filter(request=accepted).count() == 1


def test_a_skipped_day_is_caught_up(accepted, django_capture_on_commit_callbacks):
    # No run on the three days before the deadline: the next run sends the "due soon" reminder it missed.
    assert sweep(accepted.agreed_deadline - datetime.timedelta(days=1), django_capture_on_commit_callbacks) == {
        "due_soon": 1
    }


def test_a_changed_deadline_starts_its_reminders_over(accepted, world, django_capture_on_commit_callbacks):
    first = accepted.agreed_deadline
    assert sweep(first - datetime.timedelta(days=3), django_capture_on_commit_callbacks) == {"due_soon": 1}
    with at(first - datetime.timedelta(days=3)):
        step(
            accepted,
            Action.CHANGE_DEADLINE,
            world.pt_handler,
            deadline=first + datetime.timedelta(days=20),
            note="Waiting.",
        )
    assert sweep(first + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == {}
    assert sweep(first + datetime.timedelta(days=17), django_capture_on_commit_callbacks) == {"due_soon": 1}


@pytest.mark.parametrize("status", [Status.CLOSED, Status.WITHDRAWN, Status.REPLIED, Status.REFERRED])
def test_requests_no_longer_with_the_responder_get_no_reminder(
    world, questions, status, django_capture_on_commit_callbacks
):
    with at(TODAY):
        request_in(world, questions, status)
    for days in range(0, 30, 3):
        assert sweep(TODAY + datetime.timedelta(days=days), django_capture_on_commit_callbacks) == {}


def test_the_escalation_reaches_only_the_coordinator_of_the_responder(
    accepted, world, django_capture_on_commit_callbacks
):
    sent = sweep(accepted.agreed_deadline + datetime.timedelta(days=30), django_capture_on_commit_callbacks)
    assert sent == {"overdue": 1, "escalated": 1}
    recipients = {m.to[0] for m in mail.outbox}
    assert world.pt_coordinator.email in recipients
    assert world.ro_coordinator.email not in recipients
    assert world.bg_coordinator.email not in recipients


def test_the_backup_of_an_absent_handler_is_reminded_too(accepted, world, django_capture_on_commit_callbacks):
    from tests.factories import UserFactory, make_backup

    colleague = UserFactory(authority=world.pt_authority)
    make_backup(world.pt_handler, colleague)
    deadline = accepted.agreed_deadline
    world.pt_handler.absent_from = deadline - datetime.timedelta(days=5)
    world.pt_handler.absent_until = deadline + datetime.timedelta(days=5)
    world.pt_handler.save()
    sweep(deadline, django_capture_on_commit_callbacks)
    assert {m.to[0] for m in mail.outbox} == {world.pt_handler.email, colleague.email}


def test_the_sweep_costs_the_same_queries_whatever_the_number_of_requests(
    world, questions, django_capture_on_commit_callbacks
):
    with at(TODAY):
        request_in(world, questions, Status.OPEN)

    def queries():
        with at(TODAY), CaptureQueriesContext(connection) as captured:
            reminders.sweep()
        return len(captured)

    few = queries()
    with at(TODAY):
        for _n in range(10):
            request_in(world, questions, Status.OPEN)
    assert queries() == few
