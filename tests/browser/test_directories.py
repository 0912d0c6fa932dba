"""Finding an authority in the Danish interface, and a register that shows up while writing a request."""

from authorities.models import Competence
from authorities.services import authority_search_refresh
from tests.browser.conftest import click_and_check, in_language, log_in, nav
from tests.factories import PASSWORD, UserFactory, area
from tests.request_states import draft


def in_danish(text):
    return in_language("da", text)


def test_a_danish_user_finds_the_portuguese_tourist_guide_authority_by_a_misspelled_keyword(page, world):
    Competence.objects.filter(authority=world.pt_authority).update(keywords="tourist guide, guia-intérprete")
    authority_search_refresh(authorities=type(world.pt_authority).objects.filter(pk=world.pt_authority.pk))
    dane = UserFactory(
        email="handler@dk.test",
        full_name="Anne Jensen",
        preferred_language="da",
        roles=[("professional-qualifications", "handler")],
    )
    log_in(page, dane.email, PASSWORD)
    nav(page, in_danish("Authorities"))
    page.get_by_label(in_danish("Name, city or competence")).fill("turist gide")
    click_and_check(page, page.get_by_role("button", name=in_danish("Search")))
    first = page.locator("main table tbody tr").first
    assert "Turismo de Portugal" in first.inner_text()
    click_and_check(page, first.get_by_role("link"))
    page.get_by_text("tourist guide, guia-intérprete").wait_for()


def test_a_register_added_by_an_lda_shows_up_in_the_request_wizard(page, new_page, world, questions):
    # The Portuguese LDA adds the register of tourist guides.
    log_in(page, world.pt_handler.email, PASSWORD)
    nav(page, "Registers")
    click_and_check(page, page.get_by_role("link", name="Add a register of your authority"))
    page.get_by_label("Name in English").fill("National register of tourist guides")
    page.get_by_label("Web address").fill("https://guides.example/")
    page.get_by_label("What it covers").fill("tourist guide")
    page.get_by_role("group", name="Legislative areas").get_by_text(area("professional-qualifications").name_en).click()
    click_and_check(page, page.get_by_role("button", name="Save"))
    page.get_by_role("heading", name="National register of tourist guides").wait_for()

    # A Bulgarian handler writing to the Portuguese authority sees it before sending.
    info_request = draft(world, questions)
    bulgarian = new_page()
    log_in(bulgarian, world.bg_handler.email, PASSWORD)
    bulgarian.goto(f"/requests/{info_request.pk}/review/")
    bulgarian.get_by_role("link", name="National register of tourist guides").wait_for()
