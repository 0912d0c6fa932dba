"""Demo information requests between the demo authorities, one or more in every state of the workflow.

The data is in ``demo/content/requests.yaml`` (its header says how a request
and its steps are written); ``requests_read`` checks it against the demo
world. ``seed_demo`` then calls ``requests_create`` with the world's users and
authorities. Every request is built as users would build it: a draft through
``requests_app.services``, then each step through ``requests_app.workflow.apply``,
each actor a user of the demo world with the role the step needs. The status
is never written directly, and a request that does not end in the state the
file says stops the seed.

Idempotent: a request is known by its requesting authority and its summary; if
one exists, it is left alone, so a second run creates nothing.
"""

import datetime
import inspect
from pathlib import Path

from django.utils import translation

from authorities.models import LegislativeArea
from core import content_loader
from requests_app import services, workflow
from requests_app.models import InformationRequest, Question, QuestionSet, Status

CONTENT = Path(__file__).resolve().parent / "content"

# Steps besides the workflow's actions, with the parameters each takes.
ANSWER = "answer"  # the responder saves answers: {question order in the set: value}
MESSAGE = "message"  # a message to the other side
OVERDUE = "overdue"  # move the agreed deadline into the past (see _make_overdue)
STEP_PARAMS = {ANSWER: ("answers",), MESSAGE: ("body",), OVERDUE: ("days_ago",)}

REQUEST_KEYS = (
    "summary",
    "legislative_area",
    "question_set",
    "questions",
    "requester",
    "responder",
    "subject",
    "proposed_deadline_in_days",
    "state",
)
SUBJECT_KEYS = ("name", "identifier", "date_of_birth", "address")


def _workflow_params(action):
    """The parameters the workflow's effect of ``action`` takes: (required, optional), as the file names them.

    The split's ``question_ids`` are given as ``questions`` (their places in the question set).
    """
    effect = workflow.EFFECTS.get(action)
    names = list(inspect.signature(effect).parameters.values())[3:] if effect else []
    rename = {"question_ids": "questions"}
    required = tuple(rename.get(p.name, p.name) for p in names if p.default is inspect.Parameter.empty)
    optional = tuple(rename.get(p.name, p.name) for p in names if p.default is not inspect.Parameter.empty)
    return required, optional


def requests_read(world, directory=CONTENT):
    """The requests of ``requests.yaml``, checked against the world (``demo.world.world_read``) and the
    question sets; raises ``ContentError`` listing every problem, each with the request and step at fault.
    """
    filename = "requests.yaml"
    problems = content_loader.Problems()
    data = content_loader.read(Path(directory) / filename)
    if not isinstance(data, list):
        problems.add(filename, "expected a list of requests")
        data = []
    context = {
        "users": {user["email"]: user for user in world["users"]},
        "authorities": {(c["code"], a["official_name"]) for c in world["countries"] for a in c["authorities"]},
        "areas": set(LegislativeArea.objects.values_list("code", flat=True)),
        "question_sets": {
            qset.code: (qset.legislative_area.code, {q.order: q for q in qset.questions.all()})
            for qset in QuestionSet.objects.select_related("legislative_area").prefetch_related("questions__options")
        },
    }
    specs, keys = [], set()
    for number, item in enumerate(data, start=1):
        spec = _request_check(item, f"{filename}, request {number}", context, problems)
        if spec is None:
            continue
        key = (context["users"][spec["requester"]]["authority"], spec["summary"])
        if key in keys:
            problems.add(f"{filename}, request {number}", "another request of the same authority has this summary")
        keys.add(key)
        specs.append(spec)
    problems.raise_any()
    return specs


