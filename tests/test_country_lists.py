"""Country lists are in the reader's alphabet: by the country's name in their language, as their language sorts."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from authorities.forms import DirectorySearchForm
from registers.forms import RegisterSearchForm
from requests_app.forms import AuthoritySearchForm, RequestFilterForm


def country_names(form_class, lang):
    with translation.override(lang):
        html = str(form_class()["country"])
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', html)


@pytest.mark.parametrize(
    "form_class", [DirectorySearchForm, RegisterSearchForm, AuthoritySearchForm, RequestFilterForm]
)
def test_a_danish_reader_finds_austria_as_ostrig_after_germany_as_tyskland(db, form_class):
    names = country_names(form_class, "da")
    assert len(names) == 30
    assert names[0] == "Belgien"
    assert names.index("Tyskland") < names.index("Østrig")
    assert names[-1] == "Østrig"  # Ø is the alphabet's second-last letter


def test_each_language_sorts_by_its_own_names(db):
    # Written out by hand: the first and last country of each language's list.
    expected = {
        "en": ("Austria", "Sweden"),
        "bg": ("Австрия", "Швеция"),
        "ro": ("Austria", "Ungaria"),
        "lv": ("Austrija", "Zviedrija"),
        "et": ("Austria", "Ungari"),
    }
    for lang, (first, last) in expected.items():
        names = country_names(RequestFilterForm, lang)
        assert (names[0], names[-1]) == (first, last), lang


def test_the_directory_page_lists_countries_in_the_reader_s_order(client, world):
    world.bg_handler.preferred_language = "da"
    world.bg_handler.save(update_fields=["preferred_language"])
    client.force_login(world.bg_handler)
    page = client.get(reverse("authorities:directory")).content.decode()
    assert page.index(">Tyskland<") < page.index(">Østrig<")


def test_latin_script_readers_get_every_country_name_in_latin_script(db):
    # countries.yaml names each country in every language, so nobody reads "България" but a Bulgarian.
    for lang in ["en", "ro", "da", "lv", "et"]:
        cyrillic = [name for name in country_names(RequestFilterForm, lang) if re.search("[\u0400-\u04ff]", name)]
        assert cyrillic == [], lang
    assert "България" in country_names(RequestFilterForm, "bg")
