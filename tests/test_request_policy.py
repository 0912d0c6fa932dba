"""The one policy of who sees a request's personal data and who may add to it, on every surface.

Expected results are tables written here, not derived from requests_app/auth.py.
"""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from authorities.models import Authority, Backup
from requests_app import auth, retention, services, workflow
from requests_app.forms import action_form
from requests_app.models import Action, Attachment, BlockedDataAccess, PersonalDataRead, Status
from tests.factories import UserFactory, area
from tests.request_states import draft, request_in, step

NAME = "Maria Sousa"  # the subject's name in tests.request_states.draft

# persona -> the states in which the persona reads the personal data of a request from the
# Bulgarian handler to the Portuguese authority (brought there by tests.request_states.request_in).
SEES_PERSONAL_DATA = {
    "bg_handler": set(Status.values),
    "bg_supervisor": set(Status.values),
    "pt_handler": {Status.OPEN, Status.REPLIED, Status.CLARIFICATION_REQUESTED, Status.REFERRED, Status.CLOSED},
    "pt_allocator": {Status.OPEN, Status.REPLIED, Status.CLARIFICATION_REQUESTED, Status.REFERRED, Status.CLOSED},
    "pt_coordinator": {Status.REFERRED},
    "bg_coordinator": set(),
    "pt_other_handler": set(),
    "stranger": set(),
    "bg_helpdesk": set(),
    "superuser": {Status.REFERRED},
}

PERSONAS = sorted(SEES_PERSONAL_DATA)


@pytest.mark.parametrize("status", Status.values)
def test_who_reads_the_personal_data_in_each_state(world, questions, status):
    info_request = request_in(world, questions, status)
    for persona in PERSONAS:
        user = getattr(world, persona)
        expected = status in SEES_PERSONAL_DATA[persona]
        assert auth.can_see_personal_data(user, info_request) is expected, persona
        assert auth.personal_data_visible_to(user).filter(pk=info_request.pk).exists() is expected, persona


def test_blocked_data_are_read_only_with_a_valid_justification(world, questions):
    info_request = request_in(world, questions, Status.CLOSED)
    info_request.personal_data_blocked_at = timezone.now()
    info_request.save()
    assert not any(auth.can_see_personal_data(getattr(world, persona), info_request) for persona in PERSONAS)
    retention.grant_blocked_access(
        user=world.pt_coordinator, info_request=info_request, justification="Court order 12/2026"
    )
    readers = [persona for persona in PERSONAS if auth.can_see_personal_data(getattr(world, persona), info_request)]
    assert readers == ["pt_coordinator"]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=30), tick=False):
        assert not auth.can_see_personal_data(world.pt_coordinator, info_request)


def test_the_list_search_finds_a_name_only_where_the_user_reads_it(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_handler)
    response = client.get(reverse("requests:list"), {"q": NAME[:6]})
    assert info_request.reference not in response.content.decode()
    # The reference still finds it: it is no personal data.
    assert (
        info_request.reference in client.get(reverse("requests:list"), {"q": info_request.reference}).content.decode()
    )
    step(info_request, Action.ACCEPT, world.pt_handler, days=10)
    assert info_request.reference in client.get(reverse("requests:list"), {"q": NAME[:6]}).content.decode()


def test_messages_answers_and_notes_are_hidden_before_acceptance(client, world, questions):
    # Accepted, answered, then forwarded: the new responder has accepted nothing yet.
    info_request = request_in(world, questions, Status.OPEN)
    services.message_add(info_request=info_request, user=world.pt_handler, body="A message from Lisbon")
    text = info_request.questions.get(question__kind="text")
    services.answers_save(info_request=info_request, user=world.pt_handler, answers={text.pk: "Sanctioned in 2019"})
    step(info_request, Action.FORWARD, world.pt_handler, authority=world.pt_other_authority, note="Diploma from DGES")
    client.force_login(world.pt_other_handler)
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    for secret in ["A message from Lisbon", "Sanctioned in 2019", "Diploma from DGES", NAME]:
        assert secret not in page
    assert "Messages are shown once your authority has accepted the request." in page
    assert not PersonalDataRead.objects.filter(user=world.pt_other_handler).exists()
    step(info_request, Action.ACCEPT, world.pt_other_handler, days=5)
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    for secret in ["A message from Lisbon", "Sanctioned in 2019", "Diploma from DGES", NAME]:
        assert secret in page
    assert PersonalDataRead.objects.filter(user=world.pt_other_handler, request=info_request).exists()


