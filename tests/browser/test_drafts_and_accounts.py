"""A handler deletes a draft they no longer need; a deactivated user learns whom to ask."""

from authorities.models import NationalHelpdesk
from requests_app.models import InformationRequest
from tests.browser.conftest import click_and_check, in_language, log_in
from tests.factories import PASSWORD, UserFactory, country
from tests.request_states import draft


def in_bulgarian(text):
    return in_language("bg", text)


def test_the_author_deletes_a_draft_after_confirming(page, world, questions):
    info_request = draft(world, questions)
    log_in(page, world.bg_handler.email, PASSWORD)  # the author, who reads the portal in Bulgarian
    page.goto(f"/requests/{info_request.pk}/review/")
    click_and_check(page, page.get_by_role("link", name=in_bulgarian("Delete this draft")))
    assert info_request.reference in page.get_by_role("heading", level=1).inner_text()
    assert InformationRequest.objects.filter(pk=info_request.pk).exists()

    click_and_check(page, page.get_by_role("button", name=in_bulgarian("Delete the draft")))
    assert page.url.endswith("/")
    assert not InformationRequest.objects.filter(pk=info_request.pk).exists()
    assert page.get_by_role("link", name=info_request.reference).count() == 0


def test_a_deactivated_user_is_shown_the_helpdesk_of_their_country(page, world):
    NationalHelpdesk.objects.create(country=country("PT"), email="helpdesk@imi.pt.test", phone="+351 21 000")
    gone = UserFactory(email="gone@pt.test", authority=world.pt_authority, is_active=False)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(gone.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    click_and_check(page, page.locator("main").get_by_role("button", name="Log in"))
    main = page.locator("main")
    assert main.get_by_role("link", name="helpdesk@imi.pt.test").get_attribute("href") == "mailto:helpdesk@imi.pt.test"
    assert main.get_by_text("+351 21 000").count() == 1
