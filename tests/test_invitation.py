import re

import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from authorities.models import User
from core.mail import render_mail

NEW_PASSWORD = "a-long-new-password-2026"


def invite(client, world, **overrides):
    client.force_login(world.bg_lda)
    data = {"full_name": "Петя Стоянова", "email": "petya@bg.test", "preferred_language": "bg", **overrides}
    return client.post(reverse("authorities:user_invite"), data)


def link_in(message):
    return re.search(r"http://\S+/invitation/(\S+)/", message.body).group(0)


def test_it_registers_the_person_in_the_lda_authority(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, world)
    user = User.objects.get(email="petya@bg.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("authorities:user_roles", args=[user.pk])
    assert user.authority == world.bg_authority
    assert not user.has_usable_password()


def test_it_mails_a_set_password_link_in_the_new_user_language(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world)
    (message,) = mail.outbox
    assert message.to == ["petya@bg.test"]
    english_subject, _text, _html = render_mail(
        template="invitation", language="en", context={"recipient": message, "invited_by": world.bg_lda}
    )
    assert message.subject != english_subject
    assert "Мария Иванова" in message.body
    assert "/invitation/" in message.body
    assert "/invitation/" in message.alternatives[0][0]


def test_it_refuses_an_address_already_registered(client, world):
    response = invite(client, world, email=world.pt_handler.email.upper())
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert User.objects.filter(email__iexact=world.pt_handler.email).count() == 1


def test_it_lets_the_invited_person_set_a_password_and_logs_them_in(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world)
    link = link_in(mail.outbox[0])
    client.logout()
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(email="petya@bg.test")
    assert user.check_password(NEW_PASSWORD)
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("home")).status_code == 200


def test_it_uses_a_link_only_once(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world)
    link = link_in(mail.outbox[0])
    client.logout()
    client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    response = client.get(link)
    assert response.status_code == 410


def test_it_refuses_an_expired_link(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world)
    link = link_in(mail.outbox[0])
    client.logout()
    with time_machine.travel(timezone.now() + timezone.timedelta(days=8), tick=False):
        response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert not User.objects.get(email="petya@bg.test").has_usable_password()


def test_it_accepts_a_link_on_its_last_valid_day(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world)
    link = link_in(mail.outbox[0])
    client.logout()
    with time_machine.travel(timezone.now() + timezone.timedelta(days=6, hours=23), tick=False):
        response = client.get(link)
    assert response.status_code == 200


def test_it_gives_404_for_an_unknown_token(client, world):
    response = client.get(reverse("authorities:invitation_accept", args=["not-a-real-token"]))
    assert response.status_code == 404


def test_it_replaces_the_old_link_when_the_lda_resends(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world)
    first = link_in(mail.outbox[0])
    user = User.objects.get(email="petya@bg.test")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("authorities:invitation_resend", args=[user.pk]))
    second = link_in(mail.outbox[1])
    client.logout()
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_it_shows_password_rules_when_the_password_is_weak(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world)
    link = link_in(mail.outbox[0])
    client.logout()
    response = client.post(link, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not User.objects.get(email="petya@bg.test").has_usable_password()


def test_the_invitation_page_and_its_welcome_speak_the_newcomer_s_language(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, world, preferred_language="da")
    link = link_in(mail.outbox[0])
    client.logout()
    with translation.override("da"):
        heading = gettext("Set your password")
        welcome = gettext("Welcome, %(name)s. Your password has been set.") % {"name": "Петя Стоянова"}
    assert heading != "Set your password"
    page = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert '<html lang="da"' in html and heading in html
    response = client.post(
        link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert [str(message) for message in response.context["messages"]] == [welcome]
