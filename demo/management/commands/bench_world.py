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
        Sizes.add_arguments(parser)

    def handle(self, *args, **options):
        sizes = Sizes.from_options(options)
        started = time.perf_counter()
        self.stdout.write(f"Building {sizes}:")
        report = world_build(sizes=sizes, log=self.stdout.write)
        self.stdout.write(f"  {report.steps[-1][0]}: {report.steps[-1][1]:.1f} s")
        counts = ", ".join(f"{count:,} {name}" for name, count in report.counts.items())
        self.stdout.write(f"World built in {time.perf_counter() - started:.0f} s: {counts}.")
