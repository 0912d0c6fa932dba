"""Coordinators and helpdesks see and change only their own country, whatever the URL says."""

from django.contrib.admin.models import LogEntry
from django.core import mail
from django.urls import reverse

from authorities.models import Authority, User
from tests.factories import AuthorityFactory, UserFactory, area, country


def change_url(obj):
    return reverse(f"admin:authorities_{obj._meta.model_name}_change", args=[obj.pk])


def test_the_bg_coordinator_lists_only_bulgarian_authorities(client, world):
    client.force_login(world.bg_coordinator)
    response = client.get(reverse("admin:authorities_authority_changelist"))
    listed = set(response.context["cl"].queryset)
    assert world.bg_authority in listed
    assert world.ro_authority not in listed
    assert world.pt_authority not in listed


def test_the_bg_coordinator_lists_only_bulgarian_users(client, world):
    client.force_login(world.bg_coordinator)
    response = client.get(reverse("admin:authorities_user_changelist"))
    listed = set(response.context["cl"].queryset)
    assert {world.bg_lda, world.bg_handler, world.bg_helpdesk} <= listed
    assert world.ro_user not in listed
    assert world.ro_coordinator not in listed


def test_the_bg_coordinator_cannot_open_a_romanian_authority_by_its_id(client, world):
    client.force_login(world.bg_coordinator)
    response = client.get(change_url(world.ro_authority))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_the_bg_coordinator_cannot_change_a_romanian_user_by_posting_to_its_id(client, world):
    client.force_login(world.bg_coordinator)
    response = client.post(
        change_url(world.ro_user),
        {"full_name": "Changed", "email": world.ro_user.email, "preferred_language": "en"},
    )
    assert response.status_code == 302
    world.ro_user.refresh_from_db()
    assert world.ro_user.full_name == "Ion Popescu"


def test_the_bg_coordinator_cannot_deactivate_a_romanian_user_with_an_action(client, world):
    client.force_login(world.bg_coordinator)
    client.post(
        reverse("admin:authorities_user_changelist"),
        {"action": "deactivate", "_selected_action": [world.ro_user.pk, world.bg_handler.pk]},
    )
    world.ro_user.refresh_from_db()
    world.bg_handler.refresh_from_db()
    assert world.ro_user.is_active
    assert not world.bg_handler.is_active


def test_the_coordinator_validates_an_authority_and_it_is_logged(client, world):
    pending = AuthorityFactory(country=country("BG"), status=Authority.Status.PENDING)
    client.force_login(world.bg_coordinator)
    client.post(
        reverse("admin:authorities_authority_changelist"), {"action": "validate", "_selected_action": [pending.pk]}
    )
    pending.refresh_from_db()
    assert pending.status == Authority.Status.VALIDATED
    entry = LogEntry.objects.get(object_id=str(pending.pk), content_type__model="authority")
    assert entry.user == world.bg_coordinator


def test_a_delegated_coordinator_sees_only_authorities_of_its_areas(client, world):
    delegated = AuthorityFactory(country=country("BG"), coordinator_type=Authority.CoordinatorType.DELEGATED, areas=[])
    delegated.coordinated_areas.set([area("patients-rights")])
    qualifications_body = AuthorityFactory(country=country("BG"), areas=["patients-rights"])
    from tests.conftest import with_authenticator

    coordinator = with_authenticator(UserFactory(authority=delegated))
    client.force_login(coordinator)
    listed = set(client.get(reverse("admin:authorities_authority_changelist")).context["cl"].queryset)
    assert qualifications_body in listed
    assert delegated in listed
    assert world.bg_authority not in listed


