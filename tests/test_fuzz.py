"""Every form and URL parameter, fuzzed as the people who use them: no answer is a server error.

Bad values get a clear message (a form error, a 404); what was valid is not half-saved.
"""

import os

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from requests_app.models import Action, Status
from tests.request_states import request_in

# Anything a browser could send: text of any kind (control characters and NUL included), numbers, dates.
VALUES = st.one_of(
    st.text(max_size=60),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(str),
    st.sampled_from(["", " ", "0", "-1", "9" * 30, "2026-02-30", "%00", "\x00", "<script>", "'; drop table x; --"]),
)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

GET_PAGES = [
    ("bg_handler", "requests:list", ["q", "direction", "status", "area", "country", "overdue", "page"]),
    ("bg_handler", "authorities:directory", ["q", "country", "area", "status", "page", "format"]),
    ("bg_handler", "registers:list", ["q", "country", "area", "page", "format"]),
    ("pt_coordinator", "requests:activity", ["scope", "months", "area", "format"]),
    ("pt_coordinator", "requests:data_subjects", ["name", "identifier", "date_of_birth", "format"]),
    ("pt_coordinator", "requests:read_log", ["page"]),
    (None, "languages", ["next"]),
]

POST_FORMS = [
    ("bg_lda", "authorities:authority_edit", ["acronym", "city", "address", "email", "phone", "website", "languages"]),
    ("bg_lda", "authorities:user_invite", ["full_name", "email", "preferred_language", "is_lda"]),
    ("bg_handler", "authorities:profile", ["full_name", "phone", "preferred_language", "wants_digest"]),
    ("bg_handler", "authorities:absence", ["absent_from", "absent_until"]),
    ("bg_handler", "authorities:backups", ["backups"]),
    ("bg_handler", "requests:new", ["legislative_area", "summary"]),
    ("pt_handler", "registers:new", ["name_en", "url", "coverage", "legislative_areas", "languages"]),
    (None, "set_language", ["language", "next"]),
]


@pytest.mark.parametrize(("persona", "name", "fields"), GET_PAGES)
@FUZZ
@given(data=st.data())
def test_query_parameters_never_cause_a_server_error(client, world, persona, name, fields, data):
    if persona:
        client.force_login(getattr(world, persona))
    query = {field: data.draw(VALUES, label=field) for field in fields}
    assert client.get(reverse(name), query).status_code < 500


@pytest.mark.parametrize(("persona", "name", "fields"), POST_FORMS)
@FUZZ
@given(data=st.data())
def test_forms_never_cause_a_server_error(client, world, persona, name, fields, data):
    if persona:
        client.force_login(getattr(world, persona))
    form = {field: data.draw(VALUES, label=field) for field in fields}
    assert client.post(reverse(name), form).status_code < 500


@FUZZ
@given(data=st.data())
def test_workflow_actions_never_cause_a_server_error(client, world, questions, data):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_handler)
    for action, fields in [
        ("accept", ["days", "note"]),
        ("forward", ["authority", "note"]),
    ]:
        form = {field: data.draw(VALUES, label=f"{action}.{field}") for field in fields}
        response = client.post(reverse("requests:act", args=[info_request.pk, action]), form)
        assert response.status_code < 500
    message = {"body": data.draw(VALUES, label="message")}
    assert client.post(reverse("requests:message_add", args=[info_request.pk]), message).status_code < 500


@FUZZ
@given(pk=st.integers(min_value=-(2**63), max_value=2**63 - 1), action=st.text(min_size=1, max_size=30))
def test_ids_in_addresses_never_cause_a_server_error(client, world, pk, action):
    client.force_login(world.bg_handler)
    if "/" in action or action.strip() != action:
        return
    for path in [f"/requests/{abs(pk) % 10**18}/", f"/requests/{abs(pk) % 10**18}/{action}/"]:
        assert client.get(path).status_code < 500


@FUZZ
@given(data=st.data())
def test_the_request_wizard_never_causes_a_server_error(client, world, questions, data):
    from tests.request_states import draft

    info_request = draft(world, questions)
    client.force_login(world.bg_handler)
    steps = [
        ("requests:edit_authority", ["authority"]),
        ("requests:edit_questions", ["questions"]),
        (
            "requests:edit_subject",
            [
                "summary",
                "subject_name",
                "subject_identifier",
                "subject_date_of_birth",
                "subject_address",
                "proposed_deadline",
            ],
        ),  # fmt: skip
        ("requests:review", []),
    ]
    for name, fields in steps:
        form = {field: data.draw(VALUES, label=f"{name}.{field}") for field in fields}
        assert client.post(reverse(name, args=[info_request.pk]), form).status_code < 500
    search = {"q": data.draw(VALUES, label="q"), "country": data.draw(VALUES, label="country")}
    assert client.get(reverse("requests:edit_authority", args=[info_request.pk]), search).status_code < 500


