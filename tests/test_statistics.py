"""Each figure of the activity page against a hand-built set of requests.

The clock stops at a fixed moment (`frozen_now`); every date is counted from it, so the
figures are the same on any day: `pytest --today 2028-02-29T23:45 tests/test_statistics.py`.
"""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from requests_app import statistics
from requests_app.models import InformationRequest, Status
from tests.factories import area

# An ordinary morning; the awkward days are checked at the end, and the whole file with --today.
FROZEN_AT = "2026-06-17T10:00"


@pytest.fixture(autouse=True)
def _clock(frozen_now):
    return frozen_now


def received(world, *, sent_days_ago, accepted_after=None, replied_after=None, deadline_after=None, status=Status.OPEN,
             timeliness="", effort="", to=None):  # fmt: skip
    """A request the Portuguese authority received, with its dates counted in days from sending."""
    sent = timezone.now() - datetime.timedelta(days=sent_days_ago)
    return InformationRequest.objects.create(
        reference=f"T-{InformationRequest.objects.count() + 1}",
        legislative_area=area("professional-qualifications"),
        requesting_authority=world.bg_authority,
        responding_authority=to or world.pt_authority,
        created_by=world.bg_handler,
        requester_handler=world.bg_handler,
        summary="Test",
        status=status,
        sent_at=sent,
        responder_since=sent,
        accepted_at=None if accepted_after is None else sent + datetime.timedelta(days=accepted_after),
        replied_at=None if replied_after is None else sent + datetime.timedelta(days=replied_after),
        agreed_deadline=None if deadline_after is None else (sent + datetime.timedelta(days=deadline_after)).date(),
        rating_timeliness=timeliness,
        rating_effort=effort,
    )


def figures(world, authorities=None):
    start = timezone.localdate() - datetime.timedelta(days=365)
    end = timezone.localdate() + datetime.timedelta(days=1)
    scope = (
        authorities if authorities is not None else type(world.pt_authority).objects.filter(pk=world.pt_authority.pk)
    )
    return {indicator.key: indicator for indicator in statistics.indicators(authorities=scope, start=start, end=end)}


def test_with_no_requests_every_figure_is_empty(world):
    for indicator in figures(world).values():
        assert (indicator.value, indicator.colour, indicator.count) == (None, None, 0)


def test_the_share_accepted_within_a_week(world):
    for _n in range(4):
        received(world, sent_days_ago=40, accepted_after=3)
    received(world, sent_days_ago=40, accepted_after=10)
    received(world, sent_days_ago=2, status=Status.AWAITING_ACCEPTANCE)  # not decided yet: left out
    received(world, sent_days_ago=30, status=Status.AWAITING_ACCEPTANCE)  # waiting for a month: counts as late
    indicator = figures(world)["accepted_within_week"]
    assert (indicator.value, indicator.count, indicator.colour) == (pytest.approx(66.7), 6, "amber")


def test_the_average_days_to_reply_and_the_share_replied_by_the_deadline(world):
    received(world, sent_days_ago=60, accepted_after=1, replied_after=10, deadline_after=12, status=Status.CLOSED)
    received(world, sent_days_ago=60, accepted_after=1, replied_after=20, deadline_after=15, status=Status.REPLIED)
    received(world, sent_days_ago=10, accepted_after=1, deadline_after=20)  # still open: not in these figures
    indicators = figures(world)
    assert (indicators["days_to_reply"].value, indicators["days_to_reply"].colour) == (15.0, "green")
    assert (indicators["replied_by_deadline"].value, indicators["replied_by_deadline"].colour) == (50.0, "red")


def test_a_changed_deadline_counts_as_agreed(world):
    info_request = received(world, sent_days_ago=60, accepted_after=1, replied_after=20, deadline_after=15)
    info_request.agreed_deadline = info_request.agreed_deadline + datetime.timedelta(days=10)  # changed, with a reason
    info_request.save()
    assert figures(world)["replied_by_deadline"].value == 100.0


def test_the_shares_of_negative_ratings(world):
    received(world, sent_days_ago=50, replied_after=5, timeliness="negative", effort="positive", status=Status.CLOSED)
    for _n in range(9):
        received(
            world, sent_days_ago=50, replied_after=5, timeliness="positive", effort="neutral", status=Status.CLOSED
        )
    received(world, sent_days_ago=50, replied_after=5, status=Status.CLOSED)  # not rated: left out
    indicators = figures(world)
    assert (indicators["negative_timeliness"].value, indicators["negative_timeliness"].colour) == (10.0, "amber")
    assert (indicators["negative_effort"].value, indicators["negative_effort"].colour) == (0.0, "green")
    assert indicators["negative_timeliness"].count == 10


def test_only_the_requests_of_the_scope_count(world):
    received(world, sent_days_ago=40, accepted_after=1)
    received(world, sent_days_ago=40, accepted_after=20, to=world.pt_other_authority)
    assert figures(world)["accepted_within_week"].value == 100.0


@pytest.mark.parametrize(
    ("value", "colour"), [(80, "green"), (79.9, "amber"), (60, "amber"), (59.9, "red"), (None, None)]
)
def test_the_thresholds_of_shares(value, colour):
    assert statistics.share_colour(value, green_from=80, red_under=60) == colour


