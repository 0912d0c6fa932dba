"""Webhooks: the national systems of both sides are told of a change, signed, without personal data, and
only on the public internet.

The Bulgarian authority asks, the Portuguese one answers; the Latvian one (the stranger's) has an endpoint
too and must never hear of their requests. The endpoints are a small server on 127.0.0.1, let through the
private-network guard by the setting tests use; names other than that are resolved by a stand-in for
getaddrinfo, and a stand-in for ``socket.connect`` records every connection and lets none leave the machine.
"""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from standardwebhooks import Webhook

from api import tasks, webhooks
from api.events import EVENT_TYPES, REMINDER
from api.models import WebhookDelivery
from api.services import webhook_endpoint_save
from requests_app import services
from requests_app.models import Action, InformationRequest, Status
from requests_app.signals import send_request_changed
from tests.request_states import draft, request_in, step

State = WebhookDelivery.State


class Handler(BaseHTTPRequestHandler):
    """Answers by path: /ok 200, /accepted 202, /fail 500, /redirect 302 to /ok."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append(
            {"path": self.path, "headers": {name.lower(): value for name, value in self.headers.items()}, "body": body}
        )
        status = {"/ok": 200, "/accepted": 202, "/fail": 500, "/redirect": 302}.get(self.path, 404)
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server():
    made = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    made.daemon_threads = True
    made.received = []
    thread = threading.Thread(target=made.serve_forever, daemon=True)
    thread.start()
    made.url = f"http://127.0.0.1:{made.server_address[1]}"
    yield made
    made.shutdown()
    made.server_close()
    thread.join(timeout=5)


@pytest.fixture
def received(server, settings):
    """What the endpoints on the local server received in this test; the server let through the guard."""
    settings.IMI_LINK_CHECK_ALLOWED_HOSTS = ["127.0.0.1"]
    server.received.clear()
    return server.received


@pytest.fixture
def endpoints(world, server):
    """An endpoint of each authority, told of every event: the requester's, the responder's, the stranger's."""
    return {
        "bg": webhook_endpoint_save(
            actor=world.bg_lda, authority=world.bg_authority, url=f"{server.url}/ok", event_types=EVENT_TYPES
        ),
        "pt": webhook_endpoint_save(
            actor=world.pt_handler, authority=world.pt_authority, url=f"{server.url}/accepted", event_types=EVENT_TYPES
        ),
        "lv": webhook_endpoint_save(
            actor=world.stranger, authority=world.lv_authority, url=f"{server.url}/ok", event_types=EVENT_TYPES
        ),
    }


def told(event_type):
    """{endpoint's authority: number of deliveries} of an event type."""
    counts = {}
    for delivery in WebhookDelivery.objects.filter(event_type=event_type).select_related("endpoint__authority"):
        name = delivery.endpoint.authority.country.code
        counts[name] = counts.get(name, 0) + 1
    return counts


def a_delivery(endpoint, info_request, event_type="request.send"):
    """A delivery of ``event_type`` about the request to ``endpoint``, as the receiver writes it: the only one left."""
    deliveries = webhooks.record_deliveries(None, event_type=event_type, info_requests=[info_request], extra={})
    delivery = next(delivery for delivery in deliveries if delivery.endpoint_id == endpoint.pk)
    WebhookDelivery.objects.exclude(pk=delivery.pk).delete()
    return delivery


def test_a_draft_is_announced_to_its_requester_only(world, questions, endpoints):
    info_request = draft(world, questions)
    step(info_request, Action.WITHDRAW, world.bg_handler, note="Started by mistake.")
    assert told("request.withdraw") == {"BG": 1}


def test_a_sent_request_is_announced_to_both_sides_and_nobody_else(world, questions, endpoints):
    request_in(world, questions, Status.OPEN)
    assert told("request.send") == {"BG": 1, "PT": 1}
    assert told("request.accept") == {"BG": 1, "PT": 1}


def test_messages_and_files_are_announced_but_an_answers_file_comes_with_the_reply(world, questions, endpoints):
    from django.core.files.uploadedfile import SimpleUploadedFile

    info_request = request_in(world, questions, Status.OPEN)
    services.message_add(info_request=info_request, user=world.pt_handler, body="One more question.")
    pdf = b"%PDF-1.4\n% a test document\n"
    upload = SimpleUploadedFile("register.pdf", pdf, content_type="application/pdf")
    services.attachment_add(info_request=info_request, user=world.pt_handler, upload=upload)
    answer = SimpleUploadedFile("diploma.pdf", pdf, content_type="application/pdf")
    services.attachment_add(info_request=info_request, user=world.pt_handler, upload=answer, announce=False)
    assert told("request.message_added") == {"BG": 1, "PT": 1}
    assert told("request.attachment_added") == {"BG": 1, "PT": 1}


