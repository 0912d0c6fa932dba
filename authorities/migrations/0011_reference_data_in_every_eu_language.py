"""The countries and legislative areas in the eighteen languages added by ``0010_every_eu_language``.

Self-contained on purpose: it reads the copy of the content frozen with it
(``data/0011_every_eu_language/``) with the historical models. It fills only the
new languages' columns, and only where they are empty.
"""

from pathlib import Path

import yaml
from django.db import migrations

DATA = Path(__file__).resolve().parent / "data" / "0011_every_eu_language"
NEW = ("cs", "de", "el", "es", "fi", "fr", "ga", "hr", "hu", "it", "lt", "mt", "nl", "pl", "pt", "sk", "sl", "sv")


def load(apps, schema_editor):
    for model, filename, fields in [
        ("Country", "countries.yaml", ("name",)),
        ("LegislativeArea", "legislative_areas.yaml", ("name", "description")),
    ]:
        Model = apps.get_model("authorities", model)
        for row in yaml.safe_load((DATA / filename).read_text(encoding="utf-8")):
            obj = Model.objects.filter(code=row["code"]).first()
            if obj is None:
                continue
            for field in fields:
                for lang in NEW:
                    if not getattr(obj, f"{field}_{lang}"):
                        setattr(obj, f"{field}_{lang}", row[field][lang])
            obj.save()


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0010_every_eu_language"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
