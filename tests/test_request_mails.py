"""A mail for every step, to the right people, in their language, with no personal data."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from core import mail as outbox
from core.models import OutboxMessage
from core.tasks import sweep_outbox
from requests_app.models import Action, Status
from tests.factories import UserFactory
from tests.request_states import answer_all, draft, request_in, step


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a step and return the mails it sent, by recipient."""

    def run(function, *args, **kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            function(*args, **kwargs)
        return {message.to[0]: message for message in mail.outbox}

    return run


def test_sending_tells_the_responder_handlers_and_allocators(world, questions, sent):
    info_request = draft(world, questions)
    mails = sent(step, info_request, Action.SEND, world.bg_handler)
    assert set(mails) == {world.pt_handler.email, world.pt_allocator.email}
    message = mails[world.pt_handler.email]
    assert info_request.reference in message.subject
    assert f"/requests/{info_request.pk}/" in message.body
    assert "/requests/" in message.alternatives[0][0]


def test_no_mail_carries_personal_data(world, questions, sent):
    info_request = draft(world, questions)
    for message in sent(step, info_request, Action.SEND, world.bg_handler).values():
        for part in (message.subject, message.body, message.alternatives[0][0]):
            assert "Maria Sousa" not in part
            assert "PT-123456" not in part


def test_each_recipient_reads_the_mail_in_their_language(world, questions, sent):
    world.pt_allocator.preferred_language = "lv"
    world.pt_allocator.save()
    info_request = draft(world, questions)
    mails = sent(step, info_request, Action.SEND, world.bg_handler)
    english = mails[world.pt_handler.email].subject
    latvian = mails[world.pt_allocator.email].subject
    with translation.override("lv"):
        expected_start = translation.gettext("New information request %(reference)s").split("%")[0]
    assert latvian.startswith(expected_start)
    assert english != latvian


def test_accepting_tells_the_requester_handler(world, questions, sent):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    mails = sent(step, info_request, Action.ACCEPT, world.pt_handler, days=10)
    assert set(mails) == {world.bg_handler.email}
    # Said from the reader's side ("... accepted the request"), not the other side's button label.
    with translation.override("bg"):
        expected = translation.gettext("%(reference)s: %(authority)s accepted the request") % {
            "reference": info_request.reference,
            "authority": world.pt_authority.name,
        }
    assert mails[world.bg_handler.email].subject == expected


def test_the_reply_clarification_and_closing_go_to_the_other_side(world, questions, sent):
    info_request = request_in(world, questions, Status.OPEN)
    answer_all(world, info_request)
    assert set(sent(step, info_request, Action.REPLY, world.pt_handler)) == {world.bg_handler.email}
    assert set(sent(step, info_request, Action.REQUEST_CLARIFICATION, world.bg_handler, note="Which?")) == {
        world.pt_handler.email
    }
    assert set(sent(step, info_request, Action.REPLY, world.pt_handler)) == {world.bg_handler.email}
    assert set(sent(step, info_request, Action.CLOSE, world.bg_handler)) == {world.pt_handler.email}


def test_a_referral_reaches_the_responder_coordinator(world, questions, sent):
    info_request = request_in(world, questions, Status.REPLIED)
    mails = sent(step, info_request, Action.REFER, world.bg_handler, note="Unsatisfactory.")
    assert set(mails) == {world.pt_handler.email, world.pt_coordinator.email}


def test_a_forwarded_request_is_new_for_the_other_authority_and_news_for_the_requester(world, questions, sent):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    mails = sent(
        step, info_request, Action.FORWARD, world.pt_handler, authority=world.pt_other_authority, note="Theirs."
    )
    assert set(mails) == {world.pt_other_handler.email, world.bg_handler.email}
    assert mails[world.pt_other_handler.email].subject != mails[world.bg_handler.email].subject


def test_the_backups_of_an_absent_handler_get_the_mail_too(world, questions, sent):
    today = timezone.localdate()
    world.bg_handler.absent_from = today - datetime.timedelta(days=1)
    world.bg_handler.absent_until = today + datetime.timedelta(days=5)
    world.bg_handler.save()
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    mails = sent(step, info_request, Action.ACCEPT, world.pt_handler, days=10)
    assert set(mails) == {world.bg_handler.email, world.bg_lda.email}


def test_deactivated_users_are_not_written_to(world, questions, sent):
    UserFactory(authority=world.pt_authority, is_active=False, roles=[("professional-qualifications", "handler")])
    info_request = draft(world, questions)
    assert set(sent(step, info_request, Action.SEND, world.bg_handler)) == {
        world.pt_handler.email,
        world.pt_allocator.email,
    }


def test_a_message_is_announced_to_the_other_side(world, questions, sent):
    from requests_app.services import message_add

    info_request = request_in(world, questions, Status.OPEN)
    mails = sent(message_add, info_request=info_request, user=world.pt_handler, body="We are checking the register.")
    assert set(mails) == {world.bg_handler.email}
    assert "checking the register" not in mails[world.bg_handler.email].body


def test_the_outbox_keeps_a_mail_that_failed_and_the_sweep_sends_it_later(world, questions, settings, sent):
    settings.EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    info_request = draft(world, questions)
    assert sent(step, info_request, Action.SEND, world.bg_handler) == {}
    pending = OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING)
    assert pending.count() == 2
    assert all(message.attempts == 1 and message.last_error for message in pending)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    sweep_outbox()
    assert mail.outbox == []  # not yet: the retry waits
    later = timezone.now() + outbox.RETRY_DELAYS[0] + datetime.timedelta(seconds=1)
    import time_machine

    with time_machine.travel(later, tick=False):
        sweep_outbox()
        sweep_outbox()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [world.pt_handler.email, world.pt_allocator.email]
    )
    assert not OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).exists()


def test_a_mail_the_broker_never_got_is_sent_by_the_sweep(world, questions, monkeypatch, sent):
    from core import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(tasks.deliver_mail, "apply_async", broker_down)
    info_request = draft(world, questions)
    assert sent(step, info_request, Action.SEND, world.bg_handler) == {}
    assert OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).count() == 2
    sweep_outbox()
    assert len(mail.outbox) == 2


def test_a_mail_is_delivered_only_once(world, questions, sent):
    info_request = draft(world, questions)
    sent(step, info_request, Action.SEND, world.bg_handler)
    delivered = len(mail.outbox)
    for message in OutboxMessage.objects.all():
        assert outbox.deliver(message.pk) is False
    sweep_outbox()
    assert len(mail.outbox) == delivered


def test_the_sender_is_the_portal_named_in_the_recipient_s_language(world, questions, sent, settings):
    settings.DEFAULT_FROM_EMAIL = "IMI portal <no-reply@imi.example>"
    world.pt_allocator.preferred_language = "bg"
    world.pt_allocator.save()
    info_request = draft(world, questions)
    mails = sent(step, info_request, Action.SEND, world.bg_handler)
    with translation.override("bg"):
        bulgarian = str(settings.PORTAL_NAME)
    assert bulgarian != "IMI portal"
    assert mails[world.pt_allocator.email].from_email == f"{bulgarian} <no-reply@imi.example>"
    assert mails[world.pt_handler.email].from_email == "IMI portal <no-reply@imi.example>"
