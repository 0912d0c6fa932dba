"""Answering: every question is needed for the reply, none is marked optional, a refusal names the missing ones."""

import pytest
from django.urls import reverse

from requests_app import workflow
from requests_app.models import Action, Status
from tests.request_states import answer_all, request_in, step


def test_it_marks_no_question_optional_on_the_answers_page(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    page = client.get(reverse("requests:answers", args=[info_request.pk])).content.decode()
    assert "(optional)" not in page
    assert "Every question needs an answer before you send the reply" in page


def test_it_still_saves_some_answers_now_and_the_others_later(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    yes_no = info_request.questions.get(question=questions[0])
    client.force_login(world.pt_handler)
    response = client.post(reverse("requests:answers", args=[info_request.pk]), {f"q{yes_no.pk}": "yes"})
    assert response.status_code == 302
    yes_no.refresh_from_db()
    assert yes_no.answer_yes_no is True


def test_the_refusal_names_each_unanswered_question_with_its_number(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    answer_all(world, info_request)
    info_request.questions.filter(question=questions[2]).update(answer_text="")
    with pytest.raises(workflow.WorkflowError) as refusal:
        step(info_request, Action.REPLY, world.pt_handler)
    text = " ".join(refusal.value.messages)
    assert f"3. {questions[2].text_en}" in text
    assert questions[0].text_en not in text


def test_the_reply_page_lists_the_unanswered_questions_before_sending(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    answer_all(world, info_request)
    info_request.questions.filter(question=questions[3]).update(answer_date=None)
    client.force_login(world.pt_handler)
    page = client.get(reverse("requests:act", args=[info_request.pk, Action.REPLY])).content.decode()
    assert f"4. {questions[3].text_en}" in page
    assert questions[1].text_en not in page
    response = client.post(reverse("requests:act", args=[info_request.pk, Action.REPLY]), {"note": ""})
    assert response.status_code == 200
    assert f"4. {questions[3].text_en}" in response.content.decode()
