"""The question sets information requests are built from.

One file per set in ``requests_app/content/question_sets/``: its code, the
code of its legislative area, its name, and its questions in order, each
with its answer kind and, for a choice, its options; every text in every
language side by side. A question's ``order`` is its position in the file
(from 1) and an option's ``order`` its position among the question's options.
Questions and options are matched on that order, so add new ones at the end
of a list: moving one would rewrite the rows that requests already point to.

A fresh database gets the sets from the data migration ``0005_question_sets``
(a frozen copy); ``load_content`` and ``seed_demo`` bring an existing one up
to date with ``load_question_sets``.

The wording follows the directives of each area (2005/36/EC, 2006/123/EC,
2014/67/EU, 2011/24/EU) and the terms of the IMI leaflet of each language:
«специалист, доставчик на услуги, командирован работник, екскурзовод» (bg),
«specialist, furnizor de servicii, lucrător detașat, ghid turistic» (ro),
«erhvervsudøver, tjenesteyder, udstationeret arbejdstager, turistguide» (da),
«speciālists, pakalpojumu sniedzējs, norīkotais darbinieks, tūristu gids» (lv),
«kutseala esindaja, teenuseosutaja, lähetatud töötaja, giid» (et).
"""

from pathlib import Path

from django.db import transaction

from authorities.models import LegislativeArea
from core import content_loader
from requests_app.models import AnswerOption, Question, QuestionSet

CONTENT = Path(__file__).resolve().parent / "content" / "question_sets"


def question_set_check(data, where, problems):
    """The question set a file describes, checked; records every problem and returns None if any."""
    before = len(problems.errors)
    if not isinstance(data, dict):
        problems.add(where, "expected a question set (code, legislative_area, name, questions)")
        return None
    code = data.get("code")
    if not isinstance(code, str) or not code.strip():
        problems.add(where, "no code")
    area = data.get("legislative_area")
    if not isinstance(area, str) or not LegislativeArea.objects.filter(code=area).exists():
        problems.add(where, f"unknown legislative area {area!r}")
    name = content_loader.texts(data.get("name"), f"{where}, name", problems)
    questions = []
    items = data.get("questions")
    if not isinstance(items, list) or not items:
        problems.add(where, "no questions")
        items = []
    for number, item in enumerate(items, start=1):
        at = f"{where}, question {number}"
        if not isinstance(item, dict):
            problems.add(at, "expected a question (kind, text)")
            continue
        kind = item.get("kind")
        if kind not in Question.Kind.values:
            problems.add(at, f"unknown kind {kind!r} (one of {', '.join(Question.Kind.values)})")
        text = content_loader.texts(item.get("text"), f"{at}, text", problems)
        options = item.get("options") or []
        if (kind == Question.Kind.CHOICE) != bool(options):
            problems.add(at, "a choice question has options, and only a choice question")
        if not isinstance(options, list):
            problems.add(at, "expected a list of options")
            options = []
        texts = [
            content_loader.texts(option, f"{at}, option {n}", problems) for n, option in enumerate(options, start=1)
        ]
        questions.append({"kind": kind, "text": text, "options": texts})
    if len(problems.errors) > before:
        return None
    return {"code": code, "legislative_area": area, "name": name, "questions": questions}


def question_set_write(question_set):
    """Create or update a checked question set, its questions and options; returns the counts.

    The set is matched by code, questions by set and order, options by
    question and order. Rows the data no longer lists are left alone:
    requests may still point to them.
    """
    counts = content_loader.Counts()
    area = LegislativeArea.objects.get(code=question_set["legislative_area"])
    qset, outcome = content_loader.upsert(
        QuestionSet,
        {"code": question_set["code"]},
        values={"legislative_area_id": area.pk},
        translated={"name": question_set["name"]},
    )
    counts.add(outcome)
    for order, item in enumerate(question_set["questions"], start=1):
        question, outcome = content_loader.upsert(
            Question,
            {"question_set_id": qset.pk, "order": order},
            values={"kind": item["kind"]},
            translated={"text": item["text"]},
        )
        counts.add(outcome)
        for option_order, option in enumerate(item["options"], start=1):
            counts.add(
                content_loader.upsert(
                    AnswerOption, {"question_id": question.pk, "order": option_order}, translated={"text": option}
                )[1]
            )
    return counts


def load_question_sets(directory=CONTENT):
    """Create or update the question sets of every file in ``directory``; idempotent, all or nothing.

    The legislative areas must be there first. Checks every file before
    writing anything. Returns how many rows were created and updated.
    """
    problems = content_loader.Problems()
    question_sets = []
    codes = set()
    for path in sorted(Path(directory).glob("*.yaml")):
        question_set = question_set_check(content_loader.read(path), path.name, problems)
        if question_set and question_set["code"] in codes:
            problems.add(path.name, f"another file has the code {question_set['code']!r}")
        elif question_set:
            codes.add(question_set["code"])
        question_sets.append(question_set)
    problems.raise_any()
    counts = content_loader.Counts()
    with transaction.atomic():
        for question_set in question_sets:
            counts.merge(question_set_write(question_set))
    return counts
