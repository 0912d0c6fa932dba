"""The request page costs a fixed number of queries, whatever the number of questions, messages, files and steps."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_app import services
from requests_app.models import Action, Event, PersonalDataRead, Question, RequestQuestion, Status
from tests.request_states import request_in

# Who reads which request, and what the page may cost them: the session, the user, the request,
# the rules asked once each (personal data, handler, allocator, coordinator), the user's areas and
# the absent colleagues they cover (read once as lists, which the request lists need), the read log, and
# one query per list on the page (questions, timeline, messages, files, split-off requests);
# a coordinator's authenticator (MFA), coordinated areas and the ids of the authorities in scope.
BUDGETS = {
    # The Bulgarian handler reads the reply to their request.
    "bg_handler": (Status.REPLIED, 13),
    # The Portuguese handler answers the request their authority accepted (also its allocator's rule).
    "pt_handler": (Status.OPEN, 14),
    # Portugal's coordinator reads the request referred to them.
    "pt_coordinator": (Status.REFERRED, 16),
}


def page_cost(client, info_request):
    url = reverse("requests:detail", args=[info_request.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow(world, info_request):
    """Many more questions, messages, files and steps on the request."""
    question_set = info_request.questions.first().question.question_set
    for order in range(10, 20):
        question = Question.objects.create(question_set=question_set, order=order, text=f"Question {order}?")
        RequestQuestion.objects.create(request=info_request, question=question, order=order)
    for number in range(6):
        author = world.bg_handler if number % 2 else world.pt_handler
        Event.objects.create(
            request=info_request,
            actor=author,
            authority=author.authority,
            action=Action.ASSIGN,
            from_status=info_request.status,
            to_status=info_request.status,
            assignee=world.pt_handler,
            note=f"Step {number}",
        )
        if not info_request.is_finished:
            services.message_add(info_request=info_request, user=author, body=f"Message {number}")
            services.attachment_add(
                info_request=info_request,
                user=author,
                upload=SimpleUploadedFile(f"file-{number}.txt", b"A scanned certificate\n", "text/plain"),
                announce=False,
            )


@pytest.mark.parametrize("persona", BUDGETS)
def test_the_request_page_keeps_its_query_budget(client, world, questions, persona):
    status, budget = BUDGETS[persona]
    info_request = request_in(world, questions, status)
    client.force_login(getattr(world, persona))
    assert page_cost(client, info_request) == budget
    grow(world, info_request)
    assert page_cost(client, info_request) == budget


def test_each_visit_writes_one_row_of_the_read_log_and_nothing_else(client, world, questions):
    info_request = request_in(world, questions, Status.REPLIED)
    client.force_login(world.bg_handler)
    client.get(reverse("home"))  # the session's first renewal
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("requests:detail", args=[info_request.pk]))
    writes = [query["sql"] for query in queries if query["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(writes) == 1
    assert "requests_app_personaldataread" in writes[0]
    assert PersonalDataRead.objects.filter(request=info_request, user=world.bg_handler).count() == 1
