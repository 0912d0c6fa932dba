"""A login address is kept by the LDA, the helpdesk or a superuser: allauth's e-mail pages are closed.

Seen before: a user changed their own login address to an outside one, and claiming a colleague's
address gave an error page and left it flagged primary on the wrong account.
"""

from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

CLOSED_PAGES = ["/accounts/email/", "/accounts/confirm-email/", "/accounts/confirm-email/MQ:1t2Xyz:abc/"]


def test_the_email_pages_send_the_user_to_their_profile_with_a_word_why(client, world):
    client.force_login(world.bg_handler)
    for url in CLOSED_PAGES:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("authorities:profile")
    with translation.override("bg"):
        why = gettext(
            "Your login address is kept by your local data administrator or your national helpdesk. "
            "Ask them if it has to change."
        )
    assert why in " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_user_cannot_add_or_change_their_login_address(client, world):
    client.force_login(world.bg_handler)
    for form in (
        {"action_add": "", "email": "outside@example.test"},
        {"action_primary": "", "email": "outside@example.test"},
    ):
        assert client.post("/accounts/email/", form).status_code == 302
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.email == "handler@bg.test"
    assert not EmailAddress.objects.filter(email="outside@example.test").exists()


def test_claiming_a_colleagues_address_changes_nothing_and_fails_nowhere(client, world):
    client.force_login(world.bg_handler)
    for form in (
        {"action_add": "", "email": world.bg_lda.email.upper()},
        {"action_primary": "", "email": world.bg_lda.email},
    ):
        assert client.post("/accounts/email/", form).status_code == 302
    assert not EmailAddress.objects.filter(user=world.bg_handler).exists()
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.email == "handler@bg.test"


def test_a_visitor_is_sent_to_log_in(client, db):
    response = client.get("/accounts/email/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_no_page_links_to_the_email_pages(client, world):
    client.force_login(world.bg_handler)
    for url in [reverse("authorities:profile"), reverse("home"), reverse("account_change_password")]:
        page = client.get(url).content.decode()
        assert "/accounts/email/" not in page
