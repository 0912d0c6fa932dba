"""Error pages speak the user's language, keep the layout where they can, and need no database when they cannot."""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext


def translated(text, language):
    with translation.override(language):
        result = gettext(text)
    assert result != text, f"not translated into {language}: {text}"
    return result


def in_bulgarian(text):
    return translated(text, "bg")


def test_a_missing_page_is_a_translated_page_in_the_layout(client, world):
    client.force_login(world.bg_handler)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert in_bulgarian("Page not found") in html
    assert in_bulgarian("Go to the home page") in html
    assert 'id="main-content"' in html and "ecl-site-footer" in html


def test_a_request_of_another_authority_gives_the_same_page_as_a_missing_one(client, world, questions):
    from requests_app.models import Status
    from tests.request_states import request_in

    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.stranger)
    heading = translated("Page not found", world.stranger.preferred_language)
    for path in [f"/requests/{info_request.pk}/", "/requests/999999999/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert heading in response.content.decode()


def test_an_expired_form_says_so_in_the_users_language(world):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="bg")
    response = client.post("/accounts/login/", {"login": world.bg_handler.email, "password": "whatever"})
    assert response.status_code == 403
    html = response.content.decode()
    assert in_bulgarian("The form has expired") in html
    assert "ecl-site-footer" in html


@pytest.mark.urls("tests.error_urls")
def test_an_unexpected_error_is_a_translated_500_page(db):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="bg")
    response = client.get("/failing/")
    assert response.status_code == 500
    html = response.content.decode()
    assert in_bulgarian("Something went wrong") in html
    assert "a bug" not in html  # nothing of the error itself reaches the user
    assert "Retry-After" not in response.headers


@pytest.mark.urls("tests.error_urls")
def test_a_database_outage_is_a_503_that_asks_to_try_again(db, django_assert_num_queries):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="bg")
    with django_assert_num_queries(0):
        response = client.get("/database-away/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = response.content.decode()
    assert in_bulgarian("The portal is unavailable for a moment") in html
    assert "server closed" not in html


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/admin/authorities/authority/", {"status__exact": "\x00"}),
        ("get", "/requests/", {"q": "guide\x00"}),
        ("post", "/profile/", {"full_name": "Мария\x00"}),
        ("get", "/requests/\x00/", {}),
    ],
)
def test_a_nul_character_anywhere_is_a_translated_bad_request(client, world, method, path, data):
    world.bg_coordinator.preferred_language = "bg"
    world.bg_coordinator.save(update_fields=["preferred_language"])
    client.force_login(world.bg_coordinator)
    response = getattr(client, method)(path, data)
    assert response.status_code == 400
    assert in_bulgarian("The request could not be understood") in response.content.decode()
