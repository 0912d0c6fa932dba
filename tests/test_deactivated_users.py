"""A deactivated user is out for good: no session of before comes back, and no reset mail goes out."""

import re

from django.core import mail
from django.urls import reverse

from authorities import services
from tests.factories import PASSWORD

PROFILE = reverse("authorities:profile")


def test_a_session_opened_before_a_deactivation_does_not_come_back_with_the_reactivation(client, world):
    client.post(reverse("account_login"), {"login": world.bg_handler.email, "password": PASSWORD})
    assert client.get(PROFILE).status_code == 200
    services.user_deactivate(actor=world.bg_lda, user=world.bg_handler)
    assert client.get(PROFILE).status_code == 302
    services.user_reactivate(actor=world.bg_lda, user=world.bg_handler)
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    # Logging in again works.
    client.post(reverse("account_login"), {"login": world.bg_handler.email, "password": PASSWORD})
    assert client.get(PROFILE).status_code == 200


def test_other_users_keep_their_sessions(client, world):
    client.force_login(world.bg_lda)
    services.user_deactivate(actor=world.bg_lda, user=world.bg_handler)
    services.user_reactivate(actor=world.bg_lda, user=world.bg_handler)
    assert client.get(PROFILE).status_code == 200


def test_a_deactivated_user_gets_no_password_reset_mail(client, world, django_capture_on_commit_callbacks):
    services.user_deactivate(actor=world.bg_lda, user=world.bg_handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": world.bg_handler.email})
    assert response.status_code == 302  # the same answer as for any address: nothing is revealed
    assert mail.outbox == []


def test_a_reset_link_sent_before_a_deactivation_does_not_work_after_the_reactivation(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": world.bg_handler.email})
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body).group(1)
    services.user_deactivate(actor=world.bg_lda, user=world.bg_handler)
    services.user_reactivate(actor=world.bg_lda, user=world.bg_handler)
    response = client.get(link, follow=True)
    assert response.context["token_fail"]
