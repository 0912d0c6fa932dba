"""A new user's language starts as their country's, not English.

Whoever registers a colleague (a coordinator in the admin, a helpdesk member, a local data
administrator in the portal) finds the language field set to the language of the country,
where the portal is offered in it; otherwise to their own.
"""

from django.urls import reverse

from tests.factories import country


def admin_add_user_language(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:authorities_user_add"))
    assert response.status_code == 200
    return response.context["adminform"].form["preferred_language"].value()


def test_a_bulgarian_coordinator_registers_a_user_in_bulgarian(client, world):
    assert world.bg_coordinator.preferred_language == "en"  # her own choice does not decide
    assert admin_add_user_language(client, world.bg_coordinator) == "bg"


def test_bulgarias_helpdesk_registers_a_user_in_bulgarian(client, world):
    assert admin_add_user_language(client, world.bg_helpdesk) == "bg"


def test_a_portuguese_coordinator_registers_a_user_in_portuguese(client, world):
    assert admin_add_user_language(client, world.pt_coordinator) == "pt"


def test_a_coordinator_of_a_country_whose_language_the_portal_lacks_keeps_her_own(client, world):
    # Norway's language is not an official language of the EU: the portal is not offered in it.
    authority = world.pt_coordinator.authority
    authority.country = country("NO")
    authority.save()
    world.pt_coordinator.preferred_language = "da"
    world.pt_coordinator.save()
    assert admin_add_user_language(client, world.pt_coordinator) == "da"


def test_a_latvian_lda_invites_a_colleague_in_latvian(client, world):
    world.stranger.preferred_language = "en"
    world.stranger.save()
    client.force_login(world.stranger)
    response = client.get(reverse("authorities:user_invite"))
    assert response.status_code == 200
    assert response.context["form"]["preferred_language"].value() == "lv"
