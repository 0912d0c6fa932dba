"""A superuser imports one question set file in the admin: a preview that writes nothing, then all or nothing."""

import pytest
import yaml
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from authorities.models import LegislativeArea
from core.admin_mixins import sha256
from requests_app.admin import QuestionSetUploadForm
from requests_app.models import AnswerOption, Question, QuestionSet
from tests.factories import area

IMPORT = reverse("admin:requests_app_questionset_import")
CHANGELIST = reverse("admin:requests_app_questionset_changelist")
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def in_every_language(english, bulgarian=None):
    return {lang: (bulgarian if lang == "bg" and bulgarian else f"{english} ({lang})") for lang in LANGUAGES}


def question_set_data(**changes):
    """A new set of three questions of posted workers' pay, one of them a choice of two options."""
    data = {
        "code": "pow-pay",
        "legislative_area": "posting-of-workers",
        "name": in_every_language("Pay of posted workers", "Заплащане на командированите работници"),
        "questions": [
            {
                "kind": "yes_no",
                "text": in_every_language("Is the employer registered?", "Регистриран ли е работодателят?"),
            },
            {
                "kind": "choice",
                "text": in_every_language("How is the worker paid?", "Как се плаща на работника?"),
                "options": [in_every_language("Monthly", "Месечно"), in_every_language("Hourly", "На час")],
            },
            {"kind": "text", "text": in_every_language("What is the gross pay?", "Какво е брутното заплащане?")},
        ],
    }
    data.update(changes)
    return data


def yaml_file(data):
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def preview(client, content, name="pow-pay.yaml"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content, content_type="application/yaml")})


def confirm(client, digest):
    return client.post(IMPORT, {"confirm": "1", "sha256": digest})


