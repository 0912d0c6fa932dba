"""Small things a user sees: fonts, the language overlay, pagination, and the admin's new users."""

from django.urls import reverse

from core.help_content import load_help_pages
from tests.browser.conftest import click_and_check, log_in, log_in_with_code
from tests.factories import PASSWORD, AuthorityFactory, country
from tests.request_states import draft

FONT_OF = "element => getComputedStyle(element).fontFamily"


def boxes_overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def assert_portal_font(locator):
    family = locator.evaluate(FONT_OF).lower()
    assert "arial" in family, f"{locator}: {family} (the browser's serif fallback)"


def test_the_checklist_and_the_current_wizard_step_are_in_the_portal_font(page, world, questions):
    info_request = draft(world, questions)
    log_in(page, world.bg_handler.email, PASSWORD)
    items = page.locator(".portal-checklist__item")  # in Bulgarian, the handler's language
    assert items.count() >= 5
    for item in items.all():
        assert_portal_font(item)

    page.goto(reverse("requests:edit_subject", args=[info_request.pk]))
    current = page.locator('[aria-current="step"]')
    assert current.count() == 1
    assert_portal_font(current)
    assert_portal_font(current.locator("strong"))


def test_the_language_overlays_close_button_leaves_its_title_readable(page, world):
    log_in(page, world.bg_handler.email, PASSWORD)
    page.locator("[data-ecl-language-selector]").click()
    title = page.locator("#language-list-title")
    close = page.locator("[data-ecl-language-list-close]")
    title.wait_for()
    close.wait_for()
    assert not boxes_overlap(title.bounding_box(), close.bounding_box())
    page.check_accessibility()


def test_page_1_of_2_is_written_as_text_beside_next_not_squeezed_into_a_page_number_box(page, world):
    for number in range(30):
        AuthorityFactory(official_name=f"Regional office {number:02d}", country=country("EE"))
    log_in(page, world.pt_handler.email, PASSWORD)  # reads the portal in English
    page.goto(reverse("authorities:directory"))
    status = page.get_by_text("Page 1 of 2")
    assert status.count() == 1
    assert status.evaluate("element => element.getClientRects().length") == 1  # one line
    holder = status.locator("xpath=ancestor::li[1]")
    assert holder.evaluate("element => getComputedStyle(element).backgroundColor") == "rgba(0, 0, 0, 0)"
    next_link = page.locator(".ecl-pagination").get_by_role("link", name="Next")
    assert next_link.bounding_box()["x"] - (status.bounding_box()["x"] + status.bounding_box()["width"]) >= 8


# Every admin page in every language: test_admin_accessibility.py.
def test_a_coordinator_adds_new_users_in_the_countrys_language(page, world):
    log_in_with_code(page, world.bg_coordinator)
    page.goto(reverse("admin:authorities_user_add"))
    assert page.url.endswith(reverse("admin:authorities_user_add")), page.url
    assert page.locator("#id_preferred_language").input_value() == "bg"


def test_a_new_handler_finds_the_training_contact_and_the_guide_for_the_role(page, world, settings):
    settings.IMI_TRAINING_URL = "https://training.imi.example/"
    load_help_pages()  # a data migration made them; a test before this one on a live server flushed them
    log_in(page, world.pt_handler.email, PASSWORD)  # reads the portal in English
    page.goto(reverse("help_page", args=["training"]))
    page.get_by_role("link", name="Open the training environment").wait_for()
    coordinator = world.pt_coordinator.authority
    assert page.get_by_role("link", name=coordinator.email).count() == 1
    click_and_check(page, page.get_by_role("link", name="Guide for request handlers"))
    page.get_by_role("heading", name="Guide for request handlers").wait_for()
