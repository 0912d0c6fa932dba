"""Searches a civil servant would type, in each language, with the expected authority first."""

import pytest
from django.urls import reverse

from authorities.models import Authority, Competence
from authorities.selectors import authorities_search
from authorities.services import authority_search_refresh
from tests.factories import AuthorityFactory, area, country


@pytest.fixture
def directory(db):
    def make(official_name, code, city, english, areas=(), keywords="", **extra):
        authority = AuthorityFactory(
            official_name=official_name, display_name_en=english, country=country(code), city=city, **extra
        )
        for area_code in areas:
            Competence.objects.create(authority=authority, legislative_area=area(area_code), keywords=keywords)
        authority_search_refresh(authorities=Authority.objects.filter(pk=authority.pk))
        return authority

    return {
        "ro_ministry": make(
            "Ministerul Muncii și Solidarității Sociale", "RO", "București", "Ministry of Labour and Social Solidarity"
        ),
        "ro_inspection": make(
            "Inspecția Muncii",
            "RO",
            "București",
            "Labour Inspection",
            ["posting-of-workers"],
            "detașarea lucrătorilor, posted workers",
        ),
        "bg_ministry": make(
            "Министерство на труда и социалната политика", "BG", "София", "Ministry of Labour and Social Policy"
        ),
        "bg_inspection": make(
            "Изпълнителна агенция „Главна инспекция по труда“", "BG", "София", "General Labour Inspectorate"
        ),
        "lv_inspection": make(
            "Valsts darba inspekcija", "LV", "Rīga", "State Labour Inspectorate", ["posting-of-workers"]
        ),
        "pt_tourism": make(
            "Turismo de Portugal, I.P.",
            "PT",
            "Lisboa",
            "Portuguese Tourism Authority",
            ["professional-qualifications"],
            "tourist guide, guia-intérprete, tour guide",
        ),
        "dk_inspection": make(
            "Arbejdstilsynet",
            "DK",
            "København",
            "Danish Working Environment Authority",
            ["posting-of-workers"],
            "udstationerede arbejdstagere",
        ),
        "ee_inspection": make(
            "Tööinspektsioon",
            "EE",
            "Tallinn",
            "Labour Inspectorate of Estonia",
            ["posting-of-workers"],
            "lähetatud töötajad",
        ),
        "pending": make("Inspecția Muncii Test", "RO", "Cluj", "A pending inspection", status=Authority.Status.PENDING),
    }


def first(query, **filters):
    results = list(authorities_search(query=query, **filters)[:5])
    return results[0] if results else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ministerul muncii", "ro_ministry"),  # Romanian, without the diacritics
        ("Ministerul Muncii", "ro_ministry"),
        ("ministerul munci", "ro_ministry"),  # a letter missing
        ("inspectia muncii", "ro_inspection"),  # ț typed as t
        ("Министерство на труда", "bg_ministry"),  # Cyrillic as typed
        ("ministerstvo na truda", "bg_ministry"),  # the Bulgarian name typed in Latin letters
        ("главна инспекция", "bg_inspection"),
        ("darba inspekcija", "lv_inspection"),  # Latvian
        ("darba inspekcjia", "lv_inspection"),  # two letters swapped
        ("tourist guide", "pt_tourism"),  # a competence keyword
        ("turist gide", "pt_tourism"),  # small typos
        ("guia interprete", "pt_tourism"),  # keyword without accents
        ("arbejdstilsynet", "dk_inspection"),  # Danish
        ("arbejdstilsinet", "dk_inspection"),
        ("tooinspektsioon", "ee_inspection"),  # Estonian without the umlauts
        ("tööinspekts", "ee_inspection"),  # a partial word
        ("Labour Inspectorate of Estonia", "ee_inspection"),  # the English name
        ("Rīga", "lv_inspection"),  # the city
        ("lahetatud tootajad", "ee_inspection"),  # an Estonian keyword, without accents
    ],
)
def test_it_finds_the_authority_a_user_means(directory, query, expected):
    assert first(query) == directory[expected], query


def test_every_word_must_match(directory):
    assert first("inspekcija tourist") is None


def test_it_filters_by_country_and_area(directory):
    found = set(authorities_search(query="inspection", country=country("RO")))
    assert directory["ro_inspection"] in found
    assert directory["lv_inspection"] not in found
    by_area = set(authorities_search(area=area("posting-of-workers")))
    assert directory["dk_inspection"] in by_area
    assert directory["ro_ministry"] not in by_area


def test_pending_authorities_are_left_out_unless_asked_for(directory):
    assert directory["pending"] not in set(authorities_search(query="inspectia muncii"))
    assert directory["pending"] in set(authorities_search(query="inspectia muncii", status=Authority.Status.PENDING))


def test_a_changed_name_is_found_at_once(directory, world, client):
    client.force_login(world.bg_lda)
    client.post(
        reverse("authorities:authority_edit"),
        {"city": "Пловдив", "email": "office@gli.test", "display_name_en": "Plovdiv Labour Office"},
    )
    assert first("plovdiv labour") == world.bg_authority


def test_the_directory_page_shows_the_official_name_and_the_name_in_the_reader_language(client, world, directory):
    client.force_login(world.stranger)  # reads Latvian
    response = client.get(reverse("authorities:directory"), {"q": "министерство на труда"})
    assert response.status_code == 200
    assert list(response.context["results"])[0] == directory["bg_ministry"]
    page = response.content.decode()
    assert "Министерство на труда и социалната политика" in page
    assert "Ministry of Labour and Social Policy" in page  # no Latvian name given: English is the fallback


def test_the_search_results_export_as_csv(client, world, directory):
    client.force_login(world.stranger)
    response = client.get(reverse("authorities:directory"), {"q": "inspection", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode()
    assert "Inspecția Muncii" in content
    assert "Turismo de Portugal" not in content


def test_the_directory_is_for_logged_in_users(client, directory):
    assert "/accounts/login/" in client.get(reverse("authorities:directory"))["Location"]
    authority = directory["pt_tourism"]
    assert "/accounts/login/" in client.get(reverse("authorities:authority_profile", args=[authority.pk]))["Location"]


def test_the_profile_shows_contacts_competences_and_coordinator(client, world, directory):
    client.force_login(world.bg_handler)
    response = client.get(reverse("authorities:authority_profile", args=[directory["pt_tourism"].pk]))
    page = response.content.decode()
    assert "tourist guide" in page
    assert world.pt_coordinator.authority.name in page


def test_a_deactivated_authority_has_no_profile(client, world, directory):
    authority = directory["ro_ministry"]
    authority.status = Authority.Status.DEACTIVATED
    authority.save()
    client.force_login(world.bg_handler)
    assert client.get(reverse("authorities:authority_profile", args=[authority.pk])).status_code == 404


def test_the_directory_page_costs_the_same_queries_for_many_results(client, world, directory, count_queries):
    client.force_login(world.bg_handler)
    url = reverse("authorities:directory") + "?q=inspection"
    few = count_queries(url)
    for n in range(10):
        AuthorityFactory(official_name=f"Inspection office {n}", display_name_en=f"Inspection office {n}")
    assert count_queries(url) == few
