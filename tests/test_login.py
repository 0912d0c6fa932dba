from django.core import mail
from django.test import override_settings
from django.urls import reverse

from imi.mail import send_to_user
from tests.factories import PASSWORD, UserFactory


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
def test_it_stops_login_attempts_after_too_many_failures(client, world):
    for _attempt in range(3):
        response = client.post(reverse("account_login"), {"login": world.bg_handler.email, "password": "wrong"})
        assert response.status_code == 200
    # Even the right password is refused for a while, with a message saying why.
    response = client.post(reverse("account_login"), {"login": world.bg_handler.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in " ".join(response.context["form"].non_field_errors())


def test_a_user_resets_their_password_by_mail_in_their_language(client, world):
    response = client.post(reverse("account_reset_password"), {"email": world.stranger.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [world.stranger.email]
    assert "/accounts/password/reset/key/" in message.body
    # The Latvian user reads it in Latvian, whatever the language of the page that asked for it.
    assert message.subject != "Password Reset Email"


def test_a_deactivated_user_gets_no_mail(world, django_capture_on_commit_callbacks):
    gone = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        send_to_user(user=gone, template="invitation", context={"invited_by": world.bg_lda, "link": "x"})
    assert mail.outbox == []


def test_the_login_page_is_in_the_visitor_language(client, db):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="da")
    assert response.headers["Content-Language"] == "da"
