"""Two handlers who read each other's free text through the configured translator, the original beside it:
a self-hosted LibreTranslate-compatible one, and one that posts its translations back later."""

import pytest
from django.utils import translation

from requests_app import services
from requests_app.models import Action, Message, Status
from tests.browser.conftest import click_and_check, in_language, log_in, translate_button
from tests.factories import PASSWORD
from tests.request_states import request_in, step
from tests.translators import CallbackTranslator, LibreTranslateServer, translated

SUMMARY = "Квалификация на екскурзовод"
MESSAGE = "The diploma is in our register since 2009."


@pytest.fixture
def exchange(world, questions):
    """An open request of the Bulgarian handler (who reads Bulgarian) to the Portuguese one (who reads English)."""
    world.bg_handler.preferred_language = "bg"
    world.bg_handler.save()
    world.pt_handler.preferred_language = "en"
    world.pt_handler.save()
    with translation.override("bg"):
        info_request = request_in(world, questions, Status.DRAFT)
        info_request.summary = SUMMARY
        info_request.save()
        info_request = step(info_request, Action.SEND, world.bg_handler)
    with translation.override("en"):
        return step(info_request, Action.ACCEPT, world.pt_handler, days=10)


def test_each_handler_reads_the_others_text_in_their_own_language_beside_the_original(
    page, new_page, world, exchange, settings
):
    info_request = exchange
    with LibreTranslateServer() as server:
        settings.MACHINE_TRANSLATION = server.settings()

        log_in(page, world.pt_handler.email, PASSWORD)
        page.goto(f"/requests/{info_request.pk}/")
        click_and_check(page, translate_button(page, "en", f"text-summary-{info_request.pk}"))
        block = page.locator(f"#text-summary-{info_request.pk}")
        assert block.get_by_text("Machine translation").is_visible()
        assert block.locator("[lang=en]").inner_text() == translated(SUMMARY, "en")
        assert page.locator("main p.ecl-u-type-paragraph-lead [lang=bg]").inner_text() == SUMMARY
        page.get_by_label("Message").fill(MESSAGE)
        click_and_check(page, page.get_by_role("button", name="Add the message"))

        requester = new_page()
        log_in(requester, world.bg_handler.email, PASSWORD)
        requester.language = "bg"  # from here on every page is checked for English left in it
        requester.goto(f"/requests/{info_request.pk}/")
        message = Message.objects.get(request=info_request)
        click_and_check(requester, translate_button(requester, "bg", f"text-message-{message.pk}"))
        block = requester.locator(f"#text-message-{message.pk}")
        assert block.get_by_text(in_language("bg", "Machine translation")).is_visible()
        assert block.locator("[lang=bg]").inner_text() == translated(MESSAGE, "bg")
        assert requester.locator("article [lang=en]").inner_text() == MESSAGE
    assert server.texts == [SUMMARY, MESSAGE]


def test_a_translator_that_answers_later_posts_the_translation_back(
    page, world, exchange, settings, live_server, questions
):
    info_request = exchange
    with translation.override("en"):
        message = services.message_add(info_request=info_request, user=world.pt_handler, body=MESSAGE)
    with CallbackTranslator() as server:
        settings.MACHINE_TRANSLATION = server.settings()
        settings.SITE_URL = live_server.url

        log_in(page, world.bg_handler.email, PASSWORD)
        page.language = "bg"
        page.goto(f"/requests/{info_request.pk}/")
        click_and_check(page, translate_button(page, "bg", f"text-message-{message.pk}"))
        block = page.locator(f"#text-message-{message.pk}")
        assert block.get_by_role("status").inner_text() == in_language("bg", "Being translated by machine.")
        # Looking again before the translator has answered asks it nothing more.
        click_and_check(page, block.get_by_role("button"))
        assert len(server.received) == 1

        server.post_callbacks()
        click_and_check(page, block.get_by_role("button"))
        assert block.locator("[lang=bg]").inner_text() == translated(MESSAGE, "bg")
