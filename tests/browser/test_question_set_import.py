"""The portal administrator opens a new legislative area by importing its translated question set in the admin."""

from requests_app.models import QuestionSet
from tests.browser.conftest import click_and_check, log_in_with_code
from tests.test_question_set_upload import in_every_language, question_set_data, yaml_file


def test_a_superuser_uploads_a_question_set_reads_the_preview_and_imports_it(page, world):
    data = question_set_data(
        code="rt-general",
        legislative_area={"code": "road-transport", "name": in_every_language("Road transport")},
    )
    log_in_with_code(page, world.superuser)

    page.goto("/admin/requests_app/questionset/")
    click_and_check(page, page.get_by_role("link", name="Import a question set"))
    page.get_by_label("Question set file (YAML)").set_input_files(
        {"name": "rt-general.yaml", "mimeType": "application/yaml", "buffer": yaml_file(data)}
    )
    click_and_check(page, page.get_by_role("button", name="Preview"))

    page.get_by_text("A new question set: rt-general.").wait_for()
    page.get_by_text("a new area the import creates").wait_for()
    page.get_by_role("row", name="2 Choice among options How is the worker paid? (en)").wait_for()
    page.get_by_text("To create: 7. To update: 0.").wait_for()
    assert not QuestionSet.objects.filter(code="rt-general").exists()

    click_and_check(page, page.get_by_role("button", name="Import"))
    page.get_by_text("Imported from rt-general.yaml: 7 created, 0 updated.").wait_for()
    page.get_by_role("link", name="rt-general").wait_for()
    assert QuestionSet.objects.get(code="rt-general").legislative_area.code == "road-transport"
