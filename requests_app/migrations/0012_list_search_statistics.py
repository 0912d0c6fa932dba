from django.db import migrations

# The list search (selectors.matching) checks the reference, the summary and the subject's name with the
# trigram indexes. Whether the database starts from a typed name's matches or from the requests the reader
# may read depends on how many requests carry that name: a common surname matches tens of thousands. The
# default sample of ANALYZE knows only the hundred most common values of a column; a larger one (1000)
# knows a name's frequency well enough that the plan does not read every match when a few are readable.
SEARCHED = ["request_reference_trgm", "request_summary_trgm", "request_subject_trgm"]


def statistics(target):
    return ";".join(f"ALTER INDEX {index} ALTER COLUMN 1 SET STATISTICS {target}" for index in SEARCHED)


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0011_list_ids_from_the_index")]

    operations = [migrations.RunSQL(statistics(1000), reverse_sql=statistics(-1))]
