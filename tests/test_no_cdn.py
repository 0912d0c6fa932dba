"""The portal runs in closed networks: nothing it serves points the browser at another site."""

import re

from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

EXTERNAL = re.compile(r"""(?:url\(|src=|href=)["']?(https?:)?//""")


def test_the_stylesheets_load_nothing_from_another_site():
    for name in [
        "ecl/styles/ecl-ec.css",
        "ecl/styles/ecl-ec-print.css",
        "ecl/styles/optional/ecl-reset.css",
        "css/portal.css",
    ]:
        css = open(finders.find(name), encoding="utf-8").read()  # noqa: SIM115
        assert not EXTERNAL.search(css), name


def test_pages_load_their_scripts_and_styles_from_the_portal(db):
    page = Client().get(reverse("account_login")).content.decode()
    for tag in re.findall(r"<(?:script|link)[^>]*>", page):
        assert not re.search(r"(src|href)=\"(https?:)?//", tag), tag


def test_every_response_carries_the_content_security_policy(db):
    policy = Client().get(reverse("account_login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
