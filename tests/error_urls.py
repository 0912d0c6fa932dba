"""The portal's addresses plus two that fail, for the error page tests."""

from django.db import OperationalError
from django.urls import path

from imi.urls import handler500
from imi.urls import urlpatterns as portal_urlpatterns


def failing(request):
    raise RuntimeError("a bug")


def database_away(request):
    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [path("failing/", failing), path("database-away/", database_away), *portal_urlpatterns]

__all__ = ["handler500", "urlpatterns"]
