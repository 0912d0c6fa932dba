"""The activity figures of the IMI scoreboard, computed with aggregate queries.

For a set of authorities (one authority, a coordinator's scope, or all) and a period:
requests sent and received per month, and, for the requests they received, the
share accepted within a week, the average days to reply, the share replied by
the agreed deadline and the shares of negative ratings of timeliness and effort.
Each indicator is green, amber or red by the scoreboard's thresholds.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests_app.models import InformationRequest, Rating, Status

GREEN, AMBER, RED = "green", "amber", "red"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    value: float | None  # a share in per cent, or days
    unit: str  # "%" or "days"
    colour: str | None
    count: int  # how many requests the figure rests on


def share_colour(value, *, green_from, red_under):
    if value is None:
        return None
    return GREEN if value >= green_from else RED if value < red_under else AMBER


def low_is_good_colour(value, *, green_under, red_from):
    if value is None:
        return None
    return GREEN if value < green_under else RED if value >= red_from else AMBER


def _per_cent(part, whole):
    return None if not whole else round(100 * part / whole, 1)


def _midnight(day):
    """The start of a day in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def sent_between(start, end):
    """Requests sent on the days [start, end): a range on sent_at itself, which its indexes serve
    (a filter on the date cast of sent_at would read every request).
    """
    return InformationRequest.objects.filter(sent_at__gte=_midnight(start), sent_at__lt=_midnight(end)).exclude(
        status=Status.DRAFT
    )


def received_in(*, authorities, start, end, area=None):
    """Requests the authorities received (as responders) that were sent in [start, end)."""
    requests = sent_between(start, end)
    if authorities is not None:
        requests = requests.filter(responding_authority__any=authorities)
    if area is not None:
        requests = requests.filter(legislative_area=area)
    return requests


def indicators(*, authorities, start, end, area=None, today=None):
    today = today or timezone.localdate()
    requests = received_in(authorities=authorities, start=start, end=end, area=area)
    week = datetime.timedelta(days=7)
    accepted_fast = Q(accepted_at__isnull=False) & Q(accepted_at__lte=F("responder_since") + week)
    # A request still waiting, received less than a week ago, is not decided yet either way.
    week_ago = _midnight(today - week)
    decided = Q(accepted_at__isnull=False) | Q(responder_since__lt=week_ago)
    figures = requests.aggregate(
        decided=Count("pk", filter=decided),
        accepted_fast=Count("pk", filter=decided & accepted_fast),
        replied=Count("pk", filter=Q(replied_at__isnull=False)),
        reply_time=Avg(
            ExpressionWrapper(F("replied_at") - F("sent_at"), output_field=DurationField()),
            filter=Q(replied_at__isnull=False),
        ),
        with_deadline=Count("pk", filter=Q(replied_at__isnull=False, agreed_deadline__isnull=False)),
        on_time=Count(
            "pk",
            filter=Q(replied_at__isnull=False, agreed_deadline__isnull=False)
            & Q(agreed_deadline__gte=TruncDate("replied_at")),
        ),
        rated_timeliness=Count("pk", filter=~Q(rating_timeliness="")),
        negative_timeliness=Count("pk", filter=Q(rating_timeliness=Rating.NEGATIVE)),
        rated_effort=Count("pk", filter=~Q(rating_effort="")),
        negative_effort=Count("pk", filter=Q(rating_effort=Rating.NEGATIVE)),
    )
    accepted = _per_cent(figures["accepted_fast"], figures["decided"])
    on_time = _per_cent(figures["on_time"], figures["with_deadline"])
    days = None if figures["reply_time"] is None else round(figures["reply_time"].total_seconds() / 86400, 1)
    timeliness = _per_cent(figures["negative_timeliness"], figures["rated_timeliness"])
    effort = _per_cent(figures["negative_effort"], figures["rated_effort"])
    return [
        Indicator(
            "accepted_within_week",
            _("Accepted within 7 days"),
            accepted,
            "%",
            share_colour(accepted, green_from=80, red_under=60),
            figures["decided"],
        ),
        Indicator(
            "days_to_reply",
            _("Average days to reply"),
            days,
            "days",
            low_is_good_colour(days, green_under=16, red_from=25.000001),
            figures["replied"],
        ),
        Indicator(
            "replied_by_deadline",
            _("Replied by the agreed deadline"),
            on_time,
            "%",
            share_colour(on_time, green_from=80, red_under=60),
            figures["with_deadline"],
        ),
        Indicator(
            "negative_timeliness",
            _("Negative ratings of timeliness"),
            timeliness,
            "%",
            low_is_good_colour(timeliness, green_under=5, red_from=15),
            figures["rated_timeliness"],
        ),
        Indicator(
            "negative_effort",
            _("Negative ratings of effort"),
            effort,
            "%",
            low_is_good_colour(effort, green_under=5, red_from=15),
            figures["rated_effort"],
        ),
    ]


def _monthly(requests, side):
    """How many of ``requests`` were sent in each month, as rows (side, month, count)."""
    return (
        requests.annotate(month=TruncMonth("sent_at"), side=Value(side))
        .values("side", "month")
        .annotate(count=Count("pk"))
        .order_by()
    )


def per_month(*, authorities, start, end, area=None):
    """Requests sent and received per month, as [(month, sent, received)], every month of the period listed.

    The sent and the received are counted apart, in one query: each side from its own index
    (``request_sent_by_date``, ``request_received_by_date``), which holds every column the
    count reads, so neither reads a request's row.
    """
    requests = sent_between(start, end)
    if area is not None:
        requests = requests.filter(legislative_area=area)
    if authorities is None:
        rows = _monthly(requests, "both")
    else:
        sent = _monthly(requests.filter(requesting_authority__any=authorities), "sent")
        rows = sent.union(_monthly(requests.filter(responding_authority__any=authorities), "received"), all=True)
    counts = {}
    for row in rows:
        month = row["month"].date().replace(day=1)
        sent, received = counts.get(month, (0, 0))
        if row["side"] != "received":  # "sent", or "both" for every authority
            sent = row["count"]
        if row["side"] != "sent":
            received = row["count"]
        counts[month] = (sent, received)
    months = []
    month = start.replace(day=1)
    while month < end:
        months.append((month, *counts.get(month, (0, 0))))
        month += relativedelta(months=1)
    return months
