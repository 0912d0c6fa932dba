"""The question sets, from the copy of their data frozen with this migration.

Before it, only ``seed_demo`` loaded question sets, so a production install
had none. Self-contained on purpose: it reads ``data/0005_question_sets/``
with the historical models, so later edits of the content
(``requests_app/content/``) or of its loader never change what this
migration does. On a database that already has the sets (from ``seed_demo``)
it finds them by code, their questions and options by order, and writes the
same texts again. A set whose legislative area was removed is skipped.
"""

from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "0005_question_sets"


def translated(field, texts):
    # The untranslated column holds the English text, each <field>_<language> column its language's.
    return {field: texts["en"], **{f"{field}_{lang}": text for lang, text in texts.items()}}


def upsert(model, lookup, values):
    obj = model.objects.filter(**lookup).order_by("pk").first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.save()
    return obj


def load(apps, schema_editor):
    LegislativeArea = apps.get_model("authorities", "LegislativeArea")
    QuestionSet = apps.get_model("requests_app", "QuestionSet")
    Question = apps.get_model("requests_app", "Question")
    AnswerOption = apps.get_model("requests_app", "AnswerOption")
    areas = dict(LegislativeArea.objects.values_list("code", "pk"))
    for path in sorted(DATA.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["legislative_area"] not in areas:
            continue
        values = {"legislative_area_id": areas[data["legislative_area"]], **translated("name", data["name"])}
        question_set = upsert(QuestionSet, {"code": data["code"]}, values)
        for order, item in enumerate(data["questions"], start=1):
            values = {"kind": item["kind"], **translated("text", item["text"])}
            question = upsert(Question, {"question_set_id": question_set.pk, "order": order}, values)
            for option_order, option in enumerate(item.get("options", ()), start=1):
                upsert(AnswerOption, {"question_id": question.pk, "order": option_order}, translated("text", option))


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0002_reference_data"),
        ("requests_app", "0004_attachment_generated_names_and_reads"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
