"""Writes to information requests outside the state machine: drafts, answers, messages, files."""

import mimetypes
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from authorities import audit
from authorities.models import Authority
from requests_app import auth, notifications, retention
from requests_app.models import (
    Action,
    Attachment,
    Event,
    InformationRequest,
    Message,
    PersonalDataRead,
    Question,
    ReferenceCounter,
    RequestQuestion,
    Status,
)
from requests_app.signals import send_request_changed

# Files a request may carry: documents and scans, checked by their first bytes too.
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", [b"%PDF-"]),
    ".png": ("image/png", [b"\x89PNG\r\n\x1a\n"]),
    ".jpg": ("image/jpeg", [b"\xff\xd8\xff"]),
    ".jpeg": ("image/jpeg", [b"\xff\xd8\xff"]),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [b"PK\x03\x04"]),
    ".odt": ("application/vnd.oasis.opendocument.text", [b"PK\x03\x04"]),
    ".txt": ("text/plain", []),
}


def next_reference(year):
    with transaction.atomic():
        counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"IMI-{year}-{counter.last:06d}"


@transaction.atomic
def request_create(*, user, legislative_area, summary):
    """Start a draft in an area the user handles for their authority."""
    if not auth.may_work(user):
        raise ValidationError(_("Your authority is not validated: it cannot send requests."))
    if not auth.areas_to_request_in(user).filter(pk=legislative_area.pk).exists():
        raise ValidationError(_("You are not a request handler in this legislative area."))
    info_request = InformationRequest.objects.create(
        reference=next_reference(timezone.localdate().year),
        legislative_area=legislative_area,
        requesting_authority=user.authority,
        created_by=user,
        requester_handler=user,
        summary=summary,
        summary_language=translation.get_language(),
    )
    Event.objects.create(
        request=info_request, actor=user, authority=user.authority, action=Action.CREATE, to_status=Status.DRAFT
    )
    return info_request


def _check_draft(info_request, user):
    if info_request.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed."))
    if auth.side_of(user, info_request) != "requester" or not auth.acts_as_handler(user, info_request):
        raise ValidationError(_("You are not allowed to do this on this request."))


@transaction.atomic
def request_draft_delete(*, info_request, user):
    """Delete a draft its author no longer wants, with its questions and files; the admin's log keeps
    that it existed and who deleted it."""
    info_request = InformationRequest.objects.select_for_update().get(pk=info_request.pk)
    if not auth.can_delete_draft(user, info_request):
        raise ValidationError(_("Only its author can delete a draft, and only before it is sent."))
    storage = Attachment._meta.get_field("file").storage
    files = list(info_request.attachments.values_list("file", flat=True))
    audit.record(actor=user, obj=info_request, message=_("Deleted the draft."), flag=audit.DELETION)
    info_request.delete()

    def remove_files():
        for name in files:
            storage.delete(name)

    # The files go once the rows are gone for good.
    transaction.on_commit(remove_files)


def responders_for(*, info_request):
    """The authorities a request may go to: validated, of another country, competent in its area."""
    return (
        Authority.objects.filter(
            status=Authority.Status.VALIDATED, competences__legislative_area=info_request.legislative_area
        )
        .exclude(country_id=info_request.requesting_authority.country_id)
        .select_related("country")
        .distinct()
    )


def request_set_responder(*, info_request, user, authority):
    _check_draft(info_request, user)
    if not responders_for(info_request=info_request).filter(pk=authority.pk).exists():
        raise ValidationError(_("This authority cannot receive requests in this legislative area."))
    info_request.responding_authority = authority
    info_request.save(update_fields=["responding_authority", "updated_at"])


def questions_for(*, info_request):
    return Question.objects.filter(
        question_set__legislative_area=info_request.legislative_area, question_set__is_active=True
    ).select_related("question_set")


@transaction.atomic
def request_set_questions(*, info_request, user, questions):
    _check_draft(info_request, user)
    allowed = set(questions_for(info_request=info_request).values_list("pk", flat=True))
    wanted = [question for question in questions if question.pk in allowed]
    if not wanted:
        raise ValidationError(_("Choose at least one question."))
    info_request.questions.exclude(question__in=wanted).delete()
    existing = set(info_request.questions.values_list("question_id", flat=True))
    RequestQuestion.objects.bulk_create(
        [
            RequestQuestion(request=info_request, question=question, order=index)
            for index, question in enumerate(wanted)
            if question.pk not in existing
        ]
    )
    info_request.save(update_fields=["updated_at"])  # the request's version moves on


