"""The portal's URLs and, for the page benchmark only, a bare logged-in view to compare the pages with."""

from django.urls import path

from demo.bench_pages import bare_view
from imi.urls import handler500
from imi.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler500", "urlpatterns"]

urlpatterns = [path("bench/bare/", bare_view, name="bench_bare"), *portal_urlpatterns]