@FUZZ
@given(data=st.data())
def test_answers_and_the_unblock_form_never_cause_a_server_error(client, world, questions, data):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    answers = {f"q{item.pk}": data.draw(VALUES, label=f"q{item.pk}") for item in info_request.questions.all()}
    assert client.post(reverse("requests:answers", args=[info_request.pk]), answers).status_code < 500
    for action, fields in [("change_deadline", ["deadline", "note"]), ("split", ["authority", "questions", "note"])]:
        form = {field: data.draw(VALUES, label=f"{action}.{field}") for field in fields}
        assert client.post(reverse("requests:act", args=[info_request.pk, action]), form).status_code < 500
    client.force_login(world.pt_coordinator)
    justification = {"justification": data.draw(VALUES, label="justification")}
    assert client.post(reverse("requests:unblock", args=[info_request.pk]), justification).status_code < 500


def snapshot(instance, *related):
    """What is stored for an object and some of its relations, to compare before and after a refused form."""
    from django.forms.models import model_to_dict
    from django.utils import translation

    instance.refresh_from_db()
    with translation.override("en"):  # a translated field's plain name reads the active language
        state = model_to_dict(instance)
    for name in related:
        state[name] = sorted(map(str, getattr(instance, name).values_list(flat=True)))
    return state


def assert_refused_cleanly(response, unchanged):
    """A posted form is saved (a redirect), or refused with its errors shown, or refused as a bad request (400);
    a refused one leaves what is stored as it was."""
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
        assert response.status_code == 400 or response.context["form"].errors
        assert unchanged()


@FUZZ
@given(data=st.data())
def test_the_roles_form_never_causes_a_server_error_nor_half_saves(client, world, data):
    colleague = world.bg_handler
    client.force_login(world.bg_lda)
    fields = ["is_lda"] + [f"area_{area.pk}" for area in colleague.authority.legislative_areas.all()]
    form = {field: data.draw(st.one_of(VALUES, st.lists(VALUES, max_size=3)), label=field) for field in fields}
    before = snapshot(colleague, "roles")
    response = client.post(reverse("authorities:user_roles", args=[colleague.pk]), form)
    assert_refused_cleanly(response, lambda: snapshot(colleague, "roles") == before)


@FUZZ
@given(data=st.data())
def test_the_register_form_never_causes_a_server_error_nor_half_saves(client, world, data):
    from tests.test_registers import make_register

    register = make_register(world)
    client.force_login(world.pt_handler)
    fields = ["url", "coverage", "legislative_areas", "is_public_and_free", "languages", "name_en", "description_bg"]
    form = {field: data.draw(st.one_of(VALUES, st.lists(VALUES, max_size=3)), label=field) for field in fields}
    before = snapshot(register, "legislative_areas")
    response = client.post(reverse("registers:edit", args=[register.pk]), form)
    assert_refused_cleanly(response, lambda: snapshot(register, "legislative_areas") == before)


@FUZZ
@given(data=st.data())
def test_the_peoples_data_forms_never_cause_a_server_error_nor_half_save(client, world, questions, data):
    from requests_app.models import DataSubjectRequest, InformationRequest

    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_coordinator)
    form = {field: data.draw(VALUES, label=field) for field in InformationRequest.PERSONAL_DATA_FIELDS}
    before = snapshot(info_request)
    response = client.post(reverse("requests:data_subject_correct", args=[info_request.pk]), form)
    assert_refused_cleanly(response, lambda: snapshot(info_request) == before)
    client.get(reverse("requests:data_subjects"))  # the confirmation of a saved correction is read here

    recorded = DataSubjectRequest.objects.count()
    form = {field: data.draw(VALUES, label=field) for field in ["kind", "person", "received_on"]}
    response = client.post(reverse("requests:subject_request_add"), form, follow=True)
    if response.status_code == 400:  # a NUL character: refused before any form
        assert DataSubjectRequest.objects.count() == recorded
        return
    assert response.status_code == 200
    shown = [message.level_tag for message in response.context["messages"]]
    assert shown == ["success"] if DataSubjectRequest.objects.count() == recorded + 1 else shown == ["error"]


@FUZZ
@given(content=st.binary(max_size=2048), name=VALUES)
def test_uploads_never_cause_a_server_error_and_only_checked_files_are_kept(client, world, questions, content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_handler)
    # A browser sends a file's own name, never an empty one nor "." or ".." (Django refuses to build those).
    if os.path.basename(name) in {"", ".", ".."}:
        name = "file"
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("requests:attachment_add", args=[info_request.pk]), {"file": upload}, follow=True)
    assert response.status_code == 200
    # Random bytes are never a PDF, an image or an office document: the upload is refused with a message.
    assert not info_request.attachments.exists()
    assert [message.level_tag for message in response.context["messages"]] == ["error"]