def _request_check(item, where, context, problems):
    item = content_loader.entry(item, where, problems, required=REQUEST_KEYS, optional=("steps",))
    if item is None:
        return None
    before = len(problems.errors)
    if content_loader.string(item["summary"], f"{where}, summary", problems):
        where = f"{where} ({item['summary']})"
    if item["legislative_area"] not in context["areas"]:
        problems.add(where, f"unknown legislative area {item['legislative_area']!r}")
    area, questions = context["question_sets"].get(item["question_set"], (None, {}))
    if area is None:
        problems.add(where, f"unknown question set {item['question_set']!r}")
    elif area != item["legislative_area"]:
        problems.add(where, f"the question set {item['question_set']!r} is not of {item['legislative_area']!r}")
    chosen = item["questions"] if isinstance(item["questions"], list) else []
    if not chosen or any(order not in questions for order in chosen):
        problems.add(where, f"questions: expected places in the question set (1 to {len(questions)})")
    requester = context["users"].get(item["requester"])
    if requester is None or not requester["authority"]:
        problems.add(where, f"the requester {item['requester']!r} is no authority user of the world files")
    _authority_check(item["responder"], f"{where}, responder", context, problems)
    subject = content_loader.entry(item["subject"], f"{where}, subject", problems, required=SUBJECT_KEYS)
    if subject and not isinstance(subject["date_of_birth"], datetime.date | None):
        problems.add(f"{where}, subject", "date_of_birth: expected a date (YYYY-MM-DD) or null")
    if not isinstance(item["proposed_deadline_in_days"], int) or item["proposed_deadline_in_days"] < 1:
        problems.add(where, "proposed_deadline_in_days: expected a whole number of days, at least one")
    if item["state"] not in Status.values:
        problems.add(where, f"unknown state {item['state']!r} (one of {', '.join(Status.values)})")
    steps = item.get("steps", [])
    if not isinstance(steps, list):
        problems.add(where, "steps: expected a list")
        steps = []
    for index, step in enumerate(steps, start=1):
        _step_check(step, f"{where}, step {index}", context, questions, chosen, problems)
    return item if len(problems.errors) == before else None


def _authority_check(value, where, context, problems):
    value = content_loader.entry(value, where, problems, required=("country", "official_name"))
    if value and (value["country"], value["official_name"]) not in context["authorities"]:
        problems.add(where, f"no authority {value['official_name']!r} in the world file of {value['country']!r}")


def _step_check(step, where, context, questions, chosen, problems):
    do = step.get("do") if isinstance(step, dict) else None
    if do in STEP_PARAMS:
        required, optional = STEP_PARAMS[do], ()
    elif do in workflow.TRANSITIONS:
        required, optional = _workflow_params(do)
        optional = ("note", *optional)
    else:
        actions = [str(action) for action in [*workflow.TRANSITIONS, *STEP_PARAMS]]
        problems.add(where, f"unknown step {do!r} (do: one of {', '.join(actions)})")
        return
    step = content_loader.entry(step, where, problems, required=("do", "by", *required), optional=optional)
    if step is None:
        return
    where = f"{where} ({do})"
    for key in ("by", "handler"):
        if key in step and step[key] not in context["users"]:
            problems.add(where, f"{step[key]!r} is no user of the world files")
    if "authority" in step:
        _authority_check(step["authority"], f"{where}, authority", context, problems)
    if "questions" in step and not (
        isinstance(step["questions"], list) and step["questions"] and set(step["questions"]) <= set(chosen)
    ):
        problems.add(where, "questions: expected places of questions the request asks")
    for key in ("note", "body"):
        if key in step:
            content_loader.string(step[key], f"{where}, {key}", problems)
    for key in ("days", "days_ago"):
        if key in step and (not isinstance(step[key], int) or step[key] < 0):
            problems.add(where, f"{key}: expected a whole number of days")
    if "answers" in step:
        _answers_check(step["answers"], f"{where}, answers", questions, chosen, problems)


def _answers_check(answers, where, questions, chosen, problems):
    if not isinstance(answers, dict) or not answers:
        problems.add(where, "expected answers by the place of the question in its set")
        return
    for order, value in answers.items():
        if order not in chosen:
            problems.add(where, f"{order!r} is not the place of a question the request asks")
            continue
        question = questions[order]
        kind = question.kind
        if kind == Question.Kind.CHOICE:
            places = len(question.options.all())
            ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= places
        elif kind == Question.Kind.YES_NO:
            ok = isinstance(value, bool)
        elif kind == Question.Kind.DATE:
            relative = isinstance(value, dict) and set(value) == {"in_days"} and isinstance(value["in_days"], int)
            ok = isinstance(value, datetime.date) or relative
        elif kind == Question.Kind.TEXT:
            ok = isinstance(value, str) and bool(value.strip())
        else:
            ok = False
        if not ok:
            problems.add(where, f"{order}: not an answer to a {kind} question")


