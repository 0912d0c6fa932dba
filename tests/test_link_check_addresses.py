"""The register link checker visits only the public internet.

An LDA types a register's web address and a worker inside the portal's network
fetches it every night: without a rule, its results page told which addresses
and ports of that network answer (Redis, PostgreSQL, a cloud's metadata
service). Every hop is resolved and checked before the checker connects, and it
connects to the very address it checked.

No test sends anything beyond 127.0.0.0/8: names other than localhost are
resolved by a stand-in for getaddrinfo, and the connections the checker would
make elsewhere are recorded and refused by a stand-in for ``socket.connect``.
"""

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core import outbound
from registers import link_checks
from registers.forms import RegisterForm
from registers.models import LinkCheck, Register


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append(self.path)
        if self.path == "/ok":
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/to/"):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/to/"))
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.port = server.server_address[1]
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.9.9.9/admin/",
        "http://localhost/",
        "http://LocalHost/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://2130706433/",  # 127.0.0.1 written as one number
        "http://0x7f.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:10.1.2.3]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "https://[::]/",
    ],
)
def test_it_refuses_local_and_private_addresses_without_connecting(url, connections):
    result = link_checks.check_url(url, timeout=2)
    assert not result.ok
    assert result.status_code is None
    assert result.error == outbound.REFUSED_ADDRESS
    assert connections == []


def test_it_refuses_a_name_that_resolves_to_a_private_address(dns, connections):
    dns["intranet.example"] = ["10.20.30.40"]
    dns["mixed.example"] = ["93.184.216.34", "192.168.0.10"]  # one private answer is enough
    dns["metadata.example"] = ["fd00:ec2::254"]
    for url in ["https://intranet.example/", "http://mixed.example/", "http://metadata.example/"]:
        result = link_checks.check_url(url, timeout=2)
        assert result.error == outbound.REFUSED_ADDRESS
    assert connections == []


def test_it_refuses_ports_other_than_80_and_443(dns, connections):
    dns["registers.example"] = ["93.184.216.34"]
    for url in ["http://registers.example:6379/", "https://registers.example:5432/", "http://registers.example:8080/"]:
        result = link_checks.check_url(url, timeout=2)
        assert not result.ok
        assert result.error == outbound.REFUSED_PORT
    assert connections == []


def test_it_connects_to_the_address_it_checked_not_to_a_second_answer(dns, connections):
    """DNS rebinding: the name answers a public address to the check and a local one a moment later."""
    dns["rebinding.example"] = [["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"]]
    result = link_checks.check_url("http://rebinding.example/", timeout=2)
    assert not result.ok
    assert connections == ["93.184.216.34"]  # the checked address, refused by the stand-in; never 127.0.0.1
    assert "refused" in result.error
    assert len(dns["rebinding.example"]) == 2  # resolved once


def test_it_refuses_a_redirect_from_an_allowed_server_to_a_local_address(site, settings, dns, connections):
    settings.IMI_LINK_CHECK_ALLOWED_HOSTS = ["localhost"]
    dns["internal.example"] = ["10.0.0.7"]
    for target in ["http://127.0.0.1/ok", "http://[::1]/", "http://internal.example/", "http://169.254.169.254/"]:
        site.seen.clear()
        result = link_checks.check_url(f"http://localhost:{site.port}/to/{target}", timeout=2)
        assert not result.ok
        assert result.error == outbound.REFUSED_ADDRESS
        assert result.final_url == target
        assert site.seen == [f"/to/{target}"]  # the first hop only


def test_it_refuses_a_redirect_to_another_port(site, settings, connections):
    settings.IMI_LINK_CHECK_ALLOWED_HOSTS = ["localhost"]
    result = link_checks.check_url(f"http://localhost:{site.port}/to/http://127.0.0.1:{site.port}/ok", timeout=2)
    assert result.error == outbound.REFUSED_PORT


def test_the_setting_lets_the_local_test_server_through(site, settings, connections):
    site.seen.clear()
    assert link_checks.check_url(f"http://localhost:{site.port}/ok", timeout=2).error == outbound.REFUSED_PORT
    assert site.seen == []
    settings.IMI_LINK_CHECK_ALLOWED_HOSTS = ["localhost"]
    result = link_checks.check_url(f"http://localhost:{site.port}/ok", timeout=2)
    assert result.ok
    assert site.seen == ["/ok"]
    assert set(connections) <= {"127.0.0.1", "::1"}


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.255.255.255",
        "100.64.0.1",  # shared address space (carrier NAT)
        "172.31.0.1",
        "192.0.0.1",
        "192.0.2.1",
        "192.168.0.1",
        "198.18.0.1",
        "169.254.169.254",
        "224.0.0.251",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "0.0.0.0",  # noqa: S104 (an address checked, not bound)
        "::",
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::127.0.0.1",
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "fe80::1",
        "fe80::1%eth0",
        "fec0::1",
        "fc00::1",
        "ff02::1",
        "2001:db8::1",
    ],
)
def test_these_addresses_are_not_public(address):
    assert not outbound.is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2a00:1450:4001:82a::2004", "::ffff:8.8.8.8"])
def test_these_addresses_are_public(address):
    assert outbound.is_public_address(address)


def in_bulgarian(message):
    """The Bulgarian LDA reads the reason in Bulgarian."""
    with translation.override("bg"):
        translated = gettext(message)
    assert translated != message
    return translated


def test_a_refused_address_is_a_failed_check_with_its_reason(client, world, connections):
    register = Register.objects.create(
        name="Регистър на екскурзоводите",
        country=world.bg_authority.country,
        authority=world.bg_authority,
        url="http://169.254.169.254/latest/meta-data/",
    )
    check, _alerted = link_checks.check_register(register, timeout=2)
    check = LinkCheck.objects.get(pk=check.pk)
    assert not check.ok
    assert check.error == outbound.REFUSED_ADDRESS
    client.force_login(world.bg_lda)
    page = client.get(reverse("registers:detail", args=[register.pk])).content.decode()
    assert html.escape(in_bulgarian(outbound.REFUSED_ADDRESS)) in page
    assert connections == []


def test_the_register_form_takes_only_web_addresses(world):
    def form(url):
        return RegisterForm(
            data={"url": url, "name_en": "Tourist guides", "legislative_areas": []}, authority=world.bg_authority
        )

    for url in ["ftp://registers.example/", "file:///etc/passwd", "gopher://registers.example/"]:
        assert "url" in form(url).errors
    assert "url" not in form("https://registers.example/guides").errors
    assert "url" not in form("registers.example/guides").errors  # https is assumed


def test_the_lda_is_told_why_the_address_was_not_checked(
    world, settings, connections, django_capture_on_commit_callbacks
):
    settings.IMI_REGISTER_FAILURES_BEFORE_ALERT = 1
    register = Register.objects.create(
        name="Регистър на екскурзоводите",
        country=world.bg_authority.country,
        authority=world.bg_authority,
        url="http://10.0.0.5/registers",
    )
    with django_capture_on_commit_callbacks(execute=True):
        _check, alerted = link_checks.check_register(register, timeout=2)
    assert alerted
    (message,) = [message for message in mail.outbox if world.bg_lda.email in message.to]
    assert in_bulgarian(outbound.REFUSED_ADDRESS) in message.body
