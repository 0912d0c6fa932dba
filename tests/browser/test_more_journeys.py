"""Two more journeys in the browser, each person in their own language.

A request from a Bulgarian authority to a Romanian one goes the long way: the Romanian handler forwards
it to the national coordinator, who allocates it to another Romanian authority; that authority
accepts it, splits one question off to a Portuguese authority, answers the rest and replies; the
Bulgarian requester refers the reply to the Romanian coordinator, who finds it among her tasks.

A Portuguese handler chooses a colleague as backup and registers an absence; a request arrives; the
backup finds it in My tasks and accepts it.

The Romanian (or Portuguese) side works in each of the portal's languages in turn, the Bulgarian side
in another one; every page either sees is in their language, with no English text of the portal left.
"""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from requests_app import services
from requests_app.models import Action, InformationRequest, Question, QuestionSet, Status
from tests.browser.conftest import NARROW, WIDE, click_and_check, in_language, log_in, log_in_with_code
from tests.browser.test_request_journey import LANGUAGES, WRITTEN, translate
from tests.factories import PASSWORD, AuthorityFactory, UserFactory, country
from tests.request_states import draft, request_in, step

# The requester reads the next language of the list.
REQUESTER = dict(zip(LANGUAGES, LANGUAGES[1:] + LANGUAGES[:1], strict=True))

# Every language at the desktop width; Romanian on a phone too (each page checks the phone's layout).
JOURNEYS = [pytest.param(WIDE, language, id=f"wide-{language}") for language in LANGUAGES] + [
    pytest.param(NARROW, "ro", id="narrow-ro")
]


def only_the_test_questions(questions):
    """Only the test's question set is offered, in every language of the journeys: the area's
    production set, loaded by the migrations, asks some of the same questions."""
    QuestionSet.objects.filter(legislative_area=questions[0].question_set.legislative_area).exclude(
        pk=questions[0].question_set_id
    ).update(is_active=False)
    translate(questions)


def answer_all_but_the_split(info_request, handler):
    """What the answers page (covered by the first journey) saves: an answer to every question left."""
    answers = {}
    for item in info_request.questions.select_related("question"):
        answers[item.pk] = {
            Question.Kind.YES_NO: True,
            Question.Kind.CHOICE: item.question.options.first(),
            Question.Kind.TEXT: "—",
            Question.Kind.DATE: datetime.date(2015, 6, 1),
        }[item.question.kind]
    services.answers_save(info_request=info_request, user=handler, answers=answers)


