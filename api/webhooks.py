"""Webhooks: national systems told of events on their authority's requests (Standard Webhooks).

When a request changes, ``requests_app`` sends ``request_changed`` inside the transaction of the
change. ``record_deliveries`` answers it by writing one ``WebhookDelivery`` per endpoint to tell
and request, in the same transaction, so a rolled-back change announces nothing and a broker
outage loses nothing; after the commit a task delivers them (``api.tasks``), and the sweep retries
with backoff what failed or was never queued.

Who is told: the requesting authority, and the responding authority once the request was sent to
it (as the portal shows it to that side), through their active endpoints subscribed to the event; and
of a forward or an allocation, the authority that held the request until then.
The payload holds ids, the reference, the status, the area, the deadline and the signal's ``extra``:
never personal data, messages, notes or answers. A national system reads those through the API,
with a token, under the portal's rules.

``deliver`` claims a delivery under a short row lock, posts it outside any transaction through the
private-network guard (``core.outbound``), and records the answer. Each attempt is signed as
Standard Webhooks describes (``signature``); the ``webhook-id`` stays the same across attempts and
``send_again``, so a receiver can drop a repeat.
"""

import base64
import datetime
import hashlib
import hmac
import http.client
import json
import logging
import socket
import ssl
import time
import uuid
from collections import defaultdict
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _

from api.models import WebhookDelivery, WebhookEndpoint
from api.services import can_manage_systems_of
from authorities import audit
from authorities.models import LegislativeArea
from core import outbound
from core.pruning import delete_in_batches
from requests_app.models import InformationRequest
from requests_app.signals import request_changed

logger = logging.getLogger(__name__)

ERROR_LENGTH = WebhookDelivery._meta.get_field("last_error").max_length
# The delivery log is read by the LDA and the system's developers; stored in English like the link checker's.
REFUSED = {
    outbound.REFUSED_ADDRESS: "Not sent: the address leads into a local or private network.",
    outbound.REFUSED_PORT: "Not sent: only the standard ports (80 and 443) are used.",
}


def new_message_id():
    return "msg_" + uuid.uuid4().hex


def signature(secret, message_id, timestamp, body):
    """The ``webhook-signature`` of a message: "v1," and the base64 HMAC-SHA256 of "id.timestamp.body",
    keyed with the secret's bytes (the base64 after "whsec_")."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    if isinstance(body, str):
        body = body.encode()
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def user_agent():
    with translation.override("en"):
        return f"{settings.PORTAL_NAME} webhooks (+{settings.SITE_URL})"


def _authorities_to_tell(info_request):
    """The requester always; the responder only once the request was sent to it, as the portal shows it."""
    told = {info_request.requesting_authority_id}
    if info_request.responding_authority_id and info_request.sent_at is not None:
        told.add(info_request.responding_authority_id)
    return told


def _area_codes(info_requests):
    """The area code of each request's area: those already loaded, the others in one query."""
    codes = {}
    for info_request in info_requests:
        if InformationRequest.legislative_area.is_cached(info_request):
            codes[info_request.legislative_area_id] = info_request.legislative_area.code
    missing = {info_request.legislative_area_id for info_request in info_requests} - codes.keys()
    if missing:
        codes.update(LegislativeArea.objects.filter(pk__in=missing).values_list("pk", "code"))
    return codes


def payload(*, event_type, info_request, area_code, extra, now):
    """What an endpoint is told: ids and facts of the request, no personal data."""
    deadline = info_request.agreed_deadline
    return {
        "type": event_type,
        "timestamp": now.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "data": {
            "request_id": info_request.pk,
            "reference": info_request.reference,
            "status": info_request.status,
            "legislative_area": area_code,
            "requesting_authority": info_request.requesting_authority_id,
            "responding_authority": info_request.responding_authority_id,
            "agreed_deadline": deadline.isoformat() if deadline else None,
            **extra,
        },
    }