def test_the_authority_a_request_is_forwarded_away_from_learns_where_it_went(world, questions, endpoints, server):
    other = webhook_endpoint_save(
        actor=world.superuser,
        authority=world.pt_other_authority,
        url=f"{server.url}/ok",
        event_types=EVENT_TYPES,
    )
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    step(info_request, Action.FORWARD, world.pt_handler, note="Not ours.", authority=world.pt_other_authority)
    told_of_the_forward = WebhookDelivery.objects.filter(event_type="request.forward")
    assert sorted(told_of_the_forward.values_list("endpoint__authority__official_name", flat=True)) == sorted(
        [world.bg_authority.official_name, world.pt_authority.official_name, world.pt_other_authority.official_name]
    )
    for_the_former = told_of_the_forward.get(endpoint=endpoints["pt"])
    assert for_the_former.payload["data"]["responding_authority"] == world.pt_other_authority.pk
    step(info_request, Action.ACCEPT, world.pt_other_handler, days=10)
    assert not WebhookDelivery.objects.filter(event_type="request.accept", endpoint=endpoints["pt"]).exists()
    assert WebhookDelivery.objects.filter(event_type="request.accept", endpoint=other).exists()


def test_a_withdrawn_request_is_still_announced_to_the_side_it_was_sent_to(world, questions, endpoints):
    request_in(world, questions, Status.WITHDRAWN)
    assert told("request.withdraw") == {"BG": 1, "PT": 1}


def test_an_unsubscribed_event_and_an_inactive_endpoint_are_not_told(world, questions, endpoints):
    webhook_endpoint_save(
        actor=world.bg_lda,
        authority=world.bg_authority,
        endpoint=endpoints["bg"],
        url=endpoints["bg"].url,
        event_types=["request.reply", "request.close"],
    )
    webhook_endpoint_save(
        actor=world.pt_handler,
        authority=world.pt_authority,
        endpoint=endpoints["pt"],
        url=endpoints["pt"].url,
        event_types=EVENT_TYPES,
        is_active=False,
    )
    request_in(world, questions, Status.OPEN)
    assert WebhookDelivery.objects.count() == 0


def test_the_event_is_delivered_after_the_commit_without_personal_data(
    world, questions, endpoints, received, django_capture_on_commit_callbacks
):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    services.message_add(info_request=info_request, user=world.bg_handler, body="Maria Sousa moved to Porto.")
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step(info_request, Action.ACCEPT, world.pt_handler, days=10, note="Ana Silva will check the register.")
    info_request.refresh_from_db()
    assert sorted(item["path"] for item in received) == ["/accepted", "/ok"]
    for item in received:
        body = item["body"].decode()
        for personal in [
            "Maria Sousa",
            "PT-123456",
            "1985-04-12",
            "Rua Augusta",
            "Porto",  # the message
            "Ana Silva",  # the note
            "tourist guide",  # the summary
            "handler@",
        ]:
            assert personal not in body
        message = json.loads(body)
        assert message["type"] == "request.accept"
        assert message["data"] == {
            "request_id": info_request.pk,
            "reference": info_request.reference,
            "status": "open",
            "legislative_area": "professional-qualifications",
            "requesting_authority": world.bg_authority.pk,
            "responding_authority": world.pt_authority.pk,
            "agreed_deadline": info_request.agreed_deadline.isoformat(),
        }
        assert datetime.datetime.fromisoformat(message["timestamp"]).utcoffset() == datetime.timedelta(0)
    assert set(WebhookDelivery.objects.filter(event_type="request.accept").values_list("state", flat=True)) == {
        State.DELIVERED
    }


def test_the_signature_verifies_with_the_standard_webhooks_library(world, questions, endpoints, received):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    delivery = a_delivery(endpoints["bg"], info_request)
    assert webhooks.deliver(delivery.pk)
    (item,) = received
    headers = item["headers"]
    assert headers["content-type"] == "application/json"
    assert headers["webhook-id"] == delivery.message_id
    assert headers["webhook-id"].startswith("msg_")
    assert "IMI portal" in headers["user-agent"]
    verified = Webhook(endpoints["bg"].secret).verify(item["body"], headers)
    assert verified["data"]["request_id"] == info_request.pk
    with pytest.raises(Exception, match="signature"):
        Webhook(endpoints["pt"].secret).verify(item["body"], headers)  # another endpoint's secret


def test_the_signature_helper_matches_the_library():
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"type":"request.send"}'
    at = datetime.datetime.fromtimestamp(1700000000, tz=datetime.UTC)
    expected = Webhook(secret).sign("msg_1", at, body.decode())
    assert webhooks.signature(secret, "msg_1", 1700000000, body) == expected