def request_set_subject(*, info_request, user, summary, subject_name, subject_identifier,
                        subject_date_of_birth, subject_address, proposed_deadline):  # fmt: skip
    _check_draft(info_request, user)
    if proposed_deadline is not None and proposed_deadline <= timezone.localdate():
        raise ValidationError({"proposed_deadline": _("The deadline must be a date after today.")})
    if summary != info_request.summary:
        info_request.summary_language = translation.get_language()
    info_request.summary = summary
    info_request.subject_name = subject_name
    info_request.subject_identifier = subject_identifier
    info_request.subject_date_of_birth = subject_date_of_birth
    info_request.subject_address = subject_address
    info_request.proposed_deadline = proposed_deadline
    info_request.save()


def request_problems(*, info_request):
    """What a draft still lacks before it can be sent; empty when complete."""
    problems = []
    if info_request.responding_authority_id is None:
        problems.append(_("Choose the authority the request goes to."))
    if not info_request.questions.exists():
        problems.append(_("Choose at least one question."))
    if not info_request.subject_name.strip():
        problems.append(_("Give the name of the person or company the request is about."))
    if info_request.proposed_deadline is None:
        problems.append(_("Propose a deadline."))
    elif info_request.proposed_deadline <= timezone.localdate():
        problems.append(_("The deadline must be a date after today."))
    return problems


def request_split_off(*, info_request, actor, authority, question_ids, note):
    """Move some questions of an open request into a new request to another authority."""
    moving = info_request.questions.filter(pk__in=question_ids)
    count = moving.count()
    if count == 0:
        raise ValidationError(_("Choose the questions to move."))
    if count == info_request.questions.count():
        raise ValidationError(_("Keep at least one question in this request."))
    child = InformationRequest.objects.create(
        reference=next_reference(timezone.localdate().year),
        legislative_area=info_request.legislative_area,
        requesting_authority=info_request.requesting_authority,
        responding_authority=authority,
        created_by=actor,
        requester_handler=info_request.requester_handler,
        parent=info_request,
        summary=info_request.summary,
        summary_language=info_request.summary_language,
        subject_name=info_request.subject_name,
        subject_identifier=info_request.subject_identifier,
        subject_date_of_birth=info_request.subject_date_of_birth,
        subject_address=info_request.subject_address,
        status=Status.AWAITING_ACCEPTANCE,
        proposed_deadline=info_request.agreed_deadline or info_request.proposed_deadline,
        sent_at=timezone.now(),
        responder_since=timezone.now(),
    )
    moving.update(request=child)
    Event.objects.create(
        request=child,
        actor=actor,
        authority=actor.authority,
        action=Action.SPLIT,
        to_status=Status.AWAITING_ACCEPTANCE,
        note=note,
        note_language=translation.get_language() if note else "",
    )
    return child


def _check_responder_answering(info_request, user):
    if info_request.status not in Status.OPEN_STATES:
        raise ValidationError(_("Answers can only be given while the request is open."))
    if not auth.can_answer(user, info_request):
        raise ValidationError(_("You are not allowed to do this on this request."))


@transaction.atomic
def answers_save(*, info_request, user, answers):
    """Save answers, before or while replying. ``answers`` maps RequestQuestion ids to values."""
    _check_responder_answering(info_request, user)
    language = translation.get_language()
    now = timezone.now()
    for item in info_request.questions.select_related("question").filter(pk__in=answers):
        value = answers[item.pk]
        kind = item.question.kind
        if kind == Question.Kind.YES_NO:
            item.answer_yes_no = value
        elif kind == Question.Kind.CHOICE:
            if value is not None and value.question_id != item.question_id:
                raise ValidationError(_("Choose an answer from the list."))
            item.answer_option = value
        elif kind == Question.Kind.DATE:
            item.answer_date = value
        elif kind == Question.Kind.TEXT:
            item.answer_text = value or ""
            item.answer_language = language if item.answer_text else ""
        elif kind == Question.Kind.FILE and value is not None:
            item.answer_file = attachment_add(info_request=info_request, user=user, upload=value, announce=False)
        item.answered_by = user
        item.answered_at = now
        item.save()
    # An answer changes the request: its version (the API's ETag) moves on.
    InformationRequest.objects.filter(pk=info_request.pk).update(updated_at=now)
    info_request.updated_at = now


