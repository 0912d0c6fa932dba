"""Retention (Art. 14), the read log and the rights of the people requests are about (Art. 19)."""

import datetime
import json

import time_machine
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from requests_app import retention, services
from requests_app.models import Action, DataSubjectRequest, InformationRequest, PersonalDataRead, Status
from tests.request_states import request_in, step

CLOSED_ON = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)


def closed_request(world, questions):
    with time_machine.travel(CLOSED_ON, tick=False):
        info_request = request_in(world, questions, Status.REPLIED)
        services.attachment_add(
            info_request=info_request,
            user=world.bg_handler,
            upload=SimpleUploadedFile("diploma.pdf", b"%PDF-1.4 test", "application/pdf"),
        )
        services.message_add(info_request=info_request, user=world.bg_handler, body="Thank you.")
        step(info_request, Action.CLOSE, world.bg_handler)
    return InformationRequest.objects.get(pk=info_request.pk)


def sweep_at(moment):
    with time_machine.travel(moment, tick=False):
        return retention.sweep()


def test_personal_data_are_blocked_six_months_after_closure(client, world, questions):
    info_request = closed_request(world, questions)
    assert sweep_at(datetime.datetime(2026, 7, 14, 12, tzinfo=datetime.UTC))["blocked"] == 0
    assert sweep_at(datetime.datetime(2026, 7, 15, 12, tzinfo=datetime.UTC))["blocked"] == 1
    client.force_login(world.bg_handler)
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert "Maria Sousa" not in page
    assert "No sanctions are recorded." not in page  # what users wrote is blocked too
    attachment = info_request.attachments.get()
    assert client.get(reverse("requests:attachment", args=[info_request.pk, attachment.pk])).status_code == 404
    assert list(client.get(reverse("requests:list"), {"q": "Maria Sousa"}).context["requests"]) == []


def test_a_withdrawn_request_is_blocked_too(world, questions):
    with time_machine.travel(CLOSED_ON, tick=False):
        request_in(world, questions, Status.WITHDRAWN)
    assert sweep_at(datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC))["blocked"] == 1


def test_a_coordinator_of_the_scope_opens_blocked_data_with_a_justification_for_a_day(client, world, questions):
    info_request = closed_request(world, questions)
    sweep_at(datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC))
    client.force_login(world.pt_coordinator)
    url = reverse("requests:unblock", args=[info_request.pk])
    assert client.post(url, {"justification": ""}).status_code == 200  # a reason is required
    client.post(url, {"justification": "Complaint of the person, file 2026/17."})
    assert "Maria Sousa" in client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    access = info_request.blocked_data_accesses.get()
    assert (access.user, access.justification) == (world.pt_coordinator, "Complaint of the person, file 2026/17.")
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        assert "Maria Sousa" not in client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()


def test_other_users_cannot_open_blocked_data(client, world, questions):
    info_request = closed_request(world, questions)
    sweep_at(datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC))
    for persona in ["bg_handler", "pt_handler", "ro_coordinator", "stranger"]:
        client.force_login(getattr(world, persona))
        assert client.get(reverse("requests:unblock", args=[info_request.pk])).status_code == 404, persona


def test_personal_data_and_files_are_deleted_three_years_after_closure(
    world, questions, django_capture_on_commit_callbacks
):
    info_request = closed_request(world, questions)
    stored = info_request.attachments.get().file
    storage, name = stored.storage, stored.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_at(datetime.datetime(2029, 1, 14, tzinfo=datetime.UTC))["erased"] == 0
        assert sweep_at(datetime.datetime(2029, 1, 16, tzinfo=datetime.UTC))["erased"] == 1
    info_request.refresh_from_db()
    assert (info_request.subject_name, info_request.subject_identifier, info_request.subject_date_of_birth) == (
        "",
        "",
        None,
    )
    assert not info_request.attachments.exists() and not info_request.messages.exists()
    assert not storage.exists(name)
    assert not info_request.questions.exclude(answer_text="").exists()
    # The non-personal facts stay for the statistics.
    assert (info_request.status, info_request.legislative_area_id, info_request.responding_authority) == (
        Status.CLOSED,
        questions[0].question_set.legislative_area_id,
        world.pt_authority,
    )
    assert info_request.closed_at is not None and info_request.sent_at is not None


def test_every_display_and_download_of_personal_data_is_logged(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    attachment = services.attachment_add(
        info_request=info_request,
        user=world.bg_handler,
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4", "application/pdf"),
    )
    client.force_login(world.pt_handler)
    client.get(reverse("requests:detail", args=[info_request.pk]))
    client.get(reverse("requests:attachment", args=[info_request.pk, attachment.pk]))
    reads = list(PersonalDataRead.objects.values_list("user", "what"))
    assert reads == [(world.pt_handler.pk, "attachment"), (world.pt_handler.pk, "request")]


def test_a_page_without_personal_data_is_not_logged(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.pt_handler)  # has not accepted: sees no personal data
    client.get(reverse("requests:detail", args=[info_request.pk]))
    assert not PersonalDataRead.objects.exists()


def test_coordinators_see_the_log_of_their_scope_only(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.bg_handler)
    client.get(reverse("requests:detail", args=[info_request.pk]))
    client.force_login(world.pt_coordinator)
    assert [read.request for read in client.get(reverse("requests:read_log")).context["reads"]] == [info_request]
    client.force_login(world.ro_coordinator)
    assert list(client.get(reverse("requests:read_log")).context["reads"]) == []
    client.force_login(world.bg_handler)
    assert client.get(reverse("requests:read_log")).status_code == 404


def test_the_log_is_deleted_after_the_retention_period(world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)):
        PersonalDataRead.objects.create(request=info_request, user=world.bg_handler, what="request")
    assert sweep_at(datetime.datetime(2029, 1, 2, tzinfo=datetime.UTC))["reads_forgotten"] == 1


