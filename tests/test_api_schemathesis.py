"""Schemathesis against the API's own OpenAPI document: every operation, with valid and invalid data,
as the national systems of two authorities. No answer may be a server error, every answer must match
the document, and neither may ever receive what only the other authority may see."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from api.models import ApiToken
from requests_app import workflow
from requests_app.models import Action
from tests.api_support import system_token
from tests.test_api import draft

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# The ids the generated calls aim at (besides random ones): the requests of the test's world.
KNOWN = {"ids": [1]}
# What only the Bulgarian authority (the requester) and the Portuguese (the responder, once it accepted)
# may see, and what no other authority may: a Latvian system must never receive any of it.
SECRET = "Zephyrine Quillfeather"
DRAFT_SECRET = "Octavian Brightwater"


@schema.hook("flatmap_path_parameters")
def real_ids(context, parameters):
    """Half the calls go to a request that exists, so the operations are run, not only refused with 404."""
    if not parameters or not isinstance(parameters.get("id"), int):  # an invalid id stays invalid
        return st.just(parameters)
    return st.one_of(st.just(parameters), st.sampled_from(KNOWN["ids"]).map(lambda pk: {**parameters, "id": pk}))


def _request(world, questions, reference, subject, *, send):
    info_request = draft(world, questions, reference=reference, subject_name=subject)
    if send:
        workflow.apply(request_id=info_request.pk, action=Action.SEND, actor=world.bg_handler)
        workflow.apply(request_id=info_request.pk, action=Action.ACCEPT, actor=world.pt_handler, days=10)
    return info_request


@pytest.fixture
def _in_the_tests_transaction():
    """The WSGI handler closes the database connection after each call, as in production; the test's
    transaction must outlive the calls (Django's test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world, questions, _in_the_tests_transaction):
    shared = _request(world, questions, "IMI-2026-000201", SECRET, send=True)
    draft = _request(world, questions, "IMI-2026-000202", DRAFT_SECRET, send=False)
    KNOWN["ids"] = [shared.pk, draft.pk]
    _account, pt = system_token(world.pt_handler, scope=ApiToken.Scope.ACT, name="PT")
    _account, lv = system_token(world.stranger, scope=ApiToken.Scope.ACT, name="LV", areas=["posting-of-workers"])
    return {"PT": (pt, [DRAFT_SECRET, "IMI-2026-000202"]), "LV": (lv, [SECRET, DRAFT_SECRET, "IMI-2026-0002"])}


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("who", ["PT", "LV"])
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_as_two_authorities(case, who, tokens):
    token, never = tokens[who]
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        # A schema-valid id or code may name nothing that exists: the answer is then 400 naming the field
        # (a filter by an unknown area lists nothing only by mistake), which this check would call a rejection.
        excluded_checks=[schemathesis.checks.max_response_time, schemathesis.checks.positive_data_acceptance],
    )
    body = response.text
    for text in never:
        assert text not in body, f"{who} received {text!r} from {case.method} {case.formatted_path}"
