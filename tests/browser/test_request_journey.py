"""The whole life of a request in the browser, each side in its own language.

A Bulgarian handler drafts and sends a request to a Portuguese authority; the
Portuguese handler accepts it with a later deadline and a reason, and answers;
the Bulgarian asks for clarification; it is answered; the Bulgarian closes it
with a rating.
"""

import datetime
import re

from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from requests_app.models import Action, InformationRequest, QuestionSet, Status
from tests.browser.conftest import AccessiblePage, log_in
from tests.factories import PASSWORD


def in_language(language, function, *args):
    with translation.override(language):
        return str(function(*args))


def new_page(browser, live_server):
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(15_000)
    return AccessiblePage(context.new_page(), live_server.url)


def click_and_check(page, locator):
    locator.click()
    page.wait_for_load_state("load")
    page.check_accessibility()


def test_a_request_goes_from_draft_to_closed(page, browser, live_server, world, questions):
    bg = lambda text: in_language("bg", gettext, text)  # noqa: E731
    bg_action = lambda action: in_language("bg", lambda: action.label)  # noqa: E731
    # Only the test's question set is offered: the area's production set, loaded by the
    # migrations, asks some of the same questions, and each is chosen by its text below.
    QuestionSet.objects.filter(legislative_area=questions[0].question_set.legislative_area).exclude(
        pk=questions[0].question_set_id
    ).update(is_active=False)

    # The Bulgarian handler drafts the request, in Bulgarian.
    log_in(page, world.bg_handler.email, PASSWORD)
    assert page.locator("html").get_attribute("lang") == "bg"
    page.goto("/requests/new/")
    page.get_by_label(bg("Legislative area")).select_option(
        label=in_language("bg", lambda: questions[0].question_set.legislative_area.name)
    )
    page.get_by_label(bg("Summary")).fill("Квалификация на екскурзовод")
    click_and_check(page, page.get_by_role("button", name=bg("Save and continue")))

    page.get_by_label(bg("Name or keyword")).fill("Turismo")
    click_and_check(page, page.get_by_role("button", name=bg("Search")))
    page.get_by_text(re.compile("Turismo de Portugal")).click()
    click_and_check(page, page.get_by_role("button", name=bg("Save and continue")))

    for question in questions:
        page.get_by_text(question.text_bg).click()
    click_and_check(page, page.get_by_role("button", name=bg("Save and continue")))

    page.get_by_label(
        in_language("bg", lambda: InformationRequest._meta.get_field("subject_name").verbose_name), exact=False
    ).fill("Maria Sousa")
    proposed = timezone.localdate() + datetime.timedelta(days=10)
    page.get_by_label(
        in_language("bg", lambda: InformationRequest._meta.get_field("proposed_deadline").verbose_name), exact=False
    ).fill(proposed.isoformat())
    click_and_check(page, page.get_by_role("button", name=bg("Save and continue")))
    click_and_check(page, page.get_by_role("button", name=bg("Send the request")))
    info_request = InformationRequest.objects.get()
    assert info_request.status == Status.AWAITING_ACCEPTANCE

    # The Portuguese handler accepts with a later deadline and a reason, in English.
    pt = new_page(browser, live_server)
    log_in(pt, world.pt_handler.email, PASSWORD)
    click_and_check(pt, pt.get_by_role("link", name=info_request.reference))
    pt.get_by_text("The personal data of the request are shown once your authority has accepted it.").wait_for()
    click_and_check(pt, pt.get_by_role("link", name=str(Action.ACCEPT.label)))
    pt.get_by_label("Days needed to answer").fill("20")
    pt.get_by_label("Reason").fill("We must consult the national register of tourist guides.")
    click_and_check(pt, pt.get_by_role("button", name=str(Action.ACCEPT.label)))
    pt.get_by_text("Maria Sousa").wait_for()

    click_and_check(pt, pt.get_by_role("link", name="Answer the questions"))
    yes_no, choice, text, date = questions
    pt.get_by_role("group", name=yes_no.text_en).get_by_text("Yes", exact=True).click()
    pt.get_by_role("group", name=choice.text_en).get_by_text("Diploma", exact=True).click()
    pt.get_by_label(text.text_en).fill("No disciplinary sanction is recorded.")
    pt.get_by_label(date.text_en).fill("2015-06-01")
    click_and_check(pt, pt.get_by_role("button", name="Save the answers"))
    click_and_check(pt, pt.get_by_role("link", name=str(Action.REPLY.label)))
    click_and_check(pt, pt.get_by_role("button", name=str(Action.REPLY.label)))
    info_request.refresh_from_db()
    assert info_request.status == Status.REPLIED
    assert info_request.agreed_deadline == timezone.localdate() + datetime.timedelta(days=20)

    # The Bulgarian reads the answers in Bulgarian and asks for clarification.
    page.goto(f"/requests/{info_request.pk}/")
    page.get_by_text(yes_no.text_bg).wait_for()
    click_and_check(page, page.get_by_role("link", name=bg_action(Action.REQUEST_CLARIFICATION)))
    page.get_by_label(bg("Question for the responding authority")).fill("Кой регистър е проверен?")
    click_and_check(page, page.get_by_role("button", name=bg_action(Action.REQUEST_CLARIFICATION)))

    # The Portuguese answers the clarification.
    pt.goto(f"/requests/{info_request.pk}/")
    pt.get_by_text("Кой регистър е проверен?").wait_for()
    click_and_check(pt, pt.get_by_role("link", name=str(Action.REPLY.label)))
    pt.get_by_label("Note").fill("The national register of tourist guides (RNAT).")
    click_and_check(pt, pt.get_by_role("button", name=str(Action.REPLY.label)))

    # The Bulgarian closes it with a rating.
    page.goto(f"/requests/{info_request.pk}/")
    click_and_check(page, page.get_by_role("link", name=bg_action(Action.CLOSE)))
    page.get_by_role("group", name=bg("Timeliness")).get_by_text(in_language("bg", pgettext, "rating", "Good")).click()
    page.get_by_role("group", name=bg("Effort")).get_by_text(in_language("bg", pgettext, "rating", "Good")).click()
    click_and_check(page, page.get_by_role("button", name=bg_action(Action.CLOSE)))
    info_request.refresh_from_db()
    assert info_request.status == Status.CLOSED
    assert (info_request.rating_timeliness, info_request.rating_effort) == ("positive", "positive")
    pt.context.close()
