"""The help pages in the eighteen languages added by ``0008_every_eu_language``.

Self-contained on purpose: it reads the copy of the pages frozen with it
(``data/0009_every_eu_language/``) with the historical model. It fills only the
new languages' columns of the pages the database has, and only where they are
empty, so a page a superuser has edited keeps what they wrote.
"""

from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "0009_every_eu_language"
NEW = ("cs", "de", "el", "es", "fi", "fr", "ga", "hr", "hu", "it", "lt", "mt", "nl", "pl", "pt", "sk", "sl", "sv")


def load(apps, schema_editor):
    HelpPage = apps.get_model("imi", "HelpPage")
    for path in sorted(DATA.glob("*.yaml")):
        page = yaml.safe_load(path.read_text(encoding="utf-8"))
        obj = HelpPage.objects.filter(slug=page["slug"]).first()
        if obj is None:
            continue
        for field in ("title", "body"):
            for lang in NEW:
                if not getattr(obj, f"{field}_{lang}"):
                    setattr(obj, f"{field}_{lang}", page[field][lang])
        obj.save()


class Migration(migrations.Migration):
    dependencies = [
        ("imi", "0008_every_eu_language"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
