"""Measure every page of a coordinator's and a handler's day on a world of the real IMI's size.

    python manage.py bench_pages --requests 1000000 --iterations 20

Creates a database of its own, builds the world in it (``bench_world``), serves
it with gunicorn as in production, prints the figures and drops the database
(``demo/bench_pages.py``). ``--here`` measures the current database instead,
as it is, and keeps it. ``--keep`` keeps the database it built (its name is
printed), to measure a change again with ``--here`` without building anew.
"""

import argparse

from django.core.management.base import BaseCommand, CommandError

from demo import bench_pages
from demo.bench_world import Sizes


class Command(BaseCommand):
    help = "Build a world of the given size in a database of its own, serve it with gunicorn and time every page."

    def add_arguments(self, parser):
        Sizes.add_arguments(parser)
        parser.add_argument("--iterations", type=int, default=20, help="Timed rounds over every page.")
        parser.add_argument("--clients", type=int, default=4, help="Concurrent clients of the throughput test.")
        parser.add_argument("--seconds", type=int, default=10, help="Length of each throughput test.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn's worker processes.")
        parser.add_argument("--here", action="store_true", help="Measure the current database; build nothing.")
        parser.add_argument("--keep", action="store_true", help="Keep the database built (to measure it again).")
        parser.add_argument(
            "--prune",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="After measuring, prune the delivered mails as the nightly task does and give the size again.",
        )

    def handle(self, *args, here, keep, iterations, clients, seconds, workers, prune, **options):
        measure_args = {"iterations": iterations, "clients": clients, "seconds": seconds, "workers": workers}
        if here:
            ok = bench_pages.measure(**measure_args, prune=prune, out=self.stdout.write)
        else:
            world_args = Sizes.from_options(options).as_arguments()
            flags = []
            for name, value in measure_args.items():
                flags += [f"--{name}", str(value)]
            flags.append("--prune" if prune else "--no-prune")
            ok = bench_pages.run(world_args=world_args, measure_args=flags, keep=keep, out=self.stdout.write)
        if not ok:
            raise CommandError("Some pages did not answer 200.")
