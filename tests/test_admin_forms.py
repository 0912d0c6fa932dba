"""Admin forms refuse what they cannot save, say why, and save nothing of it."""

from django.contrib.messages import get_messages
from django.urls import reverse

from authorities.models import Competence
from tests.factories import AuthorityFactory, country
from tests.test_fuzz_admin import admin_url, baseline


def user_form(client, user):
    return baseline(client.get(admin_url(type(user), "change", user.pk)))


def test_moving_a_user_to_another_country_is_refused_and_nothing_else_is_saved(client, world):
    client.force_login(world.superuser)
    form = user_form(client, world.ro_user)
    form.update(full_name="Changed", authority=world.bg_authority.pk)
    response = client.post(admin_url(type(world.ro_user), "change", world.ro_user.pk), form)
    assert response.status_code == 200
    assert "A user can only be moved between authorities of the same country." in str(response.context["errors"])
    world.ro_user.refresh_from_db()
    assert (world.ro_user.full_name, world.ro_user.authority) == ("Ion Popescu", world.ro_authority)


def test_taking_a_user_out_of_every_authority_is_refused(client, world):
    client.force_login(world.pt_coordinator)
    form = user_form(client, world.pt_handler)
    form["authority"] = ""
    response = client.post(admin_url(type(world.pt_handler), "change", world.pt_handler.pk), form)
    assert response.status_code == 200
    assert "To end their access, deactivate them." in str(response.context["errors"])
    world.pt_handler.refresh_from_db()
    assert world.pt_handler.authority == world.pt_authority


def test_a_move_within_the_country_is_saved(client, world):
    other = AuthorityFactory(country=country("PT"), official_name="Turismo de Portugal")
    client.force_login(world.pt_coordinator)
    form = user_form(client, world.pt_handler)
    form["authority"] = other.pk
    response = client.post(admin_url(type(world.pt_handler), "change", world.pt_handler.pk), form)
    assert response.status_code == 302
    world.pt_handler.refresh_from_db()
    assert world.pt_handler.authority == other


def test_a_competence_sent_again_as_new_is_refused_instead_of_failing(client, world):
    client.force_login(world.pt_coordinator)
    authority = world.pt_authority
    stored = set(Competence.objects.filter(authority=authority).values_list("pk", "legislative_area"))
    url = admin_url(type(authority), "change", authority.pk)
    form = baseline(client.get(url))
    form["competences-INITIAL_FORMS"] = "0"  # a stale or altered page: the stored row comes back as a new one
    response = client.post(url, form)
    assert response.status_code == 200
    assert "A row repeats one that is already stored." in str(response.context["errors"])
    assert set(Competence.objects.filter(authority=authority).values_list("pk", "legislative_area")) == stored


def test_a_form_sent_back_with_a_bad_autocomplete_value_shows_the_error(client, world):
    client.force_login(world.pt_coordinator)
    authority = world.pt_authority
    url = admin_url(type(authority), "change", authority.pk)
    form = baseline(client.get(url))
    form["competences-0-legislative_area"] = "not-an-id"
    response = client.post(url, form)
    assert response.status_code == 200
    assert response.context["errors"]


def test_working_languages_are_checkboxes_in_the_admin(client, world):
    client.force_login(world.pt_coordinator)
    authority = world.pt_authority
    url = admin_url(type(authority), "change", authority.pk)
    html = client.get(url).content.decode()
    assert 'type="checkbox" name="languages" value="pt"' in html
    form = baseline(client.get(url))
    form["languages"] = ["pt", "%"]
    response = client.post(url, form)
    assert response.status_code == 200
    assert "languages" in response.context["adminform"].form.errors


def test_a_selection_that_is_not_ids_changes_nothing_and_says_so(client, world):
    client.force_login(world.bg_coordinator)
    response = client.post(
        reverse("admin:authorities_user_changelist"),
        {"action": "deactivate", "_selected_action": ["abc", str(world.bg_handler.pk)], "index": "0"},
    )
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.is_active
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The selection was not understood. Select the items again."
    ]
