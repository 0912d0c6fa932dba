"""The help pages every installation of the portal starts with: training, contacts,
and the training material (a short guide per role, slugs ``guide-...``).

One file per page in ``core/content/help_pages/``, title and body in every
language side by side; the body is plain text, an empty line starts a new
paragraph. A fresh database gets them from the data migrations
``0004_help_pages`` and ``0006_training_guides`` (frozen copies). Superusers edit the pages in the admin
afterwards, so ``load_help_pages`` adds the pages a database lacks and leaves
the others as they are unless told to update them.
"""

from pathlib import Path

from django.db import transaction

from core import content_loader
from core.models import HelpPage

CONTENT = Path(__file__).resolve().parent / "content" / "help_pages"


def load_help_pages(directory=CONTENT, *, update=False):
    """Create the missing help pages by slug, and with ``update`` rewrite the others; idempotent.

    Checks every file before writing anything. Returns how many pages were
    created and updated.
    """
    problems = content_loader.Problems()
    pages = []
    for path in sorted(Path(directory).glob("*.yaml")):
        data = content_loader.read(path)
        if not isinstance(data, dict) or not isinstance(data.get("slug"), str):
            problems.add(path.name, "no slug")
            continue
        if not isinstance(data.get("order"), int):
            problems.add(path.name, "no order (a whole number)")
        translated = {
            field: content_loader.texts(data.get(field), f"{path.name} ({field})", problems)
            for field in ("title", "body")
        }
        pages.append((data["slug"], data.get("order"), translated))
    problems.raise_any()

    counts = content_loader.Counts()
    with transaction.atomic():
        for slug, order, translated in pages:
            _, outcome = content_loader.upsert(
                HelpPage, {"slug": slug}, values={"order": order}, translated=translated, update=update
            )
            counts.add(outcome)
    return counts
