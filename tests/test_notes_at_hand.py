"""The notes shown at the top of the request page follow the rule of who reads a request's notes."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info, gettext

from requests_app.models import Action, Status
from tests.request_states import request_in, step


def test_the_coordinator_reads_the_question_only_once_the_request_is_referred(client, world, questions):
    info_request = request_in(world, questions, Status.CLARIFICATION_REQUESTED)  # "Which register?"
    client.force_login(world.pt_coordinator)
    page = client.get(reverse("requests:detail", args=[info_request.pk]))
    assert page.status_code == 200
    assert "Which register?" not in page.content.decode()
    assert 'id="notes"' not in page.content.decode()

    step(info_request, Action.REPLY, world.pt_handler)
    step(info_request, Action.REFER, world.bg_handler, note="Still no register named.")
    page = client.get(reverse("requests:detail", args=[info_request.pk]))
    content = page.content.decode()
    assert 'id="notes"' in content
    assert "Which register?" in content


def test_a_stranger_gets_no_request_page(client, world, questions):
    info_request = request_in(world, questions, Status.CLARIFICATION_REQUESTED)
    client.force_login(world.stranger)
    assert client.get(reverse("requests:detail", args=[info_request.pk])).status_code == 404


def test_the_reason_for_the_deadline_is_marked_with_the_language_it_was_written_in(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    with translation.override("da"):  # the responder writes from a Danish page
        step(info_request, Action.ACCEPT, world.pt_handler, days=20, note="Vi skal spørge registret.")
    client.force_login(world.bg_handler)  # reads in Bulgarian
    content = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    with translation.override("bg"):
        mark = gettext("written in %(language)s") % {"language": get_language_info("da")["name_translated"]}
    assert '<span lang="da">Vi skal spørge registret.</span>' in content
    assert mark in content
