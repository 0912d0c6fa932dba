"""Build a world of the real IMI's size in the current database, for the page benchmark.

    python manage.py bench_world --authorities 20000 --users 50000 --requests 1000000

Adds to the database (the demo world is seeded first when missing): run it on
a database of its own. ``make bench-pages`` does, and drops it afterwards.
"""

import time

from django.core.management.base import BaseCommand

from demo.bench_world import Sizes, world_build


class Command(BaseCommand):
    help = "Extend the demo world in bulk to the given sizes (a database of its own: nothing is rolled back)."

    def add_arguments(self, parser):
        defaults = Sizes()
        parser.add_argument("--authorities", type=int, default=defaults.authorities)
        parser.add_argument("--users", type=int, default=defaults.users)
        parser.add_argument("--requests", type=int, default=defaults.requests)
        parser.add_argument("--registers", type=int, default=defaults.registers)
        parser.add_argument("--years", type=int, default=defaults.years, help="Over how many years the requests run.")
        parser.add_argument("--mails-per-request", type=float, default=defaults.mails_per_request)

    def handle(self, *args, authorities, users, requests, registers, years, mails_per_request, **options):
        sizes = Sizes(
            authorities=authorities,
            users=users,
            requests=requests,
            registers=registers,
            years=years,
            mails_per_request=mails_per_request,
        )
        started = time.perf_counter()
        self.stdout.write(f"Building {sizes}:")
        report = world_build(sizes=sizes, log=self.stdout.write)
        self.stdout.write(f"  {report.steps[-1][0]}: {report.steps[-1][1]:.1f} s")
        counts = ", ".join(f"{count:,} {name}" for name, count in report.counts.items())
        self.stdout.write(f"World built in {time.perf_counter() - started:.0f} s: {counts}.")
