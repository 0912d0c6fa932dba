from django.db import migrations


class Migration(migrations.Migration):
    """No planner statistics for the search documents (see authorities 0006)."""

    dependencies = [("registers", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE registers_register ALTER COLUMN search_document SET STATISTICS 0",
            "ALTER TABLE registers_register ALTER COLUMN search_document SET STATISTICS -1",
        ),
    ]