def test_a_failing_endpoint_is_tried_again_with_backoff_then_given_up(world, questions, endpoints, received, settings):
    settings.IMI_WEBHOOK_MAX_ATTEMPTS = 3
    settings.IMI_WEBHOOK_RETRY_SECONDS = 60
    endpoints["bg"].url = endpoints["bg"].url.replace("/ok", "/fail")
    endpoints["bg"].save()
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    start = datetime.datetime(2026, 6, 17, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        delivery = a_delivery(endpoints["bg"], info_request)
        assert not webhooks.deliver(delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.state, delivery.attempts, delivery.last_status) == (State.PENDING, 1, 500)
        assert delivery.last_error == "HTTP 500 Internal Server Error"
        assert delivery.next_attempt_at == start + datetime.timedelta(seconds=60)
        tasks.sweep_webhooks()  # not due yet
        assert len(received) == 1
    # Waits of 60 s, then 120 s: each attempt once its time has come.
    for seconds, attempts in [(60, 2), (180, 3)]:
        with time_machine.travel(start + datetime.timedelta(seconds=seconds), tick=False):
            tasks.sweep_webhooks()
        delivery.refresh_from_db()
        assert delivery.attempts == attempts
        assert len(received) == attempts
    assert delivery.next_attempt_at == start + datetime.timedelta(seconds=180 + 240)
    assert delivery.state == State.FAILED
    with time_machine.travel(start + datetime.timedelta(days=1), tick=False):
        tasks.sweep_webhooks()
    assert len(received) == 3


def test_a_redirect_is_a_failure_and_is_not_followed(world, questions, endpoints, received):
    endpoints["bg"].url = endpoints["bg"].url.replace("/ok", "/redirect")
    endpoints["bg"].save()
    delivery = a_delivery(endpoints["bg"], request_in(world, questions, Status.AWAITING_ACCEPTANCE))
    assert not webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.state == State.PENDING
    assert delivery.last_status == 302
    assert "redirects are not followed" in delivery.last_error
    assert [item["path"] for item in received] == ["/redirect"]


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("https://hooks.example/imi", "Not sent: the address leads into a local or private network."),
        ("https://mixed.example/imi", "Not sent: the address leads into a local or private network."),
        ("https://127.0.0.1/imi", "Not sent: the address leads into a local or private network."),
        ("https://[::1]/imi", "Not sent: the address leads into a local or private network."),
        ("https://169.254.169.254/latest/meta-data/", "Not sent: the address leads into a local or private network."),
        ("https://public.example:6379/", "Not sent: only the standard ports (80 and 443) are used."),
        ("http://public.example/imi", "Only https addresses are sent to."),
        ("ftp://public.example/imi", "Only https addresses are sent to."),
    ],
)
def test_it_sends_nothing_into_a_private_network_nor_over_plain_http(
    world, questions, endpoints, dns, connections, url, error
):
    dns["hooks.example"] = ["10.0.0.1"]
    dns["mixed.example"] = ["93.184.216.34", "192.168.0.10"]  # one private answer is enough
    dns["public.example"] = ["93.184.216.34"]
    endpoints["bg"].url = url
    endpoints["bg"].save()
    delivery = a_delivery(endpoints["bg"], request_in(world, questions, Status.AWAITING_ACCEPTANCE))
    assert not webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.last_error == error
    assert delivery.last_status is None
    assert delivery.attempts == 1
    assert connections == []


def test_a_public_endpoint_gets_a_connection_to_the_checked_address_only(world, questions, endpoints, dns, connections):
    dns["public.example"] = ["93.184.216.34"]
    endpoints["bg"].url = "https://public.example/imi"
    endpoints["bg"].save()
    delivery = a_delivery(endpoints["bg"], request_in(world, questions, Status.AWAITING_ACCEPTANCE))
    assert not webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert connections == ["93.184.216.34"]  # refused by the stand-in: nothing leaves the machine
    assert delivery.last_error == "The connection was refused."


def test_an_endpoint_switched_off_since_is_not_sent_to(world, questions, endpoints, received):
    delivery = a_delivery(endpoints["bg"], request_in(world, questions, Status.AWAITING_ACCEPTANCE))
    endpoints["bg"].is_active = False
    endpoints["bg"].save()
    assert not webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.state == State.FAILED
    assert delivery.attempts == 0
    assert received == []


def test_a_delivery_is_sent_once_and_an_unexpected_error_is_not_raised(
    world, questions, endpoints, received, monkeypatch
):
    delivery = a_delivery(endpoints["bg"], request_in(world, questions, Status.AWAITING_ACCEPTANCE))
    assert webhooks.deliver(delivery.pk)
    assert not webhooks.deliver(delivery.pk)  # delivered: nothing more to do
    assert len(received) == 1
    other = a_delivery(endpoints["bg"], InformationRequest.objects.get(pk=delivery.payload["data"]["request_id"]))

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(webhooks, "_post", broken)
    assert not webhooks.deliver(other.pk)


