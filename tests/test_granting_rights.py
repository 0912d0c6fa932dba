"""Who may grant which right, and who may take over whose account (authorities.auth).

A coordinator's rights come with a coordinator authority; a helpdesk's with a helpdesk country;
superusers are superusers. Only a superuser grants them, moves such accounts, changes a login
address, or resets the authenticator or password of a coordinator, helpdesk member or superuser.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from authorities import services
from authorities.models import Authority, User
from tests.conftest import with_authenticator
from tests.factories import AuthorityFactory, UserFactory, country
from tests.test_csv_import import AUTHORITIES, authorities_file, authority_row, preview
from tests.test_fuzz_admin import admin_url, baseline

CHANGELIST = reverse("admin:authorities_user_changelist")


def change_form(client, user):
    """The user's admin page as its viewer would send it back unchanged."""
    return baseline(client.get(admin_url(User, "change", user.pk)))


def post_change(client, user, **changes):
    form = change_form(client, user)
    form.update(changes)
    return client.post(admin_url(User, "change", user.pk), form)


def action(client, name, *users):
    return client.post(CHANGELIST, {"action": name, "_selected_action": [user.pk for user in users]})


def bg_national_coordinator(world):
    return world.bg_coordinator.authority


# Granting a coordinator's rights: moving or inviting into a coordinator authority


def test_the_helpdesk_is_not_offered_the_coordinator_authority(client, world):
    client.force_login(world.bg_helpdesk)
    page = client.get(admin_url(User, "change", world.bg_handler.pk))
    offered = set(page.context["adminform"].form.fields["authority"].queryset)
    assert world.bg_authority in offered
    assert bg_national_coordinator(world) not in offered


def test_the_helpdesk_cannot_move_a_user_into_the_coordinator_authority(client, world):
    client.force_login(world.bg_helpdesk)
    response = post_change(client, world.bg_handler, authority=bg_national_coordinator(world).pk)
    assert response.status_code == 200
    assert "authority" in response.context["adminform"].form.errors
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.authority == world.bg_authority
    assert not world.bg_handler.is_coordinator


def test_the_helpdesk_cannot_move_herself_into_the_coordinator_authority(client, world):
    client.force_login(world.bg_helpdesk)
    page = client.get(admin_url(User, "change", world.bg_helpdesk.pk))
    assert "authority" not in page.context["adminform"].form.fields  # shown, not editable
    form = baseline(page)
    form["authority"] = bg_national_coordinator(world).pk
    client.post(admin_url(User, "change", world.bg_helpdesk.pk), form)
    world.bg_helpdesk.refresh_from_db()
    assert world.bg_helpdesk.authority is None


def test_a_coordinator_cannot_make_a_user_a_colleague_in_its_coordinator_authority(client, world):
    client.force_login(world.bg_coordinator)
    response = post_change(client, world.bg_handler, authority=bg_national_coordinator(world).pk)
    assert response.status_code == 200
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.authority == world.bg_authority


def test_the_helpdesk_cannot_invite_anyone_into_the_coordinator_authority(client, world):
    client.force_login(world.bg_helpdesk)
    response = client.post(
        admin_url(User, "add"),
        {
            "full_name": "Нов Координатор",
            "email": "new.coordinator@bg.test",
            "preferred_language": "bg",
            "authority": bg_national_coordinator(world).pk,
        },
    )
    assert response.status_code == 200
    assert "authority" in response.context["adminform"].form.errors
    assert not User.objects.filter(email="new.coordinator@bg.test").exists()


def test_the_services_refuse_the_same_moves_and_invitations(world):
    coordinator_authority = bg_national_coordinator(world)
    with pytest.raises(ValidationError):
        services.user_move(actor=world.bg_helpdesk, user=world.bg_handler, authority=coordinator_authority)
    with pytest.raises(ValidationError):
        # A helpdesk member belongs to no authority: moving her into one is a superuser's act.
        services.user_move(actor=world.bg_coordinator, user=world.bg_helpdesk, authority=world.bg_authority)
    with pytest.raises(ValidationError):
        services.user_invite(
            invited_by=world.bg_helpdesk,
            authority=coordinator_authority,
            email="x@bg.test",
            full_name="X",
            preferred_language="bg",
        )
    with pytest.raises(ValidationError):
        services.user_invite(
            invited_by=world.bg_coordinator,
            authority=world.bg_authority,
            email="y@bg.test",
            full_name="Y",
            preferred_language="bg",
            helpdesk_country=country("BG"),
        )
    world.bg_handler.refresh_from_db()
    world.bg_helpdesk.refresh_from_db()
    assert (world.bg_handler.authority, world.bg_helpdesk.authority) == (world.bg_authority, None)
    assert not User.objects.filter(email__in=["x@bg.test", "y@bg.test"]).exists()


