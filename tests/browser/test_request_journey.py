"""The whole life of a request in the browser, each side in its own language.

A handler of the Bulgarian authority drafts and sends a request to a Portuguese authority; the
Portuguese handler accepts it with a later deadline and a reason, and answers; the requester asks
for clarification; it is answered; the requester closes it with a rating.

The requester works in each of the portal's languages in turn, the responder in another one; every
page either of them sees is in their language, with no English text of the portal left, and dates
written day before month.
"""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from requests_app.models import Action, InformationRequest, QuestionSet, Status
from tests.browser.conftest import NARROW, WIDE, click_and_check, in_language, log_in, nav
from tests.factories import PASSWORD

LANGUAGES = ["en", "bg", "ro", "da", "lv", "et"]
# The responder reads the next language of the list.
RESPONDER = dict(zip(LANGUAGES, LANGUAGES[1:] + LANGUAGES[:1], strict=True))

# What each side writes, in its own language.
WRITTEN = {
    "en": ("Qualification of a tourist guide", "Which register was checked?", "We must consult the register."),
    "bg": ("Квалификация на екскурзовод", "Кой регистър е проверен?", "Трябва да се консултираме с регистъра."),
    "ro": ("Calificarea unui ghid de turism", "Ce registru a fost verificat?", "Trebuie să consultăm registrul."),
    "da": ("En turistguides kvalifikationer", "Hvilket register blev kontrolleret?", "Vi må se i registret."),
    "lv": ("Tūrisma gida kvalifikācija", "Kurš reģistrs tika pārbaudīts?", "Mums jākonsultējas ar reģistru."),
    "et": ("Turismigiidi kvalifikatsioon", "Millist registrit kontrolliti?", "Peame registrit vaatama."),
}
# The subject's date of birth (12 April 1985) and the answer to the date question (1 June 2015), as
# each language writes them: day before month, month names in the language.
DATES = {
    "en": ("12 April 1985", "1 June 2015"),
    "bg": ("12 април 1985 г.", "1 юни 2015 г."),
    "ro": ("12 aprilie 1985", "1 iunie 2015"),
    "da": ("12. april 1985", "1. juni 2015"),
    "lv": ("1985. gada 12. aprīlis", "2015. gada 1. jūnijs"),
    "et": ("12. aprill 1985", "1. juuni 2015"),
}
# The test's question set (English and Bulgarian, tests/conftest.py) in the other languages, as the
# portal's own question sets are: a reader meets no question in a language not theirs.
QUESTIONS = {
    "ro": [
        "Este persoana înregistrată ca ghid de turism în țara dumneavoastră?",
        "Cărui nivel de calificare îi corespunde diploma?",
        "Au fost aplicate profesionistului sancțiuni disciplinare?",
        "De când exercită profesionistul activitatea?",
    ],
    "da": [
        "Er personen registreret som turistguide i dit land?",
        "Hvilket kvalifikationsniveau svarer eksamensbeviset til?",
        "Har fagpersonen været genstand for disciplinære sanktioner?",
        "Siden hvornår har fagpersonen udøvet aktiviteten?",
    ],
    "lv": [
        "Vai persona ir reģistrēta kā tūrisma gids jūsu valstī?",
        "Kādam kvalifikācijas līmenim atbilst diploms?",
        "Vai speciālistam ir piemēroti disciplinārsodi?",
        "Kopš kura laika speciālists veic šo darbību?",
    ],
    "et": [
        "Kas isik on teie riigis registreeritud turismigiidina?",
        "Millisele kvalifikatsioonitasemele diplom vastab?",
        "Kas spetsialistile on määratud distsiplinaarkaristusi?",
        "Millest alates spetsialist tegevusega tegeleb?",
    ],
}
QUESTION_SET = {
    "ro": "Calificări profesionale",
    "da": "Erhvervsmæssige kvalifikationer",
    "lv": "Profesionālās kvalifikācijas",
    "et": "Kutsekvalifikatsioonid",
}
OPTIONS = {  # Certificate, Diploma, Degree
    "ro": ["Certificat", "Diplomă", "Grad"],
    "da": ["Certifikat", "Eksamensbevis", "Grad"],
    "lv": ["Sertifikāts", "Diploms", "Grāds"],
    "et": ["Tunnistus", "Diplom", "Kraad"],
}


