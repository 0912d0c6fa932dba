import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy


class RequestSizeLimitMiddleware:
    """A request body larger than ``IMI_MAX_REQUEST_BYTES`` is refused (413) before anything reads it.

    The size is the one the client announces (Content-Length): Django reads no more than that.
    A body without it (``Transfer-Encoding: chunked``) is never read by Django, which would take
    it for an empty form: it gets 411, "length required", instead. The page is the standalone
    error page (no database, no session) in the language of the browser or the language cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0  # Django reads nothing of a body whose length it cannot read either
        if size > settings.IMI_MAX_REQUEST_BYTES:
            return _refusal(
                request,
                413,
                gettext_lazy("The file is too large"),
                gettext_lazy(
                    "The portal takes files of at most %(size)s. Go back and choose a smaller file, "
                    "or send several smaller files one after the other."
                ),
            )
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return _refusal(
                request,
                411,
                gettext_lazy("The request could not be read"),
                gettext_lazy("The portal needs to know the size of what is sent. Go back and send the form again."),
            )
        return self.get_response(request)


def _refusal(request, status, heading, explanation):
    with translation.override(translation.get_language_from_request(request)):
        size = filesizeformat(settings.IMI_MAX_UPLOAD_BYTES)
        context = {"portal_name": settings.PORTAL_NAME, "heading": heading, "explanation": explanation % {"size": size}}
        response = HttpResponse(render_to_string("errors/standalone.html", context), status=status)
    # Placed before the security middleware, so the headers it and the CSP middleware add are set here.
    response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    return response


# Where a session keeps the time (seconds since the epoch) it was last saved with a fresh expiry.
RENEWED_AT = "_imi_renewed_at"


def renew_session(session):
    """Give the session a fresh expiry: it is saved (row and cookie) at the end of this request."""
    session[RENEWED_AT] = int(time.time())


def session_seconds_left(session):
    """How long the session lasts without another renewal: what the page's warning counts down."""
    renewed_at = session.get(RENEWED_AT)
    if renewed_at is None:
        return settings.SESSION_COOKIE_AGE
    return max(0, settings.SESSION_COOKIE_AGE - (int(time.time()) - renewed_at))


class SlidingSessionMiddleware:
    """A session ends after ``SESSION_COOKIE_AGE`` without activity, without a write on every request.

    Saving the session on every request (``SESSION_SAVE_EVERY_REQUEST``) costs an update and a
    commit per page. Here a session is renewed only when its last renewal is older than
    ``IMI_SESSION_RENEW_SECONDS``; a session saved for another reason (a login, a message) counts
    as renewed too. Anonymous visitors without a session get none.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        # A cookie of a session that ended (or of none) loads as no data: it stays without a session.
        if not session.is_empty() and session.keys():
            renewed_at = session.get(RENEWED_AT)
            if renewed_at is None or time.time() - renewed_at >= settings.IMI_SESSION_RENEW_SECONDS:
                renew_session(session)
        response = self.get_response(request)
        if session.modified and not session.is_empty():
            renew_session(session)
        return response


class UserLanguageMiddleware:
    """A logged-in user reads the portal in their preferred language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class RejectNulCharactersMiddleware:
    """A NUL character is never part of a real address or form, and PostgreSQL can neither store nor compare it.

    Such a request gets the "bad request" page before anything reaches a query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            raise BadRequest("A NUL character in the request.")
        return self.get_response(request)


def _has_nul(query):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())


class MFARequiredMiddleware:
    """Coordinators, helpdesk staff and superusers set up an authenticator app before anything else."""

    allowed_prefixes = ("/accounts/", "/i18n/", "/static/", "/helpdesks/", "/data-protection/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.requires_mfa
            and not request.path.startswith(self.allowed_prefixes)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Every response says where scripts, styles and images may come from: this site only, nothing inline."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class NoStoreMiddleware:
    """Nothing a logged-in user is shown, and no downloaded file, is kept by a browser or a proxy.

    Pages behind the login hold personal data or what only the user's authority may read; a
    shared computer's back button or disk cache, or a proxy in between, must not keep them.
    A view that already forbids storing keeps its own header; static files (WhiteNoise) are
    answered before this middleware and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.user.is_authenticated or _is_download(response)) and "no-store" not in _cache_directives(response):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response


def _is_download(response):
    return isinstance(response, FileResponse) or response.get("Content-Disposition", "").startswith("attachment")


def _cache_directives(response):
    return {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
