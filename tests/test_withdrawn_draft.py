"""A draft withdrawn before it was ever sent stays the requesting authority's own: nobody else is told or sees it."""

import pytest
from django.core import mail
from django.urls import reverse

from requests_app import auth
from requests_app.models import Action, Status
from tests.request_states import draft, request_in, step


@pytest.fixture
def withdrawn_draft(world, questions, django_capture_on_commit_callbacks):
    info_request = draft(world, questions)  # addressed to the Portuguese authority in the wizard
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step(info_request, Action.WITHDRAW, world.bg_handler, note="Sent by mistake.")
    return info_request


def test_it_mails_nobody_at_the_authority_chosen_in_the_wizard(world, withdrawn_draft):
    recipients = {message.to[0] for message in mail.outbox}
    assert not recipients & {world.pt_handler.email, world.pt_allocator.email, world.pt_coordinator.email}


def test_the_authority_chosen_in_the_wizard_cannot_open_it(client, world, withdrawn_draft):
    for user in (world.pt_handler, world.pt_allocator, world.pt_coordinator):
        assert not auth.requests_visible_to(user).filter(pk=withdrawn_draft.pk).exists()
        client.force_login(user)
        assert client.get(reverse("requests:detail", args=[withdrawn_draft.pk])).status_code == 404


def test_the_requesting_authority_still_finds_it(client, world, withdrawn_draft):
    client.force_login(world.bg_lda)
    assert client.get(reverse("requests:detail", args=[withdrawn_draft.pk])).status_code == 200


def test_a_request_withdrawn_after_sending_is_still_announced_and_shown_to_the_responder(
    client, world, questions, django_capture_on_commit_callbacks
):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step(info_request, Action.WITHDRAW, world.bg_handler, note="No longer needed.")
    assert world.pt_handler.email in {message.to[0] for message in mail.outbox}
    client.force_login(world.pt_handler)
    assert client.get(reverse("requests:detail", args=[info_request.pk])).status_code == 200
