"""Two national systems run a request end to end through the API alone, as docs/api.md tells them to:
Denmark asks Portugal about a tourist guide; each system learns of the other's steps by signed webhooks,
received by a local HTTP server of its own and verified with the Standard Webhooks library."""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from django.utils import timezone
from standardwebhooks import Webhook

from api.events import EVENT_TYPES
from api.services import webhook_endpoint_save
from tests.api_support import system_token
from tests.factories import AuthorityFactory, UserFactory, area, country, ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)


class Receiver(ThreadingHTTPServer):
    """A national system's webhook address: keeps every post, answers 204."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.posts = []
        self.arrived = threading.Condition()

    def wait_for(self, event_type, request_id, timeout=10):
        def found():
            return next(
                (
                    p
                    for p in self.posts
                    if p["body"]["type"] == event_type and p["body"]["data"]["request_id"] == request_id
                ),
                None,
            )

        with self.arrived:
            self.arrived.wait_for(found, timeout=timeout)
        post = found()
        assert post is not None, f"no {event_type} webhook for request {request_id}"
        return post


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        with self.server.arrived:
            self.server.posts.append({"headers": dict(self.headers), "raw": raw, "body": json.loads(raw)})
            self.server.arrived.notify_all()
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def receivers(settings):
    settings.IMI_LINK_CHECK_ALLOWED_HOSTS = ["127.0.0.1"]
    servers = {"DK": Receiver(), "PT": Receiver()}
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield servers
    for server in servers.values():
        server.shutdown()
        server.server_close()


def verified(post, secret):
    """The webhook as its receiver checks it: the signature over id, timestamp and body, then the body."""
    headers = {name.lower(): value for name, value in post["headers"].items()}
    return Webhook(secret).verify(post["raw"], headers)


class System:
    """A national system's client: a token, and the ETag of each request it last read (If-Match)."""

    def __init__(self, base_url, token):
        self.http = httpx.Client(base_url=f"{base_url}/api/v1", headers={"Authorization": f"Bearer {token}"})
        self.etags = {}

    def read(self, request_id):
        response = self.http.get(f"/requests/{request_id}")
        assert response.status_code == 200, response.text
        self.etags[request_id] = response.headers["ETag"]
        return response.json()

    def change(self, method, path, request_id, **kwargs):
        response = self.http.request(method, path, headers={"If-Match": self.etags[request_id]}, **kwargs)
        assert response.status_code == 200, response.text
        self.etags[request_id] = response.headers["ETag"]
        return response.json()

    def act(self, request_id, action, **fields):
        return self.change("POST", f"/requests/{request_id}/actions/{action}", request_id, json=fields)


def test_denmark_asks_portugal_through_the_api_alone(live_server, receivers, questions):
    ensure_reference_data()
    qualifications = area("professional-qualifications")
    dk_authority = AuthorityFactory(
        official_name="Styrelsen for Forsknings og Uddannelse",
        country=country("DK"),
        city="København",
        areas=["professional-qualifications"],
    )
    pt_authority = AuthorityFactory(
        official_name="Turismo de Portugal, I.P.",
        country=country("PT"),
        city="Lisboa",
        areas=["professional-qualifications"],
    )
    dk_lda = UserFactory(authority=dk_authority, is_lda=True, roles=[("professional-qualifications", "handler")])
    pt_lda = UserFactory(authority=pt_authority, is_lda=True, roles=[("professional-qualifications", "handler")])
    _account, dk_token = system_token(dk_lda, name="DK case system")
    _account, pt_token = system_token(pt_lda, name="PT case system")
    secrets = {}
    for who, lda, authority in (("DK", dk_lda, dk_authority), ("PT", pt_lda, pt_authority)):
        endpoint = webhook_endpoint_save(
            actor=lda,
            authority=authority,
            url=f"http://127.0.0.1:{receivers[who].server_address[1]}/imi",
            event_types=EVENT_TYPES,
        )
        secrets[who] = endpoint.secret
    dk, pt = System(live_server.url, dk_token), System(live_server.url, pt_token)

    # Denmark drafts the request, completes it and sends it.
    created = dk.http.post("/requests", json={"legislative_area": qualifications.pk, "summary": "Tourist guide"})
    assert created.status_code == 201, created.text
    request_id = created.json()["id"]
    dk.etags[request_id] = created.headers["ETag"]
    found = dk.http.get("/authorities", params={"country": "PT", "area": "professional-qualifications"}).json()
    assert pt_authority.pk in [row["id"] for row in found["results"]]
    question_ids = [question.pk for question in questions]
    dk.change(
        "PATCH",
        f"/requests/{request_id}",
        request_id,
        json={
            "responding_authority": pt_authority.pk,
            "questions": question_ids,
            "subject_name": "Maria Marquês",
            "subject_identifier": "PT-7781",
            "proposed_deadline": (timezone.localdate() + datetime.timedelta(days=21)).isoformat(),
        },
    )
    assert dk.act(request_id, "send")["status"] == "awaiting_acceptance"

    # Portugal is told, verifies the signature, finds the request and accepts it.
    told = verified(receivers["PT"].wait_for("request.send", request_id), secrets["PT"])
    assert told["data"]["status"] == "awaiting_acceptance" and "Maria" not in json.dumps(told)
    incoming = pt.http.get("/requests", params={"direction": "incoming"}).json()["results"]
    assert [row["id"] for row in incoming] == [request_id]
    before = pt.read(request_id)
    assert before["subject"] is None  # not before it is accepted
    accepted = pt.act(request_id, "accept", days=14)
    assert accepted["subject"]["name"] == "Maria Marquês"
    assert verified(receivers["DK"].wait_for("request.accept", request_id), secrets["DK"])["data"]["agreed_deadline"]

    # Portugal answers every question in its own language, then replies.
    by_kind = {item["kind"]: item["id"] for item in accepted["questions"]}
    option = questions[1].options.first().pk
    pt.http.headers["Accept-Language"] = "pt"
    pt.change(
        "PUT",
        f"/requests/{request_id}/answers",
        request_id,
        json={
            "answers": {
                str(by_kind["yes_no"]): True,
                str(by_kind["choice"]): option,
                str(by_kind["text"]): "Nenhuma sanção disciplinar.",
                str(by_kind["date"]): "2019-05-01",
            }
        },
    )
    assert pt.act(request_id, "reply")["status"] == "replied"

    # Denmark reads the reply and closes the request with a rating; Portugal is told.
    verified(receivers["DK"].wait_for("request.reply", request_id), secrets["DK"])
    replied = dk.read(request_id)
    answers = {item["kind"]: item["answer"] for item in replied["questions"]}
    assert answers["yes_no"]["yes_no"] is True and answers["text"]["text_language"] == "pt"
    closed = dk.act(request_id, "close", rating_timeliness="positive", rating_effort="positive")
    assert closed["status"] == "closed"
    assert verified(receivers["PT"].wait_for("request.close", request_id), secrets["PT"])["data"]["status"] == "closed"
    events = dk.http.get(f"/requests/{request_id}/events").json()["results"]
    assert [event["action"] for event in events] == ["create", "send", "accept", "reply", "close"]
