from django.db import migrations


class Migration(migrations.Migration):
    """No planner statistics for the search documents.

    pg_trgm estimates a word-similarity condition by computing it over the column's
    statistics sample, about 50 ms a word for long documents: the plan is the same
    without them (the trigram index), so planning is spared that work (see bench_search).
    """

    dependencies = [("authorities", "0005_user_getting_started_hidden_user_pages_seen")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE authorities_authority ALTER COLUMN search_document SET STATISTICS 0",
            "ALTER TABLE authorities_authority ALTER COLUMN search_document SET STATISTICS -1",
        ),
    ]
