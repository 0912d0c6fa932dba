"""The wizard's last step shows everything that will be sent, the subject's address included."""

from django.urls import reverse

from tests.request_states import draft


def test_it_shows_the_subjects_address_before_sending(client, world, questions):
    info_request = draft(world, questions)
    client.force_login(world.bg_handler)
    page = client.get(reverse("requests:review", args=[info_request.pk])).content.decode()
    assert "Rua Augusta 1, Lisboa" in page


def test_it_is_not_found_by_the_responder_or_a_stranger(client, world, questions):
    info_request = draft(world, questions)
    for persona in (world.pt_handler, world.stranger):
        client.force_login(persona)
        assert client.get(reverse("requests:review", args=[info_request.pk])).status_code == 404
