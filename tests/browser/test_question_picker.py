"""Choosing the questions of a request: one group per question set, each with "select all", by keyboard."""

from requests_app import services
from requests_app.models import Question, QuestionSet
from tests.browser.conftest import click_and_check, log_in
from tests.factories import PASSWORD, area


def test_a_handler_picks_every_question_of_one_set_with_the_keyboard(page, world, questions):
    # A second set of the same area beside the one of the `questions` fixture.
    tourist_guides = QuestionSet.objects.create(
        legislative_area=area("professional-qualifications"),
        code="pq-guides",
        name_en="Licences of tourist guides",
    )
    for order, text in enumerate(["Is the guide licensed?", "Since when?", "In which regions?"], start=1):
        Question.objects.create(question_set=tourist_guides, order=order, kind="text", text_en=text)
    info_request = services.request_create(
        user=world.pt_handler, legislative_area=area("professional-qualifications"), summary="A tourist guide"
    )
    services.request_set_responder(info_request=info_request, user=world.pt_handler, authority=world.bg_authority)
    log_in(page, world.pt_handler.email, PASSWORD)  # reads English
    page.goto(f"/requests/{info_request.pk}/edit/questions/")

    sets = QuestionSet.objects.filter(legislative_area__code="professional-qualifications", is_active=True)
    assert sets.count() >= 2  # and those a fresh database has, when the test runs first
    for question_set in sets:
        group = page.get_by_role("group", name=question_set.name, exact=True)
        assert group.get_by_role("checkbox").count() == question_set.questions.count()
        page.get_by_role("heading", name=question_set.name, exact=True).wait_for()

    group = page.get_by_role("group", name="Licences of tourist guides", exact=True)
    group.get_by_role("button", name="Select all").focus()
    page.keyboard.press("Enter")
    checkboxes = group.get_by_role("checkbox")
    assert [checkboxes.nth(i).is_checked() for i in range(checkboxes.count())] == [True, True, True]
    assert page.get_by_role("checkbox", checked=True).count() == 3  # none of the other set
    group.get_by_role("status").get_by_text("All questions of this set are selected.").wait_for()
    page.check_accessibility()

    click_and_check(page, page.get_by_role("button", name="Save and continue"))
    chosen = set(info_request.questions.values_list("question__question_set__code", flat=True))
    assert chosen == {"pq-guides"}