# Every workflow action, in a state it applies to, as a persona who may take it, with every field it has.
# (Sending is the wizard's last step, fuzzed above.)
ACTIONS = [
    (Action.ALLOCATE, Status.AWAITING_ACCEPTANCE, "pt_allocator", ["authority", "note"]),
    (Action.REPLY, Status.OPEN, "pt_handler", ["note"]),
    (Action.REQUEST_CLARIFICATION, Status.REPLIED, "bg_handler", ["note"]),
    (Action.CLOSE, Status.REPLIED, "bg_handler", ["rating_timeliness", "rating_effort", "note"]),
    (Action.REFER, Status.REPLIED, "bg_handler", ["note"]),
    (Action.RETURN_FROM_REFERRAL, Status.REFERRED, "pt_coordinator", ["note"]),
    (Action.CLOSE_REFERRAL, Status.REFERRED, "pt_coordinator", ["note"]),
    (Action.WITHDRAW, Status.OPEN, "bg_handler", ["note"]),
]


@pytest.mark.parametrize(("action", "status", "persona", "fields"), ACTIONS)
def test_every_workflow_action_refuses_bad_values_cleanly(client, world, questions, action, status, persona, fields):
    from django.db import transaction

    info_request = request_in(world, questions, status)
    client.force_login(getattr(world, persona))
    url = reverse("requests:act", args=[info_request.pk, action])

    @FUZZ
    @given(data=st.data())
    def post_a_fuzzed_action(data):
        form = {field: data.draw(VALUES, label=field) for field in fields}
        with transaction.atomic():  # each example starts from the same request
            response = client.post(url, form)
            assert response.status_code in (200, 302, 400)
            info_request.refresh_from_db()
            if response.status_code != 302:  # refused: the state did not move
                assert info_request.status == status
            transaction.set_rollback(True)

    post_a_fuzzed_action()


ANONYMOUS_FORMS = [
    ("account_login", ["login", "password", "remember"]),
    ("account_reset_password", ["email"]),
]


@pytest.mark.parametrize(("name", "fields"), ANONYMOUS_FORMS)
@FUZZ
@given(data=st.data())
def test_the_login_forms_never_cause_a_server_error(client, world, name, fields, data):
    form = {field: data.draw(VALUES, label=field) for field in fields}
    assert client.post(reverse(name), form).status_code < 500


def test_the_invitation_form_never_causes_a_server_error_and_sets_no_bad_password(client, world):
    import re

    from django.db import transaction

    from authorities.services import user_invite
    from core.models import OutboxMessage

    invited = user_invite(
        invited_by=world.bg_lda,
        authority=world.bg_authority,
        email="new.colleague@bg.test",
        full_name="Нов Колега",
        preferred_language="bg",
    )
    mail = OutboxMessage.objects.get(recipient=invited, template="invitation")
    token = re.search(r"/invitation/([^/\s]+)/", mail.body_text).group(1)

    @FUZZ
    @given(data=st.data())
    def post_a_fuzzed_password(data):
        password = data.draw(VALUES, label="new_password1")
        form = {"new_password1": password, "new_password2": data.draw(st.just(password) | VALUES, label="again")}
        token_sent = data.draw(st.just(token) | VALUES.filter(lambda value: "/" not in value), label="token")
        with transaction.atomic():  # each example starts from the unused invitation
            response = client.post(reverse("authorities:invitation_accept", args=[token_sent or token]), form)
            assert response.status_code in (200, 302, 400, 404)
            invited.refresh_from_db()
            if response.status_code == 302:  # accepted: the password is the one given, and it was strong enough
                assert invited.check_password(password)
                client.logout()
            else:  # refused: no password was set
                assert not invited.has_usable_password()
            transaction.set_rollback(True)

    post_a_fuzzed_password()


def test_the_authenticator_code_forms_never_cause_a_server_error(client, world):
    from allauth.mfa.models import Authenticator

    from tests.factories import PASSWORD

    # The code asked at login, before the session is a logged-in one.
    client.post(reverse("account_login"), {"login": world.bg_coordinator.email, "password": PASSWORD})
    assert client.get(reverse("mfa_authenticate")).status_code == 200

    @FUZZ
    @given(code=VALUES)
    def at_login(code):
        response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert response.status_code < 500
        assert "_auth_user_id" not in client.session  # no wrong code lets anybody in

    at_login()

    # Setting up the authenticator app: a wrong code sets nothing up.
    client.logout()
    client.post(reverse("account_login"), {"login": world.bg_handler.email, "password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200

    @FUZZ
    @given(code=VALUES)
    def at_set_up(code):
        assert client.post(reverse("mfa_activate_totp"), {"code": code}).status_code < 500
        assert not Authenticator.objects.filter(user=world.bg_handler).exists()

    at_set_up()
