"""The API (/api/v1/): who calls it, what each token sees and does, through the pages' own rules."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from api import services
from api.models import ApiToken
from requests_app import workflow
from requests_app.models import Action, InformationRequest, PersonalDataRead, Status
from tests.api_support import api_client, system_token
from tests.factories import area

pytestmark = pytest.mark.django_db


def draft(world, questions, **fields):
    info_request = InformationRequest.objects.create(
        reference=fields.pop("reference", "IMI-2026-000101"),
        legislative_area=area("professional-qualifications"),
        requesting_authority=world.bg_authority,
        responding_authority=world.pt_authority,
        created_by=world.bg_handler,
        requester_handler=world.bg_handler,
        summary="Qualification of a tourist guide",
        subject_name=fields.pop("subject_name", "Maria Marquês"),
        subject_identifier="PT-123456",
        proposed_deadline=timezone.localdate() + datetime.timedelta(days=20),
        **fields,
    )
    for order, question in enumerate(questions):
        info_request.questions.create(question=question, order=order)
    return info_request


def sent(world, questions):
    info_request = draft(world, questions)
    workflow.apply(request_id=info_request.pk, action=Action.SEND, actor=world.bg_handler)
    info_request.refresh_from_db()
    return info_request


@pytest.fixture
def bg_system(world):
    return system_token(world.bg_lda)


@pytest.fixture
def pt_system(world):
    return system_token(world.pt_handler)


def test_without_a_token_the_answer_is_a_problem_in_the_callers_language(world):
    response = api_client("", language="bg").get("/api/v1/requests", HTTP_AUTHORIZATION="")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 401 and body["type"] == "urn:imi:problem:unauthenticated"
    assert body["title"] == "Unauthorized"
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("mangle", [lambda t: t + "x", lambda t: t.replace("imi_", "xyz_"), lambda t: "imi_nope_nope"])
def test_a_wrong_token_is_refused(world, bg_system, mangle):
    _account, token = bg_system
    response = api_client(mangle(token)).get("/api/v1/me")
    assert response.status_code == 401


def test_a_token_is_stored_hashed_and_its_use_remembered(world, bg_system):
    account, token = bg_system
    row = account.tokens.get()
    assert token not in row.token_hash and row.token_hash == services.token_hash(token)
    assert row.last_used_at is None
    response = api_client(token).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["authority"]["id"] == world.bg_authority.pk
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_an_expired_or_revoked_token_and_a_revoked_account_stop_working(world, bg_system):
    account, token = bg_system
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        assert api_client(token).get("/api/v1/me").status_code == 401
    assert api_client(token).get("/api/v1/me").status_code == 200
    services.token_revoke(actor=world.bg_lda, token=account.tokens.get())
    assert api_client(token).get("/api/v1/me").status_code == 401
    _row, token = services.token_issue(actor=world.bg_lda, account=account, name="second", scope="act", days=5)
    assert api_client(token).get("/api/v1/me").status_code == 200
    services.system_account_revoke(actor=world.bg_lda, account=account)
    assert api_client(token).get("/api/v1/me").status_code == 401


def test_only_the_authoritys_lda_or_its_coordinator_creates_system_accounts(world):
    from django.core.exceptions import ValidationError

    for outsider in (world.bg_handler, world.stranger, world.pt_coordinator):
        with pytest.raises(ValidationError):
            services.system_account_create(
                actor=outsider, authority=world.bg_authority, name="x", areas=[area("services")]
            )
    account = services.system_account_create(
        actor=world.bg_coordinator, authority=world.bg_authority, name="By the coordinator", areas=[area("services")]
    )
    assert account.user.is_system and account.user.authority == world.bg_authority


def test_a_system_account_never_logs_in_and_gets_no_mail(client, world, bg_system):
    account, _token = bg_system
    user = account.user
    user.set_password("correct-horse-battery-staple")
    user.save()
    response = client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery-staple"})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and response["Location"] == "/accounts/inactive/"
    assert client.get("/").status_code == 302  # still logged out
    from core.mail import receives_mail

    assert not receives_mail(user)


def test_scopes(world, questions):
    info_request = sent(world, questions)
    _account, directory = system_token(world.pt_handler, scope=ApiToken.Scope.DIRECTORY, name="dir")
    _account, read = system_token(world.pt_handler, scope=ApiToken.Scope.READ, name="read")
    assert api_client(directory).get("/api/v1/authorities").status_code == 200
    assert api_client(directory).get("/api/v1/requests").status_code == 403
    assert api_client(read).get(f"/api/v1/requests/{info_request.pk}").status_code == 200
    etag = api_client(read).get(f"/api/v1/requests/{info_request.pk}")["ETag"]
    response = api_client(read).post(
        f"/api/v1/requests/{info_request.pk}/actions/accept", {"days": 10}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 403
    assert response.json()["type"] == "urn:imi:problem:forbidden"


def test_a_token_sees_exactly_what_a_handler_of_its_authority_sees(world, questions):
    info_request = sent(world, questions)
    a_draft = draft(world, questions, reference="IMI-2026-000102")
    _account, pt = system_token(world.pt_handler)
    _account, lv = system_token(world.stranger, areas=["posting-of-workers"])
    _account, bg = system_token(world.bg_lda)
    assert [row["id"] for row in api_client(pt).get("/api/v1/requests").json()["results"]] == [info_request.pk]
    assert sorted(row["id"] for row in api_client(bg).get("/api/v1/requests").json()["results"]) == sorted(
        [info_request.pk, a_draft.pk]
    )
    assert api_client(lv).get("/api/v1/requests").json()["results"] == []
    for path in ("", "/messages", "/attachments", "/events"):
        assert api_client(lv).get(f"/api/v1/requests/{info_request.pk}{path}").status_code == 404
        assert api_client(pt).get(f"/api/v1/requests/{a_draft.pk}{path}").status_code == 404


def test_personal_data_are_withheld_until_accepted_and_each_read_is_logged(world, questions):
    info_request = sent(world, questions)
    account, pt = system_token(world.pt_handler)
    body = api_client(pt).get(f"/api/v1/requests/{info_request.pk}").json()
    assert body["subject"] is None and body["personal_data_visible"] is False
    assert "Maria Marquês" not in str(body)
    assert "accept" in body["actions"]
    assert api_client(pt).get(f"/api/v1/requests/{info_request.pk}/messages").status_code == 404
    reads = PersonalDataRead.objects.filter(user=account.user)
    assert not reads.exists()
    etag = api_client(pt).get(f"/api/v1/requests/{info_request.pk}")["ETag"]
    response = api_client(pt).post(
        f"/api/v1/requests/{info_request.pk}/actions/accept", {"days": 10}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == Status.OPEN and body["subject"]["name"] == "Maria Marquês"
    assert reads.exists()


def test_writes_need_the_current_etag(world, questions):
    info_request = sent(world, questions)
    _account, pt = system_token(world.pt_handler)
    url = f"/api/v1/requests/{info_request.pk}/actions/accept"
    response = api_client(pt).post(url, {"days": 10}, format="json")
    assert response.status_code == 428
    old = api_client(pt).get(f"/api/v1/requests/{info_request.pk}")["ETag"]
    workflow.apply(request_id=info_request.pk, action=Action.ACCEPT, actor=world.pt_handler, days=10)
    response = api_client(pt).post(url.replace("accept", "reply"), {}, format="json", HTTP_IF_MATCH=old)
    assert response.status_code == 412
    assert response.json()["type"] == "urn:imi:problem:changed"


def test_an_invalid_action_gives_the_forms_messages_translated(world, questions):
    info_request = sent(world, questions)
    _account, pt = system_token(world.pt_handler)
    client = api_client(pt, language="bg")
    etag = client.get(f"/api/v1/requests/{info_request.pk}")["ETag"]
    response = client.post(
        f"/api/v1/requests/{info_request.pk}/actions/forward", {"authority": 999999}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 400
    body = response.json()
    assert (
        body["detail"] != "The data sent are not valid." and "authority" in body["errors"] and "note" in body["errors"]
    )
    response = client.post(f"/api/v1/requests/{info_request.pk}/actions/close", {}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 409


def test_changes_by_a_system_account_are_in_the_timeline_and_the_change_log(world, questions):
    from django.contrib.admin.models import LogEntry

    info_request = sent(world, questions)
    account, pt = system_token(world.pt_handler)
    etag = api_client(pt).get(f"/api/v1/requests/{info_request.pk}")["ETag"]
    api_client(pt).post(
        f"/api/v1/requests/{info_request.pk}/actions/accept", {"days": 10}, format="json", HTTP_IF_MATCH=etag
    )
    assert info_request.events.filter(action=Action.ACCEPT, actor=account.user).exists()
    assert LogEntry.objects.filter(user=world.pt_handler, object_id=str(account.pk)).count() == 2  # created, token
    events = api_client(pt).get(f"/api/v1/requests/{info_request.pk}/events").json()["results"]
    assert [event["action"] for event in events] == ["send", "accept"]


def test_rate_limit_per_token(world, bg_system, monkeypatch):
    from api.throttling import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/min"})
    _account, token = bg_system
    client = api_client(token)
    statuses = [client.get("/api/v1/legislative-areas").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/legislative-areas")
    assert int(response["Retry-After"]) > 0
    assert response.json()["type"] == "urn:imi:problem:rate-limited"
    _other, other = system_token(world.pt_handler)
    assert api_client(other).get("/api/v1/legislative-areas").status_code == 200


def test_directory_search_and_every_language(world, bg_system):
    _account, token = bg_system
    client = api_client(token)
    found = client.get("/api/v1/authorities", {"country": "PT", "area": "professional-qualifications"}).json()
    assert {row["id"] for row in found["results"]} >= {world.pt_authority.pk}
    assert all(row["country"] == "PT" for row in found["results"])
    assert client.get("/api/v1/authorities", {"country": "XX"}).status_code == 400
    areas = client.get("/api/v1/legislative-areas").json()["results"]
    assert all(set(row["names"]) >= {"en", "bg", "ro", "da", "lv", "et"} for row in areas)
    assert client.get(f"/api/v1/authorities/{world.pt_authority.pk}").json()["country"] == "PT"


def test_the_request_list_filters_like_the_page_with_codes(world, questions):
    info_request = sent(world, questions)
    _account, pt = system_token(world.pt_handler)
    client = api_client(pt)

    def listed(**filters):
        response = client.get("/api/v1/requests", filters)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert listed(area="professional-qualifications", country="BG", direction="incoming") == [info_request.pk]
    assert listed(area="posting-of-workers") == []
    assert listed(direction="outgoing") == []
    assert listed(status="awaiting_acceptance", overdue="false") == [info_request.pk]
    for wrong in ({"area": "no-such-area"}, {"overdue": "yes"}, {"colour": "red"}, {"page_size": "0"}):
        response = client.get("/api/v1/requests", wrong)
        assert response.status_code == 400 and set(response.json()["errors"]) == set(wrong)


def test_a_user_of_no_system_cannot_use_a_session(client, world):
    client.force_login(world.bg_handler)
    assert client.get("/api/v1/me").status_code == 401


def test_the_openapi_document_is_3_1_and_served_without_a_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert "/api/v1/requests/{id}/actions/{action}" in document["paths"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()


def test_a_file_answers_a_file_question_as_a_multipart_part_named_by_its_id(world, questions):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from requests_app.models import Question

    file_question = Question.objects.create(
        question_set=questions[0].question_set, order=9, kind=Question.Kind.FILE, text_en="The diploma"
    )
    info_request = sent(world, [*questions, file_question])
    workflow.apply(request_id=info_request.pk, action=Action.ACCEPT, actor=world.pt_handler, days=10)
    item = info_request.questions.get(question=file_question)
    _account, pt = system_token(world.pt_handler)
    client = api_client(pt)
    etag = client.get(f"/api/v1/requests/{info_request.pk}")["ETag"]
    upload = SimpleUploadedFile("diploma.pdf", b"%PDF-1.4\n% a test document\n", content_type="application/pdf")
    response = client.put(
        f"/api/v1/requests/{info_request.pk}/answers",
        {str(item.pk): upload},
        format="multipart",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.json()
    answered = next(row for row in response.json()["questions"] if row["id"] == item.pk)
    assert answered["answer"]["file"] is not None
    upload = SimpleUploadedFile("diploma.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.put(
        f"/api/v1/requests/{info_request.pk}/answers",
        {str(item.pk): upload},
        format="multipart",
        HTTP_IF_MATCH=response["ETag"],
    )
    assert response.status_code == 400


def test_a_system_account_is_no_colleague(client, world, bg_system):
    """It is managed on the national systems' page: not listed among the LDA's users, never a backup, never
    a colleague without a backup or an inactive user to remind."""
    from authorities.forms import BackupsForm
    from authorities.selectors import authority_members, inactive_users, users_without_backup

    account, _token = bg_system
    user = account.user
    assert user not in authority_members(authority=world.bg_authority)
    assert user not in users_without_backup(authority=world.bg_authority)
    assert user not in inactive_users(months=0, now=timezone.now() + datetime.timedelta(days=400))
    assert user not in BackupsForm(user=world.bg_handler).fields["backups"].queryset
    assert world.bg_lda in authority_members(authority=world.bg_authority)


def api_routes():
    """``(name, route, view class)`` of every operation of the API, from the URLconf."""
    from django.urls import get_resolver

    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api")
    return [
        (p.name, str(p.pattern), p.callback.view_class) for p in api.url_patterns if hasattr(p.callback, "view_class")
    ]


OPEN = {"schema"}  # the OpenAPI document: no token needed


def test_every_operation_refuses_a_call_without_a_token_and_hides_other_authorities_requests(world, questions):
    from requests_app.models import Attachment

    info_request = sent(world, questions)
    workflow.apply(request_id=info_request.pk, action=Action.ACCEPT, actor=world.pt_handler, days=10)
    attachment = Attachment.objects.create(
        request=info_request,
        uploaded_by=world.pt_handler,
        authority=world.pt_authority,
        file="attachments/x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
    )
    _account, stranger = system_token(world.stranger, areas=["posting-of-workers"])
    anonymous = api_client("")
    anonymous.credentials()
    checked = 0
    for name, route, view in api_routes():
        url = "/api/v1/" + route.replace("<int:pk>", str(info_request.pk)).replace(
            "<int:attachment_pk>", str(attachment.pk)
        ).replace("<str:action>", "accept")
        methods = [method for method in ("get", "post", "put", "patch") if hasattr(view, method)]
        for method in methods:
            response = getattr(anonymous, method)(url, {}, format="json")
            if name in OPEN:
                assert response.status_code == 200, url
                continue
            assert response.status_code == 401, f"{method.upper()} {url} without a token: {response.status_code}"
            if route.startswith("requests/<int:pk>"):
                response = getattr(api_client(stranger), method)(url, {}, format="json", HTTP_IF_MATCH="*")
                assert response.status_code == 404, (
                    f"{method.upper()} {url} as another authority: {response.status_code}"
                )
            checked += 1
    assert checked >= 19  # every operation but the open document
