from django.urls import reverse
from django.utils import translation

from authorities.models import Authority, NationalHelpdesk
from tests.factories import AuthorityFactory, country


def test_the_helpdesks_page_lists_each_country_helpdesk_and_national_coordinator(client, world):
    NationalHelpdesk.objects.create(country=country("BG"), email="helpdesk@imi.bg.test", phone="+359 2 000")
    response = client.get(reverse("helpdesks"))
    page = response.content.decode()
    assert "helpdesk@imi.bg.test" in page
    assert world.bg_coordinator.authority.name in page
    assert len(response.context["countries"]) == 30


def test_the_helpdesks_page_names_countries_in_the_reader_language(client, world):
    client.cookies["django_language"] = "bg"
    page = client.get(reverse("helpdesks")).content.decode()
    with translation.override("bg"):
        assert country("PT").name in page


def test_the_helpdesks_page_costs_the_same_queries_for_many_coordinators(client, world, count_queries):
    url = reverse("helpdesks")
    few = count_queries(url)
    for code in ["DK", "LV", "EE", "PT", "FR", "DE"]:
        NationalHelpdesk.objects.create(country=country(code), email=f"helpdesk@{code}.test")
        AuthorityFactory(country=country(code), coordinator_type=Authority.CoordinatorType.NATIONAL)
    assert count_queries(url) == few


def test_the_data_protection_notice_gives_the_retention_periods_from_the_settings(client, db, settings):
    settings.IMI_PERSONAL_DATA_BLOCK_MONTHS = 7
    settings.IMI_PERSONAL_DATA_DELETE_YEARS = 4
    page = client.get(reverse("data_protection")).content.decode()
    assert "blocked 7 months" in page
    assert "deleted 4 years" in page


def test_the_language_page_works_without_javascript(client, db):
    response = client.get(reverse("languages"), {"next": "/helpdesks/"})
    assert response.status_code == 200
    assert 'value="/helpdesks/"' in response.content.decode()


def test_the_language_page_ignores_a_foreign_next_address(client, db):
    response = client.get(reverse("languages"), {"next": "https://evil.example/"})
    assert response.context["next_url"] == "/"
    assert 'name="next" value="https://evil.example/"' not in response.content.decode()
