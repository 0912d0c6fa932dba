"""The help pages, from the copy of their data frozen with this migration.

Self-contained on purpose: it reads ``data/0004_help_pages/`` with the
historical model, so later edits of the content (``core/content/``) or of its
loader never change what this migration does.
"""

from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "0004_help_pages"


def load(apps, schema_editor):
    HelpPage = apps.get_model("imi", "HelpPage")
    for path in sorted(DATA.glob("*.yaml")):
        page = yaml.safe_load(path.read_text(encoding="utf-8"))
        # The untranslated columns hold the English text, each <field>_<language> column its language's.
        values = {"order": page["order"]}
        for field in ("title", "body"):
            values[field] = page[field]["en"]
            values.update({f"{field}_{lang}": text for lang, text in page[field].items()})
        HelpPage.objects.update_or_create(slug=page["slug"], defaults=values)


class Migration(migrations.Migration):
    dependencies = [
        ("imi", "0003_helppage_alter_outboxmessage_state"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
