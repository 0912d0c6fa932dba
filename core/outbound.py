"""The private-network guard: connections the portal makes to addresses that people typed.

A register's address (``registers.link_checks``) and a national system's webhook endpoint
(``api.webhooks``) are typed by an LDA, and a worker inside the portal's network connects to
them. Before it does, the host name is resolved and every address checked (``resolve``): only
the public internet, on ports 80 and 443; anything else is refused with a reason, never a
request into the worker's own network. The connection then goes to the very addresses checked
(``connection``), so a name that answers differently a moment later (DNS rebinding) leads
nowhere unchecked. ``http.client`` never goes through a proxy, which would connect to addresses
nobody checked, and never follows a redirect by itself.

Hosts in ``IMI_LINK_CHECK_ALLOWED_HOSTS`` pass whatever their address and port (a test server
on 127.0.0.1).
"""

import http.client
import ipaddress
import socket
import ssl

from django.conf import settings
from django.utils.translation import gettext_noop

PORTS = {"http": 80, "https": 443}
# Stored in English, shown in the reader's language (the registers page and the alert mail translate them).
REFUSED_ADDRESS = gettext_noop(
    "Not checked: the address leads into a local or private network, which the portal does not visit."
)
REFUSED_PORT = gettext_noop("Not checked: only web addresses on the standard ports (80 and 443) are visited.")
# IPv6 prefixes that carry an IPv4 address the packets end up at: NAT64 (RFC 6052).
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(Exception):
    """An address the portal does not visit; ``reason`` is one of the REFUSED_ texts."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def is_public_address(address):
    """Whether an IP address is on the public internet: not loopback, private, link-local,
    multicast, reserved or unspecified, also when an IPv6 address carries an IPv4 one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 scope ("fe80::1%eth0") is no part of the address
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return is_public_address(str(embedded))
        if ip.is_site_local:
            return False
    return ip.is_global and not (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def host_allowed(host):
    """Hosts the settings let through (a test server on 127.0.0.1), whatever their address and port."""
    return host.lower() in {allowed.lower() for allowed in settings.IMI_LINK_CHECK_ALLOWED_HOSTS}


def resolve(host, port):
    """The addresses to connect to for ``host``, each one checked; raises ``Refused`` if any is not public.

    The connection then goes to these very addresses, so a name that resolves differently a moment
    later (DNS rebinding) does not lead anywhere unchecked.
    """
    allowed = host_allowed(host)
    if not allowed and port not in PORTS.values():
        raise Refused(REFUSED_PORT)
    addresses = [
        (family, sockaddr)
        for family, _type, _proto, _name, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    ]
    if not allowed and not all(is_public_address(sockaddr[0]) for _family, sockaddr in addresses):
        raise Refused(REFUSED_ADDRESS)
    return addresses


def connect_to(addresses):
    """A replacement for socket.create_connection that connects only to already checked addresses."""

    def create_connection(_address, timeout, source_address=None):
        error = OSError("No address to connect to.")
        for family, sockaddr in addresses:
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as failure:
                sock.close()
                error = failure
        raise error

    return create_connection


def connection(scheme, host, port, addresses, timeout):
    """An ``http.client`` connection to ``host`` that connects only to ``addresses`` (from ``resolve``).

    The host name still goes into the Host header and the TLS handshake (certificate check); only
    the connection itself is made to the addresses checked.
    """
    if scheme == "https":
        made = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        made = http.client.HTTPConnection(host, port, timeout=timeout)
    made._create_connection = connect_to(addresses)
    return made


def connection_error_reason(error):
    """A short English reason for an error of resolving or connecting."""
    if isinstance(error, socket.gaierror):
        return f"The host name could not be resolved ({error.strerror or error})."
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return f"Secure connection failed ({error})."
    if isinstance(error, ConnectionRefusedError):
        return "The connection was refused."
    return f"Could not connect ({error})."
