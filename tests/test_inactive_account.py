"""A deactivated user who logs in is told whom to ask: the national helpdesk of their country."""

from django.urls import reverse

from authorities.models import NationalHelpdesk
from tests.factories import PASSWORD, UserFactory, country


def main(page):
    """The page's own content, without the header and footer every page has."""
    return page.split("<main")[1].split("</main>")[0]


def log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)


def test_it_names_the_helpdesk_of_the_users_country(client, world):
    NationalHelpdesk.objects.create(
        country=country("BG"), email="helpdesk@imi.bg.test", phone="+359 2 000", opening_hours="Mon-Fri 9-17"
    )
    NationalHelpdesk.objects.create(country=country("PT"), email="helpdesk@imi.pt.test")
    gone = UserFactory(email="gone@bg.test", authority=world.bg_authority, is_active=False)
    response = log_in(client, gone)
    page = main(response.content.decode())
    assert response.redirect_chain[-1][0] == reverse("account_inactive")
    assert "_auth_user_id" not in client.session
    assert 'href="mailto:helpdesk@imi.bg.test"' in page
    assert "+359 2 000" in page
    assert "Mon-Fri 9-17" in page
    assert "helpdesk@imi.pt.test" not in page


def test_it_points_to_the_helpdesks_page_when_the_country_has_none(client, world):
    gone = UserFactory(email="gone@ro.test", authority=world.ro_authority, is_active=False)
    page = main(log_in(client, gone).content.decode())
    assert f'href="{reverse("helpdesks")}"' in page
    assert "mailto:" not in page


def test_a_visitor_who_opens_the_page_directly_is_sent_to_the_helpdesks_page(client, world):
    NationalHelpdesk.objects.create(country=country("BG"), email="helpdesk@imi.bg.test")
    page = main(client.get(reverse("account_inactive")).content.decode())
    assert "helpdesk@imi.bg.test" not in page
    assert f'href="{reverse("helpdesks")}"' in page