def test_a_coordinator_finds_exports_corrects_and_erases_a_person_s_data(client, world, questions):
    info_request = request_in(world, questions, Status.CLOSED)
    client.force_login(world.pt_coordinator)
    url = reverse("requests:data_subjects")
    assert client.get(url, {"name": "maria sousa"}).context["found"] == [info_request]
    assert client.get(url, {"identifier": "PT-123456"}).context["found"] == [info_request]
    assert client.get(url, {"date_of_birth": "1985-04-12"}).context["found"] == [info_request]
    exported = json.loads(client.get(url, {"name": "Sousa", "format": "json"}).content)
    assert exported["requests"][0]["subject_name"] == "Maria Sousa"
    assert exported["requests"][0]["answers"]
    assert PersonalDataRead.objects.filter(user=world.pt_coordinator, what="export").count() == 1
    assert client.get(url, {"name": "Sousa", "format": "print"}).status_code == 200

    client.post(
        reverse("requests:data_subject_correct", args=[info_request.pk]),
        {
            "subject_name": "Maria Sousa Lima",
            "subject_identifier": "PT-123456",
            "subject_date_of_birth": "1985-04-12",
            "subject_address": "",
        },
    )
    info_request.refresh_from_db()
    assert info_request.subject_name == "Maria Sousa Lima"
    client.post(reverse("requests:data_subject_erase", args=[info_request.pk]))
    info_request.refresh_from_db()
    assert info_request.subject_name == "" and info_request.personal_data_deleted_at is not None
    assert LogEntry.objects.filter(user=world.pt_coordinator, object_id=str(info_request.pk)).count() == 2


def test_the_person_s_data_outside_the_scope_stay_out_of_reach(client, world, questions):
    info_request = request_in(world, questions, Status.CLOSED)
    client.force_login(world.ro_coordinator)
    assert client.get(reverse("requests:data_subjects"), {"name": "Maria Sousa"}).context["found"] == []
    assert client.get(reverse("requests:data_subject_erase", args=[info_request.pk])).status_code == 404
    client.force_login(world.bg_handler)
    assert client.get(reverse("requests:data_subjects")).status_code == 404


def test_a_search_needs_something_to_search_for(client, world):
    client.force_login(world.pt_coordinator)
    response = client.get(reverse("requests:data_subjects"), {"name": ""})
    assert response.context["form"].non_field_errors()


def test_a_person_s_request_is_tracked_against_its_thirty_days(client, world):
    client.force_login(world.pt_coordinator)
    client.post(
        reverse("requests:subject_request_add"),
        {"kind": "access", "person": "Maria Sousa", "received_on": "2026-10-01"},
    )
    subject_request = DataSubjectRequest.objects.get()
    assert subject_request.due_on == datetime.date(2026, 10, 31)
    with time_machine.travel(datetime.datetime(2026, 11, 1, 12, tzinfo=datetime.UTC)):
        assert subject_request.is_late
    client.post(reverse("requests:subject_request_answered", args=[subject_request.pk]))
    subject_request.refresh_from_db()
    assert subject_request.answered_on is not None and not subject_request.is_late


def test_the_log_and_the_people_s_data_cost_the_same_queries_for_many_rows(client, world, questions, count_queries):
    info_request = request_in(world, questions, Status.CLOSED)
    client.force_login(world.bg_handler)
    client.get(reverse("requests:detail", args=[info_request.pk]))
    client.force_login(world.pt_coordinator)
    log = reverse("requests:read_log")
    people = reverse("requests:data_subjects") + "?name=Sousa"
    few = [count_queries(log), count_queries(people)]
    for _n in range(5):
        other = request_in(world, questions, Status.CLOSED)
        PersonalDataRead.objects.create(request=other, user=world.bg_handler, what="request")
    assert [count_queries(log), count_queries(people)] == few


def test_a_period_ending_on_a_day_a_shorter_month_lacks_ends_on_the_next_first(world, questions):
    info_request = request_in(world, questions, Status.WITHDRAWN)
    closed = lambda *moment: InformationRequest.objects.filter(pk=info_request.pk).update(  # noqa: E731
        closed_at=datetime.datetime(*moment, tzinfo=datetime.UTC)
    )
    closed(2027, 8, 31, 10, 0)  # six months later: 31 February 2028, which is not
    assert retention.due_for_blocking(datetime.datetime(2028, 2, 29, 23, 59, tzinfo=datetime.UTC)).count() == 0
    assert retention.due_for_blocking(datetime.datetime(2028, 3, 1, 0, 0, tzinfo=datetime.UTC)).count() == 1
    closed(2028, 2, 29, 10, 0)  # three years later: 29 February 2031, which is not
    assert retention.due_for_deletion(datetime.datetime(2031, 2, 28, 23, 59, tzinfo=datetime.UTC)).count() == 0
    assert retention.due_for_deletion(datetime.datetime(2031, 3, 1, 0, 0, tzinfo=datetime.UTC)).count() == 1
