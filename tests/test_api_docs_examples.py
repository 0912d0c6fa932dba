"""docs/api.md, run as written: its Python client and its webhook receiver (the code blocks of the document,
executed as they are) carry the DK → PT journey of its worked example against the portal. A national system
written from the document alone works, and the document cannot drift from the API unnoticed."""

import datetime
import re
import threading
from http.server import HTTPServer
from pathlib import Path

import pytest
from django.utils import timezone

from api.events import EVENT_TYPES
from api.services import webhook_endpoint_save
from requests_app.question_sets import load_question_sets
from tests.api_support import system_token
from tests.factories import AuthorityFactory, UserFactory, country, ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def python_blocks():
    return re.findall(r"^```python\n(.*?)^```", DOCUMENT.read_text(), flags=re.S | re.M)


def client_code():
    return next(block for block in python_blocks() if "class ImiClient" in block)


def journey_code():
    return next(block for block in python_blocks() if "dk = ImiClient(" in block)


def receiver_code():
    return next(block for block in python_blocks() if "def verify(secret, headers, body)" in block)


class Receiver:
    """The document's receiver, run as it is, with the endpoint's secret; what it prints is kept."""

    def __init__(self, secret, monkeypatch):
        monkeypatch.setenv("IMI_WEBHOOK_SECRET", secret)
        self.printed = []
        self.arrived = threading.Condition()
        namespace = {"__name__": "receiver", "print": self.keep}
        exec(receiver_code(), namespace)  # noqa: S102 (the document's own code, the point of the test)
        self.server = HTTPServer(("127.0.0.1", 0), namespace["Receiver"])
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/imi"

    def keep(self, *words):
        with self.arrived:
            self.printed.append(words)
            self.arrived.notify_all()

    def wait_for(self, event_type, request_id, status):
        expected = (event_type, request_id, status)
        with self.arrived:
            assert self.arrived.wait_for(lambda: expected in self.printed, timeout=10), (expected, self.printed)


def test_the_worked_example_of_the_document_runs_as_written(live_server, monkeypatch, settings):
    settings.IMI_LINK_CHECK_ALLOWED_HOSTS = ["127.0.0.1"]
    ensure_reference_data()
    load_question_sets()
    dk_authority = AuthorityFactory(
        official_name="Arbejdstilsynet", country=country("DK"), city="København", areas=["posting-of-workers"]
    )
    pt_authority = AuthorityFactory(
        official_name="Autoridade para as Condições do Trabalho",
        acronym="ACT",
        country=country("PT"),
        city="Lisboa",
        areas=["posting-of-workers"],
    )
    dk_lda = UserFactory(authority=dk_authority, is_lda=True)
    pt_lda = UserFactory(authority=pt_authority, is_lda=True)
    _account, dk_token = system_token(dk_lda, name="DK case system")
    _account, pt_token = system_token(pt_lda, name="PT case system")
    receivers = {}
    for who, lda in (("DK", dk_lda), ("PT", pt_lda)):
        endpoint = webhook_endpoint_save(
            actor=lda, authority=lda.authority, url="https://placeholder.invalid/", event_types=EVENT_TYPES
        )
        receivers[who] = Receiver(endpoint.secret, monkeypatch)
        endpoint.url = receivers[who].url
        endpoint.save(update_fields=["url"])

    namespace = {"__name__": "national_system"}
    exec(client_code(), namespace)  # noqa: S102
    # The questions the example asks, and the answers a Portuguese system would give, from the API itself.
    client = namespace["ImiClient"](live_server.url, pt_token)
    sets = list(client.all("question-sets"))
    asked = [q for s in sets if s["legislative_area"] == "posting-of-workers" for q in s["questions"]]
    asked = [q for q in asked if q["kind"] != "file"][:5]
    options = {q["id"]: q["options"][0]["id"] for q in asked if q["options"]}
    by_question = {}

    def my_answer(item):
        kind = item["kind"]
        by_question[item["id"]] = kind
        question = next(q for q in asked if q["id"] == item["question"])
        return {
            "yes_no": True,
            "date": "2026-01-15",
            "text": "Sem observações.",
            "choice": options.get(question["id"]),
        }[kind]

    code = journey_code()
    code = code.replace('"https://imi.example.eu"', repr(live_server.url))
    code = re.sub(r"questions=\[[\d, ]+\]", f"questions={[q['id'] for q in asked]!r}", code)
    # The example's dates are those of the day it was written: the proposed deadline is moved to the same
    # distance from today, so that the example's 30 days stay within it on any day the tests run.
    proposed = (timezone.localdate() + datetime.timedelta(days=42)).isoformat()
    code = re.sub(r'proposed_deadline="\d{4}-\d{2}-\d{2}"', f"proposed_deadline={proposed!r}", code)
    namespace.update(DK_TOKEN=dk_token, PT_TOKEN=pt_token, my_answer=my_answer, reply_is_complete=lambda r: True)
    exec(code, namespace)  # noqa: S102

    request_id = namespace["draft"]["id"]
    closed = namespace["dk"].request(request_id)
    assert closed["status"] == "closed" and closed["rating_timeliness"] == "positive"
    assert all(item["answer"] is not None for item in closed["questions"]) and by_question
    # Each side's receiver, the document's own, verified and printed the other side's steps.
    receivers["PT"].wait_for("request.send", request_id, "awaiting_acceptance")
    receivers["DK"].wait_for("request.accept", request_id, "open")
    receivers["DK"].wait_for("request.reply", request_id, "replied")
    receivers["PT"].wait_for("request.close", request_id, "closed")
    for receiver in receivers.values():
        receiver.server.shutdown()
        receiver.server.server_close()
