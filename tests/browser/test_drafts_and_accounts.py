"""A handler deletes a draft they no longer need; a deactivated user learns whom to ask. On a
desktop and on a phone, each page checked with axe."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from authorities.models import NationalHelpdesk
from requests_app.models import InformationRequest
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, UserFactory, country
from tests.request_states import draft

WIDTHS = [pytest.param(1280, 800, id="1280px"), pytest.param(375, 800, id="375px")]


def in_bulgarian(text):
    with translation.override("bg"):
        return gettext(text)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_author_deletes_a_draft_after_confirming(page, world, questions, width, height):
    info_request = draft(world, questions)
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, world.bg_handler.email, PASSWORD)  # the author, who reads the portal in Bulgarian
    page.goto(f"/requests/{info_request.pk}/review/")
    page.get_by_role("link", name=in_bulgarian("Delete this draft")).click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    assert info_request.reference in page.get_by_role("heading", level=1).inner_text()
    assert InformationRequest.objects.filter(pk=info_request.pk).exists()

    page.get_by_role("button", name=in_bulgarian("Delete the draft")).click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    assert page.url.endswith("/")
    assert not InformationRequest.objects.filter(pk=info_request.pk).exists()
    assert page.get_by_role("link", name=info_request.reference).count() == 0


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_deactivated_user_is_shown_the_helpdesk_of_their_country(page, world, width, height):
    NationalHelpdesk.objects.create(country=country("PT"), email="helpdesk@imi.pt.test", phone="+351 21 000")
    gone = UserFactory(email="gone@pt.test", authority=world.pt_authority, is_active=False)
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(gone.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    page.check_accessibility()
    main = page.locator("main")
    assert main.get_by_role("link", name="helpdesk@imi.pt.test").get_attribute("href") == "mailto:helpdesk@imi.pt.test"
    assert main.get_by_text("+351 21 000").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
