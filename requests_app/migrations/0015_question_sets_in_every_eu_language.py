"""The question sets in the eighteen languages added by ``0014_every_eu_language``.

Self-contained on purpose: it reads the copy of the sets frozen with it
(``data/0015_every_eu_language/``) with the historical models, finding each set by
its code and its questions and options by their order, as ``0005_question_sets``
does. It fills only the new languages' columns, and only where they are empty.
"""

from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "0015_every_eu_language"
NEW = ("cs", "de", "el", "es", "fi", "fr", "ga", "hr", "hu", "it", "lt", "mt", "nl", "pl", "pt", "sk", "sl", "sv")


def fill(obj, field, texts):
    if obj is None:
        return
    for lang in NEW:
        if not getattr(obj, f"{field}_{lang}"):
            setattr(obj, f"{field}_{lang}", texts[lang])
    obj.save()


def load(apps, schema_editor):
    QuestionSet = apps.get_model("requests_app", "QuestionSet")
    Question = apps.get_model("requests_app", "Question")
    AnswerOption = apps.get_model("requests_app", "AnswerOption")
    for path in sorted(DATA.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        question_set = QuestionSet.objects.filter(code=data["code"]).order_by("pk").first()
        if question_set is None:
            continue
        fill(question_set, "name", data["name"])
        for order, item in enumerate(data["questions"], start=1):
            question = Question.objects.filter(question_set=question_set, order=order).order_by("pk").first()
            fill(question, "text", item["text"])
            for option_order, option in enumerate(item.get("options", ()), start=1):
                if question is not None:
                    found = AnswerOption.objects.filter(question=question, order=option_order).order_by("pk").first()
                    fill(found, "text", option)


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0014_every_eu_language"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
