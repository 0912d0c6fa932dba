"""The leaflet's story from Berlin to Athens: two handlers finish a request, each in their own language, and
read each other's free text through the configured translator with the original beside it.

Four pairs of the languages added last (Greek → Polish, German → Polish, French → Greek, Maltese → Irish), on the
production question set of tourist guides. Every page each side lands on is checked for its language
(no English its catalogue translates) and with axe.
"""

import pytest
from django.utils import translation

from requests_app.models import Action, InformationRequest, Message, Question, Status
from requests_app.question_sets import load_question_sets
from tests.browser.conftest import NARROW, WIDE, click_and_check, in_language, log_in, translate_button
from tests.factories import PASSWORD, ensure_reference_data
from tests.request_states import request_in, step
from tests.translators import LibreTranslateServer, translated

# What each side writes in its own language: the summary of a request, a message, the free-text answer.
WRITTEN = {
    "de": ("Qualifikation einer Fremdenführerin", "", ""),
    "fr": ("Qualification d'un guide touristique", "", ""),
    "mt": ("Kwalifika ta' gwida turistika", "", ""),
    "pl": ("", "Dyplom został wydany w Krakowie w 2009 roku.", "Nie nałożono żadnych sankcji."),
    "el": (
        "Επαγγελματικά προσόντα ξεναγού",
        "Το δίπλωμα εκδόθηκε στην Αθήνα το 2009.",
        "Δεν έχουν επιβληθεί κυρώσεις.",
    ),
    "ga": ("", "Eisíodh an dioplóma i nGaillimh in 2009.", "Níor gearradh aon smachtbhanna."),
}
JOURNEYS = [
    pytest.param(WIDE, "el", "pl", id="wide-el-pl"),
    pytest.param(WIDE, "de", "pl", id="wide-de-pl"),
    pytest.param(WIDE, "fr", "el", id="wide-fr-el"),
    pytest.param(WIDE, "mt", "ga", id="wide-mt-ga"),
    pytest.param(NARROW, "de", "pl", id="narrow-de-pl"),
]


@pytest.mark.parametrize(("viewport", "requester_language", "responder_language"), JOURNEYS)
def test_two_handlers_finish_a_request_each_in_their_own_language(
    page, new_page, world, settings, requester_language, responder_language
):
    t_lang, o_lang = requester_language, responder_language

    def t(text, context=None):  # as the requester reads it
        return in_language(t_lang, text, context)

    def o(text, context=None):  # as the responder reads it
        return in_language(o_lang, text, context)

    for user, reads in ((world.bg_handler, t_lang), (world.pt_handler, o_lang)):
        user.preferred_language = reads
        user.save()
    # The production set of the leaflet's story: a live server's test empties the tables it had, so load it.
    ensure_reference_data()
    load_question_sets()
    questions = list(
        Question.objects.filter(question_set__code="pq-tourist-guides", kind__in=["yes_no", "choice", "text", "date"])
    )
    yes_no = next(question for question in questions if question.kind == "yes_no")
    with translation.override(t_lang):
        info_request = request_in(world, questions, Status.DRAFT)
        info_request.summary = WRITTEN[t_lang][0]
        info_request.summary_language = t_lang
        info_request.save()
        info_request = step(info_request, Action.SEND, world.bg_handler)

    with LibreTranslateServer() as server:
        settings.MACHINE_TRANSLATION = server.settings()

        # The responder reads the summary translated, accepts, answers and writes, all in their language.
        responder = new_page()
        log_in(responder, world.pt_handler.email, PASSWORD)
        responder.language = o_lang
        responder.goto(f"/requests/{info_request.pk}/")
        click_and_check(responder, translate_button(responder, o_lang, f"text-summary-{info_request.pk}"))
        summary = responder.locator(f"#text-summary-{info_request.pk}")
        assert summary.locator(f"[lang={o_lang}]").inner_text() == translated(WRITTEN[t_lang][0], o_lang)
        assert responder.locator(f"main p.ecl-u-type-paragraph-lead [lang={t_lang}]").inner_text() == WRITTEN[t_lang][0]

        click_and_check(responder, responder.get_by_role("link", name=o(lambda: Action.ACCEPT.label)))
        responder.get_by_label(o("Days needed to answer")).fill("20")
        click_and_check(responder, responder.get_by_role("button", name=o(lambda: Action.ACCEPT.label)))
        click_and_check(responder, responder.get_by_role("link", name=o("Answer the questions")))
        for question in questions:
            group = responder.get_by_role("group", name=o(lambda q=question: q.text))
            if question.kind == "yes_no":
                group.get_by_text(o("Yes"), exact=True).click()
            elif question.kind == "choice":
                group.get_by_text(o(lambda q=question: q.options.order_by("order").first().text), exact=True).click()
            elif question.kind == "text":
                responder.get_by_label(o(lambda q=question: q.text)).fill(WRITTEN[o_lang][2])
            else:
                responder.get_by_label(o(lambda q=question: q.text)).fill("2015-06-01")
        click_and_check(responder, responder.get_by_role("button", name=o("Save the answers")))
        responder.get_by_label(o("Message")).fill(WRITTEN[o_lang][1])
        click_and_check(responder, responder.get_by_role("button", name=o("Add the message")))
        click_and_check(responder, responder.get_by_role("link", name=o(lambda: Action.REPLY.label)))
        click_and_check(responder, responder.get_by_role("button", name=o(lambda: Action.REPLY.label)))
        info_request.refresh_from_db()
        assert info_request.status == Status.REPLIED

        # The requester reads the answer and the message translated beside the originals, and closes.
        log_in(page, world.bg_handler.email, PASSWORD)
        page.language = t_lang
        page.goto(f"/requests/{info_request.pk}/")
        page.locator("main").get_by_text(t(lambda: yes_no.text)).wait_for()
        message = Message.objects.get(request=info_request)
        answer = info_request.questions.get(question__kind="text")
        for text_id, original in ((f"text-message-{message.pk}", 1), (f"text-answer-{answer.pk}", 2)):
            click_and_check(page, translate_button(page, t_lang, text_id))
            block = page.locator(f"#{text_id}")
            assert block.get_by_text(t("Machine translation")).is_visible()
            assert block.locator(f"[lang={t_lang}]").inner_text() == translated(WRITTEN[o_lang][original], t_lang)
            assert page.locator(f"main [lang={o_lang}]").get_by_text(WRITTEN[o_lang][original]).is_visible()

        click_and_check(page, page.get_by_role("link", name=t(lambda: Action.CLOSE.label)))
        page.get_by_role("group", name=t("Timeliness")).get_by_text(t("Good", "rating")).click()
        page.get_by_role("group", name=t("Effort")).get_by_text(t("Good", "rating")).click()
        click_and_check(page, page.get_by_role("button", name=t(lambda: Action.CLOSE.label)))
    info_request = InformationRequest.objects.get(pk=info_request.pk)
    assert info_request.status == Status.CLOSED
    assert server.texts == [WRITTEN[t_lang][0], WRITTEN[o_lang][1], WRITTEN[o_lang][2]]
