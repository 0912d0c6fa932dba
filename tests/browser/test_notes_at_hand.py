"""The clarification question and the reply's note are shown where the reader acts, at the top of
the request page, each marked with the language it was written in when that is not the reader's;
so is the summary."""

from django.utils import translation
from django.utils.translation import gettext

from requests_app.models import Action, Status
from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.request_states import answer_all, request_in, step


def written_in(reader_language, language):
    with translation.override(reader_language):
        name = translation.get_language_info(language)["name_translated"]
        return "(" + gettext("written in %(language)s") % {"language": name} + ")"


def top_of(locator):
    return locator.bounding_box()["y"]


def test_the_responder_reads_the_question_to_answer_above_the_actions(page, world, questions):
    with translation.override("bg"):
        info_request = request_in(world, questions, Status.DRAFT)
        info_request.summary = "Квалификация на екскурзовод"
        info_request.summary_language = "bg"
        info_request.save()
    info_request = step(info_request, Action.SEND, world.bg_handler)
    info_request = step(info_request, Action.ACCEPT, world.pt_handler, days=10)
    answer_all(world, info_request)
    info_request = step(info_request, Action.REPLY, world.pt_handler)
    with translation.override("bg"):
        step(info_request, Action.REQUEST_CLARIFICATION, world.bg_handler, note="Кой регистър е проверен?")

    log_in(page, world.pt_handler.email, PASSWORD)  # reads in English
    page.goto(f"/requests/{info_request.pk}/")

    notes = page.get_by_role("region", name="The question to answer")
    question = notes.locator("article")
    assert question.locator("[lang=bg]").inner_text() == "Кой регистър е проверен?"
    assert written_in("en", "bg") in question.inner_text()
    assert world.bg_handler.full_name in question.inner_text()
    # Where the reader acts: above the actions, and within the first screen.
    actions = page.get_by_role("heading", name="What you can do now")
    assert top_of(question) < top_of(actions)
    assert top_of(question) < page.viewport_size["height"]
    # The timeline points to it rather than repeating it.
    assert page.get_by_text("Кой регистър е проверен?").count() == 1
    page.get_by_role("link", name="Shown at the top of the page").wait_for()

    summary = page.locator("main p.ecl-u-type-paragraph-lead")
    assert summary.locator("[lang=bg]").inner_text() == "Квалификация на екскурзовод"
    assert written_in("en", "bg") in summary.inner_text()


def test_the_requester_reads_the_reply_note_beside_the_question_in_the_writer_s_language(page, world, questions):
    info_request = request_in(world, questions, Status.CLARIFICATION_REQUESTED)  # asked in English
    with translation.override("en"):
        step(info_request, Action.REPLY, world.pt_handler, note="The national register of tourist guides (RNAT).")

    log_in(page, world.bg_handler.email, PASSWORD)  # reads in Bulgarian
    page.goto(f"/requests/{info_request.pk}/")

    with translation.override("bg"):
        heading = gettext("Question and reply")
        reply_label = gettext("Note with the reply")
        actions_heading = gettext("What you can do now")
    notes = page.get_by_role("region", name=heading)
    question, reply = notes.locator("article").all()
    assert question.locator("[lang=en]").inner_text() == "Which register?"
    assert reply.locator("[lang=en]").inner_text() == "The national register of tourist guides (RNAT)."
    assert reply_label in reply.inner_text()
    assert written_in("bg", "en") in reply.inner_text()
    assert top_of(reply) < top_of(page.get_by_role("heading", name=actions_heading))
    # The summary was written in English: for a Bulgarian reader it is marked too.
    assert written_in("bg", "en") in page.locator("main p.ecl-u-type-paragraph-lead").inner_text()


def test_a_note_in_the_reader_s_language_carries_no_mark(page, world, questions):
    info_request = request_in(world, questions, Status.CLARIFICATION_REQUESTED)  # asked in English
    log_in(page, world.pt_handler.email, PASSWORD)
    page.goto(f"/requests/{info_request.pk}/")
    question = page.get_by_role("region", name="The question to answer").locator("article")
    assert question.locator("[lang=en]").inner_text() == "Which register?"
    assert "written in" not in question.inner_text()
