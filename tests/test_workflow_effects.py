"""What each step of a request does beyond its state."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from requests_app import auth, workflow
from requests_app.models import Action, InformationRequest, Status
from tests.request_states import answer_all, draft, request_in, split, step


def test_references_follow_the_year_and_count_up(world, questions):
    first = draft(world, questions)
    second = draft(world, questions)
    year = timezone.localdate().year
    assert re.fullmatch(rf"IMI-{year}-\d{{6}}", first.reference)
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1


def test_an_incomplete_draft_cannot_be_sent(world, questions):
    info_request = draft(world, questions)
    info_request.subject_name = ""
    info_request.save()
    with pytest.raises(workflow.WorkflowError) as refused:
        step(info_request, Action.SEND, world.bg_handler)
    assert "name of the person or company" in str(refused.value)


def test_accepting_sets_the_agreed_deadline_in_calendar_days_from_today(world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC), tick=False):
        info_request.proposed_deadline = datetime.date(2026, 12, 31)
        info_request.save()
        accepted = step(info_request, Action.ACCEPT, world.pt_handler, days=14)
    assert accepted.agreed_deadline == datetime.date(2026, 12, 15)
    assert accepted.responder_handler == world.pt_handler


def test_a_later_deadline_than_proposed_needs_a_reason(world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    days = (info_request.proposed_deadline - timezone.localdate()).days + 5
    with pytest.raises(workflow.WorkflowError):
        step(info_request, Action.ACCEPT, world.pt_handler, days=days)
    accepted = step(info_request, Action.ACCEPT, world.pt_handler, days=days, note="The register answers slowly.")
    assert accepted.deadline_reason == "The register answers slowly."


def test_overdue_is_derived_from_the_agreed_deadline(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    deadline = info_request.agreed_deadline
    assert not info_request.is_overdue_on(deadline)
    assert info_request.is_overdue_on(deadline + datetime.timedelta(days=1))
    with time_machine.travel(
        datetime.datetime.combine(deadline + datetime.timedelta(days=3), datetime.time(12)), tick=False
    ):
        assert info_request.days_overdue == 3
        assert InformationRequest.objects.overdue().filter(pk=info_request.pk).exists()


def test_forwarding_hands_the_request_to_another_authority_of_the_same_country(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    forwarded = step(
        info_request, Action.FORWARD, world.pt_handler, authority=world.pt_other_authority, note="Their diploma."
    )
    assert forwarded.responding_authority == world.pt_other_authority
    assert forwarded.status == Status.AWAITING_ACCEPTANCE
    assert forwarded.agreed_deadline is None
    # The new responder sees no personal data until it accepts; the old one no longer sees the request.
    assert not auth.can_see_personal_data(world.pt_other_handler, forwarded)
    assert not auth.requests_visible_to(world.pt_handler).filter(pk=info_request.pk).exists()


def test_forwarding_to_another_country_is_refused(world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    with pytest.raises(workflow.WorkflowError):
        step(info_request, Action.FORWARD, world.pt_handler, authority=world.ro_authority, note="Wrong country")


def test_a_request_forwarded_to_the_coordinator_is_allocated_by_it(world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    coordinator_authority = world.pt_coordinator.authority
    step(info_request, Action.FORWARD, world.pt_handler, authority=coordinator_authority, note="Not ours.")
    assert Action.ALLOCATE in workflow.allowed_actions(
        world.pt_coordinator, InformationRequest.objects.get(pk=info_request.pk)
    )
    allocated = step(info_request, Action.ALLOCATE, world.pt_coordinator, authority=world.pt_other_authority)
    assert allocated.responding_authority == world.pt_other_authority


def test_splitting_moves_questions_into_a_child_request(world, questions):
    info_request, child, moved = split(world, questions)
    assert child.status == Status.AWAITING_ACCEPTANCE
    assert child.responding_authority == world.pt_other_authority
    assert list(child.questions.all()) == [moved]
    assert info_request.questions.count() == len(questions) - 1
    assert child.subject_name == info_request.subject_name


def test_splitting_every_question_away_is_refused(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    with pytest.raises(Exception, match="at least one question"):
        step(
            info_request,
            Action.SPLIT,
            world.pt_handler,
            authority=world.pt_other_authority,
            question_ids=list(info_request.questions.values_list("pk", flat=True)),
            note="All of it.",
        )
    assert info_request.questions.count() == len(questions)


def test_the_deadline_change_needs_a_future_date_and_a_reason(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    with pytest.raises(workflow.WorkflowError):
        step(info_request, Action.CHANGE_DEADLINE, world.pt_handler, deadline=timezone.localdate(), note="Why")
    with pytest.raises(workflow.WorkflowError):
        step(
            info_request,
            Action.CHANGE_DEADLINE,
            world.pt_handler,
            deadline=timezone.localdate() + datetime.timedelta(days=40),
        )
    new = timezone.localdate() + datetime.timedelta(days=40)
    changed = step(
        info_request, Action.CHANGE_DEADLINE, world.pt_handler, deadline=new, note="Waiting for the register."
    )
    assert changed.agreed_deadline == new


def test_the_reply_needs_every_question_answered(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    with pytest.raises(workflow.WorkflowError, match="every question"):
        step(info_request, Action.REPLY, world.pt_handler)
    answer_all(world, info_request)
    assert step(info_request, Action.REPLY, world.pt_handler).replied_at is not None


def test_answers_keep_the_language_they_were_written_in(world, questions):
    from django.utils import translation

    info_request = request_in(world, questions, Status.OPEN)
    with translation.override("da"):
        answer_all(world, info_request)
    text_answer = info_request.questions.get(question__kind="text")
    assert text_answer.answer_language == "da"


def test_closing_records_the_ratings(world, questions):
    closed = request_in(world, questions, Status.CLOSED)
    assert (closed.rating_timeliness, closed.rating_effort) == ("positive", "positive")
    assert closed.closed_at is not None


def test_a_withdrawal_needs_a_reason(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    with pytest.raises(workflow.WorkflowError):
        step(info_request, Action.WITHDRAW, world.bg_handler, note="  ")


def test_the_coordinator_returns_a_referred_request_to_the_responder(world, questions):
    info_request = request_in(world, questions, Status.REFERRED)
    returned = step(info_request, Action.RETURN_FROM_REFERRAL, world.pt_coordinator, note="Answer question 2 fully.")
    assert returned.status == Status.OPEN
    assert Action.REPLY in workflow.allowed_actions(world.pt_handler, returned)
