"""No browser or proxy keeps what a logged-in user was shown, nor a downloaded file."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from core.middleware import NoStoreMiddleware
from requests_app import services
from requests_app.models import Status
from tests.request_states import request_in

PDF = b"%PDF-1.4\n% a test document\n"


def assert_not_stored(response, url):
    assert "no-store" in response["Cache-Control"], (url, response.get("Cache-Control"))


def test_every_page_and_file_of_a_logged_in_user_says_no_store(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    attachment = services.attachment_add(
        info_request=info_request,
        user=world.bg_handler,
        upload=SimpleUploadedFile("diploma.pdf", PDF, "application/pdf"),
    )
    handler_pages = [
        reverse("home"),
        reverse("requests:list"),
        reverse("requests:list") + "?q=Sousa",
        reverse("requests:detail", args=[info_request.pk]),
        reverse("requests:attachment", args=[info_request.pk, attachment.pk]),
        reverse("authorities:profile"),
        reverse("requests:activity") + "?format=csv",
    ]
    client.force_login(world.bg_handler)
    for url in handler_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_not_stored(response, url)

    client.force_login(world.pt_handler)
    response = client.get(reverse("requests:answers", args=[info_request.pk]))
    assert response.status_code == 200
    assert_not_stored(response, "answers")

    coordinator_pages = [
        reverse("requests:data_subjects") + "?name=Sousa",
        reverse("requests:data_subjects") + "?name=Sousa&format=json",
        reverse("requests:data_subjects") + "?name=Sousa&format=print",
        reverse("requests:read_log"),
        reverse("admin:index"),
        reverse("admin:authorities_user_changelist"),
        reverse("admin:authorities_user_change", args=[world.bg_handler.pk]),
    ]
    client.force_login(world.bg_coordinator)
    for url in coordinator_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_not_stored(response, url)

    client.force_login(world.superuser)
    for url in [reverse("admin:imi_outboxmessage_changelist"), reverse("admin:authorities_authority_changelist")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_not_stored(response, url)


def test_a_refusal_to_a_logged_in_user_is_not_stored_either(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.stranger)
    response = client.get(reverse("requests:detail", args=[info_request.pk]))
    assert response.status_code == 404
    assert_not_stored(response, "detail")


def test_the_login_page_of_an_anonymous_visitor_is_fine_either_way(client, db):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert response.get("Pragma") in (None, "no-cache")


def test_a_stricter_header_of_a_view_is_kept_and_a_looser_one_replaced(world):
    def respond_with(cache_control):
        def view(request):
            response = HttpResponse("personal data")
            response["Cache-Control"] = cache_control
            return response

        return view

    request = RequestFactory().get("/")
    request.user = world.bg_handler
    strict = "max-age=0, no-cache, no-store, must-revalidate, private"
    assert NoStoreMiddleware(respond_with(strict))(request)["Cache-Control"] == strict
    assert NoStoreMiddleware(respond_with("public, max-age=3600"))(request)["Cache-Control"] == "no-store"


def test_a_file_download_says_no_store_even_without_a_login(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    download = NoStoreMiddleware(lambda request: FileResponse(iter([b"x"]), as_attachment=True, filename="a.pdf"))
    assert download(request)["Cache-Control"] == "no-store"
    page = NoStoreMiddleware(lambda request: HttpResponse("Welcome"))(request)
    assert "Cache-Control" not in page


def test_static_files_stay_cacheable_for_a_logged_in_user(world, settings):
    with override_settings(
        MIDDLEWARE=["whitenoise.middleware.WhiteNoiseMiddleware", *settings.MIDDLEWARE],
        WHITENOISE_USE_FINDERS=True,
        WHITENOISE_AUTOREFRESH=True,
    ):
        client = Client()
        client.force_login(world.bg_handler)
        response = client.get("/static/js/portal.js")
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")
