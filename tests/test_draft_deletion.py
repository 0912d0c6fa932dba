"""A draft that was never sent can be deleted by its author, after a confirmation page; nobody else finds the page."""

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from requests_app import services
from requests_app.models import Attachment, InformationRequest, Status
from tests.request_states import draft, request_in

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_it_offers_the_author_to_delete_the_draft_on_each_step(client, world, questions):
    info_request = draft(world, questions)
    client.force_login(world.bg_handler)  # the author
    delete_url = reverse("requests:draft_delete", args=[info_request.pk])
    for step in ("edit_authority", "edit_questions", "edit_subject", "review"):
        page = client.get(reverse(f"requests:{step}", args=[info_request.pk])).content.decode()
        assert f'href="{delete_url}"' in page


def test_it_asks_for_confirmation_before_deleting(client, world, questions):
    info_request = draft(world, questions)
    client.force_login(world.bg_handler)
    response = client.get(reverse("requests:draft_delete", args=[info_request.pk]))
    assert response.status_code == 200
    with translation.override(world.bg_handler.preferred_language):  # the author reads Bulgarian
        question = gettext("Delete draft %(reference)s?") % {"reference": info_request.reference}
    assert question in response.content.decode()
    assert InformationRequest.objects.filter(pk=info_request.pk).exists()


def test_it_deletes_the_draft_with_its_files_and_logs_who_did(
    client, world, questions, django_capture_on_commit_callbacks
):
    info_request = draft(world, questions)
    attachment = services.attachment_add(
        info_request=info_request,
        user=world.bg_handler,
        upload=SimpleUploadedFile("diploma.pdf", PDF, "application/pdf"),
    )
    storage = Attachment._meta.get_field("file").storage
    assert storage.exists(attachment.file.name)
    client.force_login(world.bg_handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("requests:draft_delete", args=[info_request.pk]))
    assert response["Location"] == reverse("home")
    assert not InformationRequest.objects.filter(pk=info_request.pk).exists()
    assert not storage.exists(attachment.file.name)
    entry = LogEntry.objects.get(object_id=str(info_request.pk), action_flag=DELETION)
    assert entry.user == world.bg_handler
    page = client.get(reverse("home")).content.decode()
    with translation.override(world.bg_handler.preferred_language):
        done = gettext("Draft %(reference)s has been deleted.") % {"reference": info_request.reference}
    assert done in page


@pytest.mark.parametrize(
    "persona",
    [
        "bg_lda",  # a colleague who handles the same area and may edit the draft, but did not write it
        "bg_supervisor",
        "pt_handler",  # of the authority chosen in the wizard
        "stranger",
        "bg_coordinator",
    ],
)
def test_it_is_not_found_by_anyone_but_the_author(client, world, questions, persona):
    info_request = draft(world, questions)
    client.force_login(getattr(world, persona))
    url = reverse("requests:draft_delete", args=[info_request.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert InformationRequest.objects.filter(pk=info_request.pk).exists()


def test_a_colleague_is_not_offered_to_delete_it(client, world, questions):
    info_request = draft(world, questions)
    client.force_login(world.bg_lda)
    page = client.get(reverse("requests:review", args=[info_request.pk])).content.decode()
    assert reverse("requests:draft_delete", args=[info_request.pk]) not in page


def test_a_sent_request_cannot_be_deleted(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    client.force_login(world.bg_handler)
    url = reverse("requests:draft_delete", args=[info_request.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert InformationRequest.objects.get(pk=info_request.pk).status == Status.AWAITING_ACCEPTANCE


def test_the_service_refuses_anyone_but_the_author(world, questions):
    info_request = draft(world, questions)
    with pytest.raises(ValidationError):
        services.request_draft_delete(info_request=info_request, user=world.bg_lda)
    assert InformationRequest.objects.filter(pk=info_request.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world, questions):
    info_request = draft(world, questions)
    response = client.get(reverse("requests:draft_delete", args=[info_request.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