def translate(questions):
    question_set = questions[0].question_set
    for language, name in QUESTION_SET.items():
        setattr(question_set, f"name_{language}", name)
    question_set.save()
    for question, *texts in zip(questions, *QUESTIONS.values(), strict=True):
        for language, text in zip(QUESTIONS, texts, strict=True):
            setattr(question, f"text_{language}", text)
        question.save()
    for option, *texts in zip(questions[1].options.order_by("order"), *OPTIONS.values(), strict=True):
        for language, text in zip(OPTIONS, texts, strict=True):
            setattr(option, f"text_{language}", text)
        option.save()


# Every language at the desktop width; Bulgarian on a phone too (each page checks the phone's layout).
JOURNEYS = [pytest.param(WIDE, language, id=f"wide-{language}") for language in LANGUAGES] + [
    pytest.param(NARROW, "bg", id="narrow-bg")
]


@pytest.mark.parametrize(("viewport", "language"), JOURNEYS)
def test_a_request_goes_from_draft_to_closed(page, new_page, world, questions, language):
    other = RESPONDER[language]
    summary, clarification, reason = WRITTEN[language]
    born, answered_date = DATES[language]

    def t(text, context=None):  # as the requester reads it
        return in_language(language, text, context)

    def o(text, context=None):  # as the responder reads it
        return in_language(other, text, context)

    # Only the test's question set is offered: the area's production set, loaded by the
    # migrations, asks some of the same questions, and each is chosen by its text below.
    QuestionSet.objects.filter(legislative_area=questions[0].question_set.legislative_area).exclude(
        pk=questions[0].question_set_id
    ).update(is_active=False)
    translate(questions)
    for user, reads in ((world.bg_handler, language), (world.pt_handler, other)):
        user.preferred_language = reads
        user.save()
    yes_no, choice, text, date = questions

    # The requester drafts the request.
    log_in(page, world.bg_handler.email, PASSWORD)
    page.language = language
    page.check_language()
    page.goto("/requests/new/")
    page.get_by_label(t("Legislative area")).select_option(
        label=t(lambda: questions[0].question_set.legislative_area.name)
    )
    page.get_by_label(t("Summary")).fill(summary)
    click_and_check(page, page.get_by_role("button", name=t("Save and continue")))

    page.get_by_label(t("Name or keyword")).fill("Turismo")
    click_and_check(page, page.get_by_role("button", name=t("Search")))
    page.get_by_text(re.compile("Turismo de Portugal")).click()
    click_and_check(page, page.get_by_role("button", name=t("Save and continue")))

    for question in questions:
        page.get_by_text(t(lambda question=question: question.text)).click()
    click_and_check(page, page.get_by_role("button", name=t("Save and continue")))

    field = InformationRequest._meta.get_field
    page.get_by_label(t(lambda: field("subject_name").verbose_name), exact=False).fill("Maria Sousa")
    page.get_by_label(t(lambda: field("subject_date_of_birth").verbose_name), exact=False).fill("1985-04-12")
    proposed = timezone.localdate() + datetime.timedelta(days=10)
    page.get_by_label(t(lambda: field("proposed_deadline").verbose_name), exact=False).fill(proposed.isoformat())
    click_and_check(page, page.get_by_role("button", name=t("Save and continue")))
    page.locator("main").get_by_text(born).wait_for()
    page.locator("main").get_by_text(t(lambda: date_format(proposed, "DATE_FORMAT"))).first.wait_for()
    click_and_check(page, page.get_by_role("button", name=t("Send the request")))
    info_request = InformationRequest.objects.get()
    assert info_request.status == Status.AWAITING_ACCEPTANCE
    page.locator("main").get_by_text(t(lambda: Status.AWAITING_ACCEPTANCE.label)).first.wait_for()

    # The responder accepts with a later deadline and a reason.
    responder = new_page()
    log_in(responder, world.pt_handler.email, PASSWORD)
    responder.language = other
    responder.check_language()
    click_and_check(responder, responder.get_by_role("link", name=info_request.reference))
    responder.get_by_text(
        o("The personal data of the request are shown once your authority has accepted it.")
    ).wait_for()
    click_and_check(responder, responder.get_by_role("link", name=o(lambda: Action.ACCEPT.label)))
    responder.get_by_label(o("Days needed to answer")).fill("20")
    responder.get_by_label(o("Reason")).fill(WRITTEN[other][2])
    click_and_check(responder, responder.get_by_role("button", name=o(lambda: Action.ACCEPT.label)))
    responder.get_by_text("Maria Sousa").wait_for()
    responder.locator("main").get_by_text(DATES[other][0]).wait_for()

    click_and_check(responder, responder.get_by_role("link", name=o("Answer the questions")))
    responder.get_by_role("group", name=o(lambda: yes_no.text)).get_by_text(o("Yes"), exact=True).click()
    diploma = o(lambda: choice.options.get(text_en="Diploma").text)
    responder.get_by_role("group", name=o(lambda: choice.text)).get_by_text(diploma, exact=True).click()
    responder.get_by_label(o(lambda: text.text)).fill("—")
    responder.get_by_label(o(lambda: date.text)).fill("2015-06-01")
    click_and_check(responder, responder.get_by_role("button", name=o("Save the answers")))
    click_and_check(responder, responder.get_by_role("link", name=o(lambda: Action.REPLY.label)))
    click_and_check(responder, responder.get_by_role("button", name=o(lambda: Action.REPLY.label)))
    info_request.refresh_from_db()
    assert info_request.status == Status.REPLIED
    assert info_request.agreed_deadline == timezone.localdate() + datetime.timedelta(days=20)

    # The requester reads the answers and the agreed deadline in their language, and asks for clarification.
    page.goto(f"/requests/{info_request.pk}/")
    main = page.locator("main")
    main.get_by_text(t(lambda: yes_no.text)).wait_for()
    main.get_by_text(answered_date).wait_for()
    main.get_by_text(t(lambda: date_format(info_request.agreed_deadline, "SHORT_DATE_FORMAT"))).first.wait_for()
    main.get_by_text(t(lambda: Status.REPLIED.label)).first.wait_for()
    click_and_check(page, page.get_by_role("link", name=t(lambda: Action.REQUEST_CLARIFICATION.label)))
    page.get_by_label(t("Question for the responding authority")).fill(clarification)
    click_and_check(page, page.get_by_role("button", name=t(lambda: Action.REQUEST_CLARIFICATION.label)))

    # The responder answers the clarification.
    responder.goto(f"/requests/{info_request.pk}/")
    responder.get_by_text(clarification).wait_for()
    click_and_check(responder, responder.get_by_role("link", name=o(lambda: Action.REPLY.label)))
    responder.get_by_label(o("Note")).fill(WRITTEN[other][1])
    click_and_check(responder, responder.get_by_role("button", name=o(lambda: Action.REPLY.label)))

    # The requester closes it with a rating, and finds it among the closed requests.
    page.goto(f"/requests/{info_request.pk}/")
    click_and_check(page, page.get_by_role("link", name=t(lambda: Action.CLOSE.label)))
    page.get_by_role("group", name=t("Timeliness")).get_by_text(t("Good", "rating")).click()
    page.get_by_role("group", name=t("Effort")).get_by_text(t("Good", "rating")).click()
    click_and_check(page, page.get_by_role("button", name=t(lambda: Action.CLOSE.label)))
    info_request.refresh_from_db()
    assert info_request.status == Status.CLOSED
    assert (info_request.rating_timeliness, info_request.rating_effort) == ("positive", "positive")
    nav(page, t("Requests"))
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=info_request.reference))
    row.get_by_text(t(lambda: Status.CLOSED.label)).wait_for()
