"""A mail the server refused at every attempt is shown to those who look after its recipient, and sent again."""

import datetime

import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import mail as outbox
from core.models import OutboxMessage
from core.tasks import sweep_outbox

FAILED_AT = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC)


def failed_mail(user, subject="Нова заявка IMI-2026-000001"):
    """A mail to ``user`` given up after the tenth attempt."""
    return OutboxMessage.objects.create(
        recipient=user,
        to_email=user.email,
        template="request_new",
        language=user.preferred_language,
        subject=subject,
        body_text="Text",
        body_html="<p>Text</p>",
        state=OutboxMessage.State.FAILED,
        attempts=outbox.MAX_ATTEMPTS,
        last_error="ConnectionRefusedError: The mail server is not answering.",
        failed_at=FAILED_AT,
    )


def listed(client, user):
    client.force_login(user)
    response = client.get(reverse("failed_mails"))
    return response.status_code, list(response.context["mails"]) if response.status_code == 200 else None


def test_a_mail_refused_ten_times_is_failed_and_no_longer_tried(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):  # the first attempt, right after the commit
        message = outbox.send_to_user(
            user=world.bg_handler, template="invitation", context={"invited_by": world.bg_lda, "link": "x"}
        )
    moment = timezone.now()
    for attempt in range(2, outbox.MAX_ATTEMPTS + 1):
        moment += datetime.timedelta(hours=3)
        with time_machine.travel(moment, tick=False):
            sweep_outbox()
        message.refresh_from_db()
        assert message.attempts == attempt
        assert message.state == (OutboxMessage.State.FAILED if attempt == 10 else OutboxMessage.State.PENDING)
    assert message.failed_at == moment
    assert "not answering" in message.last_error
    assert message.seen_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(moment + datetime.timedelta(days=1), tick=False):
        sweep_outbox()
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.attempts == 10


def test_the_superuser_and_the_coordinator_and_helpdesk_of_the_recipient_see_a_failed_mail(client, world):
    message = failed_mail(world.bg_handler)
    assert listed(client, world.superuser) == (200, [message])
    assert listed(client, world.bg_coordinator) == (200, [message])
    assert listed(client, world.bg_helpdesk) == (200, [message])
    # Romania's coordinator looks after Romanian users only.
    assert listed(client, world.ro_coordinator) == (200, [])
    page = client.get(reverse("failed_mails")).content.decode()
    assert world.bg_handler.email not in page


def test_a_handler_gets_404_and_a_visitor_is_sent_to_log_in(client, world):
    message = failed_mail(world.bg_handler)
    send_again = reverse("failed_mail_send_again", args=[message.pk])
    for persona in ["bg_handler", "bg_lda", "stranger"]:
        client.force_login(getattr(world, persona))
        assert client.get(reverse("failed_mails")).status_code == 404, persona
        assert client.post(send_again).status_code == 404, persona
    client.logout()
    for response in [client.get(reverse("failed_mails")), client.post(send_again)]:
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    message.refresh_from_db()
    assert (message.state, message.seen_at) == (OutboxMessage.State.FAILED, None)


def test_another_country_s_coordinator_cannot_send_it_again(client, world):
    message = failed_mail(world.bg_handler)
    client.force_login(world.ro_coordinator)
    assert client.post(reverse("failed_mail_send_again", args=[message.pk])).status_code == 404
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED


def test_send_again_delivers_it_once_with_a_fresh_count_of_attempts(client, world, django_capture_on_commit_callbacks):
    message = failed_mail(world.bg_handler)
    client.force_login(world.bg_coordinator)
    url = reverse("failed_mail_send_again", args=[message.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("failed_mails")
    (sent,) = mail.outbox
    assert (sent.to, sent.subject) == ([world.bg_handler.email], message.subject)
    message.refresh_from_db()
    assert (message.state, message.attempts) == (OutboxMessage.State.SENT, 1)
    # Sending again what was sent is not possible: nothing goes twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 404
        sweep_outbox()
    assert len(mail.outbox) == 1


def test_a_mail_to_a_deactivated_user_is_not_sent_again(client, world, django_capture_on_commit_callbacks):
    message = failed_mail(world.bg_handler)
    world.bg_handler.is_active = False
    world.bg_handler.save()
    client.force_login(world.superuser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("failed_mail_send_again", args=[message.pk]))
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED


def test_the_page_costs_the_same_queries_for_many_failed_mails(client, world):
    failed_mail(world.bg_handler)
    client.force_login(world.superuser)
    client.get(reverse("home"))  # the first page after a login renews the session: not this page's cost
    url = reverse("failed_mails")

    def first_and_later_visit():
        counts = []
        for _visit in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    few = first_and_later_visit()
    for number in range(40):
        failed_mail(world.bg_coordinator if number % 2 else world.ro_user, subject=f"Mail {number}")
    assert first_and_later_visit() == few


def test_the_alert_shows_until_somebody_has_seen_the_mails(client, world):
    failed_mail(world.bg_handler)
    failed_mail(world.bg_lda)
    alert = "2 mails could not be delivered."
    for persona in ["superuser", "bg_coordinator", "bg_helpdesk"]:
        client.force_login(getattr(world, persona))
        assert alert in client.get(reverse("home")).content.decode(), persona
    client.force_login(world.superuser)
    assert alert in client.get(reverse("admin:index")).content.decode()
    for persona in ["ro_coordinator", "bg_handler"]:
        client.force_login(getattr(world, persona))
        assert "could not be delivered" not in client.get(reverse("home")).content.decode(), persona

    # Bulgaria's coordinator opens the list: seen, and the alert goes for everyone.
    client.force_login(world.bg_coordinator)
    client.get(reverse("failed_mails"))
    assert set(OutboxMessage.objects.values_list("seen_by", flat=True)) == {world.bg_coordinator.pk}
    for persona in ["superuser", "bg_coordinator", "bg_helpdesk"]:
        client.force_login(getattr(world, persona))
        assert "could not be delivered" not in client.get(reverse("home")).content.decode(), persona
    client.force_login(world.superuser)
    assert "could not be delivered" not in client.get(reverse("admin:index")).content.decode()
    # Still listed, as seen, until somebody sends them again.
    assert len(listed(client, world.superuser)[1]) == 2


def test_a_mail_sent_again_that_fails_again_alerts_again(client, world, settings, django_capture_on_commit_callbacks):
    message = failed_mail(world.bg_handler)
    client.force_login(world.superuser)
    client.get(reverse("failed_mails"))
    settings.EMAIL_BACKEND = "tests.failing_mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("failed_mail_send_again", args=[message.pk]))
    for _attempt in range(outbox.MAX_ATTEMPTS - 1):
        outbox.deliver(message.pk)
    message.refresh_from_db()
    assert (message.state, message.attempts, message.seen_at) == (OutboxMessage.State.FAILED, 10, None)
    assert "1 mail could not be delivered." in client.get(reverse("home")).content.decode()


def test_a_superuser_sends_failed_mails_again_from_the_admin_s_outbox(
    client, world, django_capture_on_commit_callbacks
):
    failed = failed_mail(world.bg_handler)
    delivered = failed_mail(world.ro_user)
    OutboxMessage.objects.filter(pk=delivered.pk).update(state=OutboxMessage.State.SENT)
    client.force_login(world.superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:imi_outboxmessage_changelist"),
            {"action": "send_again", "_selected_action": [failed.pk, delivered.pk]},
        )
    assert response.status_code == 302
    assert [sent.to for sent in mail.outbox] == [[world.bg_handler.email]]
    # The outbox is the superusers' alone.
    client.force_login(world.bg_coordinator)
    assert client.get(reverse("admin:imi_outboxmessage_changelist")).status_code == 403