def test_a_coordinator_reads_nothing_of_a_request_not_referred_to_them(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    services.message_add(info_request=info_request, user=world.pt_handler, body="A message from Lisbon")
    client.force_login(world.pt_coordinator)
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert "A message from Lisbon" not in page
    assert NAME not in page


def _people_search(client, **params):
    return client.get(reverse("requests:data_subjects"), {"name": "Maria", **params})


def test_the_people_search_reaches_only_data_held_in_the_scope(client, world, questions):
    drafted = draft(world, questions)
    waiting = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    accepted = request_in(world, questions, Status.OPEN)
    client.force_login(world.pt_coordinator)
    page = _people_search(client).content.decode()
    assert accepted.reference in page
    assert waiting.reference not in page  # Portugal holds nothing before accepting
    assert drafted.reference not in page
    client.force_login(world.bg_coordinator)
    page = _people_search(client).content.decode()
    assert waiting.reference in page and accepted.reference in page
    assert drafted.reference not in page  # a draft was never sent
    assert set(PersonalDataRead.objects.filter(user=world.bg_coordinator).values_list("request", "what")) == {
        (waiting.pk, PersonalDataRead.What.SEARCH),
        (accepted.pk, PersonalDataRead.What.SEARCH),
    }


def test_blocked_data_are_searched_only_with_a_recorded_justification(client, world, questions):
    info_request = request_in(world, questions, Status.CLOSED)
    info_request.personal_data_blocked_at = timezone.now()
    info_request.save()
    client.force_login(world.bg_coordinator)
    assert info_request.reference not in _people_search(client).content.decode()
    export = _people_search(client, format="json").json()
    assert export == {"requests": []}
    page = _people_search(client, justification="The person asked for a copy on 1 December").content.decode()
    assert info_request.reference in page
    assert BlockedDataAccess.objects.filter(user=world.bg_coordinator, request=info_request).exists()
    assert PersonalDataRead.objects.filter(user=world.bg_coordinator, request=info_request).exists()


def test_a_user_of_an_authority_pending_validation_cannot_send(client, world, questions):
    info_request = request_in(world, questions, Status.DRAFT)
    world.bg_authority.status = Authority.Status.PENDING
    world.bg_authority.save()
    with pytest.raises(ValidationError):
        step(info_request, Action.SEND, world.bg_handler)
    with pytest.raises(ValidationError):
        services.request_create(
            user=world.bg_handler, legislative_area=area("professional-qualifications"), summary="A guide"
        )
    client.force_login(world.bg_handler)
    assert client.get(reverse("requests:new")).status_code == 302
    assert client.post(reverse("requests:review", args=[info_request.pk])).status_code == 404
    info_request.refresh_from_db()
    assert info_request.status == Status.DRAFT


def test_a_suspended_authority_reads_no_personal_data_and_writes_nothing(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    world.pt_authority.status = Authority.Status.SUSPENDED
    world.pt_authority.save()
    world.pt_handler.refresh_from_db()
    assert not auth.can_see_personal_data(world.pt_handler, info_request)
    assert workflow.allowed_actions(world.pt_handler, info_request) == []
    client.force_login(world.pt_handler)
    assert NAME not in client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    client.post(reverse("requests:message_add", args=[info_request.pk]), {"body": "Still here"})
    assert not info_request.messages.exists()


def test_a_supervisor_reads_but_cannot_write(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.bg_supervisor)
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert NAME in page
    assert reverse("requests:message_add", args=[info_request.pk]) not in page
    client.post(reverse("requests:message_add", args=[info_request.pk]), {"body": "A supervisor's note"})
    client.post(
        reverse("requests:attachment_add", args=[info_request.pk]),
        {"file": SimpleUploadedFile("note.txt", b"text", "text/plain")},
    )
    assert not info_request.messages.exists()
    assert not info_request.attachments.exists()
    with pytest.raises(ValidationError):
        services.message_add(info_request=info_request, user=world.bg_supervisor, body="Through the service")


def test_a_backup_reaches_a_new_request_in_the_area_of_the_absent_colleague(client, world, questions):
    # A Portuguese request to Bulgaria in an area only the absent handler works in there.
    covering = UserFactory(email="backup@bg.test", authority=world.bg_authority, roles=[("services", "handler")])
    absent = world.bg_handler
    absent.roles.exclude(legislative_area=area("professional-qualifications")).delete()
    world.bg_lda.roles.filter(legislative_area=area("professional-qualifications")).delete()
    Backup.objects.create(user=absent, backup=covering)
    today = timezone.localdate()
    absent.absent_from, absent.absent_until = today, today + datetime.timedelta(days=7)
    absent.save()
    info_request = services.request_create(
        user=world.pt_handler, legislative_area=area("professional-qualifications"), summary="A Bulgarian guide"
    )
    services.request_set_responder(info_request=info_request, user=world.pt_handler, authority=world.bg_authority)
    services.request_set_questions(info_request=info_request, user=world.pt_handler, questions=questions)
    services.request_set_subject(
        info_request=info_request,
        user=world.pt_handler,
        summary="A Bulgarian guide",
        subject_name="Ivan Petrov",
        subject_identifier="",
        subject_date_of_birth=None,
        subject_address="",
        proposed_deadline=today + datetime.timedelta(days=20),
    )
    info_request = step(info_request, Action.SEND, world.pt_handler)
    client.force_login(covering)
    assert client.get(reverse("requests:detail", args=[info_request.pk])).status_code == 200
    assert info_request.reference in client.get(reverse("home")).content.decode()
    assert Action.ACCEPT in workflow.allowed_actions(covering, info_request)


def test_a_split_goes_only_where_the_form_offers(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    question_ids = list(info_request.questions.values_list("pk", flat=True)[:1])
    offered = set(
        action_form(Action.SPLIT, info_request=info_request, user=world.pt_handler)
        .fields["authority"]
        .queryset.values_list("pk", flat=True)
    )
    assert world.bg_authority.pk not in offered
    for authority in [world.bg_authority, world.pt_authority]:
        with pytest.raises(ValidationError):
            step(info_request, Action.SPLIT, world.pt_handler, authority=authority, question_ids=question_ids, note="x")
    assert set(workflow.targets_for(Action.SPLIT, info_request).values_list("pk", flat=True)) == offered


def test_a_file_is_stored_under_a_generated_name(world, questions):
    info_request = request_in(world, questions, Status.DRAFT)
    long_name = "Диплома " + "x" * 250 + ".pdf"
    for name in ["../../etc/passwd.pdf", long_name]:
        attachment = services.attachment_add(
            info_request=info_request,
            user=world.bg_handler,
            upload=SimpleUploadedFile(name, b"%PDF-1.4\n", "application/pdf"),
        )
        assert attachment.original_name.endswith(".pdf")
        assert len(attachment.original_name) <= 200
        assert "/" not in attachment.original_name
        stored = attachment.file.name.rsplit("/", 1)[-1]
        assert stored.endswith(".pdf") and "passwd" not in stored and "x" * 20 not in stored
    assert Attachment.objects.count() == 2
