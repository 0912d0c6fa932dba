"""Each persona against each page: allowed (200), not found (404) or sent to log in."""

import pytest
from django.urls import reverse

LOGIN = "login"

# (persona, page, expected). Pages name a URL and, for a colleague's pages, whose.
MATRIX = [
    # Home ("My tasks").
    (None, ("home", None), LOGIN),
    ("bg_handler", ("home", None), 200),
    ("bg_coordinator", ("home", None), 200),
    ("bg_helpdesk", ("home", None), 200),
    # My authority: everybody with an authority; helpdesk staff and superusers have none.
    (None, ("authorities:my_authority", None), LOGIN),
    ("bg_handler", ("authorities:my_authority", None), 200),
    ("stranger", ("authorities:my_authority", None), 200),
    ("bg_helpdesk", ("authorities:my_authority", None), 404),
    ("superuser", ("authorities:my_authority", None), 404),
    # Editing the authority and inviting colleagues: its LDA only.
    (None, ("authorities:authority_edit", None), LOGIN),
    ("bg_lda", ("authorities:authority_edit", None), 200),
    ("bg_handler", ("authorities:authority_edit", None), 404),
    ("bg_coordinator", ("authorities:authority_edit", None), 404),
    ("bg_lda", ("authorities:user_invite", None), 200),
    ("bg_handler", ("authorities:user_invite", None), 404),
    (None, ("authorities:user_invite", None), LOGIN),
    # A colleague's roles, deactivation and reactivation: the LDA of the same authority only.
    ("bg_lda", ("authorities:user_roles", "bg_handler"), 200),
    ("bg_handler", ("authorities:user_roles", "bg_lda"), 404),
    ("stranger", ("authorities:user_roles", "bg_handler"), 404),
    ("pt_handler", ("authorities:user_roles", "bg_handler"), 404),
    ("bg_coordinator", ("authorities:user_roles", "bg_handler"), 404),
    (None, ("authorities:user_roles", "bg_handler"), LOGIN),
    ("bg_lda", ("authorities:user_deactivate", "bg_handler"), 200),
    ("stranger", ("authorities:user_deactivate", "bg_handler"), 404),
    ("bg_handler", ("authorities:user_deactivate", "bg_lda"), 404),
    ("bg_lda", ("authorities:user_reactivate", "bg_handler"), 200),
    ("stranger", ("authorities:user_reactivate", "bg_handler"), 404),
    # One's own profile, backups and absence.
    (None, ("authorities:profile", None), LOGIN),
    ("bg_handler", ("authorities:profile", None), 200),
    ("bg_handler", ("authorities:backups", None), 200),
    ("bg_handler", ("authorities:absence", None), 200),
    ("bg_helpdesk", ("authorities:backups", None), 404),
    (None, ("authorities:backups", None), LOGIN),
    (None, ("authorities:absence", None), LOGIN),
    # Public help pages.
    (None, ("helpdesks", None), 200),
    (None, ("data_protection", None), 200),
    ("stranger", ("helpdesks", None), 200),
    # Pages added with the requests, directories, activity, training and data protection.
    (None, ("requests:list", None), LOGIN),
    (None, ("requests:activity", None), LOGIN),
    (None, ("requests:coordination", None), LOGIN),
    (None, ("requests:data_subjects", None), LOGIN),
    (None, ("requests:read_log", None), LOGIN),
    (None, ("authorities:directory", None), LOGIN),
    (None, ("registers:list", None), LOGIN),
    (None, ("registers:new", None), LOGIN),
    (None, ("session_ping", None), LOGIN),
    (None, ("training_mailbox", None), LOGIN),
    ("bg_handler", ("requests:data_subjects", None), 404),
    ("bg_handler", ("requests:read_log", None), 404),
    ("bg_helpdesk", ("requests:coordination", None), 404),
    ("bg_handler", ("session_ping", None), 204),
    # The admin site: coordinators, helpdesk staff and superusers.
    (None, ("admin:index", None), LOGIN),
    ("bg_handler", ("admin:index", None), LOGIN),
    ("bg_lda", ("admin:index", None), LOGIN),
    ("bg_coordinator", ("admin:index", None), 200),
    ("bg_helpdesk", ("admin:index", None), 200),
    ("superuser", ("admin:index", None), 200),
]


@pytest.mark.parametrize(("persona", "page", "expected"), MATRIX)
def test_it_gives_each_persona_what_it_may_see(client, world, persona, page, expected):
    name, whose = page
    url = reverse(name, args=[getattr(world, whose).pk] if whose else [])
    if persona:
        client.force_login(getattr(world, persona))
    response = client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    else:
        assert response.status_code == expected


def test_it_refuses_a_post_from_the_wrong_lda(client, world):
    client.force_login(world.stranger)
    response = client.post(reverse("authorities:user_deactivate", args=[world.bg_handler.pk]))
    assert response.status_code == 404
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.is_active


def test_it_keeps_admin_pages_closed_to_a_handler(client, world):
    client.force_login(world.bg_handler)
    response = client.get(reverse("admin:authorities_user_changelist"), follow=True)
    assert "/login/" in response.redirect_chain[0][0]
    assert response.status_code == 403
    assert world.bg_lda.email not in response.content.decode()


def test_it_refuses_to_resend_an_invitation_for_another_authority(client, world):
    client.force_login(world.pt_handler)  # LDA of the Portuguese authority
    response = client.post(reverse("authorities:invitation_resend", args=[world.bg_handler.pk]))
    assert response.status_code == 404


def test_it_refuses_to_resend_an_invitation_to_someone_with_a_password(client, world):
    client.force_login(world.bg_lda)
    response = client.post(reverse("authorities:invitation_resend", args=[world.bg_handler.pk]))
    assert response.status_code == 404


def test_hiding_the_checklist_needs_a_logged_in_user(client, db):
    response = client.post(reverse("getting_started"), {"hidden": "1"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
