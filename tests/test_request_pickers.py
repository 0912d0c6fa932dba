"""The request wizard's pickers: authorities by the name the reader knows and the official one; questions by set."""

from django.urls import reverse

from authorities.models import Authority
from requests_app import services
from tests.factories import area


def test_the_authority_picker_shows_the_official_name_beside_the_readers_name(client, world, questions):
    Authority.objects.filter(pk=world.bg_authority.pk).update(languages=["bg"])
    info_request = services.request_create(
        user=world.pt_handler, legislative_area=area("professional-qualifications"), summary="A tourist guide"
    )
    client.force_login(world.pt_handler)  # reads English
    page = client.get(reverse("requests:edit_authority", args=[info_request.pk]), {"q": "inspectorate"})
    html = page.content.decode()
    assert "General Labour Inspectorate Executive Agency" in html
    assert '<span lang="bg">Изпълнителна агенция „Главна инспекция по труда“</span>' in html


def test_an_authority_known_by_its_official_name_only_is_named_once(client, world, questions):
    info_request = services.request_create(
        user=world.bg_handler, legislative_area=area("professional-qualifications"), summary="A tourist guide"
    )
    client.force_login(world.bg_handler)
    html = client.get(reverse("requests:edit_authority", args=[info_request.pk]), {"q": "turismo"}).content.decode()
    assert html.count("Turismo de Portugal, I.P.") == 1


def test_a_question_not_yet_in_the_readers_language_is_marked_with_the_language_it_is_shown_in(
    client, world, questions
):
    info_request = services.request_create(
        user=world.bg_handler, legislative_area=area("professional-qualifications"), summary="A tourist guide"
    )
    world.bg_handler.preferred_language = "da"  # the test's questions are in English and Bulgarian only
    world.bg_handler.save()
    client.force_login(world.bg_handler)
    html = client.get(reverse("requests:edit_questions", args=[info_request.pk])).content.decode()
    marked = f'<span lang="en">{questions[0].text_en}</span> <span class="ecl-u-type-paragraph-xs">(på engelsk)</span>'
    assert marked in html
    assert '<span lang="en">Professional qualifications</span>' in html

    world.bg_handler.preferred_language = "bg"
    world.bg_handler.save()
    html = client.get(reverse("requests:edit_questions", args=[info_request.pk])).content.decode()
    assert f'<span class="ecl-checkbox__text">{questions[0].text_bg}</span>' in html
