"""Every error of the API as an RFC 9457 problem: ``application/problem+json`` with ``type``, ``title``
(the HTTP status's name), ``status``, ``detail`` in the caller's language (Accept-Language) and, for
invalid data, ``errors``: the messages of each field, as the portal's forms give them."""

import http

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response

PROBLEM_TYPE = "urn:imi:problem:"


class Problem(exceptions.APIException):
    """An error the API answers on purpose: a status, a short code (the problem's type) and a detail."""

    def __init__(self, status_code, code, detail, errors=None, headers=None):
        super().__init__(detail=detail, code=code)
        self.status_code = status_code
        self.errors = errors or {}
        self.headers = headers or {}


def invalid(errors, detail=None):
    """400 with the fields' messages: ``errors`` is a form's ``errors`` or a ``ValidationError``'s."""
    return Problem(400, "invalid", detail or _("The data sent are not valid."), errors=errors)


def precondition_failed():
    return Problem(
        412,
        "changed",
        _("The request has changed since you read it: read it again, then retry with its new ETag."),
    )


def precondition_required():
    return Problem(428, "if-match-required", _("Send the request's ETag in If-Match, so that no change is lost."))


def _detail(exc):
    """Our own words for the framework's errors, so every one is in the caller's language."""
    if isinstance(exc, exceptions.NotAuthenticated):
        return "unauthenticated", _("Send the token as “Authorization: Bearer <token>”.")
    if isinstance(exc, exceptions.AuthenticationFailed):
        return "unauthenticated", str(exc.detail)
    if isinstance(exc, exceptions.PermissionDenied):
        return "forbidden", _("The token's scope does not allow this.")
    if isinstance(exc, exceptions.NotFound):
        return "not-found", _("Not found, or not yours to see.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return "method-not-allowed", _("This method is not allowed here.")
    if isinstance(exc, exceptions.NotAcceptable | exceptions.UnsupportedMediaType):
        return "media-type", _("Send and accept JSON; files as multipart/form-data.")
    if isinstance(exc, exceptions.ParseError):
        return "malformed", _("The body could not be read: it is not valid JSON or form data.")
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        return "rate-limited", _("Too many calls with this token. Try again in %(seconds)d seconds.") % {
            "seconds": wait
        }
    if isinstance(exc, exceptions.ValidationError):
        return "invalid", _("The data sent are not valid.")
    return "error", str(exc.detail)


def problem_response(status_code, code, detail, errors=None, headers=None, instance=""):
    body = {
        "type": PROBLEM_TYPE + code,
        "title": http.HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = {field: [str(message) for message in messages] for field, messages in errors.items()}
    response = Response(body, status=status_code, headers=headers, content_type="application/problem+json")
    return response


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: the portal's 500 handler answers
    request = context.get("request")
    instance = request.path if request is not None else ""
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        headers["Retry-After"] = str(int(exc.wait) or 1)
    if isinstance(exc, Problem):
        headers.update(exc.headers)
        return problem_response(exc.status_code, exc.get_codes(), str(exc.detail), exc.errors, headers, instance)
    code, detail = _detail(exc)
    errors = None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        errors = {field: messages if isinstance(messages, list) else [messages] for field, messages in errors.items()}
    return problem_response(exc.status_code, code, detail, errors, headers, instance)


__all__ = ["Problem", "exception_handler", "invalid", "precondition_failed", "precondition_required", "status"]


# Errors raised before any API view runs (an address that matches no operation, a NUL character refused by
# the middleware) are answered as problems too under /api/; elsewhere by the portal's own error pages.
API_PREFIX = "/api/"


def _outside_a_view(request, status_code, code, detail):
    body = {
        "type": PROBLEM_TYPE + code,
        "title": http.HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        "instance": request.path,
    }
    return JsonResponse(body, status=status_code, content_type="application/problem+json")


def bad_request(request, exception):
    if request.path.startswith(API_PREFIX):
        return _outside_a_view(
            request, 400, "malformed", _("The body could not be read: it is not valid JSON or form data.")
        )
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if request.path.startswith(API_PREFIX):
        return _outside_a_view(request, 404, "not-found", _("Not found, or not yours to see."))
    return defaults.page_not_found(request, exception)