def test_a_coordinator_cannot_move_a_fellow_coordinator_out(client, world):
    colleague = with_authenticator(UserFactory(authority=bg_national_coordinator(world)))
    client.force_login(world.bg_coordinator)
    page = client.get(admin_url(User, "change", colleague.pk))
    assert "authority" not in page.context["adminform"].form.fields
    with pytest.raises(ValidationError):
        services.user_move(actor=world.bg_coordinator, user=colleague, authority=world.bg_authority)


def test_a_superuser_makes_a_user_a_coordinator(client, world):
    client.force_login(world.superuser)
    response = post_change(client, world.bg_handler, authority=bg_national_coordinator(world).pk)
    assert response.status_code == 302
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.is_coordinator


def test_only_a_superuser_grants_helpdesk_and_superuser_rights(client, world):
    client.force_login(world.bg_coordinator)
    page = client.get(admin_url(User, "change", world.bg_handler.pk))
    assert {"helpdesk_country", "is_superuser"}.isdisjoint(page.context["adminform"].form.fields)
    form = baseline(page)
    form.update(is_superuser="on", helpdesk_country=country("BG").pk, is_staff="on")
    client.post(admin_url(User, "change", world.bg_handler.pk), form)
    world.bg_handler.refresh_from_db()
    assert not world.bg_handler.is_superuser
    assert not world.bg_handler.is_helpdesk_staff
    assert not world.bg_handler.is_staff
    client.force_login(world.superuser)
    assert post_change(client, world.bg_handler, helpdesk_country=country("BG").pk).status_code == 302
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.is_helpdesk_staff


# Taking over an account: login address, authenticator, password reset, activation


def test_only_a_superuser_changes_a_login_address_in_the_admin(client, world):
    client.force_login(world.bg_helpdesk)
    for user in (world.bg_coordinator, world.bg_handler):
        page = client.get(admin_url(User, "change", user.pk))
        assert "email" not in page.context["adminform"].form.fields
        form = baseline(page)
        form["email"] = "taken.over@example.test"
        client.post(admin_url(User, "change", user.pk), form)
        user.refresh_from_db()
        assert user.email != "taken.over@example.test"


def test_a_superuser_changes_a_login_address_and_the_old_one_resets_nothing(
    client, world, django_capture_on_commit_callbacks
):
    old = world.bg_handler.email
    client.post(reverse("account_reset_password"), {"email": old})  # allauth records the address
    assert EmailAddress.objects.filter(user=world.bg_handler, email=old).exists()
    client.force_login(world.superuser)
    response = post_change(client, world.bg_handler, email="Georgi.Petrov@bg.test")
    assert response.status_code == 302
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.email == "georgi.petrov@bg.test"
    assert LogEntry.objects.filter(
        object_id=str(world.bg_handler.pk), change_message__contains="Changed the login address"
    ).exists()
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": old})
    assert mail.outbox == []


def test_a_colleagues_address_is_refused_without_an_error_page(client, world):
    client.force_login(world.superuser)
    response = post_change(client, world.bg_handler, email=world.bg_lda.email.upper())
    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.email == "handler@bg.test"


def test_the_helpdesk_cannot_reset_the_coordinators_authenticator_nor_send_a_reset(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.bg_helpdesk)
    response = action(client, "reset_mfa", world.bg_coordinator)
    assert Authenticator.objects.filter(user=world.bg_coordinator).exists()
    assert "Only a superuser manages the account" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    with django_capture_on_commit_callbacks(execute=True):
        action(client, "send_password_reset", world.bg_coordinator)
    assert mail.outbox == []
    assert not LogEntry.objects.filter(object_id=str(world.bg_coordinator.pk), user=world.bg_helpdesk).exists()


def test_the_helpdesk_cannot_take_over_another_helpdesk_member(client, world, django_capture_on_commit_callbacks):
    colleague = with_authenticator(UserFactory(authority=None, helpdesk_country=country("BG")))
    client.force_login(world.bg_helpdesk)
    action(client, "reset_mfa", colleague)
    with django_capture_on_commit_callbacks(execute=True):
        action(client, "send_password_reset", colleague)
    assert Authenticator.objects.filter(user=colleague).exists()
    assert mail.outbox == []


