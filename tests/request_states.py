"""Build information requests in any state, through the real services and workflow."""

import datetime

from django.utils import timezone

from requests_app import services, workflow
from requests_app.models import Action, Status
from tests.factories import area

STATES = [
    Status.DRAFT,
    Status.AWAITING_ACCEPTANCE,
    Status.OPEN,
    Status.REPLIED,
    Status.CLARIFICATION_REQUESTED,
    Status.REFERRED,
    Status.CLOSED,
    Status.WITHDRAWN,
]


def draft(world, questions, *, summary="Qualification of a tourist guide"):
    info_request = services.request_create(
        user=world.bg_handler, legislative_area=area("professional-qualifications"), summary=summary
    )
    services.request_set_responder(info_request=info_request, user=world.bg_handler, authority=world.pt_authority)
    services.request_set_questions(info_request=info_request, user=world.bg_handler, questions=questions)
    services.request_set_subject(
        info_request=info_request,
        user=world.bg_handler,
        summary=summary,
        subject_name="Maria Sousa",
        subject_identifier="PT-123456",
        subject_date_of_birth=datetime.date(1985, 4, 12),
        subject_address="Rua Augusta 1, Lisboa",
        proposed_deadline=timezone.localdate() + datetime.timedelta(days=20),
    )
    return info_request


def answer_all(world, info_request):
    from requests_app.models import Question

    answers = {}
    for item in info_request.questions.select_related("question"):
        kind = item.question.kind
        answers[item.pk] = {
            Question.Kind.YES_NO: True,
            Question.Kind.CHOICE: item.question.options.first(),
            Question.Kind.TEXT: "No sanctions are recorded.",
            Question.Kind.DATE: datetime.date(2015, 6, 1),
        }[kind]
    services.answers_save(info_request=info_request, user=world.pt_handler, answers=answers)


def step(info_request, action, actor, **params):
    updated, _event = workflow.apply(request_id=info_request.pk, action=action, actor=actor, **params)
    return updated


def request_in(world, questions, status):
    """A request from the Bulgarian handler to the Portuguese authority, brought to ``status``."""
    info_request = draft(world, questions)
    if status == Status.DRAFT:
        return info_request
    info_request = step(info_request, Action.SEND, world.bg_handler)
    if status == Status.AWAITING_ACCEPTANCE:
        return info_request
    if status == Status.WITHDRAWN:
        return step(info_request, Action.WITHDRAW, world.bg_handler, note="Sent by mistake.")
    info_request = step(info_request, Action.ACCEPT, world.pt_handler, days=10)
    if status == Status.OPEN:
        return info_request
    answer_all(world, info_request)
    info_request = step(info_request, Action.REPLY, world.pt_handler)
    if status == Status.REPLIED:
        return info_request
    if status == Status.CLARIFICATION_REQUESTED:
        return step(info_request, Action.REQUEST_CLARIFICATION, world.bg_handler, note="Which register?")
    if status == Status.REFERRED:
        return step(info_request, Action.REFER, world.bg_handler, note="The reply does not answer question 2.")
    return step(info_request, Action.CLOSE, world.bg_handler, rating_timeliness="positive", rating_effort="positive")


def split(world, questions):
    """A request open in Portugal whose first question its handler sends on to another Portuguese authority:
    (the request, the part sent on, the question moved)."""
    info_request = request_in(world, questions, Status.OPEN)
    moved = info_request.questions.order_by("order").first()
    step(
        info_request,
        Action.SPLIT,
        world.pt_handler,
        authority=world.pt_other_authority,
        question_ids=[moved.pk],
        note="The diploma question is theirs.",
    )
    return info_request, info_request.children.get(), moved
