"""The registers directory: only the managing authority's LDAs keep a register; everybody finds it."""

import datetime

from django.urls import reverse

from authorities.models import Authority
from authorities.services import authority_search_refresh
from registers.models import Register
from registers.services import register_search_refresh
from tests.factories import area, country
from tests.request_states import draft


def make_register(world, **extra):
    register = Register.objects.create(
        name_en="National register of tourist guides",
        name_bg="Национален регистър на екскурзоводите",
        country=country("PT"),
        authority=world.pt_authority,
        coverage="tourist guide, guia-intérprete",
        **{"url": "https://guides.example/", **extra},
    )
    register.legislative_areas.set([area("professional-qualifications")])
    register_search_refresh(registers=Register.objects.filter(pk=register.pk))
    return register


def form_data(**extra):
    return {
        "name_en": "Register of tour guides",
        "url": "https://tour-guides.example/",
        "coverage": "tour guide",
        "legislative_areas": [area("professional-qualifications").pk],
        "is_public_and_free": "on",
        "languages": ["pt", "en"],
        **extra,
    }


def test_the_lda_adds_a_register_of_their_authority(client, world):
    client.force_login(world.pt_handler)  # LDA of the Portuguese tourism authority
    response = client.post(reverse("registers:new"), form_data())
    register = Register.objects.get(name_en="Register of tour guides")
    assert response["Location"] == reverse("registers:detail", args=[register.pk])
    assert (register.authority, register.country) == (world.pt_authority, country("PT"))
    assert register.last_reviewed == datetime.date.today()


def test_a_register_needs_a_name_and_a_valid_address(client, world):
    client.force_login(world.pt_handler)
    response = client.post(reverse("registers:new"), form_data(name_en="", url="not an address"))
    assert response.status_code == 200
    assert {"name_en", "url"} <= set(response.context["form"].errors)
    assert not Register.objects.exists()


def test_only_areas_of_the_authority_are_offered(client, world):
    client.force_login(world.pt_handler)
    response = client.post(reverse("registers:new"), form_data(legislative_areas=[area("services").pk]))
    assert response.status_code == 200
    assert not Register.objects.exists()


def test_a_user_who_is_not_lda_cannot_add_a_register(client, world):
    client.force_login(world.pt_allocator)
    assert client.get(reverse("registers:new")).status_code == 404


def test_only_the_managing_lda_edits_reviews_or_retires(client, world):
    register = make_register(world)
    for persona in ["bg_lda", "pt_allocator", "stranger", "pt_coordinator"]:
        client.force_login(getattr(world, persona))
        for name in ["registers:edit", "registers:reviewed", "registers:retire"]:
            assert client.get(reverse(name, args=[register.pk])).status_code == 404, (persona, name)
            assert client.post(reverse(name, args=[register.pk]), form_data()).status_code == 404
    register.refresh_from_db()
    assert register.name_en == "National register of tourist guides"
    assert not register.is_retired


def test_the_lda_marks_a_register_reviewed_and_retires_it_after_confirming(client, world):
    register = make_register(world, last_reviewed=datetime.date(2024, 1, 1))
    client.force_login(world.pt_handler)
    detail = client.get(reverse("registers:detail", args=[register.pk]))
    assert detail.context["needs_review"]
    client.post(reverse("registers:reviewed", args=[register.pk]))
    register.refresh_from_db()
    assert register.last_reviewed == datetime.date.today()
    assert client.get(reverse("registers:retire", args=[register.pk])).status_code == 200  # the confirmation
    register.refresh_from_db()
    assert not register.is_retired
    client.post(reverse("registers:retire", args=[register.pk]))
    register.refresh_from_db()
    assert register.is_retired


def test_everybody_finds_registers_in_any_language(client, world):
    register = make_register(world)
    client.force_login(world.stranger)
    for query in ["tourist guides", "екскурзоводите", "guia interprete", "turist gides"]:
        results = list(client.get(reverse("registers:list"), {"q": query}).context["results"])
        assert results == [register], query


def test_a_retired_register_is_no_longer_listed(client, world):
    register = make_register(world, is_retired=True)
    client.force_login(world.stranger)
    assert register not in list(client.get(reverse("registers:list")).context["results"])


def test_the_register_search_exports_as_csv(client, world):
    make_register(world)
    client.force_login(world.stranger)
    response = client.get(reverse("registers:list"), {"q": "guides", "format": "csv"})
    assert "https://guides.example/" in response.content.decode()


def test_the_wizard_shows_the_registers_of_the_responder_country_and_area(client, world, questions):
    register = make_register(world)
    info_request = draft(world, questions)
    client.force_login(world.bg_handler)
    review = client.get(reverse("requests:review", args=[info_request.pk]))
    assert list(review.context["registers"]) == [register]
    assert "https://guides.example/" in review.content.decode()


def test_the_registers_list_costs_the_same_queries_for_many_registers(client, world, count_queries):
    make_register(world)
    client.force_login(world.stranger)
    few = count_queries(reverse("registers:list"))
    for n in range(10):
        make_register(world, url=f"https://r{n}.example/")
    assert count_queries(reverse("registers:list")) == few


def test_a_register_is_found_by_its_authority_s_new_acronym_once_the_authority_changes(client, world):
    # The register's search document carries the acronym; the authorities app refreshes it through a
    # signal (authorities_changed), as it may not import the registers app.
    register = make_register(world)
    client.force_login(world.stranger)
    assert list(client.get(reverse("registers:list"), {"q": "ZQXTUR"}).context["results"]) == []
    world.pt_authority.acronym = "ZQXTUR"
    world.pt_authority.save(update_fields=["acronym"])
    authority_search_refresh(authorities=Authority.objects.filter(pk=world.pt_authority.pk))
    assert list(client.get(reverse("registers:list"), {"q": "ZQXTUR"}).context["results"]) == [register]


def test_an_lda_reading_bulgarian_keeps_the_bulgarian_name_beside_the_english_one(client, world):
    client.force_login(world.bg_lda)  # reads the portal in Bulgarian
    client.post(reverse("registers:new"), form_data(name_bg="Регистър на екскурзоводите"))
    register = Register.objects.get(name_en="Register of tour guides")
    assert register.name_bg == "Регистър на екскурзоводите"


def test_a_register_named_in_romanian_only_is_listed_in_romanian_for_every_reader(client, world):
    register = make_register(world)
    Register.objects.filter(pk=register.pk).update(name_en="", name_bg="", name_ro="Registrul ghizilor de turism")
    client.force_login(world.bg_handler)  # reads Bulgarian
    page = client.get(reverse("registers:list")).content.decode()
    assert '<span lang="ro">Registrul ghizilor de turism</span>' in page