def test_the_lda_sends_a_failed_delivery_again_as_the_same_message(
    world, questions, endpoints, received, django_capture_on_commit_callbacks
):
    endpoints["bg"].url = endpoints["bg"].url.replace("/ok", "/fail")
    endpoints["bg"].save()
    delivery = a_delivery(endpoints["bg"], request_in(world, questions, Status.AWAITING_ACCEPTANCE))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(state=State.FAILED, attempts=8, last_status=500)
    endpoints["bg"].url = endpoints["bg"].url.replace("/fail", "/ok")
    endpoints["bg"].save()
    delivery.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.send_again(actor=world.bg_lda, delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.state == State.DELIVERED
    assert delivery.attempts == 1
    assert [item["headers"]["webhook-id"] for item in received] == [delivery.message_id]
    assert LogEntry.objects.filter(object_id=str(endpoints["bg"].pk), change_message__contains="sent again").exists()
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.send_again(actor=world.bg_lda, delivery=delivery)  # a delivered one too
    assert [item["headers"]["webhook-id"] for item in received] == [delivery.message_id] * 2


@pytest.mark.parametrize("persona", ["pt_handler", "bg_handler", "stranger"])
def test_only_who_manages_the_authority_sends_again(world, questions, endpoints, persona):
    delivery = a_delivery(endpoints["bg"], request_in(world, questions, Status.AWAITING_ACCEPTANCE))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(state=State.FAILED)
    with pytest.raises(ValidationError):
        webhooks.send_again(actor=getattr(world, persona), delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.state == State.FAILED


def test_a_pending_delivery_is_not_sent_again(world, questions, endpoints):
    delivery = a_delivery(endpoints["bg"], request_in(world, questions, Status.AWAITING_ACCEPTANCE))
    with pytest.raises(ValidationError):
        webhooks.send_again(actor=world.bg_lda, delivery=delivery)


def test_a_change_rolled_back_announces_nothing(world, questions, endpoints, django_capture_on_commit_callbacks):
    info_request = draft(world, questions)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        step(info_request, Action.SEND, world.bg_handler)
        assert WebhookDelivery.objects.count() == 2
        raise RuntimeError("the page failed after the action")
    assert WebhookDelivery.objects.count() == 0
    assert callbacks == []


def queries_of_reminders(info_requests):
    with CaptureQueriesContext(connection) as captured:
        send_request_changed(event_type=REMINDER, info_requests=info_requests, extra={"reminder": "due_soon"})
    return len(captured)


def test_the_receiver_costs_the_same_queries_for_one_and_for_five_requests(world, questions, endpoints):
    made = [request_in(world, questions, Status.OPEN) for _n in range(5)]
    WebhookDelivery.objects.all().delete()
    loaded = list(InformationRequest.objects.filter(pk__in=[r.pk for r in made]).select_related("legislative_area"))
    assert queries_of_reminders(loaded[:1]) == queries_of_reminders(loaded) == 2  # the endpoints, one insert
    bare = list(InformationRequest.objects.filter(pk__in=[r.pk for r in made]))
    assert queries_of_reminders(bare[:1]) == queries_of_reminders(bare) == 3  # and the areas' codes
    assert told(REMINDER) == {"BG": 12, "PT": 12}
    reminder = WebhookDelivery.objects.filter(event_type=REMINDER).first()
    assert reminder.payload["data"]["reminder"] == "due_soon"
    assert reminder.payload["data"]["legislative_area"] == "professional-qualifications"


def test_old_deliveries_are_forgotten_but_not_those_still_to_send(world, questions, endpoints, settings):
    settings.IMI_WEBHOOK_KEEP_DAYS = 30
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    old = timezone.now() - datetime.timedelta(days=31)
    State = WebhookDelivery.State
    rows = {}
    WebhookDelivery.objects.all().delete()
    for state in (State.DELIVERED, State.FAILED, State.PENDING):
        delivery = webhooks.record_deliveries(None, event_type="request.send", info_requests=[info_request])[0]
        WebhookDelivery.objects.filter(pk=delivery.pk).update(state=state, created_at=old)
        rows[state] = delivery.pk
    WebhookDelivery.objects.exclude(pk__in=rows.values()).delete()
    recent = webhooks.record_deliveries(None, event_type="request.send", info_requests=[info_request])
    assert tasks.prune_webhook_deliveries() == 2
    kept = set(WebhookDelivery.objects.values_list("pk", flat=True))
    assert kept == {rows[State.PENDING], *(delivery.pk for delivery in recent)}
