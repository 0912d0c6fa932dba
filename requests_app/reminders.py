"""Reminders before and after deadlines, found with set-based queries and recorded once.

The sweep selects only the requests due for a reminder (indexed by state and
date), so its cost follows the number of due requests, not the number of
requests. A ``Reminder`` row per request, kind and deadline makes a second run
send nothing and lets a missed run catch up; a changed deadline has no rows yet,
so its reminders start over. Closed and withdrawn requests match no kind.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DateField, Exists, F, OuterRef
from django.db.models.functions import TruncDate
from django.utils import timezone

from core.mail import send_to_user
from requests_app.models import InformationRequest, Reminder, Status
from requests_app.notifications import coordinators_of, link_to, side_recipients, with_backups

URGENT = {Reminder.Kind.OVERDUE, Reminder.Kind.ESCALATED}


def _not_reminded(requests, kind, deadline_field):
    sent = Reminder.objects.filter(request=OuterRef("pk"), kind=kind, deadline=OuterRef(deadline_field))
    return requests.exclude(Exists(sent))


def due(kind, today):
    """The requests due for a reminder of this kind today, with the deadline it is about as ``anchor``."""
    requests = InformationRequest.objects.all()
    if kind == Reminder.Kind.NOT_ACCEPTED:
        tz = ZoneInfo(settings.TIME_ZONE)
        received_before = datetime.datetime.combine(
            today - datetime.timedelta(days=settings.IMI_REMIND_NOT_ACCEPTED_AFTER_DAYS - 1), datetime.time(), tz
        )
        requests = requests.filter(status=Status.AWAITING_ACCEPTANCE, responder_since__lt=received_before).annotate(
            anchor=TruncDate("responder_since", output_field=DateField(), tzinfo=tz)
        )
    else:
        open_requests = requests.filter(status__in=Status.OPEN_STATES)
        if kind == Reminder.Kind.DUE_SOON:
            soon = today + datetime.timedelta(days=settings.IMI_REMIND_DUE_IN_DAYS)
            requests = open_requests.filter(agreed_deadline__gt=today, agreed_deadline__lte=soon)
        elif kind == Reminder.Kind.DUE_TODAY:
            requests = open_requests.filter(agreed_deadline=today)
        elif kind == Reminder.Kind.OVERDUE:
            requests = open_requests.filter(agreed_deadline__lt=today)
        else:
            late = today - datetime.timedelta(days=settings.IMI_ESCALATE_AFTER_OVERDUE_DAYS)
            requests = open_requests.filter(agreed_deadline__lte=late)
        requests = requests.annotate(anchor=F("agreed_deadline"))
    return _not_reminded(requests, kind, "anchor").select_related(
        "legislative_area", "requesting_authority", "responding_authority", "responder_handler"
    )


def recipients(info_request, kind):
    if kind == Reminder.Kind.ESCALATED:
        return coordinators_of(info_request)
    return with_backups(side_recipients(info_request, "responder"))


def remind(info_request, kind):
    """Record and send one reminder; False when another run recorded it first."""
    try:
        with transaction.atomic():
            Reminder.objects.create(request=info_request, kind=kind, deadline=info_request.anchor)
            for user in recipients(info_request, kind):
                send_to_user(
                    user=user,
                    template="request_reminder",
                    context={"request": info_request, "kind": Reminder.Kind(kind)},
                    link=link_to(info_request),
                    urgent=kind in URGENT,
                )
    except IntegrityError:
        return False
    return True


def sweep(today=None):
    """Send every reminder that is due; returns how many of each kind were sent."""
    today = today or timezone.localdate()
    sent = {}
    for kind in Reminder.Kind:
        sent[kind.value] = sum(remind(info_request, kind) for info_request in due(kind, today))
    return sent
