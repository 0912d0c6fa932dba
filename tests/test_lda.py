"""A local data administrator keeps the authority's data, users and roles."""

from django.contrib.admin.models import LogEntry
from django.urls import reverse

from authorities.models import Role
from tests.factories import UserFactory, area, make_backup


def test_the_lda_gives_a_colleague_roles_in_the_authority_areas(client, world):
    client.force_login(world.bg_lda)
    services_area = area("services")
    posting = area("posting-of-workers")
    response = client.post(
        reverse("authorities:user_roles", args=[world.bg_handler.pk]),
        {f"area_{posting.pk}": ["handler", "allocator"], f"area_{services_area.pk}": ["supervisor"]},
    )
    assert response.status_code == 302
    assert set(world.bg_handler.roles.values_list("legislative_area__code", "kind")) == {
        ("posting-of-workers", "handler"),
        ("posting-of-workers", "allocator"),
        ("services", "supervisor"),
    }
    assert LogEntry.objects.filter(object_id=str(world.bg_handler.pk), user=world.bg_lda).exists()


def test_the_lda_cannot_give_a_role_in_an_area_of_no_competence(client, world):
    client.force_login(world.bg_lda)
    documents = area("public-documents")
    client.post(
        reverse("authorities:user_roles", args=[world.bg_handler.pk]),
        {f"area_{documents.pk}": ["handler"]},
    )
    assert not Role.objects.filter(user=world.bg_handler, legislative_area=documents).exists()


def test_the_lda_cannot_drop_their_own_lda_role(client, world):
    client.force_login(world.bg_lda)
    response = client.post(reverse("authorities:user_roles", args=[world.bg_lda.pk]), {})
    assert response.status_code == 200
    world.bg_lda.refresh_from_db()
    assert world.bg_lda.is_lda


def test_the_lda_makes_a_colleague_lda(client, world):
    client.force_login(world.bg_lda)
    client.post(reverse("authorities:user_roles", args=[world.bg_handler.pk]), {"is_lda": "on"})
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.is_lda


def test_deactivation_asks_for_confirmation_first(client, world):
    client.force_login(world.bg_lda)
    response = client.get(reverse("authorities:user_deactivate", args=[world.bg_handler.pk]))
    assert response.status_code == 200
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.is_active


def test_the_lda_deactivates_and_reactivates_a_colleague_without_deleting_them(client, world):
    client.force_login(world.bg_lda)
    client.post(reverse("authorities:user_deactivate", args=[world.bg_handler.pk]))
    world.bg_handler.refresh_from_db()
    assert not world.bg_handler.is_active
    client.post(reverse("authorities:user_reactivate", args=[world.bg_handler.pk]))
    world.bg_handler.refresh_from_db()
    assert world.bg_handler.is_active


def test_the_lda_cannot_deactivate_themselves(client, world):
    client.force_login(world.bg_lda)
    client.post(reverse("authorities:user_deactivate", args=[world.bg_lda.pk]))
    world.bg_lda.refresh_from_db()
    assert world.bg_lda.is_active


def test_the_lda_edits_the_authority_data_and_it_is_logged(client, world):
    client.force_login(world.bg_lda)
    competence = world.bg_authority.competences.get(legislative_area__code="services")
    response = client.post(
        reverse("authorities:authority_edit"),
        {
            "acronym": "ИАГИТ",
            "city": "София",
            "address": "бул. „Дондуков“ 3",
            "email": "office@gli.test",
            "phone": "+359 2 000 0000",
            "website": "https://gli.example",
            "languages": ["bg", "en"],
            "display_name_en": "Labour Inspectorate",
            "display_name_bg": "Главна инспекция по труда",
            f"keywords_{competence.pk}": "услуги, services",
        },
    )
    assert response.status_code == 302
    world.bg_authority.refresh_from_db()
    competence.refresh_from_db()
    assert world.bg_authority.acronym == "ИАГИТ"
    assert world.bg_authority.languages == ["bg", "en"]
    assert world.bg_authority.display_name_bg == "Главна инспекция по труда"
    assert competence.keywords == "услуги, services"
    assert LogEntry.objects.filter(object_id=str(world.bg_authority.pk), user=world.bg_lda).exists()


def test_a_bad_e_mail_keeps_what_was_typed_and_saves_nothing(client, world):
    client.force_login(world.bg_lda)
    response = client.post(reverse("authorities:authority_edit"), {"city": "Пловдив", "email": "not-an-address"})
    assert response.status_code == 200
    assert response.context["form"]["city"].value() == "Пловдив"
    world.bg_authority.refresh_from_db()
    assert world.bg_authority.city == "София"


def test_my_authority_costs_the_same_queries_for_many_users(client, world, count_queries):
    client.force_login(world.bg_lda)
    url = reverse("authorities:my_authority")
    few = count_queries(url)
    for _n in range(25):
        colleague = UserFactory(authority=world.bg_authority, roles=[("services", "handler")])
        make_backup(colleague, world.bg_lda)
    assert count_queries(url) == few
