from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def test_a_coordinator_without_an_authenticator_must_set_one_up(client, world):
    Authenticator.objects.filter(user=world.bg_coordinator).delete()
    client.force_login(world.bg_coordinator)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_a_coordinator_cannot_reach_the_admin_without_an_authenticator(client, world):
    Authenticator.objects.filter(user=world.bg_coordinator).delete()
    client.force_login(world.bg_coordinator)
    response = client.get(reverse("admin:authorities_user_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_helpdesk_staff_must_set_up_an_authenticator(client, world):
    Authenticator.objects.filter(user=world.bg_helpdesk).delete()
    client.force_login(world.bg_helpdesk)
    assert client.get(reverse("home"))["Location"].startswith(reverse("mfa_activate_totp"))


def test_a_coordinator_logging_in_without_an_authenticator_lands_on_its_setup(client, world):
    Authenticator.objects.filter(user=world.bg_coordinator).delete()
    response = client.post(
        reverse("account_login"), {"login": world.bg_coordinator.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "form" in response.context


def test_a_handler_is_not_forced_to_use_mfa(client, world):
    client.force_login(world.bg_handler)
    assert client.get(reverse("home")).status_code == 200


def test_a_handler_may_set_up_mfa(client, world):
    client.post(reverse("account_login"), {"login": world.bg_handler.email, "password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_a_coordinator_with_an_authenticator_is_asked_for_a_code_at_login(client, world):
    response = client.post(reverse("account_login"), {"login": world.bg_coordinator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_a_handler_logs_in_with_email_and_password(client, world):
    response = client.post(reverse("account_login"), {"login": "HANDLER@bg.test", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == world.bg_handler.pk


def test_a_deactivated_user_cannot_log_in(client, world):
    gone = UserFactory(is_active=False)
    client.post(reverse("account_login"), {"login": gone.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_sign_up_is_closed(client, db):
    response = client.post(reverse("account_signup"), {"email": "me@x.test", "password1": "a-long-password-99"})
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]


def test_a_coordinator_who_asked_for_a_password_reset_can_still_set_up_an_authenticator(client, world):
    # Asking for a reset records the login address with allauth, unverified (nobody verifies
    # addresses here: they are set by the LDA, the helpdesk or a superuser). After the helpdesk
    # resets the authenticator, the coordinator must be able to set up a new one, or every page
    # sends them back to a setup page that refuses them.
    coordinator = world.bg_coordinator
    client.post(reverse("account_reset_password"), {"email": coordinator.email})
    assert EmailAddress.objects.filter(user=coordinator, verified=False).exists()
    Authenticator.objects.filter(user=coordinator).delete()
    client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "form" in response.context
