import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.mail import send_to_user
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


def test_a_user_resets_their_password_by_mail_in_their_language(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
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


def test_a_session_ends_after_the_inactivity_period_and_a_ping_keeps_it(client, world, settings):
    settings.SESSION_COOKIE_AGE = 600
    client.post(reverse("account_login"), {"login": world.bg_handler.email, "password": PASSWORD})
    start = timezone.now()
    with time_machine.travel(start + timezone.timedelta(seconds=500)):
        assert client.get(reverse("session_ping")).status_code == 204
    with time_machine.travel(start + timezone.timedelta(seconds=1000)):
        assert client.get(reverse("home")).status_code == 200  # 500 s since the ping: still in
    with time_machine.travel(start + timezone.timedelta(seconds=1700)):
        assert client.get(reverse("home")).status_code == 302  # 700 s idle: logged out


def test_pages_tell_the_browser_when_to_warn_before_the_session_ends(client, world):
    # Time stands still: a second boundary crossed between the login and the page would leave 1799.
    with time_machine.travel(timezone.now(), tick=False):
        client.force_login(world.bg_handler)
        page = client.get(reverse("home")).content.decode()
    assert 'id="session-warning"' in page
    assert 'data-session-seconds="1800"' in page


def test_the_login_notice_is_in_the_user_s_language_and_the_portal_s_wording(client, world):
    # The browser asks for English; the Romanian user reads the portal, and its notices, in Romanian.
    world.ro_user.preferred_language = "ro"
    world.ro_user.save(update_fields=["preferred_language"])
    response = client.post(
        reverse("account_login"),
        {"login": world.ro_user.email, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    with translation.override("ro"):
        expected = gettext("You are logged in as %(name)s.") % {"name": world.ro_user.full_name}
    notices = [str(message) for message in response.context["messages"]]
    assert expected != f"You are logged in as {world.ro_user.full_name}."
    assert notices == [expected]
