"""What the IMI Regulation promises about keeping personal data (Art. 14), enforced daily.

A closed or withdrawn request's personal data are blocked after
``IMI_PERSONAL_DATA_BLOCK_MONTHS`` months: hidden from every user, except a
coordinator of its scope who records a justification (``BlockedDataAccess``,
time-limited). They are deleted after ``IMI_PERSONAL_DATA_DELETE_YEARS``
years, files included, leaving the request's non-personal facts (area,
authorities, countries, dates, states) for statistics. The log of who read
personal data is kept as long, then deleted.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from requests_app.models import (
    Attachment,
    BlockedDataAccess,
    Event,
    InformationRequest,
    Message,
    PersonalDataRead,
    RequestQuestion,
    Status,
    TextTranslation,
)


def due_for_blocking(now=None):
    cutoff = (now or timezone.now()) - relativedelta(months=settings.IMI_PERSONAL_DATA_BLOCK_MONTHS)
    return InformationRequest.objects.filter(
        status__in=Status.FINISHED, closed_at__lte=cutoff, personal_data_blocked_at__isnull=True
    )


def due_for_deletion(now=None):
    cutoff = (now or timezone.now()) - relativedelta(years=settings.IMI_PERSONAL_DATA_DELETE_YEARS)
    return InformationRequest.objects.filter(
        status__in=Status.FINISHED, closed_at__lte=cutoff, personal_data_deleted_at__isnull=True
    )


@transaction.atomic
def erase_personal_data(*, requests):
    """Delete the personal data of these requests, files included; keep the non-personal facts."""
    ids = list(requests.values_list("pk", flat=True))
    if not ids:
        return 0
    attachments = Attachment.objects.filter(request_id__in=ids)
    files = [item.file.name for item in attachments]
    RequestQuestion.objects.filter(request_id__in=ids).update(
        answer_text="", answer_file=None, answer_yes_no=None, answer_option=None, answer_date=None
    )
    attachments.delete()
    Message.objects.filter(request_id__in=ids).delete()
    Event.objects.filter(request_id__in=ids).update(note="")
    TextTranslation.objects.filter(request_id__in=ids, field__in=TextTranslation.PERSONAL_FIELDS).delete()
    now = timezone.now()
    InformationRequest.objects.filter(pk__in=ids).update(
        subject_name="",
        subject_identifier="",
        subject_date_of_birth=None,
        subject_address="",
        deadline_reason="",
        personal_data_blocked_at=now,
        personal_data_deleted_at=now,
    )
    storage = Attachment._meta.get_field("file").storage

    def remove_files():
        for name in files:
            storage.delete(name)

    # The files go once the rows are gone for good.
    transaction.on_commit(remove_files)
    return len(ids)


def sweep(now=None):
    """The daily retention run; returns how many requests were blocked and erased, and reads forgotten."""
    now = now or timezone.now()
    blocked = due_for_blocking(now).update(personal_data_blocked_at=now)
    erased = erase_personal_data(requests=due_for_deletion(now))
    log_cutoff = now - relativedelta(years=settings.IMI_PERSONAL_DATA_DELETE_YEARS)
    forgotten, _details = PersonalDataRead.objects.filter(read_at__lt=log_cutoff).delete()
    return {"blocked": blocked, "erased": erased, "reads_forgotten": forgotten}


def grant_blocked_access(*, user, info_request, justification):
    now = timezone.now()
    return BlockedDataAccess.objects.create(
        request=info_request,
        user=user,
        justification=justification,
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=settings.IMI_BLOCKED_ACCESS_HOURS),
    )
