"""The daily digest, and the weekly list of users who no longer log in."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from authorities.services import inactive_users_remind
from core import mail as outbox
from core.models import OutboxMessage
from requests_app import reminders
from requests_app.models import Action, InformationRequest, Status
from tests.factories import UserFactory
from tests.request_states import draft, request_in, step


def test_a_user_who_chose_the_digest_gets_one_mail_a_day(world, questions, django_capture_on_commit_callbacks):
    world.pt_handler.wants_digest = True
    world.pt_handler.save()
    with django_capture_on_commit_callbacks(execute=True):
        first = step(draft(world, questions), Action.SEND, world.bg_handler)
        second = step(draft(world, questions), Action.SEND, world.bg_handler)
    assert world.pt_handler.email not in [m.to[0] for m in mail.outbox]
    assert OutboxMessage.objects.filter(recipient=world.pt_handler, state=OutboxMessage.State.HELD).count() == 2

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.send_digests() == 1
    (digest,) = mail.outbox
    assert digest.to == [world.pt_handler.email]
    assert first.reference in digest.body and second.reference in digest.body
    assert f"/requests/{first.pk}/" in digest.body
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.send_digests() == 0


def test_urgent_reminders_bypass_the_digest(world, questions, django_capture_on_commit_callbacks):
    world.pt_handler.wants_digest = True
    world.pt_handler.save()
    info_request = request_in(world, questions, Status.OPEN)
    InformationRequest.objects.filter(pk=info_request.pk).update(
        agreed_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.sweep()
    assert [m.to[0] for m in mail.outbox] == [world.pt_handler.email]


def test_the_profile_offers_the_digest(client, world):
    client.force_login(world.pt_handler)
    client.post(
        reverse("authorities:profile"),
        {"full_name": world.pt_handler.full_name, "preferred_language": "en", "wants_digest": "on"},
    )
    world.pt_handler.refresh_from_db()
    assert world.pt_handler.wants_digest


def test_each_lda_hears_of_the_users_who_no_longer_log_in(world, django_capture_on_commit_callbacks):
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=400)
    idle = UserFactory(authority=world.bg_authority, full_name="Стоян Спящ", last_login=long_ago, date_joined=long_ago)
    never = UserFactory(authority=world.bg_authority, full_name="Невен Никога", date_joined=long_ago)
    UserFactory(authority=world.bg_authority, full_name="Активна Колежка", last_login=now, date_joined=long_ago)
    UserFactory(authority=world.bg_authority, full_name="Вече Деактивиран", last_login=long_ago, is_active=False)
    from authorities.models import User

    User.objects.exclude(pk__in=[idle.pk, never.pk]).update(last_login=now)
    with django_capture_on_commit_callbacks(execute=True):
        assert inactive_users_remind() == 1
    (message,) = mail.outbox
    assert message.to == [world.bg_lda.email]
    assert "Стоян Спящ" in message.body and "Невен Никога" in message.body
    assert "Активна Колежка" not in message.body and "Вече Деактивиран" not in message.body
    assert "/authority/" in message.body


def test_my_authority_marks_the_inactive_users(client, world):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    idle = UserFactory(authority=world.bg_authority, last_login=long_ago, date_joined=long_ago)
    client.force_login(world.bg_lda)
    response = client.get(reverse("authorities:my_authority"))
    assert idle.pk in response.context["inactive"]
    assert world.bg_lda.pk not in response.context["inactive"]


def test_a_deactivated_user_gets_no_reminder(world, questions, django_capture_on_commit_callbacks):
    info_request = request_in(world, questions, Status.OPEN)
    InformationRequest.objects.filter(pk=info_request.pk).update(agreed_deadline=timezone.localdate())
    world.pt_handler.is_active = False
    world.pt_handler.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.sweep()
    assert world.pt_handler.email not in [m.to[0] for m in mail.outbox]


def test_the_backup_sees_and_answers_the_absent_colleague_request(client, world, questions):
    from tests.factories import make_backup

    info_request = request_in(world, questions, Status.OPEN)
    backup = UserFactory(authority=world.pt_authority, full_name="Pedro Backup")  # no role in the area
    make_backup(world.pt_handler, backup)
    client.force_login(backup)
    assert client.get(reverse("requests:detail", args=[info_request.pk])).status_code == 404

    today = timezone.localdate()
    world.pt_handler.absent_from = today
    world.pt_handler.absent_until = today + datetime.timedelta(days=7)
    world.pt_handler.save()
    home = client.get(reverse("home"))
    assert home.context["tasks"]["to_answer"] == [info_request]
    assert "Ana Silva" in home.content.decode()
    detail = client.get(reverse("requests:detail", args=[info_request.pk]))
    assert detail.status_code == 200
    assert detail.context["can_answer"]


def test_subjects_are_plain_text_not_html_escaped(world):
    from core.mail import render_mail

    world.bg_authority.display_name_en = "Labour & Social Inspectorate"
    world.bg_authority.save()
    world.bg_handler.full_name = "<b>Bold</b> & Co"
    subject, _text, html = render_mail(
        template="inactive_users",
        language="en",
        context={"recipient": world.bg_lda, "authority": world.bg_authority, "users": [world.bg_handler], "months": 6},
    )
    assert "Labour & Social Inspectorate" in subject
    assert "&amp;" not in subject
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html  # the HTML body still escapes what users typed