@pytest.mark.parametrize(("viewport", "language"), JOURNEYS)
def test_a_bulgarian_request_is_forwarded_allocated_split_and_referred_in_romania(
    page, new_page, world, questions, language
):
    other = REQUESTER[language]

    def t(text, context=None):  # as the Romanian side reads it
        return in_language(language, text, context)

    def o(text, context=None):  # as the Bulgarian requester reads it
        return in_language(other, text, context)

    only_the_test_questions(questions)
    yes_no, choice, text, date = questions
    # Two Romanian authorities competent for professional qualifications, each with a handler.
    first = AuthorityFactory(
        official_name="Ministerul Educației",
        country=country("RO"),
        city="București",
        areas=["professional-qualifications"],
    )
    competent = AuthorityFactory(
        official_name="Autoritatea Națională pentru Turism",
        country=country("RO"),
        city="București",
        areas=["professional-qualifications"],
    )
    # A handler of the authority the request is sent to, which is not competent for tourist guides.
    first_handler = UserFactory(
        email="handler@edu.ro.test",
        full_name="Elena Marin",
        authority=first,
        preferred_language=language,
        roles=[("professional-qualifications", "handler")],
    )
    # A handler of the Romanian authority competent for tourist guides.
    competent_handler = UserFactory(
        email="handler@turism.ro.test",
        full_name="Radu Stan",
        authority=competent,
        preferred_language=language,
        roles=[("professional-qualifications", "handler")],
    )
    for user, reads in ((world.ro_coordinator, language), (world.bg_handler, other)):
        user.preferred_language = reads
        user.save()
    info_request = draft(world, questions)
    services.request_set_responder(info_request=info_request, user=world.bg_handler, authority=first)
    info_request = step(info_request, Action.SEND, world.bg_handler)

    # The first Romanian handler finds it among her tasks and forwards it to the national coordinator.
    log_in(page, first_handler.email, PASSWORD)
    page.language = language
    page.check_language()
    to_accept = page.get_by_role("region", name=t("To accept: check the proposed deadline"))
    click_and_check(page, to_accept.get_by_role("link", name=info_request.reference))
    page.locator("main").get_by_text(t(lambda: Status.AWAITING_ACCEPTANCE.label)).first.wait_for()
    click_and_check(page, page.get_by_role("link", name=t(lambda: Action.FORWARD.label), exact=True))
    page.get_by_label(t("Authority")).select_option(value=str(world.ro_coordinator.authority_id))
    page.get_by_label(t("Reason")).fill(WRITTEN[language][2])
    click_and_check(page, page.get_by_role("button", name=t(lambda: Action.FORWARD.label), exact=True))
    info_request.refresh_from_db()
    assert (info_request.status, info_request.responding_authority) == (
        Status.AWAITING_ACCEPTANCE,
        world.ro_coordinator.authority,
    )

    # The coordinator allocates it to the competent authority.
    coordinator = new_page()
    log_in_with_code(coordinator, world.ro_coordinator)
    coordinator.language = language
    coordinator.check_language()
    to_allocate = coordinator.get_by_role("region", name=t("To allocate to a competent authority"))
    click_and_check(coordinator, to_allocate.get_by_role("link", name=info_request.reference))
    click_and_check(coordinator, coordinator.get_by_role("link", name=t(lambda: Action.ALLOCATE.label), exact=True))
    coordinator.get_by_label(t("Authority")).select_option(value=str(competent.pk))
    click_and_check(coordinator, coordinator.get_by_role("button", name=t(lambda: Action.ALLOCATE.label), exact=True))
    info_request.refresh_from_db()
    assert info_request.responding_authority == competent

    # Its handler accepts it by the proposed deadline, and splits the date question off to Portugal.
    handler = new_page()
    log_in(handler, competent_handler.email, PASSWORD)
    handler.language = language
    handler.check_language()
    to_accept = handler.get_by_role("region", name=t("To accept: check the proposed deadline"))
    click_and_check(handler, to_accept.get_by_role("link", name=info_request.reference))
    click_and_check(handler, handler.get_by_role("link", name=t(lambda: Action.ACCEPT.label), exact=True))
    click_and_check(handler, handler.get_by_role("button", name=t(lambda: Action.ACCEPT.label), exact=True))
    info_request.refresh_from_db()
    assert info_request.status == Status.OPEN
    main = handler.locator("main")
    main.get_by_text(t(lambda: Status.OPEN.label)).first.wait_for()
    main.get_by_text(t(lambda: date_format(info_request.agreed_deadline, "SHORT_DATE_FORMAT"))).first.wait_for()

    click_and_check(handler, handler.get_by_role("link", name=t(lambda: Action.SPLIT.label), exact=True))
    handler.get_by_label(t("Authority")).select_option(value=str(world.pt_authority.pk))
    handler.get_by_role("group", name=t("Questions to move to the other authority")).get_by_text(
        t(lambda: date.text)
    ).click()
    handler.get_by_label(t("Reason")).fill(WRITTEN[language][2])
    click_and_check(handler, handler.get_by_role("button", name=t(lambda: Action.SPLIT.label), exact=True))
    child = InformationRequest.objects.get(parent=info_request)
    assert (child.status, child.responding_authority) == (Status.AWAITING_ACCEPTANCE, world.pt_authority)
    assert [item.question for item in child.questions.all()] == [date]
    handler.goto(f"/requests/{info_request.pk}/")
    # The part sent on is Portugal's now: named, without a link to a page its handler may not open.
    handler.locator("main").get_by_text(child.reference).wait_for()
    assert handler.locator("main").get_by_role("link", name=child.reference).count() == 0

    # It answers the questions left (the answers page is the first journey's) and replies.
    answer_all_but_the_split(info_request, competent_handler)
    click_and_check(handler, handler.get_by_role("link", name=t(lambda: Action.REPLY.label), exact=True))
    click_and_check(handler, handler.get_by_role("button", name=t(lambda: Action.REPLY.label), exact=True))
    info_request.refresh_from_db()
    assert info_request.status == Status.REPLIED

    # The Bulgarian requester finds the reply wanting and refers it to the Romanian coordinator.
    requester = new_page()
    log_in(requester, world.bg_handler.email, PASSWORD)
    requester.language = other
    requester.check_language()
    replies = requester.get_by_role("region", name=o("Replies to review"))
    click_and_check(requester, replies.get_by_role("link", name=info_request.reference))
    requester.locator("main").get_by_text(o(lambda: Status.REPLIED.label)).first.wait_for()
    requester.locator("main").get_by_role("link", name=child.reference).wait_for()
    click_and_check(requester, requester.get_by_role("link", name=o(lambda: Action.REFER.label), exact=True))
    requester.get_by_label(o("Reason")).fill(WRITTEN[other][1])
    click_and_check(requester, requester.get_by_role("button", name=o(lambda: Action.REFER.label), exact=True))
    info_request.refresh_from_db()
    assert info_request.status == Status.REFERRED
    requester.locator("main").get_by_text(o(lambda: Status.REFERRED.label)).first.wait_for()

    # The coordinator finds it among her tasks, with what she may do about it.
    coordinator.goto("/")
    referred = coordinator.get_by_role("region", name=t("Referred to you as coordinator"))
    click_and_check(coordinator, referred.get_by_role("link", name=info_request.reference))
    coordinator.locator("main").get_by_text(t(lambda: Status.REFERRED.label)).first.wait_for()
    coordinator.get_by_text(WRITTEN[other][1]).first.wait_for()
    actions = coordinator.get_by_role("region", name=t("What you can do now"))
    for action in (Action.RETURN_FROM_REFERRAL, Action.CLOSE_REFERRAL):
        actions.get_by_role("link", name=t(lambda action=action: action.label), exact=True).wait_for()


