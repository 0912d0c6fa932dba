"""The admin passes axe in every language, for the coordinator and for the helpdesk.

Every list, add form and object page the admin offers the persona (its own app list, not a list
kept by hand), in each enabled language at a desktop width, and in English on a small phone.
One browser context per language: each persona logs in once and walks its pages.
"""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from core.help_content import load_help_pages
from tests.browser.conftest import NARROW, WIDE, log_in_with_code
from tests.test_admin_pages import furnish

SIZES = [pytest.param(WIDE, code, id=f"wide-{code}") for code, _name in settings.LANGUAGES] + [
    pytest.param(NARROW, "en", id="narrow-en")
]


def admin_pages(user):
    """The admin's index, and each list, add form and first object page the user's admin offers."""
    request = RequestFactory().get(reverse("admin:index"))
    request.user = user
    pages = [reverse("admin:index")]
    for app in admin.site.get_app_list(request):
        for entry in app["models"]:
            model = entry["model"]
            model_admin = admin.site._registry[model]
            pages.append(entry["admin_url"])
            if entry.get("add_url"):
                pages.append(entry["add_url"])
            obj = model_admin.get_queryset(request).order_by("pk").first()
            if obj is not None and model_admin.has_view_or_change_permission(request, obj):
                opts = model._meta
                pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    return pages


@pytest.mark.parametrize(("viewport", "language"), SIZES)
def test_every_admin_page_of_the_coordinator_and_the_helpdesk_passes_axe(page, world, questions, language):
    furnish(world)
    load_help_pages()  # a data migration made them; a test before this one on a live server flushed them
    for persona in (world.bg_coordinator, world.bg_helpdesk):
        persona.preferred_language = language
        persona.save(update_fields=["preferred_language"])
        pages = admin_pages(persona)
        # Lists and forms of users and authorities at least: the app list cannot come back nearly empty.
        assert reverse("admin:authorities_user_add") in pages
        assert len(pages) > 15
        page.context.clear_cookies()
        log_in_with_code(page, persona)
        for url in pages:
            page.goto(url)  # axe-core checks every page
            assert page.url.endswith(url), f"{url} led to {page.url}"
            assert page.locator("html").get_attribute("lang") == language, url