def test_the_helpdesk_moves_a_user_between_authorities_of_its_country(client, world):
    other_bg = AuthorityFactory(country=country("BG"), areas=["services"])
    client.force_login(world.bg_helpdesk)
    response = client.post(
        change_url(world.bg_handler),
        {
            "full_name": world.bg_handler.full_name,
            "email": world.bg_handler.email,
            "phone": "",
            "preferred_language": "bg",
            "authority": other_bg.pk,
            "is_active": "on",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "absent_from": "",
            "absent_until": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.authority == other_bg
    assert not world.bg_handler.backup_links.exists()
    assert LogEntry.objects.filter(object_id=str(world.bg_handler.pk), user=world.bg_helpdesk).exists()


def test_the_helpdesk_cannot_move_a_user_to_another_country(client, world):
    client.force_login(world.bg_helpdesk)
    response = client.post(
        change_url(world.bg_handler),
        {
            "full_name": world.bg_handler.full_name,
            "email": world.bg_handler.email,
            "preferred_language": "bg",
            "authority": world.ro_authority.pk,
            "is_active": "on",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "authority" in response.context["adminform"].form.errors
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.authority == world.bg_authority


def test_the_helpdesk_invites_a_user_who_gets_a_mail(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.bg_helpdesk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:authorities_user_add"),
            {
                "full_name": "Нов Потребител",
                "email": "new@bg.test",
                "preferred_language": "bg",
                "authority": world.bg_authority.pk,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="new@bg.test")
    assert user.authority == world.bg_authority
    assert [m.to for m in mail.outbox] == [["new@bg.test"]]


def test_the_helpdesk_cannot_invite_into_another_country(client, world):
    client.force_login(world.bg_helpdesk)
    response = client.post(
        reverse("admin:authorities_user_add"),
        {"full_name": "X", "email": "x@ro.test", "preferred_language": "ro", "authority": world.ro_authority.pk},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="x@ro.test").exists()


def test_the_helpdesk_sends_a_password_reset(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.bg_helpdesk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:authorities_user_changelist"),
            {"action": "send_password_reset", "_selected_action": [world.bg_handler.pk]},
        )
    assert [m.to for m in mail.outbox] == [[world.bg_handler.email]]
    assert LogEntry.objects.filter(object_id=str(world.bg_handler.pk), user=world.bg_helpdesk).exists()


def test_the_helpdesk_resets_mfa(client, world):
    from allauth.mfa.models import Authenticator

    from tests.conftest import with_authenticator

    with_authenticator(world.bg_handler)
    client.force_login(world.bg_helpdesk)
    client.post(
        reverse("admin:authorities_user_changelist"),
        {"action": "reset_mfa", "_selected_action": [world.bg_handler.pk]},
    )
    assert not Authenticator.objects.filter(user=world.bg_handler).exists()


def test_only_superusers_change_countries_and_areas(client, world):
    bulgaria = country("BG")
    client.force_login(world.bg_coordinator)
    response = client.post(
        reverse("admin:authorities_country_change", args=[bulgaria.pk]),
        {"code": "BG", "name_en": "Changed"},
    )
    assert response.status_code == 403
    assert country("BG").name_en == "Bulgaria"
    client.force_login(world.superuser)
    assert client.get(reverse("admin:authorities_country_change", args=[bulgaria.pk])).status_code == 200


def test_the_change_log_shows_only_the_coordinator_scope(client, world):
    from authorities import audit

    audit.record(actor=world.superuser, obj=world.ro_user, message="Romanian change")
    audit.record(actor=world.superuser, obj=world.bg_handler, message="Bulgarian change")
    client.force_login(world.bg_coordinator)
    response = client.get(reverse("admin:admin_logentry_changelist"))
    messages = {entry.change_message for entry in response.context["cl"].queryset}
    assert "Bulgarian change" in messages
    assert "Romanian change" not in messages


def test_the_admin_lists_cost_the_same_queries_for_many_rows(client, world, count_queries):
    client.force_login(world.bg_coordinator)
    urls = [
        reverse("admin:authorities_user_changelist"),
        reverse("admin:authorities_authority_changelist"),
        reverse("admin:admin_logentry_changelist"),
    ]
    few = [count_queries(url) for url in urls]
    for _n in range(20):
        authority = AuthorityFactory(country=country("BG"), areas=["services"])
        user = UserFactory(authority=authority)
        from authorities import audit

        audit.record(actor=world.bg_coordinator, obj=user, message="Checked.")
    assert [count_queries(url) for url in urls] == few


def test_only_superusers_edit_question_sets_and_see_the_outbox(client, world, questions):
    question_set = questions[0].question_set
    client.force_login(world.bg_coordinator)
    url = reverse("admin:requests_app_questionset_change", args=[question_set.pk])
    assert client.get(url).status_code == 200  # read-only
    response = client.post(
        url, {"code": "changed", "name_en": "Changed", "legislative_area": question_set.legislative_area_id}
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:imi_outboxmessage_changelist")).status_code == 403
    client.force_login(world.superuser)
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:imi_outboxmessage_changelist")).status_code == 200
