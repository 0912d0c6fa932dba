"""Links to another page of a list, or to its download, keep the filters the user chose."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse


def test_the_page_links_keep_the_filters_and_replace_the_page_number():
    request = RequestFactory().get("/requests/", {"q": "Sousa", "page": "2", "status": "open"})
    page = Paginator(range(60), 25).get_page(2)
    html = render_to_string("includes/pagination.html", {"page": page}, request=request)
    assert 'href="?q=Sousa&amp;page=1&amp;status=open"' in html
    assert 'href="?q=Sousa&amp;page=3&amp;status=open"' in html


def test_the_download_link_keeps_the_search_and_drops_the_page_number(client, world):
    client.force_login(world.bg_handler)
    html = client.get(reverse("authorities:directory"), {"q": "labour", "page": "2"}).content.decode()
    assert 'href="?q=labour&amp;format=csv"' in html
