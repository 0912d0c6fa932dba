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

from django.conf import settings
from django.core.validators import slug_re
from django.db import transaction
from django.utils.translation import gettext as _

from authorities.models import LegislativeArea
from core import content_loader
from requests_app.models import AnswerOption, Question, QuestionSet

CONTENT = Path(__file__).resolve().parent / "content" / "question_sets"


def _at(where, place):
    """``place`` in the file ``where``; just ``place`` for a file uploaded on its own (``where`` empty)."""
    return f"{where}, {place}" if where else place


def _shown(value):
    """A value of the file as a problem shows it: a short scalar as written, not a whole structure."""
    if isinstance(value, str | int | float | bool | type(None)):
        shown = repr(value)
        return shown if len(shown) <= 60 else f"{shown[:57]}..."
    return _("a list") if isinstance(value, list) else _("a mapping")


def _code(value, where, problems, *, max_length):
    """A code (a slug): records a problem and returns None if ``value`` is not one."""
    if not isinstance(value, str) or not value.strip():
        problems.add(where, _("no code"))
        return None
    if len(value) > max_length or not slug_re.fullmatch(value):
        problems.add(
            where,
            _("the code %(code)s is not %(max_length)d letters, digits, hyphens or underscores at most")
            % {"code": _shown(value), "max_length": max_length},
        )
        return None
    return value


def _legislative_area_check(value, where, problems):
    """The code of the set's area, and the area's name when the file gives one (a new area).

    ``legislative_area`` is either the code of an existing area or a mapping
    ``{code: ..., name: {en: ..., bg: ..., ...}}``; an area of that code is
    created if there is none, and used as it is if there is one.
    """
    if isinstance(value, dict):
        at = _at(where, _("legislative area"))
        code = _code(value.get("code"), at, problems, max_length=LegislativeArea._meta.get_field("code").max_length)
        name = content_loader.texts(
            value.get("name"),
            _at(where, _("legislative area, name")),
            problems,
            max_length=LegislativeArea._meta.get_field("name").max_length,
        )
        return code, name
    is_code = isinstance(value, str) and slug_re.fullmatch(value)
    if not is_code or not LegislativeArea.objects.filter(code=value).exists():
        problems.add(where, _("unknown legislative area %(area)s") % {"area": _shown(value)})
    return value, None


def question_set_check(data, where, problems):
    """The question set a file describes, checked; records every problem and returns None if any.

    ``where`` names the file in each problem; empty for a file uploaded on its own.
    """
    before = len(problems.items)
    if not isinstance(data, dict):
        problems.add(where, _("expected a question set (code, legislative_area, name, questions)"))
        return None
    code = _code(data.get("code"), where, problems, max_length=QuestionSet._meta.get_field("code").max_length)
    area, area_name = _legislative_area_check(data.get("legislative_area"), where, problems)
    name = content_loader.texts(
        data.get("name"), _at(where, _("name")), problems, max_length=QuestionSet._meta.get_field("name").max_length
    )
    questions = []
    items = data.get("questions")
    if not isinstance(items, list) or not items:
        problems.add(where, _("no questions"))
        items = []
    option_length = AnswerOption._meta.get_field("text").max_length
    for number, item in enumerate(items, start=1):
        at = _at(where, _("question %(number)d") % {"number": number})
        if not isinstance(item, dict):
            problems.add(at, _("expected a question (kind, text)"))
            continue
        kind = item.get("kind")
        if kind not in Question.Kind.values:
            problems.add(
                at,
                _("unknown kind %(kind)s (one of %(kinds)s)")
                % {"kind": _shown(kind), "kinds": ", ".join(Question.Kind.values)},
            )
        text = content_loader.texts(
            item.get("text"), _at(where, _("question %(number)d, text") % {"number": number}), problems
        )
        options = item.get("options") or []
        if (kind == Question.Kind.CHOICE) != bool(options):
            problems.add(at, _("a choice question has options, and only a choice question"))
        if not isinstance(options, list):
            problems.add(at, _("expected a list of options"))
            options = []
        texts = [
            content_loader.texts(
                option,
                _at(where, _("question %(number)d, option %(option)d") % {"number": number, "option": n}),
                problems,
                max_length=option_length,
            )
            for n, option in enumerate(options, start=1)
        ]
        questions.append({"kind": kind, "text": text, "options": texts})
    if len(problems.items) > before:
        return None
    return {
        "code": code,
        "legislative_area": area,
        "legislative_area_name": area_name,
        "name": name,
        "questions": questions,
    }


def question_set_write(question_set):
    """Create or update a checked question set, its questions and options; returns the counts.

    The set is matched by code, questions by set and order, options by
    question and order. Rows the data no longer lists are left alone:
    requests may still point to them. An area the file names (with its name)
    is created if there is none of its code; an existing one is left as it is.
    """
    counts = content_loader.Counts()
    if question_set.get("legislative_area_name"):
        area, outcome = content_loader.upsert(
            LegislativeArea,
            {"code": question_set["legislative_area"]},
            translated={"name": question_set["legislative_area_name"]},
            update=False,
        )
        counts.add(outcome)
    else:
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


def question_set_import(question_set, *, dry_run):
    """Write a checked question set all or nothing, and return the counts.

    With ``dry_run`` the same writes run in a transaction that is rolled back:
    the counts say what confirming would do, and nothing is kept.
    """
    with transaction.atomic():
        counts = question_set_write(question_set)
        if dry_run:
            transaction.set_rollback(True)
    return counts


def question_set_preview(question_set, *, language):
    """What a checked question set is, for a superuser to read before it is written.

    Texts are given in ``language`` (the reader's); the set's name in every enabled language.
    """

    def text(by_language):
        return by_language.get(language) or by_language[content_loader.DEFAULT_LANGUAGE]

    area = LegislativeArea.objects.filter(code=question_set["legislative_area"]).first()
    return {
        "code": question_set["code"],
        "is_new": not QuestionSet.objects.filter(code=question_set["code"]).exists(),
        "area_code": question_set["legislative_area"],
        "area_name": area.name if area else text(question_set["legislative_area_name"]),
        "area_is_new": area is None,
        "names": [(label, question_set["name"][code]) for code, label in settings.LANGUAGES],
        "questions": [
            {
                "number": number,
                "kind": str(Question.Kind(item["kind"]).label),
                "text": text(item["text"]),
                "options": [text(option) for option in item["options"]],
            }
            for number, item in enumerate(question_set["questions"], start=1)
        ],
    }


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
            problems.add(path.name, _("another file has the code %(code)s") % {"code": _shown(question_set["code"])})
        elif question_set:
            codes.add(question_set["code"])
        question_sets.append(question_set)
    problems.raise_any()
    counts = content_loader.Counts()
    with transaction.atomic():
        for question_set in question_sets:
            counts.merge(question_set_write(question_set))
    return counts
