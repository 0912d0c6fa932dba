from django.db import migrations

from authorities.reference_data import load_reference_data


def load(apps, schema_editor):
    load_reference_data(apps.get_model("authorities", "Country"), apps.get_model("authorities", "LegislativeArea"))


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
