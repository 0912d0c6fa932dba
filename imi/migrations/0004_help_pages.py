from django.db import migrations

from imi.help_content import load_help_pages


def load(apps, schema_editor):
    load_help_pages(apps.get_model("imi", "HelpPage"))


class Migration(migrations.Migration):
    dependencies = [
        ("imi", "0003_helppage_alter_outboxmessage_state"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