def test_a_national_coordinator_cannot_reset_the_helpdesks_authenticator(client, world):
    client.force_login(world.bg_coordinator)
    action(client, "reset_mfa", world.bg_helpdesk)
    assert Authenticator.objects.filter(user=world.bg_helpdesk).exists()


def test_the_helpdesk_still_resets_a_handlers_password_and_authenticator(
    client, world, django_capture_on_commit_callbacks
):
    with_authenticator(world.bg_handler)
    client.force_login(world.bg_helpdesk)
    action(client, "reset_mfa", world.bg_handler, world.bg_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        action(client, "send_password_reset", world.bg_handler, world.bg_coordinator)
    assert not Authenticator.objects.filter(user=world.bg_handler).exists()
    assert Authenticator.objects.filter(user=world.bg_coordinator).exists()
    assert [m.to for m in mail.outbox] == [[world.bg_handler.email]]


def test_a_superuser_resets_a_coordinators_authenticator(client, world):
    client.force_login(world.superuser)
    action(client, "reset_mfa", world.bg_coordinator)
    assert not Authenticator.objects.filter(user=world.bg_coordinator).exists()


def test_the_helpdesk_cannot_deactivate_the_coordinator(client, world):
    client.force_login(world.bg_helpdesk)
    action(client, "deactivate", world.bg_coordinator)
    page = client.get(admin_url(User, "change", world.bg_coordinator.pk))
    assert "is_active" not in page.context["adminform"].form.fields
    world.bg_coordinator.refresh_from_db()
    assert world.bg_coordinator.is_active


def test_unticking_active_in_the_admin_deactivates_through_the_service(client, world):
    client.force_login(world.bg_helpdesk)
    form = change_form(client, world.bg_handler)
    del form["is_active"]
    assert client.post(admin_url(User, "change", world.bg_handler.pk), form).status_code == 302
    world.bg_handler.refresh_from_db()
    assert not world.bg_handler.is_active
    assert world.bg_handler.sessions_revoked_at is not None


def test_the_lda_of_a_coordinator_authority_keeps_its_colleagues(world):
    lda = with_authenticator(UserFactory(authority=bg_national_coordinator(world), is_lda=True))
    services.user_deactivate(actor=lda, user=world.bg_coordinator)
    world.bg_coordinator.refresh_from_db()
    assert not world.bg_coordinator.is_active
    other = AuthorityFactory(country=country("BG"))
    with pytest.raises(ValidationError):
        services.user_move(actor=lda, user=world.bg_handler, authority=bg_national_coordinator(world))
    assert world.bg_handler.authority != other


# A coordinator authority's status gives or takes its users' coordinator rights


def test_a_coordinator_cannot_suspend_or_validate_a_coordinator_authority(client, world):
    own = bg_national_coordinator(world)
    client.force_login(world.bg_coordinator)
    client.post(
        reverse("admin:authorities_authority_changelist"),
        {"action": "suspend", "_selected_action": [own.pk, world.bg_authority.pk]},
    )
    own.refresh_from_db()
    world.bg_authority.refresh_from_db()
    assert own.status == Authority.Status.VALIDATED
    assert world.bg_authority.status == Authority.Status.SUSPENDED
    page = client.get(admin_url(Authority, "change", own.pk))
    assert "status" not in page.context["adminform"].form.fields


def test_a_coordinator_cannot_change_a_coordinator_authority_status_by_csv(client, world):
    own = bg_national_coordinator(world)
    client.force_login(world.bg_coordinator)
    response = preview(
        client,
        AUTHORITIES,
        authorities_file(authority_row(official_name=own.official_name, status="suspended", email=own.email)),
    )
    assert [(error.row, error.column) for error in response.context["result"].errors] == [(2, "status")]
    own.refresh_from_db()
    assert own.status == Authority.Status.VALIDATED


def test_a_superuser_changes_a_coordinator_authority_status(client, world):
    own = bg_national_coordinator(world)
    client.force_login(world.superuser)
    client.post(reverse("admin:authorities_authority_changelist"), {"action": "suspend", "_selected_action": [own.pk]})
    own.refresh_from_db()
    assert own.status == Authority.Status.SUSPENDED
