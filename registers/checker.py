"""Checking the web addresses of the registers, and reminding their LDAs to review them.

``check_url`` asks one address with a plain GET (standard library only) and follows
at most ``MAX_REDIRECTS`` redirects itself, so a loop or a long chain is reported as
such. ``check_register`` keeps the history (a ``LinkCheck`` row per check) and the
count of failures in a row; when it reaches ``IMI_REGISTER_FAILURES_BEFORE_ALERT``
the LDAs of the managing authority are told, once, in the same transaction.
"""

import http.client
import logging
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

from authorities.models import User
from imi.mail import send_to_user
from registers.models import LinkCheck, Register
from registers.selectors import review_due_before

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
SCHEMES = {"http", "https"}
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


def _opener():
    """HTTP and HTTPS only, and no redirect handler: redirects come back as errors and are followed here."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(context=ssl.create_default_context()),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _reason(error):
    reason = getattr(error, "reason", error)
    if isinstance(reason, socket.gaierror):
        return f"The host name could not be resolved ({reason.strerror or reason})."
    if isinstance(reason, ssl.SSLError):
        return f"Secure connection failed ({reason})."
    if isinstance(reason, ConnectionRefusedError):
        return "The connection was refused."
    return f"Could not connect ({reason})."


def _failed(url, error, status_code=None):
    return CheckResult(ok=False, status_code=status_code, final_url=url, error=error)


def check_url(url, timeout=None):
    """GET an address, following up to five redirects; a ``CheckResult``, never an exception."""
    if timeout is None:
        timeout = settings.IMI_LINK_CHECK_TIMEOUT_SECONDS
    opener = _opener()
    headers = {"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    current = iri_to_uri(url.strip())
    seen = set()
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme.lower() not in SCHEMES or not parts.hostname:
            return _failed(current, f"Only http and https addresses are checked: {current}")
        seen.add(current)
        try:
            # The scheme was checked just above, and the opener knows only http and https.
            request = urllib.request.Request(current, headers=headers, method="GET")  # noqa: S310
            with opener.open(request, timeout=timeout) as response:
                return CheckResult(ok=True, status_code=response.status, final_url=response.url or current)
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location") if error.headers else None
            error.close()
            if error.code not in REDIRECT_CODES:
                return _failed(current, f"HTTP {error.code} {error.reason}", error.code)
            if not location:
                return _failed(current, f"HTTP {error.code} without a Location to go to.", error.code)
            target = iri_to_uri(urljoin(current, location))
            if target in seen:
                return _failed(current, f"Redirect loop: {current} redirects back to {target}.", error.code)
            current = target
        except TimeoutError:
            return _failed(current, f"No answer within {timeout} seconds.")
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                return _failed(current, f"No answer within {timeout} seconds.")
            return _failed(current, _reason(error))
        except (http.client.HTTPException, OSError, ValueError) as error:
            return _failed(current, f"{type(error).__name__}: {error}")
    return _failed(current, f"Too many redirects (more than {MAX_REDIRECTS}).")


def _ldas(authority_ids):
    return User.objects.filter(authority_id__in=authority_ids, is_lda=True, is_active=True).order_by("pk")


def _register_link(register):
    return settings.SITE_URL + register.get_absolute_url()


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
            link = _register_link(locked)
            for lda in _ldas([locked.authority_id]):
                send_to_user(
                    user=lda,
                    template="register_link_failing",
                    context={
                        "register": locked,
                        "check": check,
                        "error": check.error,
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


def remind_reviews(today=None):
    """Ask the LDAs to review each register not reviewed for a review period; returns how many registers.

    A register is reminded once per period: again only when the last reminder is
    itself older than the period, or after it was reviewed (which clears the reminder).
    """
    today = today or timezone.localdate()
    cutoff = review_due_before(today)
    months = settings.IMI_REGISTER_REVIEW_MONTHS
    with transaction.atomic():
        registers = list(
            Register.objects.filter(is_retired=False, last_reviewed__lt=cutoff)
            .filter(Q(review_reminded_on__isnull=True) | Q(review_reminded_on__lt=cutoff))
            .select_for_update(skip_locked=True)
            .order_by("pk")
        )
        ldas = {}
        for lda in _ldas({register.authority_id for register in registers}):
            ldas.setdefault(lda.authority_id, []).append(lda)
        for register in registers:
            link = _register_link(register)
            for lda in ldas.get(register.authority_id, []):
                send_to_user(
                    user=lda,
                    template="register_review_due",
                    context={"register": register, "months": months, "link": link},
                    link=link,
                )
        Register.objects.filter(pk__in=[register.pk for register in registers]).update(review_reminded_on=today)
    return len(registers)
