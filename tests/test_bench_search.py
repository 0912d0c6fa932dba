import re
from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from authorities.models import Authority, Competence
from core.content_loader import ContentError
from demo.management.commands.bench_search import VOCABULARY, vocabulary_read
from registers.models import Register
from tests.factories import ensure_reference_data


def test_the_search_benchmark_reports_timings_and_plans_and_leaves_nothing_behind(db):
    ensure_reference_data()
    before = (Authority.objects.count(), Competence.objects.count(), Register.objects.count())
    out = StringIO()
    call_command("bench_search", authorities=300, registers=100, repeat=1, stdout=out)
    output = out.getvalue()

    assert "Search benchmark: 300 authorities and 100 registers" in output
    assert "Directory now: 300 authorities, 100 registers." in output
    # The bulk documents are those the services write.
    assert re.search(r"identical to the services' on a sample: 20/20 authorities, 20/20 registers", output)
    # One line per kind: queries, runs, median, 95th percentile, maximum.
    for kind in ("authorities", "registers"):
        line = re.search(rf"^{kind}\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", output, flags=re.MULTILINE)
        assert line, kind
        queries, runs, median, p95, _max = line.groups()
        assert int(queries) >= 30
        assert int(runs) == int(queries)
        assert 0 < float(median) <= float(p95)
    # The plans, and whether the full-text indexes serve them.
    assert "Query plan of the authorities search" in output
    assert "Query plan of the registers search" in output
    assert "Query plan of the correction of the typed words" in output
    assert re.search(r"Full-text index authority_search_vector used: (yes|no)", output)
    assert re.search(r"Full-text index register_search_vector used: (yes|no)", output)
    assert "Execution Time" in output

    assert "Rolled back: the database is unchanged." in output
    assert (Authority.objects.count(), Competence.objects.count(), Register.objects.count()) == before
    assert not Authority.objects.filter(email__endswith="@bench.invalid").exists()


def test_a_wrong_vocabulary_file_is_refused_with_every_problem_and_where_it_is(db, tmp_path):
    ensure_reference_data()
    words = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    del words["kinds"]["ministry"]["lv"]  # a kind without its Latvian name
    words["topics"][0]["areas"] = ["no-such-area"]
    words["professions"][2]["singlar"] = words["professions"][2].pop("singular")  # a misspelt key
    words["explained"][0]["search"] = "users"
    path = tmp_path / "bench_search.yaml"
    path.write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")

    with pytest.raises(ContentError) as raised:
        vocabulary_read(path)

    errors = "\n".join(raised.value.errors)
    assert "kinds, ministry: no text in lv" in errors
    assert "topics, topic 1, areas: expected a list of legislative areas" in errors
    assert "professions, profession 3: no singular" in errors
    assert "professions, profession 3: unknown singlar" in errors
    assert "explained, search 1: search: expected authorities or registers" in errors
    assert len(raised.value.errors) == 5


def test_the_vocabulary_file_reads_without_a_problem(db):
    ensure_reference_data()
    words = vocabulary_read()

    assert words["cities"]["BG"][0] == ("София", "Sofia")
    assert words["cities"]["AT"][0] == ("Wien", "Wien")
    assert ("registers", "registrul comertului") in words["explained"]
