"""Production content as data: the files every language side by side, one loader, migrations that stand alone."""

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.db.models import Q

from authorities.models import Country
from core.content_loader import ContentError
from core.help_content import load_help_pages
from core.models import HelpPage
from imi import devservices
from requests_app import question_sets
from requests_app.models import AnswerOption, Question, QuestionSet

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_the_24_official_languages_of_the_eu_are_the_enabled_ones():
    official = [
        "bg",
        "cs",
        "da",
        "de",
        "el",
        "en",
        "es",
        "et",
        "fi",
        "fr",
        "ga",
        "hr",
        "hu",
        "it",
        "lt",
        "lv",
        "mt",
        "nl",
        "pl",
        "pt",
        "ro",
        "sk",
        "sl",
        "sv",
    ]
    assert LANGUAGES[0] == "en" and sorted(LANGUAGES) == official


def test_the_dev_tooling_checks_and_extracts_the_catalogues_of_exactly_the_enabled_languages():
    # imi/devservices.py is stdlib-only and the Makefile cannot read the settings: each keeps its own list.
    others = sorted(LANGUAGES[1:])
    assert sorted(devservices.LANGUAGES) == others
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert sorted(re.search(r"^LANGS := (.*)$", makefile, re.MULTILINE).group(1).split()) == others


def test_a_fresh_database_has_every_question_set_translated_into_every_language(db):
    # Only the migrations have run: no seed_demo, no loader.
    codes = {path.stem for path in question_sets.CONTENT.glob("*.yaml")}
    assert len(codes) >= 5
    assert set(QuestionSet.objects.values_list("code", flat=True)) == codes
    assert Question.objects.filter(question_set__code__in=codes).count() >= 40
    assert AnswerOption.objects.filter(question__question_set__code__in=codes).count() >= 20
    for lang in LANGUAGES:
        assert not QuestionSet.objects.filter(untranslated("name", lang)).exists(), lang
        assert not Question.objects.filter(untranslated("text", lang)).exists(), lang
        assert not AnswerOption.objects.filter(untranslated("text", lang)).exists(), lang


def untranslated(field, lang):
    return Q(**{f"{field}_{lang}__isnull": True}) | Q(**{f"{field}_{lang}__regex": r"^\s*$"})


def test_the_migrations_load_exactly_what_the_content_files_hold(db):
    out = call_command_output("load_content")
    assert "Content loaded: 0 rows created, 0 updated." in out
    assert Country.objects.count() == 30
    assert HelpPage.objects.filter(slug__in=["training", "contacts"]).count() == 2


def call_command_output(*args, **options):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def content_copy(tmp_path):
    directory = tmp_path / "question_sets"
    shutil.copytree(question_sets.CONTENT, directory)
    return directory


def test_loading_the_question_sets_twice_changes_nothing_and_an_edited_text_is_updated(db, content_copy):
    rows = (QuestionSet.objects.count(), Question.objects.count(), AnswerOption.objects.count())
    assert question_sets.load_question_sets(content_copy) == {"created": 0, "updated": 0}

    path = content_copy / "pq-general.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"][1]["text"]["lv"] = "Vai diploms ir īsts?"
    data["questions"].append({"kind": "text", "text": {lang: f"A new question ({lang})" for lang in LANGUAGES}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    assert question_sets.load_question_sets(content_copy) == {"created": 1, "updated": 1}
    assert question_sets.load_question_sets(content_copy) == {"created": 0, "updated": 0}
    assert (QuestionSet.objects.count(), Question.objects.count(), AnswerOption.objects.count()) == (
        rows[0],
        rows[1] + 1,
        rows[2],
    )
    question = Question.objects.get(question_set__code="pq-general", order=2)
    assert question.text_lv == "Vai diploms ir īsts?"
    assert question.text_en == "Is the attached diploma authentic?"


def test_a_file_with_problems_loads_nothing_and_says_where_each_problem_is(db, content_copy):
    path = content_copy / "pq-general.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"]["en"] = "Renamed"
    del data["questions"][1]["text"]["lv"]
    data["questions"][2]["kind"] = "number"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with pytest.raises(ContentError) as raised:
        question_sets.load_question_sets(content_copy)
    assert raised.value.errors == [
        "pq-general.yaml, question 2, text: no text in lv",
        "pq-general.yaml, question 3: unknown kind 'number' (one of yes_no, choice, date, text, file)",
    ]
    assert QuestionSet.objects.get(code="pq-general").name_en != "Renamed"


def test_help_pages_edited_in_the_admin_are_kept_unless_an_update_is_asked_for(db):
    HelpPage.objects.filter(slug="training").update(title_da="Kurser")
    HelpPage.objects.filter(slug="contacts").delete()
    assert load_help_pages() == {"created": 1, "updated": 0}
    assert HelpPage.objects.get(slug="training").title_da == "Kurser"
    assert load_help_pages(update=True) == {"created": 0, "updated": 1}
    assert HelpPage.objects.get(slug="training").title_da == "Undervisning"


def project_packages():
    return {path.parent.name for path in ROOT.glob("*/__init__.py")}


def test_no_migration_imports_a_module_of_the_project_besides_models_and_fields():
    # What makemigrations writes (models for callables and managers, model fields) may be
    # imported; content and its loaders may not: a migration must do tomorrow what it does today.
    ours = project_packages()
    allowed = {f"{package}.models" for package in ours} | {"core.fields"}
    migrations = sorted(ROOT.glob("*/migrations/*.py"))
    assert len(migrations) > 10
    offending = []
    for path in migrations:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
                modules = [node.module] if node.module in allowed else modules
            else:
                continue
            for module in modules:
                if module.split(".")[0] in ours and module not in allowed:
                    offending.append(f"{path.relative_to(ROOT)}: {module}")
    assert offending == []


def test_no_question_set_leaves_english_words_inside_another_language(db):
    # A Danish or Latvian handler reads "(certificate of good standing)" as a foreign body:
    # a bracketed English phrase copied from the English text into a translation.
    leftovers = []
    for path in sorted(question_sets.CONTENT.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = [data["name"]] + [item["text"] for item in data["questions"]]
        texts += [option for item in data["questions"] for option in item.get("options", ())]
        for by_language in texts:
            english = by_language["en"].lower()
            for lang, text in by_language.items():
                for bracketed in re.findall(r"\(([^)]+)\)", text):
                    if lang != "en" and " " in bracketed and bracketed.lower() in english:
                        leftovers.append((path.name, lang, bracketed))
    assert leftovers == []
    # and an installed database gets the corrected wording from the migrations alone
    question = Question.objects.get(question_set__code="pq-general", order=10)
    assert "good standing" not in question.text_da + question.text_lv + question.text_et
