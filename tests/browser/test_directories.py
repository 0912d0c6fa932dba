"""Finding an authority in the Danish interface, and a register that shows up while writing a request."""

from django.utils import translation
from django.utils.translation import gettext

from authorities.models import Competence
from authorities.services import authority_search_refresh
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, UserFactory, area
from tests.request_states import draft


def in_danish(text):
    with translation.override("da"):
        return gettext(text)


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
    page.get_by_role("link", name=in_danish("Authorities")).first.click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    page.get_by_label(in_danish("Name, city or competence")).fill("turist gide")
    page.get_by_role("button", name=in_danish("Search")).click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    first = page.locator("main table tbody tr").first
    assert "Turismo de Portugal" in first.inner_text()
    first.get_by_role("link").click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    page.get_by_text("tourist guide, guia-intérprete").wait_for()


def test_a_register_added_by_an_lda_shows_up_in_the_request_wizard(page, browser, live_server, world, questions):
    # The Portuguese LDA adds the register of tourist guides.
    log_in(page, world.pt_handler.email, PASSWORD)
    page.goto("/directory/registers/")
    page.get_by_role("link", name="Add a register of your authority").click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    page.get_by_label("Name in English").fill("National register of tourist guides")
    page.get_by_label("Web address").fill("https://guides.example/")
    page.get_by_label("What it covers").fill("tourist guide")
    page.get_by_role("group", name="Legislative areas").get_by_text(area("professional-qualifications").name_en).click()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    page.get_by_role("heading", name="National register of tourist guides").wait_for()

    # A Bulgarian handler writing to the Portuguese authority sees it before sending.
    info_request = draft(world, questions)
    from tests.browser.conftest import AccessiblePage

    context = browser.new_context(locale="en-GB")
    bulgarian = AccessiblePage(context.new_page(), live_server.url)
    log_in(bulgarian, world.bg_handler.email, PASSWORD)
    bulgarian.goto(f"/requests/{info_request.pk}/review/")
    bulgarian.get_by_role("link", name="National register of tourist guides").wait_for()
    context.close()
