import re
from io import StringIO

from django.core.management import call_command

from requests_app.models import InformationRequest


def test_the_benchmark_reports_a_cost_that_does_not_grow_with_the_total(world):
    out = StringIO()
    call_command("bench_reminders", totals=[100, 1000], due=5, stdout=out)
    rows = re.findall(r"^\s+(\d+)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+(\d+)$", out.getvalue(), flags=re.MULTILINE)
    assert [int(row[0]) for row in rows] == [100, 1000]
    assert rows[0][3] == rows[1][3]  # the same number of queries
    assert [int(row[4]) for row in rows] == [5, 5]  # the same reminders sent
    assert "Query plan of the overdue selection" in out.getvalue()
    assert not InformationRequest.objects.exists()  # everything rolled back
