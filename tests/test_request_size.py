"""A request body too large for the portal is refused before anything reads it.

Without a limit in front, a 100 MB anonymous POST was read whole before the CSRF
check refused it. The body here is a stream that fails the test if anything
reads it, and the address is a probe view that counts its calls.
"""

import re
import shlex
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import path

from imi.urls import urlpatterns as portal_urlpatterns

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1000
calls = []


def probe(request):
    calls.append(request.body)
    return HttpResponse("read")


urlpatterns = [path("probe/", probe), *portal_urlpatterns]


class Unreadable:
    """A request body that must stay unread."""

    def read(self, *args, **kwargs):
        raise AssertionError("the body was read")

    readline = read

    def __iter__(self):
        raise AssertionError("the body was read")


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.IMI_MAX_REQUEST_BYTES = LIMIT
    calls.clear()


@pytest.mark.urls(__name__)
def test_a_body_over_the_limit_is_refused_unread_and_the_view_never_runs(client):
    response = client.post(
        "/probe/",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert calls == []
    page = response.content.decode()
    assert "The file is too large" in page
    assert "10.0\xa0MB" in page  # what the user may send: the upload limit
    assert response["Content-Security-Policy"]


@pytest.mark.urls(__name__)
def test_an_anonymous_post_to_the_login_is_refused_before_the_csrf_check(client):
    response = client.post(
        "/accounts/login/",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(LIMIT + 1),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413


@pytest.mark.urls(__name__)
def test_a_body_within_the_limit_reaches_the_view(client):
    response = client.post("/probe/", b"x" * LIMIT, content_type="application/octet-stream")
    assert response.status_code == 200
    assert calls == [b"x" * LIMIT]


@pytest.mark.urls(__name__)
def test_the_refusal_is_in_the_language_of_the_browser(client):
    response = client.post(
        "/probe/",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(LIMIT + 1),
        HTTP_ACCEPT_LANGUAGE="bg",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert '<html lang="bg">' in response.content.decode()


@pytest.mark.urls(__name__)
def test_a_body_without_a_length_is_refused_unread(client):
    """Django reads no body without a Content-Length; a chunked one would arrive as an empty form."""
    response = client.post(
        "/probe/",
        content_type="application/octet-stream",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 411
    assert calls == []


def test_the_limit_comes_first_and_leaves_room_for_the_largest_upload(settings):
    from imi.settings import base

    assert base.MIDDLEWARE[0] == "core.middleware.RequestSizeLimitMiddleware"
    assert base.IMI_MAX_REQUEST_BYTES > base.IMI_MAX_UPLOAD_BYTES + 1024 * 1024
    assert base.FILE_UPLOAD_MAX_MEMORY_SIZE <= base.IMI_MAX_UPLOAD_BYTES
    assert base.DATA_UPLOAD_MAX_MEMORY_SIZE < base.IMI_MAX_REQUEST_BYTES


def test_gunicorn_limits_the_request_line_and_headers():
    """gunicorn reads GUNICORN_CMD_ARGS in every command of the image and of the compose stack."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    match = re.search(r'^ENV GUNICORN_CMD_ARGS="([^"]*)"', dockerfile, re.MULTILINE)
    assert match
    args = shlex.split(match.group(1))
    options = dict(zip(args[::2], args[1::2], strict=True))
    assert int(options["--limit-request-line"]) <= 8190
    assert int(options["--limit-request-fields"]) <= 100
    assert int(options["--limit-request-field_size"]) <= 8190
