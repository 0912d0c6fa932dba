"""The login library's mails (password reset, address confirmation) go through the outbox like every other."""

import re

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.models import OutboxMessage
from tests.factories import UserFactory


def in_language(language, text, **values):
    with translation.override(language):
        return gettext(text) % {"portal_name": str(settings.PORTAL_NAME), **values}


def test_a_password_reset_is_written_to_the_outbox_and_sent_after_the_request(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("account_reset_password"), {"email": world.stranger.email})
    assert response.status_code == 302
    # Nothing left inside the request: the mail waits in the outbox for the worker.
    assert mail.outbox == []
    (message,) = OutboxMessage.objects.all()
    assert (message.recipient, message.to_email, message.state) == (
        world.stranger,
        world.stranger.email,
        OutboxMessage.State.PENDING,
    )
    assert message.template == "account/email/password_reset_key"

    for callback in callbacks:
        callback()
    (sent,) = mail.outbox
    assert sent.to == [world.stranger.email]
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT


def test_a_password_reset_is_in_the_recipient_s_language_and_the_portal_s_layout(client, world):
    # The Latvian user asks from a page in English: the mail is in Latvian.
    client.post(reverse("account_reset_password"), {"email": world.stranger.email}, HTTP_ACCEPT_LANGUAGE="en")
    message = OutboxMessage.objects.get()
    assert message.language == "lv"
    assert message.subject == in_language("lv", "Set a new password for the %(portal_name)s")
    (link,) = re.findall(r"http://testserver/accounts/password/reset/key/\S+", message.body_text)
    # Signed by the portal, not with the server's host and port.
    assert "testserver" not in message.body_text.replace(link, "")
    assert "Thank you for using" not in message.body_text
    assert in_language("lv", "Dear %(name)s,", name=world.stranger.full_name) in message.body_text
    footer = in_language("lv", "This e-mail was sent by the %(portal_name)s. Please do not reply to it.")
    assert footer in message.body_text
    assert '<html lang="lv">' in message.body_html
    assert f'href="{link}"' in message.body_html
    assert message.body_html.count(footer) == 1


def test_a_helpdesk_s_reset_reaches_the_user_in_the_user_s_language(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.bg_helpdesk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:authorities_user_changelist"),
            {"action": "send_password_reset", "_selected_action": [world.bg_handler.pk]},
        )
    message = OutboxMessage.objects.get(recipient=world.bg_handler)
    assert message.language == world.bg_handler.preferred_language == "bg"
    assert '<html lang="bg">' in message.body_html
    (sent,) = mail.outbox
    assert sent.alternatives[0].content == message.body_html


def test_a_mail_of_the_login_library_without_a_portal_template_still_comes_in_the_portal_s_layout(world, rf):
    request = rf.get("/")
    request.user = world.bg_handler
    adapter = get_adapter(request)
    adapter.send_mail(
        "account/email/password_changed",
        world.bg_handler.email,
        {"user": world.bg_handler, "request": request, "ip": "192.0.2.1", "user_agent": "Firefox", "timestamp": ""},
    )
    message = OutboxMessage.objects.get()
    assert message.language == "bg"
    assert '<html lang="bg">' in message.body_html
    assert "192.0.2.1" in message.body_html
    footer = in_language("bg", "This e-mail was sent by the %(portal_name)s. Please do not reply to it.")
    assert message.body_html.count(footer) == 1


def test_a_deactivated_user_is_sent_no_login_mail(world, rf):
    gone = UserFactory(is_active=False, authority=world.bg_authority)
    request = rf.get("/")
    get_adapter(request).send_mail(
        "account/email/password_reset_key",
        gone.email,
        {"user": gone, "request": request, "password_reset_url": "http://testserver/x"},
    )
    assert not OutboxMessage.objects.exists()


def test_every_portal_mail_says_its_own_language(world, django_capture_on_commit_callbacks):
    from core.mail import send_to_user

    send_to_user(user=world.stranger, template="invitation", context={"invited_by": world.bg_lda, "link": "x"})
    assert '<html lang="lv">' in OutboxMessage.objects.get().body_html
