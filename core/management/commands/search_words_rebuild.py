"""Rebuild the words that typed words are corrected to, from the search documents.

    python manage.py search_words_rebuild [app_label.model ...]

Saving a document adds its words (``core.search.store_document``); this drops the
words no document holds any more and adds those of documents written in bulk SQL
(the nightly task ``core.tasks.rebuild_search_words`` does the same). Without
arguments: every model with a search document.
"""

from django.core.management.base import BaseCommand, CommandError

from core.search import search_words_rebuild, searchable_models


class Command(BaseCommand):
    help = "Rebuild the search's word list (for typo correction) from the search documents."

    def add_arguments(self, parser):
        parser.add_argument("models", nargs="*", help="app_label.model, e.g. authorities.authority (default: all)")

    def handle(self, *args, models, **options):
        known = {model._meta.label_lower: model for model in searchable_models()}
        if unknown := [label for label in models if label.lower() not in known]:
            raise CommandError(f"No search document in {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        for label in [label.lower() for label in models] or sorted(known):
            count = search_words_rebuild(known[label])
            self.stdout.write(f"{label}: {count} words")
