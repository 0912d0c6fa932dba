"""The menu names each destination clearly: a coordinator finds the requests they coordinate and the
administration of authorities and users under two distinct names, not "Coordination" twice."""

import re

from django.urls import reverse

MENU_LINK = re.compile(r'<a href="([^"]*)" class="[^"]*ecl-menu__link[^"]*"[^>]*>([^<]*)</a>')


def menu(client):
    return {label.strip(): url for url, label in MENU_LINK.findall(client.get(reverse("home")).content.decode())}


def test_a_coordinator_sees_two_distinct_names_for_coordinating_requests_and_the_administration(client, world):
    client.force_login(world.pt_coordinator)
    items = menu(client)
    assert items["Requests to coordinate"] == reverse("requests:coordination")
    assert items["Manage authorities and users"] == reverse("admin:index")
    assert not [label for label in items if label.startswith("Coordination")]


def test_the_coordination_page_is_titled_as_its_menu_item(client, world):
    client.force_login(world.pt_coordinator)
    page = client.get(reverse("requests:coordination")).content.decode()
    assert '<h1 class="ecl-u-type-heading-1">Requests to coordinate</h1>' in page


def test_a_helpdesk_member_sees_the_administration_only(client, world):
    client.force_login(world.bg_helpdesk)
    items = menu(client)
    assert items["Manage authorities and users"] == reverse("admin:index")
    assert reverse("requests:coordination") not in items.values()


def test_a_handler_sees_neither(client, world):
    client.force_login(world.bg_handler)
    items = menu(client)
    assert reverse("requests:coordination") not in items.values()
    assert reverse("admin:index") not in items.values()