def message_add(*, info_request, user, body):
    if info_request.is_finished:
        raise ValidationError(_("Messages cannot be added to a closed or withdrawn request."))
    if not auth.can_contribute(user, info_request):
        raise ValidationError(_("You are not allowed to do this on this request."))
    body = body.strip()
    if not body:
        raise ValidationError(_("Write a message."))
    with transaction.atomic():
        message = Message.objects.create(
            request=info_request, author=user, authority=user.authority, body=body, language=translation.get_language()
        )
        notifications.notify_message(info_request=info_request, author=user)
        send_request_changed(event_type="request.message_added", info_requests=[info_request])
    return message


def check_upload(upload):
    """Refuse files that are too large, of a type not accepted, or whose content does not match their name."""
    if upload.size > settings.IMI_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(size)s MB.") % {"size": settings.IMI_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(sorted(ext.lstrip(".").upper() for ext in ALLOWED_TYPES))}
        )
    content_type, signatures = ALLOWED_TYPES[extension]
    head = upload.read(16)
    upload.seek(0)
    if signatures and not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(_("The content of the file does not match its type."))
    if not signatures and b"\x00" in upload.read(4096):
        raise ValidationError(_("The content of the file does not match its type."))
    upload.seek(0)
    return content_type or mimetypes.guess_type(upload.name)[0] or "application/octet-stream"


def display_file_name(name, limit=200):
    """The uploader's file name, as shown and offered on download: no folders, at most ``limit``
    characters, the extension kept. The stored file gets a generated name (Attachment.file).
    """
    name = os.path.basename(name.replace("\\", "/")).strip() or "file"
    if len(name) <= limit:
        return name
    stem, extension = os.path.splitext(name)
    extension = extension[:16]
    return stem[: limit - len(extension)] + extension


def attachment_add(*, info_request, user, upload, announce=True):
    """Add a file to a request; the other side is told by mail, unless it is an answer (the reply announces those)."""
    if info_request.is_finished:
        raise ValidationError(_("Files cannot be added to a closed or withdrawn request."))
    if not auth.can_contribute(user, info_request):
        raise ValidationError(_("You are not allowed to do this on this request."))
    content_type = check_upload(upload)
    name = display_file_name(upload.name)
    with transaction.atomic():
        attachment = Attachment.objects.create(
            request=info_request,
            uploaded_by=user,
            authority=user.authority,
            file=upload,
            original_name=name,
            content_type=content_type,
            size=upload.size,
        )
        if announce:
            notifications.notify_file(info_request=info_request, author=user)
            send_request_changed(event_type="request.attachment_added", info_requests=[info_request])
    return attachment


# The read log and the rights of the persons concerned (requests_app/data_subjects.py).


def personal_data_reads_record(*, user, info_requests, what=PersonalDataRead.What.REQUEST):
    """Log that ``user`` was shown the personal data of these requests (pages, downloads, searches, exports)."""
    PersonalDataRead.objects.bulk_create(
        [PersonalDataRead(request=item, user=user, what=what) for item in info_requests]
    )


@transaction.atomic
def personal_data_correct(*, actor, info_request, data):
    """Correct the personal data of a request at the person's request (``data``: the fields and their new values)."""
    fields = [name for name in data if name in InformationRequest.PERSONAL_DATA_FIELDS]
    for name in fields:
        setattr(info_request, name, data[name])
    info_request.save(update_fields=fields)
    audit.record(actor=actor, obj=info_request, message=_("Corrected the personal data at the person's request."))


@transaction.atomic
def personal_data_erase(*, actor, info_request):
    """Erase the personal data of a request at the person's request; the non-personal facts stay."""
    retention.erase_personal_data(requests=InformationRequest.objects.filter(pk=info_request.pk))
    audit.record(actor=actor, obj=info_request, message=_("Erased the personal data at the person's request."))


def subject_request_record(*, actor, subject_request):
    """Record a request of a person (access, correction, erasure) that ``actor`` handles."""
    subject_request.handled_by = actor
    subject_request.save()
    return subject_request


def subject_request_answer(*, subject_request):
    subject_request.answered_on = timezone.localdate()
    subject_request.save(update_fields=["answered_on"])
