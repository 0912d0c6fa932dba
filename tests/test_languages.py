from django.conf import settings
from django.urls import reverse
from django.utils import translation

from authorities.models import Country, LegislativeArea


def test_a_logged_in_user_reads_the_portal_in_their_language(client, world):
    client.force_login(world.stranger)  # prefers Latvian
    response = client.get(reverse("home"))
    assert response.headers["Content-Language"] == "lv"
    with translation.override("lv"):
        assert translation.gettext("My tasks") in response.content.decode()


def test_switching_language_becomes_the_preferred_language(client, world):
    client.force_login(world.pt_handler)
    response = client.post(reverse("set_language"), {"language": "da", "next": reverse("home")})
    assert response.status_code == 302
    world.pt_handler.refresh_from_db()
    assert world.pt_handler.preferred_language == "da"
    assert client.get(reverse("home")).headers["Content-Language"] == "da"


def test_an_anonymous_visitor_switches_language_with_a_cookie(client, db):
    client.post(reverse("set_language"), {"language": "et", "next": reverse("account_login")})
    assert client.get(reverse("account_login")).headers["Content-Language"] == "et"


def test_a_foreign_next_address_is_not_followed(client, db):
    response = client.post(reverse("set_language"), {"language": "et", "next": "https://evil.example/"})
    assert "evil.example" not in response["Location"]


def test_every_enabled_language_has_a_catalogue_entry_for_the_menu(db):
    for code, _name in settings.LANGUAGES:
        if code == "en":
            continue
        with translation.override(code):
            assert translation.gettext("My tasks") != "My tasks", code
            assert translation.gettext("National helpdesks") != "National helpdesks", code


def test_the_reference_data_is_translated_into_every_language(db):
    assert Country.objects.count() == 30
    for country in Country.objects.all():
        for code, _name in settings.LANGUAGES:
            assert getattr(country, f"name_{code}"), (country.code, code)
    assert LegislativeArea.objects.count() >= 5
    for area in LegislativeArea.objects.all():
        for code, _name in settings.LANGUAGES:
            assert getattr(area, f"name_{code}"), (area.code, code)
            assert getattr(area, f"description_{code}"), (area.code, code)


def test_country_names_follow_the_active_language(db):
    portugal = Country.objects.get(code="PT")
    with translation.override("bg"):
        assert portugal.name == "Португалия"
    with translation.override("lv"):
        assert portugal.name == "Portugāle"
