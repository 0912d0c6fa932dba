"""Who reaches a request, its personal data and its files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from requests_app import services
from requests_app.models import Action, Status
from tests.request_states import request_in, step

PDF = b"%PDF-1.4\n% a test document\n"


def attach(world, info_request):
    return services.attachment_add(
        info_request=info_request,
        user=world.bg_handler,
        upload=SimpleUploadedFile("diploma.pdf", PDF, "application/pdf"),
    )


def request_pages(info_request, attachment):
    pages = [
        reverse("requests:detail", args=[info_request.pk]),
        reverse("requests:attachment", args=[info_request.pk, attachment.pk]),
        reverse("requests:answers", args=[info_request.pk]),
        reverse("requests:act", args=[info_request.pk, "accept"]),
        reverse("requests:act", args=[info_request.pk, "withdraw"]),
        reverse("requests:edit_authority", args=[info_request.pk]),
        reverse("requests:review", args=[info_request.pk]),
    ]
    return pages


@pytest.mark.parametrize("status", [Status.AWAITING_ACCEPTANCE, Status.OPEN, Status.REFERRED])
def test_a_third_authority_gets_404_on_every_request_page_and_file(client, world, questions, status):
    info_request = request_in(world, questions, status)
    attachment = attach(world, info_request)
    for persona in ["stranger", "ro_user", "ro_coordinator", "pt_other_handler"]:
        client.force_login(getattr(world, persona))
        for url in request_pages(info_request, attachment):
            assert client.get(url).status_code == 404, (persona, url)
        assert client.post(reverse("requests:message_add", args=[info_request.pk]), {"body": "Hi"}).status_code == 404
        assert (
            client.post(reverse("requests:act", args=[info_request.pk, "withdraw"]), {"note": "x"}).status_code == 404
        )
    info_request.refresh_from_db()
    assert info_request.status == status
    assert not info_request.messages.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    for url in [reverse("requests:list"), reverse("requests:detail", args=[info_request.pk]), reverse("requests:new")]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_a_draft_is_not_seen_by_the_responder(client, world, questions):
    info_request = request_in(world, questions, Status.DRAFT)
    client.force_login(world.pt_handler)
    assert client.get(reverse("requests:detail", args=[info_request.pk])).status_code == 404


def test_the_responder_sees_no_personal_data_before_accepting(client, world, questions):
    info_request = request_in(world, questions, Status.AWAITING_ACCEPTANCE)
    attachment = attach(world, info_request)
    client.force_login(world.pt_handler)
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert info_request.reference in page
    assert "Maria Sousa" not in page
    assert "PT-123456" not in page
    assert "diploma.pdf" not in page
    assert client.get(reverse("requests:attachment", args=[info_request.pk, attachment.pk])).status_code == 404

    step(info_request, Action.ACCEPT, world.pt_handler, days=10)
    page = client.get(reverse("requests:detail", args=[info_request.pk])).content.decode()
    assert "Maria Sousa" in page
    response = client.get(reverse("requests:attachment", args=[info_request.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_a_supervisor_reads_but_is_offered_no_action(client, world, questions):
    info_request = request_in(world, questions, Status.REPLIED)
    client.force_login(world.bg_supervisor)
    response = client.get(reverse("requests:detail", args=[info_request.pk]))
    assert response.status_code == 200
    assert response.context["actions"] == []
    assert client.get(reverse("requests:act", args=[info_request.pk, "close"])).status_code == 404


def test_a_file_of_the_wrong_type_is_refused_with_a_message(client, world, questions):
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.bg_handler)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(reverse("requests:attachment_add", args=[info_request.pk]), {"file": fake}, follow=True)
    with translation.override("bg"):  # the Bulgarian handler reads the refusal in Bulgarian
        assert gettext("The content of the file does not match its type.") in response.content.decode()
    assert not info_request.attachments.exists()


def test_a_file_too_large_is_refused(client, world, questions, settings):
    settings.IMI_MAX_UPLOAD_BYTES = 10
    info_request = request_in(world, questions, Status.OPEN)
    client.force_login(world.bg_handler)
    big = SimpleUploadedFile("big.pdf", PDF * 10, "application/pdf")
    response = client.post(reverse("requests:attachment_add", args=[info_request.pk]), {"file": big}, follow=True)
    with translation.override("bg"):
        expected = gettext("The file is too large: at most %(size)s MB.") % {"size": 0}
    assert expected in response.content.decode()
    assert not info_request.attachments.exists()


def test_an_executable_is_refused_whatever_its_name(world, questions):
    from django.core.exceptions import ValidationError

    info_request = request_in(world, questions, Status.OPEN)
    with pytest.raises(ValidationError):
        services.attachment_add(
            info_request=info_request,
            user=world.bg_handler,
            upload=SimpleUploadedFile("run.exe", b"MZ\x90\x00", "application/octet-stream"),
        )
