"""Two handlers accept the same request at the same moment: one wins, nothing is doubled."""

import threading

import pytest
from django.db import connection

from requests_app import workflow
from requests_app.models import Action, Event, Status
from tests.conftest import QuestionSetFactoryData, World
from tests.factories import UserFactory
from tests.request_states import request_in


@pytest.mark.django_db(transaction=True)
def test_only_one_of_two_simultaneous_acceptances_wins():
    world = World()
    questions = QuestionSetFactoryData.create()
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    colleague = UserFactory(authority=world.pt_authority, roles=[("professional-qualifications", "handler")])
    start = threading.Barrier(2)
    outcomes = {}

    def accept(user):
        try:
            start.wait()
            workflow.apply(request_id=info_request.pk, action=Action.ACCEPT, actor=user, days=7)
            outcomes[user.pk] = "accepted"
        except workflow.WorkflowError as error:
            outcomes[user.pk] = " ".join(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(user,)) for user in (world.pt_handler, colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values(), key=len)[0] == "accepted"
    refusal = [text for text in outcomes.values() if text != "accepted"]
    assert len(refusal) == 1
    assert "Somebody may have acted on it" in refusal[0]
    info_request.refresh_from_db()
    assert info_request.status == Status.OPEN
    assert Event.objects.filter(request=info_request, action=Action.ACCEPT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_of_fifty_simultaneous_attempts_exactly_one_succeeds():
    from concurrent.futures import ThreadPoolExecutor

    world = World()
    questions = QuestionSetFactoryData.create()
    info_request = request_in(world, questions, Status.REPLIED)
    start = threading.Barrier(50)

    def close(_attempt):
        try:
            start.wait()
            workflow.apply(request_id=info_request.pk, action=Action.CLOSE, actor=world.bg_handler)
            return True
        except workflow.WorkflowError:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = list(pool.map(close, range(50)))
    assert outcomes.count(True) == 1
    info_request.refresh_from_db()
    assert info_request.status == Status.CLOSED
    assert Event.objects.filter(request=info_request, action=Action.CLOSE).count() == 1
