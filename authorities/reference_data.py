"""The countries and legislative areas every installation of the portal has.

The data is in ``authorities/content/countries.yaml`` and
``authorities/content/legislative_areas.yaml``, every name in every language
side by side. A fresh database gets them from the data migration
``0002_reference_data`` (a frozen copy); ``load_content`` and ``seed_demo``
bring an existing one up to date with ``load_reference_data``.
"""

from pathlib import Path

from django.db import transaction

from authorities.models import Country, LegislativeArea
from core import content_loader

CONTENT = Path(__file__).resolve().parent / "content"


def load_reference_data(directory=CONTENT):
    """Create or update the countries and legislative areas by code; idempotent.

    Checks both files before writing anything. Returns how many rows were
    created and updated.
    """
    problems = content_loader.Problems()
    rows = []
    for filename, model, fields in [
        ("countries.yaml", Country, ("name",)),
        ("legislative_areas.yaml", LegislativeArea, ("name", "description")),
    ]:
        data = content_loader.read(directory / filename)
        if not isinstance(data, list):
            problems.add(filename, "expected a list of rows")
            continue
        for number, item in enumerate(data, start=1):
            where = f"{filename}, row {number}"
            if not isinstance(item, dict) or not isinstance(item.get("code"), str):
                problems.add(where, "no code")
                continue
            translated = {
                field: content_loader.texts(item.get(field), f"{where} ({field})", problems) for field in fields
            }
            rows.append((model, item["code"], translated))
    problems.raise_any()

    counts = content_loader.Counts()
    with transaction.atomic():
        for model, code, translated in rows:
            counts.add(content_loader.upsert(model, {"code": code}, translated=translated)[1])
    return counts
