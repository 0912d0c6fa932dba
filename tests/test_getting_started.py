"""The leaflet's checklist on a new user's home page, the help pages and the training environment."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.models import HelpPage, OutboxMessage
from demo import tasks
from requests_app.models import Action
from tests.factories import UserFactory
from tests.request_states import draft, step


def checklist(client):
    return {item["key"]: item["done"] for item in client.get(reverse("home")).context["checklist"]}


def test_a_new_user_sees_the_checklist_with_nothing_done_but_the_registration(client, world):
    newcomer = UserFactory(authority=world.bg_authority)
    client.force_login(newcomer)
    items = checklist(client)
    assert items == {
        "registered": True,
        "activity": False,
        "tasks": True,  # looking at the home page is looking at "My tasks"
        "directory": False,
        "backup": False,
        "training": False,
    }


def test_items_tick_themselves_as_the_user_goes(client, world):
    newcomer = UserFactory(authority=world.bg_authority, roles=[("services", "handler")])
    client.force_login(newcomer)
    client.get(reverse("requests:activity"))
    client.get(reverse("authorities:directory"))
    client.get(reverse("help_page", args=["training"]))
    client.post(reverse("authorities:backups"), {"backups": [world.bg_lda.pk]})
    assert all(checklist(client).values())


def test_an_lda_is_asked_to_remove_users_who_no_longer_log_in(client, world):
    client.force_login(world.bg_lda)
    assert checklist(client)["inactive"] is True
    long_ago = timezone.now() - datetime.timedelta(days=400)
    UserFactory(authority=world.bg_authority, last_login=long_ago, date_joined=long_ago)
    assert checklist(client)["inactive"] is False
    client.force_login(world.bg_handler)  # not an LDA: no such item
    assert "inactive" not in checklist(client)


def test_the_user_hides_the_checklist_and_brings_it_back(client, world):
    client.force_login(world.bg_handler)
    client.post(reverse("getting_started"), {"hidden": "1"})
    assert client.get(reverse("home")).context["checklist"] is None
    client.post(reverse("getting_started"), {"hidden": "0"})
    assert client.get(reverse("home")).context["checklist"] is not None


def test_the_help_pages_are_open_to_everybody_and_translated(client, db):
    for slug in ["training", "contacts"]:
        page = HelpPage.objects.get(slug=slug)
        assert all(getattr(page, f"title_{code}") for code in ["en", "bg", "ro", "da", "lv", "et"])
        response = client.get(reverse("help_page", args=[slug]))
        assert response.status_code == 200
    client.cookies["django_language"] = "et"
    page = client.get(reverse("help_page", args=["contacts"])).content.decode()
    assert HelpPage.objects.get(slug="contacts").title_et in page


def test_an_unknown_help_page_is_not_found(client, db):
    assert client.get(reverse("help_page", args=["nothing-here"])).status_code == 404


def test_only_superusers_edit_the_help_pages(client, world):
    page = HelpPage.objects.get(slug="training")
    url = reverse("admin:imi_helppage_change", args=[page.pk])
    client.force_login(world.bg_coordinator)
    assert client.post(url, {"slug": "training", "title_en": "Changed", "body_en": "x", "order": 1}).status_code == 403
    client.force_login(world.superuser)
    assert client.get(url).status_code == 200


def test_the_training_environment_shows_a_banner_and_keeps_the_mails(
    client, world, questions, settings, django_capture_on_commit_callbacks
):
    settings.IMI_TRAINING = True
    with django_capture_on_commit_callbacks(execute=True):
        step(draft(world, questions), Action.SEND, world.bg_handler)
    assert mail.outbox == []  # nothing left the machine
    assert OutboxMessage.objects.filter(state=OutboxMessage.State.CAPTURED).count() == 2
    client.force_login(world.pt_handler)
    home = client.get(reverse("home"))
    assert home.context["training"]
    assert "Training environment" in home.content.decode()
    mailbox = client.get(reverse("training_mailbox"))
    assert [message.recipient for message in mailbox.context["mails"]] == [world.pt_handler]


def test_the_real_portal_has_no_banner_and_no_mailbox(client, world):
    client.force_login(world.pt_handler)
    assert "Training environment" not in client.get(reverse("home")).content.decode()
    assert client.get(reverse("training_mailbox")).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_nightly_reset_restores_the_demo_world_only_in_training(settings):
    from tests.conftest import QuestionSetFactoryData, World

    world = World()
    questions = QuestionSetFactoryData.create()
    draft(world, questions)
    tasks.reset_training_data()  # not a training environment: nothing happens
    from requests_app.models import InformationRequest

    assert InformationRequest.objects.count() == 1
    settings.IMI_TRAINING = True
    tasks.reset_training_data()
    from authorities.models import User

    assert not User.objects.filter(email=world.bg_handler.email).exists()
    assert User.objects.filter(email="maria.ivanova@bg.demo.imi.test").exists()
    assert InformationRequest.objects.filter(summary="Qualification of a tourist guide").exists()
    assert HelpPage.objects.filter(slug__in=["training", "contacts"]).count() == 2
    call_command("seed_demo", verbosity=0)  # and the reset can run again