@pytest.mark.parametrize(("days", "colour"), [(15.9, "green"), (16, "amber"), (25, "amber"), (25.1, "red")])
def test_the_thresholds_of_days_to_reply(days, colour):
    assert statistics.low_is_good_colour(days, green_under=16, red_from=25.000001) == colour


@pytest.mark.parametrize(("share", "colour"), [(4.9, "green"), (5, "amber"), (14.9, "amber"), (15, "red")])
def test_the_thresholds_of_negative_ratings(share, colour):
    assert statistics.low_is_good_colour(share, green_under=5, red_from=15) == colour


def test_requests_are_counted_per_month_sent_and_received(world):
    received(world, sent_days_ago=0)
    received(world, sent_days_ago=0)
    today = timezone.localdate()
    start = today.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    pt = type(world.pt_authority).objects.filter(pk=world.pt_authority.pk)
    bg = type(world.bg_authority).objects.filter(pk=world.bg_authority.pk)
    assert statistics.per_month(authorities=pt, start=start, end=end) == [(start, 0, 2)]
    assert statistics.per_month(authorities=bg, start=start, end=end) == [(start, 2, 0)]
    # The whole portal: every request is sent by one authority of it and received by another.
    assert statistics.per_month(authorities=None, start=start, end=end) == [(start, 2, 2)]
    # A request within one scope on both sides counts on both.
    both = [world.pt_authority.pk, world.bg_authority.pk]
    assert statistics.per_month(authorities=both, start=start, end=end) == [(start, 2, 2)]


def test_the_activity_page_and_its_csv(client, world):
    received(world, sent_days_ago=0, accepted_after=0)
    client.force_login(world.pt_handler)
    response = client.get(reverse("requests:activity"))
    assert response.status_code == 200
    assert response.context["scope"] == "authority"
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("requests:activity"), {"format": "csv"}).content.decode("utf-8-sig")))
    )
    assert rows[0] == ["Month", "Sent", "Received"]
    assert rows[12][1:] == ["0", "1"]
    assert ["Accepted within 7 days", "100.0", "%", "green", "1"] in rows


def test_the_periods_are_named_in_the_reader_s_language(client, world):
    # Built once when the module is imported, they must still follow each reader's language.
    client.force_login(world.bg_handler)
    with translation.override("bg"):
        bulgarian = ngettext("Last %(months)d month", "Last %(months)d months", 12) % {"months": 12}
    page = client.get(reverse("requests:activity")).content.decode()
    assert bulgarian != "Last 12 months"
    assert bulgarian in page and "Last 12 months" not in page


def test_a_coordinator_sees_the_scope_and_a_handler_cannot(client, world):
    received(world, sent_days_ago=3, accepted_after=1)
    received(world, sent_days_ago=3, accepted_after=1, to=world.pt_other_authority)
    client.force_login(world.pt_coordinator)
    response = client.get(reverse("requests:activity"), {"scope": "coordination"})
    assert sum(received for _month, _sent, received in response.context["monthly"]) == 2
    client.force_login(world.pt_handler)
    assert client.get(reverse("requests:activity"), {"scope": "coordination"}).status_code == 404
    assert client.get(reverse("requests:activity"), {"scope": "eu"}).status_code == 404
    client.force_login(world.superuser)
    assert client.get(reverse("requests:activity"), {"scope": "eu"}).status_code == 200


def test_helpdesk_staff_without_an_authority_have_no_activity_page(client, world):
    client.force_login(world.bg_helpdesk)
    assert client.get(reverse("requests:activity")).status_code == 404


def test_the_activity_page_costs_the_same_queries_for_many_requests(client, world, count_queries):
    client.force_login(world.pt_coordinator)
    url = reverse("requests:activity") + "?scope=coordination"
    few = count_queries(url)
    for days in range(0, 300, 10):
        received(world, sent_days_ago=days, accepted_after=1, replied_after=5, deadline_after=6, timeliness="positive")
    assert count_queries(url) == few


# Just after midnight on the 1st of a month, New Year's Eve and Day, a leap day, the switches
# to and from summer time: the days a "this month" or "three days ago" goes wrong. Requests
# sent now, three days ago and 31 days ago, counted by the month they were sent in Brussels.
@pytest.mark.parametrize(
    ("moment", "this_month", "month_before"),
    [
        ("2026-12-01T00:30", 1, 1),
        ("2026-12-02T12:00", 1, 2),
        ("2026-12-03T23:30", 1, 2),
        ("2026-12-31T23:59", 2, 1),
        ("2027-01-01T00:15", 1, 2),
        ("2027-03-01T00:30", 1, 1),
        ("2027-03-28T03:30", 2, 1),  # an hour after summer time began
        ("2027-10-31T23:30", 3, 0),  # the night summer time ended: 31 days ago was 1 October
        ("2028-02-29T23:45", 2, 1),
    ],
)
def test_the_months_are_counted_right_on_awkward_days(client, world, moment, this_month, month_before):
    at = datetime.datetime.fromisoformat(moment).replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(at, tick=False):
        for days in (0, 3, 31):
            received(world, sent_days_ago=days, accepted_after=0)
        client.force_login(world.pt_coordinator)
        monthly = client.get(reverse("requests:activity"), {"scope": "coordination"}).context["monthly"]
    assert monthly[-1][0] == at.date().replace(day=1)
    assert [received for _month, _sent, received in monthly[-2:]] == [month_before, this_month]
    assert len(monthly) == 12