def rows():
    return (
        LegislativeArea.objects.count(),
        QuestionSet.objects.count(),
        Question.objects.count(),
        AnswerOption.objects.count(),
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def superuser(world, client):
    client.force_login(world.superuser)
    return world.superuser


@pytest.fixture
def bulgarian_superuser(world, client):
    # The portal administrator, reading the admin in Bulgarian.
    world.superuser.preferred_language = "bg"
    world.superuser.save(update_fields=["preferred_language"])
    client.force_login(world.superuser)
    return world.superuser


def test_the_changelist_offers_the_import_to_a_superuser_only(client, world, superuser):
    assert client.get(CHANGELIST).context["question_set_import_url"] == IMPORT
    client.force_login(world.bg_coordinator)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert "question_set_import_url" not in response.context


def test_it_previews_a_new_set_in_the_readers_language_and_writes_nothing(client, bulgarian_superuser):
    before = rows()

    response = preview(client, yaml_file(question_set_data()))

    assert response.status_code == 200
    assert rows() == before
    assert response.context["problems"] == []
    shown = response.context["preview"]
    assert shown["code"] == "pow-pay"
    assert shown["is_new"] is True
    assert (shown["area_code"], shown["area_is_new"]) == ("posting-of-workers", False)
    assert [name for _language, name in shown["names"]] == [
        "Заплащане на командированите работници" if lang == "bg" else f"Pay of posted workers ({lang})"
        for lang in LANGUAGES
    ]
    # The questions read in the superuser's language.
    assert shown["questions"][1] == {
        "number": 2,
        "kind": "Избор между няколко варианта",
        "text": "Как се плаща на работника?",
        "options": ["Месечно", "На час"],
    }
    # The set, three questions, two options.
    assert response.context["counts"] == {"created": 6, "updated": 0}
    assert response.context["sha256"] == sha256(yaml_file(question_set_data()))
    assert "Как се плаща на работника?" in response.content.decode()


def test_confirming_the_preview_imports_the_whole_set_in_every_language(client, superuser):
    before = rows()
    response = preview(client, yaml_file(question_set_data()))

    response = confirm(client, response.context["sha256"])

    assert response.status_code == 302
    assert response.url == CHANGELIST
    assert rows() == (before[0], before[1] + 1, before[2] + 3, before[3] + 2)
    question_set = QuestionSet.objects.get(code="pow-pay")
    assert question_set.legislative_area.code == "posting-of-workers"
    assert question_set.name_bg == "Заплащане на командированите работници"
    assert question_set.name_et == "Pay of posted workers (et)"
    choice = question_set.questions.get(order=2)
    assert (choice.kind, choice.text_lv) == ("choice", "How is the worker paid? (lv)")
    assert list(choice.options.order_by("order").values_list("text_bg", flat=True)) == ["Месечно", "На час"]
    assert messages_of(response) == ["Imported from pow-pay.yaml: 6 created, 0 updated."]
    entry = LogEntry.objects.get(object_id=str(question_set.pk), content_type__model="questionset")
    assert (entry.action_flag, entry.user) == (ADDITION, superuser)
    # The previewed file is used once.
    assert confirm(client, sha256(yaml_file(question_set_data()))).status_code == 302
    assert rows() == (before[0], before[1] + 1, before[2] + 3, before[3] + 2)


def test_a_file_for_an_existing_set_updates_what_changed(client, superuser):
    client.post(IMPORT, {"confirm": "1", "sha256": preview(client, yaml_file(question_set_data())).context["sha256"]})
    data = question_set_data()
    data["questions"][2]["text"]["da"] = "Hvad er bruttolønnen?"
    data["questions"].append({"kind": "date", "text": in_every_language("Since when?")})
    before = rows()

    response = preview(client, yaml_file(data))
    assert response.context["preview"]["is_new"] is False
    assert response.context["counts"] == {"created": 1, "updated": 1}
    assert rows() == before

    response = confirm(client, response.context["sha256"])
    assert messages_of(response) == ["Imported from pow-pay.yaml: 1 created, 1 updated."]
    assert rows() == (before[0], before[1], before[2] + 1, before[3])
    assert Question.objects.get(question_set__code="pow-pay", order=3).text_da == "Hvad er bruttolønnen?"
    assert LogEntry.objects.filter(action_flag=CHANGE, content_type__model="questionset").count() == 1


def test_a_file_the_same_as_the_stored_set_has_nothing_to_confirm(client, superuser):
    confirm(client, preview(client, yaml_file(question_set_data())).context["sha256"])

    response = preview(client, yaml_file(question_set_data()))

    assert response.context["counts"] == {"created": 0, "updated": 0}
    assert response.context["sha256"] == ""
    assert 'name="confirm"' not in response.content.decode()
    assert "Nothing to import" in response.content.decode()


def test_a_file_with_one_bad_question_writes_nothing_and_says_which_row(client, superuser):
    data = question_set_data()
    del data["questions"][2]["text"]["lv"]
    data["questions"][1]["options"][1] = "Hourly"
    before = rows()

    response = preview(client, yaml_file(data))

    assert response.context["problems"] == [
        ("question 2, option 2", f"expected a text in each language ({', '.join(LANGUAGES)})"),
        ("question 3, text", "no text in lv"),
    ]
    assert response.context["preview"] is None
    assert "question 3, text" in response.content.decode()
    assert 'name="confirm"' not in response.content.decode()
    assert rows() == before
    # Nothing was kept to confirm.
    assert "question_set_import" not in client.session
    assert confirm(client, sha256(yaml_file(data))).status_code == 302
    assert rows() == before


def test_a_missing_language_is_an_error(client, superuser):
    data = question_set_data()
    del data["name"]["et"]
    data["questions"][0]["text"]["ro"] = "  "

    response = preview(client, yaml_file(data))

    assert response.context["problems"] == [("name", "no text in et"), ("question 1, text", "no text in ro")]
    assert not QuestionSet.objects.filter(code="pow-pay").exists()


def test_the_set_and_each_question_are_checked(client, superuser):
    data = question_set_data(code="Pay of posted workers", legislative_area="no-such-area")
    data["questions"][0]["kind"] = "number"
    data["questions"][2]["options"] = [in_every_language("Gross")]

    response = preview(client, yaml_file(data))

    assert response.context["problems"] == [
        ("", "the code 'Pay of posted workers' is not 80 letters, digits, hyphens or underscores at most"),
        ("", "unknown legislative area 'no-such-area'"),
        ("question 1", "unknown kind 'number' (one of yes_no, choice, date, text, file)"),
        ("question 3", "a choice question has options, and only a choice question"),
    ]
    assert "The whole file" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"code: [pow-pay\nname: x\n", "The file is not valid YAML (line 2, column 5)."),
        ("code: pow-pay\nname: Заплащане\n".encode("cp1251"), "The file is not text in UTF-8."),
        (b"[" * 5000 + b"]" * 5000, "The file is not valid YAML."),
        (b"x" * (QuestionSetUploadForm.max_bytes + 1), "The file is larger than 256.0\xa0KB."),
    ],
    ids=["not-yaml", "not-utf-8", "nested-too-deep", "too-big"],
)
def test_a_file_that_cannot_be_read_is_refused_with_its_reason(client, world, content, error):
    client.force_login(world.superuser)
    before = rows()

    response = preview(client, content)

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [error]}
    assert response.context["preview"] is None
    assert rows() == before


def test_yaml_is_read_safely_without_running_tags(client, world):
    client.force_login(world.superuser)
    content = b"code: !!python/object/apply:os.system ['true']\n"

    response = preview(client, content)

    assert response.context["form"].errors == {"file": ["The file is not valid YAML (line 1, column 7)."]}