@receiver(request_changed, dispatch_uid="api.webhooks.record_deliveries")
def record_deliveries(sender, *, event_type, info_requests, extra=None, extras=None, former=None, **kwargs):
    """One delivery per (endpoint to tell, request), in the change's transaction; queued after the commit.

    One query for the endpoints and one insert, however many requests and endpoints.
    """
    told = {info_request.pk: _authorities_to_tell(info_request) for info_request in info_requests}
    for pk, authority_id in (former or {}).items():
        told[pk].add(authority_id)  # handed over (forwarded, allocated): told where its request went
    authority_ids = set().union(*told.values()) if told else set()
    if not authority_ids:
        return []
    endpoints = defaultdict(list)
    for endpoint in WebhookEndpoint.objects.filter(
        authority_id__in=authority_ids, is_active=True, event_types__contains=[event_type]
    ).only("pk", "authority_id"):
        endpoints[endpoint.authority_id].append(endpoint)
    if not endpoints:
        return []
    now = timezone.now()
    codes = _area_codes(info_requests)
    deliveries = [
        WebhookDelivery(
            endpoint=endpoint,
            message_id=new_message_id(),
            event_type=event_type,
            payload=payload(
                event_type=event_type,
                info_request=info_request,
                area_code=codes.get(info_request.legislative_area_id),
                extra={**(extra or {}), **(extras or {}).get(info_request.pk, {})},
                now=now,
            ),
            next_attempt_at=now,
            created_at=now,
        )
        for info_request in info_requests
        for authority_id in sorted(told[info_request.pk])
        for endpoint in endpoints.get(authority_id, [])
    ]
    WebhookDelivery.objects.bulk_create(deliveries)
    if deliveries:
        transaction.on_commit(partial(_queue, [delivery.pk for delivery in deliveries]))
    return deliveries


def _queue(delivery_ids):
    # Imported here: the task module imports this one.
    from api.tasks import deliver_webhooks

    try:
        # No retrying against a broker that is down: the sweep is the retry.
        deliver_webhooks.apply_async((delivery_ids,), retry=False)
    except Exception as error:  # the broker is down: the sweep delivers them later
        logger.warning("Could not queue webhooks %s (%s); the sweep will deliver them.", delivery_ids, error)


