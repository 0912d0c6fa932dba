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
from django.db import connection, transaction
from django.db.models import DateField, Exists, F, OuterRef
from django.db.models.functions import TruncDate
from django.utils import timezone

from core.mail import Mail, send_to_users
from requests_app.models import InformationRequest, Reminder, Status
from requests_app.notifications import coordinators_of_many, link_to, side_recipients_of, with_backups_of
from requests_app.signals import send_request_changed

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


def responders_to_remind(info_requests):
    """Who at the responding side gets a reminder about each request: ``{request pk: users}``.

    The assigned handler (or the area's handlers when none is assigned) and the backups of the
    absent ones. An escalation goes to the coordinators of the responding authority instead
    (``notifications.coordinators_of_many``).
    """
    return with_backups_of(side_recipients_of(info_requests, "responder"))


CLAIM = """
INSERT INTO {table} (request_id, kind, deadline, sent_at)
SELECT due.id, %s, due.anchor, %s FROM ({due}) AS due
ON CONFLICT (request_id, kind, deadline) DO NOTHING
RETURNING request_id
"""


def claim(kind, today, now):
    """Record the reminders of this kind due today, in one statement; returns the ids of their requests.

    A reminder recorded already, by an earlier run or by a run at the same time, is skipped by the
    unique constraint (``ON CONFLICT DO NOTHING``): each is claimed, and so sent, exactly once.
    """
    due_sql, due_params = due(kind, today).order_by().values("id", "anchor").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(CLAIM.format(table=Reminder._meta.db_table, due=due_sql), (kind.value, now, *due_params))
        return [row[0] for row in cursor.fetchall()]


def sweep(today=None):
    """Send every reminder that is due; returns how many of each kind were sent.

    Set-based from end to end: the reminders of each kind are claimed with one statement, the
    recipients of all their requests are found together, and the mails go into the outbox with
    one insert, so the number of queries does not grow with the number of reminders.
    """
    now = timezone.now()
    today = today or timezone.localdate()
    sent = {}
    with transaction.atomic():
        claimed = {kind: claim(kind, today, now) for kind in Reminder.Kind}
        ids = {pk for pks in claimed.values() for pk in pks}
        info_requests = (
            InformationRequest.objects.filter(pk__in=ids)
            .select_related("legislative_area", "requesting_authority", "responding_authority", "responder_handler")
            .in_bulk()
        )
        # Everyone to tell, found at once for the requests of all kinds.
        escalated = [info_requests[pk] for pk in claimed[Reminder.Kind.ESCALATED]]
        to_responders = {pk for kind, pks in claimed.items() if kind != Reminder.Kind.ESCALATED for pk in pks}
        coordinators = coordinators_of_many(escalated)
        responders = responders_to_remind([info_requests[pk] for pk in sorted(to_responders)])
        mails = []
        for kind, pks in claimed.items():
            sent[kind.value] = len(pks)
            told = coordinators if kind == Reminder.Kind.ESCALATED else responders
            for pk in sorted(pks):
                context = {"request": info_requests[pk], "kind": kind}
                link = link_to(info_requests[pk])
                mails += [Mail(user=user, context=context, link=link, urgent=kind in URGENT) for user in told[pk]]
        send_to_users(template="request_reminder", mails=mails)
        # One signal for all the reminders of the sweep, each request with its reminder's kind.
        kinds = {pk: {"reminder": kind.value} for kind, pks in claimed.items() for pk in pks}
        if kinds:
            send_request_changed(
                event_type="request.reminder", info_requests=[info_requests[pk] for pk in sorted(kinds)], extras=kinds
            )
    return sent