def test_a_confirmation_for_another_file_than_the_previewed_one_is_refused(client, superuser):
    previewed = yaml_file(question_set_data())
    preview(client, previewed)
    other = question_set_data()
    other["name"]["en"] = "Slipped in"
    before = rows()

    response = confirm(client, sha256(yaml_file(other)))

    assert response.status_code == 302
    assert response.url == IMPORT
    assert messages_of(response) == [
        "The file has changed since its preview, or the preview has expired. Upload it again."
    ]
    assert rows() == before


def test_a_preview_in_another_tab_makes_the_first_one_stale(client, superuser):
    first = preview(client, yaml_file(question_set_data()))
    preview(client, yaml_file(question_set_data(code="pow-other")))
    before = rows()

    response = confirm(client, first.context["sha256"])

    assert response.url == IMPORT
    assert rows() == before


@pytest.mark.parametrize("persona", ["bg_coordinator", "pt_coordinator", "bg_helpdesk"])
def test_staff_who_are_not_superusers_are_refused(client, world, persona):
    # Coordinators and helpdesk staff read question sets in the admin; only superusers change them.
    client.force_login(world.superuser)
    digest = preview(client, yaml_file(question_set_data())).context["sha256"]
    session = client.session.get("question_set_import")
    client.force_login(getattr(world, persona))
    stored = client.session
    stored["question_set_import"] = session
    stored.save()
    before = rows()

    assert client.get(IMPORT).status_code == 403
    assert preview(client, yaml_file(question_set_data())).status_code == 403
    assert confirm(client, digest).status_code == 403
    assert rows() == before


def test_users_outside_the_admin_are_sent_to_log_in(client, world):
    assert client.get(IMPORT).url.startswith(reverse("admin:login"))
    client.force_login(world.bg_handler)
    response = preview(client, yaml_file(question_set_data()))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not QuestionSet.objects.filter(code="pow-pay").exists()


def test_a_new_legislative_area_is_opened_from_its_code_and_names(client, bulgarian_superuser):
    names = in_every_language("Road transport", "Автомобилен транспорт")
    data = question_set_data(code="rt-general", legislative_area={"code": "road-transport", "name": names})

    response = preview(client, yaml_file(data))
    shown = response.context["preview"]
    assert (shown["area_code"], shown["area_name"], shown["area_is_new"]) == (
        "road-transport",
        "Автомобилен транспорт",
        True,
    )
    assert response.context["counts"] == {"created": 7, "updated": 0}
    assert not LegislativeArea.objects.filter(code="road-transport").exists()

    confirm(client, response.context["sha256"])

    road_transport = LegislativeArea.objects.get(code="road-transport")
    assert (road_transport.name_en, road_transport.name_bg, road_transport.name_lv) == (
        "Road transport (en)",
        "Автомобилен транспорт",
        "Road transport (lv)",
    )
    assert QuestionSet.objects.get(code="rt-general").legislative_area == road_transport


def test_an_area_given_with_its_names_that_exists_is_used_as_it_is(client, superuser):
    posting = area("posting-of-workers")
    name_en = posting.name_en
    data = question_set_data(
        legislative_area={"code": "posting-of-workers", "name": in_every_language("Renamed posting")}
    )
    response = preview(client, yaml_file(data))
    assert response.context["preview"]["area_is_new"] is False
    assert response.context["counts"] == {"created": 6, "updated": 0}

    confirm(client, response.context["sha256"])

    posting.refresh_from_db()
    assert posting.name_en == name_en
    assert QuestionSet.objects.get(code="pow-pay").legislative_area == posting


def test_a_new_area_needs_a_code_and_a_name_in_every_language(client, superuser):
    data = question_set_data(legislative_area={"code": "", "name": {"en": "Road transport"}})

    response = preview(client, yaml_file(data))

    assert response.context["problems"] == [
        ("legislative area", "no code"),
        ("legislative area, name", f"no text in {', '.join(LANGUAGES[1:])}"),
    ]
    assert not LegislativeArea.objects.filter(name_en="Road transport").exists()


def test_a_text_the_database_cannot_store_is_an_error(client, superuser):
    data = question_set_data()
    data["questions"][0]["text"]["da"] = "Er arbejdsgiveren registreret?\x00"
    data["questions"][1]["options"][0]["en"] = "M" * 301
    data["legislative_area"] = "posting-of-workers\x00"

    response = preview(client, yaml_file(data))

    assert response.status_code == 200
    assert response.context["problems"] == [
        ("", "unknown legislative area 'posting-of-workers\\x00'"),
        ("question 1, text", "a NUL character in da"),
        ("question 2, option 1", "longer than 300 characters in en"),
    ]
    assert not QuestionSet.objects.filter(code="pow-pay").exists()
