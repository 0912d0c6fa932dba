"""The leaflet's "learn how and when to use the portal": the training help page.

It links to the training environment (its address is a setting), names the
national coordinator who runs training in the reader's country, and offers the
training material itself: a short guide per role, in every language.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.models import HelpPage

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# One guide per role of the portal, written out rather than read from the code under test.
GUIDES = ["guide-request-handler", "guide-allocator", "guide-supervisor", "guide-lda", "guide-coordinator"]


def training_page(client):
    response = client.get(reverse("help_page", args=["training"]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_links_to_the_training_environment_of_the_setting(client, db, settings):
    settings.IMI_TRAINING_URL = "https://training.imi.example/"
    assert 'href="https://training.imi.example/"' in training_page(client)


def test_it_names_the_national_coordinator_of_the_readers_country_only(client, world):
    client.force_login(world.bg_handler)
    page = training_page(client)
    bulgarian = world.bg_coordinator.authority
    assert bulgarian.official_name in page
    assert f"mailto:{bulgarian.email}" in page
    assert world.ro_coordinator.authority.official_name not in page
    assert world.pt_coordinator.authority.official_name not in page


def test_a_reader_without_an_authority_is_pointed_to_every_countrys_coordinators(client, world):
    page = training_page(client)  # not logged in: the help pages are public
    assert world.bg_coordinator.authority.official_name not in page
    assert reverse("helpdesks") in page


def test_a_fresh_database_has_a_guide_per_role_in_every_language(db):
    guides = HelpPage.objects.filter(slug__in=GUIDES)
    assert sorted(guides.values_list("slug", flat=True)) == sorted(GUIDES)
    for guide in guides:
        for lang in LANGUAGES:
            title, body = getattr(guide, f"title_{lang}"), getattr(guide, f"body_{lang}")
            assert title and title.strip(), (guide.slug, lang)
            assert body and len(body) > 300, (guide.slug, lang)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_training_page_offers_every_guide_in_the_readers_language(client, world, language):
    world.bg_handler.preferred_language = language
    world.bg_handler.save()
    client.force_login(world.bg_handler)
    page = training_page(client)
    guides = HelpPage.objects.filter(slug__in=GUIDES)
    assert guides.count() == len(GUIDES)
    with translation.override(language):
        for guide in guides:
            assert f'href="{reverse("help_page", args=[guide.slug])}"' in page
            assert guide.title in page


def test_a_guide_opens_in_the_readers_language(client, world):
    world.bg_handler.preferred_language = "da"
    world.bg_handler.save()
    client.force_login(world.bg_handler)
    response = client.get(reverse("help_page", args=["guide-request-handler"]))
    assert response.status_code == 200
    guide = HelpPage.objects.get(slug="guide-request-handler")
    assert guide.title_da in response.content.decode()
