"""Load the production content from its data files: countries, legislative areas, question sets, help pages.

    python manage.py load_content [--update-help-pages]

A fresh database already has them (the data migrations load a frozen copy);
this brings an installed one up to date after the files changed. Idempotent:
rows are found by their code (a help page by its slug) and only written when
they differ. Help pages are edited in the admin, so existing ones are kept
unless ``--update-help-pages`` is given. All or nothing: a file with a
problem stops the load before anything is written.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from authorities.reference_data import load_reference_data
from core.content_loader import ContentError, Counts
from core.help_content import load_help_pages
from requests_app.question_sets import load_question_sets


class Command(BaseCommand):
    help = "Create or update the countries, legislative areas, question sets and help pages from their data files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update-help-pages",
            action="store_true",
            help="Also rewrite the help pages that exist (by default only missing ones are added).",
        )

    def handle(self, *args, update_help_pages=False, **options):
        counts = {}
        try:
            with transaction.atomic():
                # The areas first: each question set belongs to one.
                counts["countries and legislative areas"] = load_reference_data()
                counts["question sets, questions and options"] = load_question_sets()
                counts["help pages"] = load_help_pages(update=update_help_pages)
        except ContentError as error:
            raise CommandError("\n".join(["The content has problems; nothing was loaded.", *error.errors])) from error
        if options["verbosity"] == 0:
            return
        total = Counts()
        for what, count in counts.items():
            total.merge(count)
            self.stdout.write(f"{what}: {count['created']} created, {count['updated']} updated")
        self.stdout.write(f"Content loaded: {total['created']} rows created, {total['updated']} updated.")
