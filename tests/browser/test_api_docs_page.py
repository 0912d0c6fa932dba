"""An engineer of a national system reads the API's reference in the portal: a page of the portal, rendered
from the OpenAPI document, in the reader's language around the reference (which is marked as English),
checked by axe at both widths."""

from django.conf import settings
from django.urls import reverse

from api.reference import operations
from tests.browser.conftest import in_language


def test_the_api_reference_lists_every_operation(page):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "da", "url": page.base_url}])
    page.language = "da"
    page.goto(reverse("api:docs"))
    listed = page.get_by_role("navigation", name=in_language("da", "Operations")).get_by_role("link")
    every = [f"{operation['method']} {operation['path']}" for _tag, items in operations() for operation in items]
    assert listed.all_inner_texts() == every
    # From the list to an operation, and from a field to its schema, by the keyboard.
    action = page.get_by_role("link", name="POST /api/v1/requests/{id}/actions/{action}")
    action.focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#request_action")
    section = page.locator("section", has=page.locator("#request_action"))
    assert section.get_by_role("cell", name="If-Match").is_visible()
    section.get_by_role("link", name="ActionInputRequest").first.click()
    assert page.url.endswith("#schema-ActionInputRequest")
    page.check_accessibility()