def requests_create(specs, users, authorities, today):
    """Create the checked requests that do not exist yet; return how many were created.

    ``users`` maps e-mail to User and ``authorities`` (country code, official name) to Authority:
    what ``demo.world.WorldWriter.write`` returns.
    """
    created = 0
    for spec in specs:
        requester = users[spec["requester"]]
        exists = InformationRequest.objects.filter(
            requesting_authority_id=requester.authority_id, summary=spec["summary"], parent__isnull=True
        ).exists()
        if not exists:
            _build(spec, users, authorities, today)
            created += 1
    return created


def _authority(value, authorities):
    return authorities[(value["country"], value["official_name"])]


def _build(spec, users, authorities, today):
    requester = users[spec["requester"]]
    questions = {q.order: q for q in Question.objects.filter(question_set__code=spec["question_set"])}
    subject = spec["subject"]
    with translation.override(requester.preferred_language):
        info_request = services.request_create(
            user=requester,
            legislative_area=LegislativeArea.objects.get(code=spec["legislative_area"]),
            summary=spec["summary"],
        )
        services.request_set_responder(
            info_request=info_request, user=requester, authority=_authority(spec["responder"], authorities)
        )
        services.request_set_questions(
            info_request=info_request, user=requester, questions=[questions[order] for order in spec["questions"]]
        )
        services.request_set_subject(
            info_request=info_request,
            user=requester,
            summary=spec["summary"],
            subject_name=subject["name"],
            subject_identifier=subject["identifier"],
            subject_date_of_birth=subject["date_of_birth"],
            subject_address=subject["address"],
            proposed_deadline=today + datetime.timedelta(days=spec["proposed_deadline_in_days"]),
        )
    for step in spec.get("steps", []):
        actor = users[step["by"]]
        params = {key: value for key, value in step.items() if key not in ("do", "by", "note")}
        # As the actor would act: in their language (the language recorded with answers and messages).
        with translation.override(actor.preferred_language):
            info_request = InformationRequest.objects.get(pk=info_request.pk)
            if step["do"] == ANSWER:
                answers = _answers(info_request, params["answers"], today)
                services.answers_save(info_request=info_request, user=actor, answers=answers)
            elif step["do"] == MESSAGE:
                services.message_add(info_request=info_request, user=actor, body=params["body"])
            elif step["do"] == OVERDUE:
                _make_overdue(info_request, today - datetime.timedelta(days=params["days_ago"]))
            else:
                workflow.apply(
                    request_id=info_request.pk,
                    action=step["do"],
                    actor=actor,
                    note=step.get("note", ""),
                    **_effect_params(info_request, params, authorities, users),
                )
    status = InformationRequest.objects.values_list("status", flat=True).get(pk=info_request.pk)
    if status != spec["state"]:
        raise RuntimeError(f"Demo request {spec['summary']!r} ended {status}, not {spec['state']}.")
    return info_request


def _items(info_request, orders):
    """The request's questions, by their order in the question set."""
    return {item.question.order: item for item in info_request.questions.select_related("question")} if orders else {}


def _answers(info_request, answers, today):
    """{question order: value} to what answers_save takes; a choice is given as the option's order,
    a date relative to today as {"in_days": n}."""
    items = _items(info_request, answers)
    values = {}
    for order, value in answers.items():
        item = items[order]
        if item.question.kind == Question.Kind.CHOICE:
            value = item.question.options.get(order=value)
        elif isinstance(value, dict):
            value = today + datetime.timedelta(days=value["in_days"])
        values[item.pk] = value
    return values


def _effect_params(info_request, params, authorities, users):
    """Authorities given as country and official name, handlers as their e-mail, questions to split off as
    their orders in the set."""
    if "handler" in params:
        params["handler"] = users[params["handler"]]
    if "authority" in params:
        params["authority"] = _authority(params["authority"], authorities)
    if "questions" in params:
        items = _items(info_request, params["questions"])
        params["question_ids"] = [items[order].pk for order in params.pop("questions")]
    return params


def _make_overdue(info_request, deadline):
    # Demo data standing for a request accepted weeks ago: it was accepted normally just now (the
    # workflow sets the agreed deadline from today), and its agreed deadline is moved into the past
    # here so that the demo shows an overdue request. Only the deadline changes, never the status.
    InformationRequest.objects.filter(pk=info_request.pk).update(agreed_deadline=deadline)
