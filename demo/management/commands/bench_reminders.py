"""Measure the reminder sweep against growing numbers of requests with the same number due.

    python manage.py bench_reminders --totals 100000 1000000 --due 2500

Everything it creates is rolled back at the end: the database is left as it was.
"""

import datetime
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from authorities.models import Authority, Competence, Country, LegislativeArea, Role, User
from requests_app import reminders
from requests_app.models import InformationRequest, Reminder, Status

INSERT = """
INSERT INTO requests_app_informationrequest (
    reference, legislative_area_id, requesting_authority_id, responding_authority_id, created_by_id,
    requester_handler_id, summary, summary_language, subject_name, subject_identifier, subject_address, status,
    deadline_reason, rating_timeliness, rating_effort, created_at, updated_at, agreed_deadline, sent_at,
    responder_since
)
SELECT %(prefix)s || g, %(area)s, %(requester)s, %(responder)s, %(user)s, %(user)s, 'Benchmark request',
       'en', '', '', '', %(status)s, '', '', '', now(), now(), %(deadline)s, now(), now()
FROM generate_series(%(start)s, %(stop)s) AS g
"""


class Rollback(Exception):
    pass


class QueryCounter:
    """Counts the queries run, however many (Django's own query log keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = "Time the reminder sweep for growing totals of requests with a fixed number due."

    def add_arguments(self, parser):
        parser.add_argument("--totals", type=int, nargs="+", default=[100_000, 1_000_000])
        parser.add_argument("--due", type=int, default=100, help="How many requests are due for a reminder.")

    def handle(self, *args, totals, due, **options):
        try:
            with transaction.atomic():
                self.run(sorted(totals), due)
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: the database is unchanged.")

    def run(self, totals, due):
        today = timezone.localdate()
        area = LegislativeArea.objects.order_by("pk").first()
        requester = self.authority("BG", "Benchmark requester", area)
        responder = self.authority("PT", "Benchmark responder", area)
        user = User.objects.create(email="bench@bench.invalid", full_name="Bench Handler", authority=responder)
        Role.objects.create(user=user, legislative_area=area, kind=Role.Kind.HANDLER)
        values = {"area": area.pk, "requester": requester.pk, "responder": responder.pk, "user": user.pk}
        with connection.cursor() as cursor:
            # The due ones: open, one day overdue.
            cursor.execute(
                INSERT,
                {
                    **values,
                    "prefix": "DUE-",
                    "status": Status.OPEN,
                    "start": 1,
                    "stop": due,
                    "deadline": today - datetime.timedelta(days=1),
                },  # fmt: skip
            )
        created = due
        self.stdout.write(f"{'requests':>10} {'due':>5} {'sweep (s)':>10} {'queries':>8} {'sent':>6}")
        for total in totals:
            with connection.cursor() as cursor:
                # The rest: closed, or open with a deadline far away — nothing to remind.
                cursor.execute(
                    INSERT,
                    {
                        **values,
                        "prefix": "OLD-",
                        "status": Status.CLOSED,
                        "start": created + 1,
                        "stop": total,
                        "deadline": today - datetime.timedelta(days=30),
                    },  # fmt: skip
                )
                cursor.execute("ANALYZE requests_app_informationrequest")
            created = total
            sid = transaction.savepoint()
            queries = QueryCounter()
            with connection.execute_wrapper(queries):
                started = time.perf_counter()
                sent = reminders.sweep(today)
                elapsed = time.perf_counter() - started
            transaction.savepoint_rollback(sid)
            self.stdout.write(
                f"{InformationRequest.objects.count():>10} {due:>5} {elapsed:>10.3f} {queries.count:>8} "
                f"{sum(sent.values()):>6}"
            )
        self.explain(today)

    def authority(self, code, name, area):
        authority = Authority.objects.create(
            official_name=name, country=Country.objects.get(code=code), city="-", email="bench@bench.invalid",
            status=Authority.Status.VALIDATED,
        )  # fmt: skip
        Competence.objects.create(authority=authority, legislative_area=area)
        return authority

    def explain(self, today):
        query = reminders.due(Reminder.Kind.OVERDUE, today)
        self.stdout.write("\nQuery plan of the overdue selection:")
        self.stdout.write(query.explain())
