"""The portal administrator opens a new legislative area by importing its translated question set in the admin."""

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from requests_app.models import QuestionSet
from tests.browser.conftest import log_in
from tests.conftest import TOTP_SECRET
from tests.factories import PASSWORD
from tests.test_question_set_upload import in_every_language, question_set_data, yaml_file


def test_a_superuser_uploads_a_question_set_reads_the_preview_and_imports_it(page, world):
    data = question_set_data(
        code="rt-general",
        legislative_area={"code": "road-transport", "name": in_every_language("Road transport")},
    )
    log_in(page, world.superuser.email, PASSWORD)
    counters = list(yield_hotp_counters_from_time())
    page.get_by_label("Code").fill(format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2])))
    page.locator("main").get_by_role("button", name="Sign In").click()
    page.wait_for_load_state("load")
    page.check_accessibility()

    page.goto("/admin/requests_app/questionset/")
    page.get_by_role("link", name="Import a question set").click()
    page.check_accessibility()
    page.get_by_label("Question set file (YAML)").set_input_files(
        {"name": "rt-general.yaml", "mimeType": "application/yaml", "buffer": yaml_file(data)}
    )
    page.get_by_role("button", name="Preview").click()
    page.check_accessibility()

    page.get_by_text("A new question set: rt-general.").wait_for()
    page.get_by_text("a new area the import creates").wait_for()
    page.get_by_role("row", name="2 Choice among options How is the worker paid? (en)").wait_for()
    page.get_by_text("To create: 7. To update: 0.").wait_for()
    assert not QuestionSet.objects.filter(code="rt-general").exists()

    page.get_by_role("button", name="Import").click()
    page.check_accessibility()
    page.get_by_text("Imported from rt-general.yaml: 7 created, 0 updated.").wait_for()
    page.get_by_role("link", name="rt-general").wait_for()
    assert QuestionSet.objects.get(code="rt-general").legislative_area.code == "road-transport"
