"""The training material: a short guide per role, from the copy of their data frozen with this migration.

Self-contained on purpose, as ``0004_help_pages``: it reads ``data/0006_training_guides/``
with the historical model and adds only the pages a database lacks, so a page a
superuser has edited meanwhile stays as it is.
"""

from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "0006_training_guides"


def load(apps, schema_editor):
    HelpPage = apps.get_model("imi", "HelpPage")
    for path in sorted(DATA.glob("*.yaml")):
        page = yaml.safe_load(path.read_text(encoding="utf-8"))
        # The untranslated columns hold the English text, each <field>_<language> column its language's.
        values = {"order": page["order"]}
        for field in ("title", "body"):
            values[field] = page[field]["en"]
            values.update({f"{field}_{lang}": text for lang, text in page[field].items()})
        HelpPage.objects.get_or_create(slug=page["slug"], defaults=values)


class Migration(migrations.Migration):
    dependencies = [
        ("imi", "0005_outbox_failed_seen"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
