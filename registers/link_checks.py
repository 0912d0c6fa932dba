"""Checking the web addresses of the registers (the review reminders are in ``registers.reviews``).

``check_url`` asks one address with a plain GET (standard library only) and follows
at most ``MAX_REDIRECTS`` redirects itself, so a loop or a long chain is reported as
such. An LDA types the address, so before each hop the host name is resolved and
every address checked by the private-network guard (``core.outbound``): the checker
visits only the public internet, on ports 80 and 443, and connects to the address it
checked; anything else is a failed check with the reason, never a request into the
worker's own network.

``check_register`` keeps the history (a ``LinkCheck`` row per check) and the
count of failures in a row; when it reaches ``IMI_REGISTER_FAILURES_BEFORE_ALERT``
the LDAs of the managing authority are told, once, in the same transaction.
``prune_history`` forgets checks older than ``IMI_LINK_CHECK_KEEP_DAYS``, except
the latest of each register.
"""

import http.client
import logging
import socket
import ssl
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext_lazy

from core import outbound
from core.mail import send_to_user
from core.outbound import PORTS, Refused, resolve
from core.pruning import delete_in_batches
from registers.models import LinkCheck, Register
from registers.selectors import ldas_of, register_link

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
REDIRECT_CODES = {301, 302, 303, 307, 308}
ERROR_LENGTH = LinkCheck._meta.get_field("error").max_length
URL_LENGTH = LinkCheck._meta.get_field("final_url").max_length


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    status_code: int | None = None
    final_url: str = ""
    error: str = ""


class CheckCounts(NamedTuple):
    ok: int
    failed: int
    alerted: int


def user_agent():
    with translation.override("en"):
        return f"{settings.PORTAL_NAME} register link checker (+{settings.SITE_URL})"


def _get(parts, addresses, timeout):
    """GET one address over a connection to the checked addresses; (status, reason, Location)."""
    connection = outbound.connection(
        parts.scheme, parts.hostname, parts.port or PORTS[parts.scheme], addresses, timeout
    )
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    try:
        connection.request("GET", target, headers=headers)
        response = connection.getresponse()
        return response.status, response.reason, response.getheader("Location")
    finally:
        connection.close()


def _failed(url, error, status_code=None):
    return CheckResult(ok=False, status_code=status_code, final_url=url, error=error)


def check_url(url, timeout=None):
    """GET an address, following up to five redirects; a ``CheckResult``, never an exception.

    Every hop is resolved and checked before the checker connects to it: addresses in local or
    private networks, and ports other than 80 and 443, are refused unless the host is in
    ``IMI_LINK_CHECK_ALLOWED_HOSTS``. The checker connects directly, never through a proxy, which
    would connect to addresses it has not checked.
    """
    if timeout is None:
        timeout = settings.IMI_LINK_CHECK_TIMEOUT_SECONDS
    current = iri_to_uri(url.strip())
    seen = set()
    for _hop in range(MAX_REDIRECTS + 1):
        seen.add(current)
        try:
            parts = urlsplit(current)
            scheme = parts.scheme.lower()
            if scheme not in PORTS or not parts.hostname:
                return _failed(current, f"Only http and https addresses are checked: {current}")
            addresses = resolve(parts.hostname, parts.port or PORTS[scheme])
            status, reason, location = _get(parts._replace(scheme=scheme), addresses, timeout)
        except Refused as refusal:
            return _failed(current, refusal.reason)
        except TimeoutError:
            return _failed(current, f"No answer within {timeout} seconds.")
        except (socket.gaierror, ssl.SSLError, ssl.CertificateError, ConnectionRefusedError) as error:
            return _failed(current, outbound.connection_error_reason(error))
        except (http.client.HTTPException, OSError, ValueError, UnicodeError) as error:
            return _failed(current, f"{type(error).__name__}: {error}")
        if 200 <= status < 300:
            return CheckResult(ok=True, status_code=status, final_url=current)
        if status not in REDIRECT_CODES:
            return _failed(current, f"HTTP {status} {reason}", status)
        if not location:
            return _failed(current, f"HTTP {status} without a Location to go to.", status)
        target = iri_to_uri(urljoin(current, location))
        if target in seen:
            return _failed(current, f"Redirect loop: {current} redirects back to {target}.", status)
        current = target
    return _failed(current, f"Too many redirects (more than {MAX_REDIRECTS}).")


def check_register(register, *, timeout=None):
    """Check a register's address and record it; returns ``(link_check, alerted)``.

    The address is asked outside any transaction; the history row, the counter and
    the alert to the LDAs are written together.
    """
    result = check_url(register.url, timeout)
    threshold = settings.IMI_REGISTER_FAILURES_BEFORE_ALERT
    with transaction.atomic():
        locked = Register.objects.select_for_update().get(pk=register.pk)
        check = LinkCheck.objects.create(
            register=locked,
            checked_at=timezone.now(),
            ok=result.ok,
            status_code=result.status_code,
            final_url=result.final_url[:URL_LENGTH],
            error=result.error[:ERROR_LENGTH],
        )
        locked.consecutive_failures = 0 if result.ok else locked.consecutive_failures + 1
        locked.save(update_fields=["consecutive_failures"])
        alerted = not result.ok and locked.consecutive_failures == threshold
        if alerted:
            link = register_link(locked)
            for lda in ldas_of([locked.authority_id]):
                send_to_user(
                    user=lda,
                    template="register_link_failing",
                    context={
                        "register": locked,
                        "check": check,
                        # The reason is stored in English; the mail is rendered in the LDA's language.
                        "error": gettext_lazy(check.error) if check.error else "",
                        "failures": locked.consecutive_failures,
                        "link": link,
                    },
                    link=link,
                )
    register.consecutive_failures = locked.consecutive_failures
    return check, alerted


def check_all(*, timeout=None):
    """Check every register that is not retired; returns how many were ok, failed, and alerted their LDAs."""
    ok = failed = alerted = 0
    for register in Register.objects.filter(is_retired=False).order_by("pk").iterator():
        check, alert = check_register(register, timeout=timeout)
        if check.ok:
            ok += 1
        else:
            failed += 1
            alerted += int(alert)
    logger.info("Register links checked: %s ok, %s failed, %s alerted.", ok, failed, alerted)
    return CheckCounts(ok=ok, failed=failed, alerted=alerted)


def prune_history(now=None):
    """Delete the checks older than ``IMI_LINK_CHECK_KEEP_DAYS``; returns how many went.

    The latest check of every register stays however old it is: it is the register's state.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.IMI_LINK_CHECK_KEEP_DAYS)
    latest = LinkCheck.objects.filter(register=OuterRef("register")).order_by("-checked_at", "-pk").values("pk")[:1]
    return delete_in_batches(LinkCheck.objects.filter(checked_at__lt=cutoff).exclude(pk=Subquery(latest)))
