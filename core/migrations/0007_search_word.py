import django.contrib.postgres.indexes
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class Migration(migrations.Migration):
    """The words of the search documents, for correcting typed words (core.search)."""

    dependencies = [
        ("imi", "0006_training_guides"),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source", models.CharField(max_length=100)),
                ("word", models.TextField()),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GistIndex(
                        fields=["word"], name="search_word_trgm", opclasses=["gist_trgm_ops"]
                    )
                ],
                "constraints": [models.UniqueConstraint(fields=("source", "word"), name="search_word_unique")],
            },
        ),
    ]
