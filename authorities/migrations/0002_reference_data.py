"""The countries and legislative areas, from the copy of their data frozen with this migration.

Self-contained on purpose: it reads ``data/0002_reference_data/`` with the
historical models, so later edits of the content (``authorities/content/``)
or of its loader never change what this migration does.
"""

from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "0002_reference_data"


def columns(row, fields):
    # The untranslated column holds the English text, each <field>_<language> column its language's.
    values = {}
    for field in fields:
        values[field] = row[field]["en"]
        values.update({f"{field}_{lang}": text for lang, text in row[field].items()})
    return values


def load(apps, schema_editor):
    for model, filename, fields in [
        ("Country", "countries.yaml", ("name",)),
        ("LegislativeArea", "legislative_areas.yaml", ("name", "description")),
    ]:
        Model = apps.get_model("authorities", model)
        for row in yaml.safe_load((DATA / filename).read_text(encoding="utf-8")):
            Model.objects.update_or_create(code=row["code"], defaults=columns(row, fields))


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
