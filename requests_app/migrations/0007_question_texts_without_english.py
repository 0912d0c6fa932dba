"""Three translations of a professional-qualifications question that still carried English.

"(certificate of good standing)" was left in the Danish, Latvian and Estonian
texts of question 10 of ``pq-general``. A fresh database gets the corrected
wording here, as ``load_content`` gives it to an installed one; a text that
was changed since (by an uploaded question set) is left as it is.
Self-contained: the texts are written out, no content file is read.
"""

from django.db import migrations

TEXTS = {
    "da": (
        "Vedlæg venligst en kopi af attesten om erhvervsudøverens faglige status (certificate of good standing).",
        "Vedlæg venligst en kopi af attesten om erhvervsudøverens aktuelle faglige status.",
    ),
    "lv": (
        "Lūdzu, pievienojiet labas profesionālās reputācijas apliecības (certificate of good standing) kopiju.",
        "Lūdzu, pievienojiet labas profesionālās reputācijas apliecības kopiju.",
    ),
    "et": (
        "Palun lisage koopia tõendist, et kutseala esindajal on õigus kutsealal tegutseda"
        " (certificate of good standing).",
        "Palun lisage koopia tõendist, et kutseala esindajal on õigus kutsealal tegutseda.",
    ),
}


def update(apps, schema_editor, *, forward=True):
    Question = apps.get_model("requests_app", "Question")
    questions = Question.objects.filter(question_set__code="pq-general", order=10)
    for lang, (old, new) in TEXTS.items():
        before, after = (old, new) if forward else (new, old)
        questions.filter(**{f"text_{lang}": before}).update(**{f"text_{lang}": after})


def backward(apps, schema_editor):
    update(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0006_event_assignee"),
    ]

    operations = [
        migrations.RunPython(update, backward),
    ]