@pytest.mark.parametrize(("viewport", "language"), JOURNEYS)
def test_a_backup_accepts_a_request_for_an_absent_colleague(page, new_page, world, questions, language):
    def t(text, context=None):
        return in_language(language, text, context)

    only_the_test_questions(questions)
    # A colleague of the Portuguese handler, with no role of her own in the area.
    colleague = UserFactory(
        email="colleague@pt.test",
        full_name="Joana Santos",
        authority=world.pt_authority,
        preferred_language=language,
    )
    world.pt_handler.preferred_language = language
    world.pt_handler.save()
    today = timezone.localdate()
    back = today + datetime.timedelta(days=14)

    # The handler chooses her colleague as backup and registers her absence, from today.
    log_in(page, world.pt_handler.email, PASSWORD)
    page.language = language
    page.check_language()
    click_and_check(page, page.locator("main").get_by_role("link", name=t("My profile"), exact=True))
    click_and_check(page, page.get_by_role("link", name=t("Choose your backups")))
    page.get_by_role("group", name=t("Colleagues who cover for me")).get_by_text(colleague.full_name).click()
    click_and_check(page, page.get_by_role("button", name=t("Save")))
    page.get_by_text(t("Your backups have been saved.")).wait_for()
    click_and_check(page, page.get_by_role("link", name=t("Change your absence")))
    page.get_by_label(t("First day of absence")).fill(today.isoformat())
    page.get_by_label(t("Last day of absence")).fill(back.isoformat())
    click_and_check(page, page.get_by_role("button", name=t("Save")))
    page.get_by_text(t("Your absence has been saved.")).wait_for()
    dates = t(lambda: f"{date_format(today, 'DATE_FORMAT')} – {date_format(back, 'DATE_FORMAT')}")
    page.locator("main").get_by_text(dates).wait_for()

    # A request arrives while she is away.
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)

    # The backup finds it in My tasks, with whom she covers for and until when, and accepts it.
    backup = new_page()
    log_in(backup, colleague.email, PASSWORD)
    backup.language = language
    backup.check_language()
    covering = t("You are the backup of %(name)s, who is absent until %(end)s.") % {
        "name": world.pt_handler.full_name,
        "end": t(lambda: date_format(back, "DATE_FORMAT")),
    }
    backup.get_by_text(covering).wait_for()
    to_accept = backup.get_by_role("region", name=t("To accept: check the proposed deadline"))
    click_and_check(backup, to_accept.get_by_role("link", name=info_request.reference))
    backup.locator("main").get_by_text(t(lambda: Status.AWAITING_ACCEPTANCE.label)).first.wait_for()
    click_and_check(backup, backup.get_by_role("link", name=t(lambda: Action.ACCEPT.label), exact=True))
    click_and_check(backup, backup.get_by_role("button", name=t(lambda: Action.ACCEPT.label), exact=True))
    info_request.refresh_from_db()
    assert (info_request.status, info_request.responder_handler) == (Status.OPEN, colleague)
    main = backup.locator("main")
    main.get_by_text(t(lambda: Status.OPEN.label)).first.wait_for()
    main.get_by_text("Maria Sousa").wait_for()
    main.get_by_text(t(lambda: date_format(info_request.agreed_deadline, "SHORT_DATE_FORMAT"))).first.wait_for()