def prune(now=None):
    """Forget the deliveries older than ``IMI_WEBHOOK_KEEP_DAYS`` that are delivered or failed; returns how
    many went. Pending ones stay, whatever their age: they are still to be sent."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.IMI_WEBHOOK_KEEP_DAYS)
    done = WebhookDelivery.objects.exclude(state=WebhookDelivery.State.PENDING).filter(created_at__lt=cutoff)
    return delete_in_batches(done)


def pending_due(now=None):
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING, next_attempt_at__lte=now)


def retry_delay(attempts):
    """The wait after the ``attempts``-th failed attempt: the setting's seconds, doubling each time."""
    return timedelta(seconds=settings.IMI_WEBHOOK_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


class _Failure(Exception):
    """An attempt that did not reach a 2xx answer: the reason (English) and the status, if any."""

    def __init__(self, reason, status=None):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def _post(url, body, headers, timeout):
    """POST the body to the endpoint through the guard; the status of a 2xx answer, else ``_Failure``."""
    try:
        parts = urlsplit(iri_to_uri(url.strip()))
        scheme = parts.scheme.lower()
        host = parts.hostname
        if not host:
            raise _Failure("The address has no host name.")
        if scheme != "https" and not (scheme == "http" and outbound.host_allowed(host)):
            raise _Failure("Only https addresses are sent to.")
        port = parts.port or outbound.PORTS[scheme]
        addresses = outbound.resolve(host, port)
        connection = outbound.connection(scheme, host, port, addresses, timeout)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("POST", target, body=body, headers=headers)
            response = connection.getresponse()
            status, reason = response.status, response.reason
        finally:
            connection.close()
    except outbound.Refused as refusal:
        raise _Failure(REFUSED.get(refusal.reason, refusal.reason)) from None
    except TimeoutError:
        raise _Failure(f"No answer within {timeout:g} seconds.") from None
    except (socket.gaierror, ssl.SSLError, ssl.CertificateError, ConnectionRefusedError) as error:
        raise _Failure(outbound.connection_error_reason(error)) from None
    except (http.client.HTTPException, OSError, ValueError, UnicodeError) as error:
        raise _Failure(f"{type(error).__name__}: {error}") from None
    if 200 <= status < 300:
        return status
    if 300 <= status < 400:
        raise _Failure(f"HTTP {status} {reason}: redirects are not followed.", status)
    raise _Failure(f"HTTP {status} {reason}", status)


def _claim(delivery_id):
    """Lock the delivery if it is pending and due, and count the attempt now; None if there is nothing to do.

    The next attempt is set already: it is the lease that keeps a task and the sweep from sending it at
    the same time, and the retry should this worker stop before it records the answer.
    """
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id, state=WebhookDelivery.State.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if delivery is None:
            return None
        if not delivery.endpoint.is_active:
            delivery.state = WebhookDelivery.State.FAILED
            delivery.last_error = "Not sent: the endpoint is switched off."
            delivery.save(update_fields=["state", "last_error"])
            return None
        if delivery.attempts >= settings.IMI_WEBHOOK_MAX_ATTEMPTS:
            # The last attempt was claimed but its answer never recorded (the worker stopped).
            delivery.state = WebhookDelivery.State.FAILED
            delivery.last_error = delivery.last_error or "The last attempt did not finish."
            delivery.save(update_fields=["state", "last_error"])
            return None
        delivery.attempts += 1
        timeout = settings.IMI_WEBHOOK_TIMEOUT_SECONDS
        delivery.next_attempt_at = now + max(retry_delay(delivery.attempts), timedelta(seconds=3 * timeout))
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    return delivery


def _record(delivery, *, status=None, error=""):
    """Write the attempt's answer, unless the delivery changed meanwhile (sent again: a new round)."""
    now = timezone.now()
    State = WebhookDelivery.State
    if not error:
        changes = {"state": State.DELIVERED, "delivered_at": now, "last_status": status, "last_error": ""}
    else:
        given_up = delivery.attempts >= settings.IMI_WEBHOOK_MAX_ATTEMPTS
        changes = {
            "state": State.FAILED if given_up else State.PENDING,
            "last_status": status,
            "last_error": error[:ERROR_LENGTH],
            "next_attempt_at": now + retry_delay(delivery.attempts),
        }
    WebhookDelivery.objects.filter(pk=delivery.pk, state=State.PENDING, attempts=delivery.attempts).update(**changes)
    for name, value in changes.items():
        setattr(delivery, name, value)


def deliver(delivery_id):
    """Send one delivery if it is pending and due; True when the endpoint took it now. Never raises."""
    try:
        delivery = _claim(delivery_id)
        if delivery is None:
            return False
        body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
        timestamp = int(time.time())
        headers = {
            "content-type": "application/json",
            "webhook-id": delivery.message_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature(delivery.endpoint.secret, delivery.message_id, timestamp, body),
            "user-agent": user_agent(),
        }
        try:
            status = _post(delivery.endpoint.url, body, headers, settings.IMI_WEBHOOK_TIMEOUT_SECONDS)
        except _Failure as failure:
            _record(delivery, status=failure.status, error=failure.reason)
            logger.info("Webhook %s not delivered (attempt %s): %s", delivery.pk, delivery.attempts, failure.reason)
            return False
        _record(delivery, status=status)
        return True
    except Exception:
        logger.exception("Webhook %s: delivery failed unexpectedly; the sweep tries again.", delivery_id)
        return False


@transaction.atomic
def send_again(*, actor, delivery):
    """A delivered or failed delivery starts again now, as the same message (the receiver may drop a repeat)."""
    endpoint = delivery.endpoint
    if not can_manage_systems_of(actor, endpoint.authority):
        raise ValidationError(_("You cannot manage the national systems of this authority."))
    locked = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    if locked.state == WebhookDelivery.State.PENDING:
        raise ValidationError(_("This event is still waiting to be delivered."))
    changes = {"state": WebhookDelivery.State.PENDING, "attempts": 0, "next_attempt_at": timezone.now()}
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**changes)
    for name, value in changes.items():
        setattr(delivery, name, value)
    audit.record(actor=actor, obj=endpoint, message=_("Event %(id)s sent again.") % {"id": delivery.message_id})
    transaction.on_commit(partial(_queue, [delivery.pk]))
    return delivery
