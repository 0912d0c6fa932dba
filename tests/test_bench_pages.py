"""The page benchmark: the world it builds, and a whole run on a tiny one."""

import os
import re
import subprocess
import sys
from collections import Counter

import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from authorities.models import Authority, Competence, Role, User
from core.models import OutboxMessage, SearchWord
from demo import bench_world
from demo.bench_world import Sizes, world_build
from registers.models import Register
from requests_app.models import InformationRequest, Message, RequestQuestion, Status

PAGES = [
    "request list",
    "list text search",
    "coordination (referred + overdue)",
    "activity, coordination scope",
    "My tasks (home)",
    "activity",
    "request detail",
    "directory search, a rare name",
    "directory search with typos",
    "registers directory",
    "bare logged-in view",
]


@pytest.fixture
def tiny_world(db):
    sizes = Sizes(authorities=90, users=240, requests=600, registers=40, years=5, mails_per_request=2.5)
    report = world_build(sizes=sizes, log=lambda line: None)
    return sizes, report


def test_it_builds_the_world_to_the_sizes_asked(tiny_world):
    sizes, report = tiny_world
    assert Authority.objects.count() == sizes.authorities
    assert User.objects.count() == sizes.users
    assert Register.objects.count() == sizes.registers
    assert InformationRequest.objects.count() == sizes.requests
    assert report.counts["requests"] == sizes.requests
    # About three questions per request, some messages, the mails of each sent request.
    assert RequestQuestion.objects.count() > 2 * sizes.requests
    assert Message.objects.count() > 0
    sent = InformationRequest.objects.exclude(status=Status.DRAFT).count()
    assert 2 * sent <= OutboxMessage.objects.count() <= 3 * sent
    # The steps are timed.
    assert [name.split(" (")[0] for name, _seconds in report.steps][:3] == [
        "secondary indexes dropped",
        "authorities",
        "users",
    ]


def test_its_requests_are_valid_for_the_rules(tiny_world):
    new = InformationRequest.objects.filter(reference__contains="-B")
    assert new.count() > 500
    states = Counter(new.values_list("status", flat=True))
    assert set(states) <= set(Status.values)
    assert states[Status.CLOSED] > states[Status.OPEN] > 0
    competent = set(Competence.objects.values_list("authority_id", "legislative_area_id"))
    for info_request in new.exclude(status=Status.DRAFT):
        # Sent to an authority competent in the area, by a user of the sender.
        assert (info_request.responding_authority_id, info_request.legislative_area_id) in competent
        requester_handler = User.objects.get(pk=info_request.requester_handler_id)
        assert requester_handler.authority_id == info_request.requesting_authority_id
        # Questions of the area's question sets, once each.
        questions = info_request.questions.select_related("question__question_set")
        assert {q.question.question_set.legislative_area_id for q in questions} == {info_request.legislative_area_id}
        # The timeline ends in the request's state; finished requests are closed at a time.
        events = list(info_request.events.order_by("created_at", "pk"))
        assert events[-1].to_status == info_request.status
        if info_request.is_finished:
            assert info_request.closed_at is not None
        if info_request.personal_data_deleted_at:
            assert info_request.subject_name == ""
            assert not info_request.messages.exists()


def test_its_personas_have_work_and_the_searches_something_to_find(tiny_world):
    handler = User.objects.get(email=bench_world.HANDLER)
    involved = InformationRequest.objects.filter(responding_authority=handler.authority) | (
        InformationRequest.objects.filter(requesting_authority=handler.authority)
    )
    assert involved.count() >= 3
    assert Authority.objects.filter(official_name=bench_world.RARE_NAME, status="validated").count() == 1
    rare = Authority.objects.get(official_name=bench_world.RARE_NAME)
    assert "beekeeping" in rare.search_document
    # The others named as the search benchmark names them: in each language, with their topic's keywords.
    ministry = Authority.objects.filter(display_name_en__startswith="Ministry of Health").first()
    if ministry:
        assert ministry.display_name_bg.startswith("Министерство на здравеопазването")
    named = Authority.objects.filter(email__endswith="@bench.invalid")
    assert all(authority.display_name_bg and authority.display_name_et for authority in named)
    assert Competence.objects.filter(authority__in=named).exclude(keywords="").count() > named.count() // 2
    # Every new user can log in with the bench password, and handles requests in their authority's areas.
    user = User.objects.filter(email__endswith="@bench.invalid").first()
    assert user.check_password(bench_world.PASSWORD)
    assert Role.objects.filter(user=user, kind=Role.Kind.HANDLER).exists()


def test_every_table_the_build_writes_to_has_its_statistics_taken(db):
    # Without them (autovacuum may be off, or not have come yet) the planner guesses a table's size and
    # may, for one, read every search word instead of the nearest through their trigram index.
    call_command("seed_demo", verbosity=0)  # the demo world the build starts from, a few rows per table
    models = [model for model in apps.get_models() if not model._meta.proxy]
    before = {model: model._default_manager.count() for model in models}
    world_build(sizes=Sizes(authorities=40, users=100, requests=50, registers=15), log=lambda line: None)
    written = {model for model in models if model._default_manager.count() != before[model]}
    assert SearchWord in written
    assert written <= set(bench_world.ANALYZED), written - set(bench_world.ANALYZED)


def test_the_dropped_indexes_are_all_built_again_with_their_statistics_targets(db):
    def indexes():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), "
                "array_agg(a.attstattarget ORDER BY a.attnum) FROM pg_index i "
                "JOIN pg_attribute a ON a.attrelid = i.indexrelid "
                "WHERE i.indrelid = ANY(%s::regclass[]) GROUP BY 1, 2",
                [[model._meta.db_table for model in bench_world.FILLED]],
            )
            return sorted(cursor.fetchall())

    before = indexes()
    # The list search's trigram indexes sample more than the default (requests_app migration 0012).
    assert ("request_subject_trgm", [1000]) in [(name, targets) for name, _definition, targets in before]
    world_build(sizes=Sizes(authorities=40, users=100, requests=50, registers=15), log=lambda line: None)
    assert indexes() == before


def test_a_whole_run_answers_every_page_prints_the_figures_and_drops_its_database():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "imi.settings.test"}
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "bench_pages"]
    command += ["--authorities", "60", "--users", "150", "--requests", "300", "--registers", "30"]
    command += ["--iterations", "2", "--seconds", "1"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)  # noqa: S603
    output = result.stdout
    assert result.returncode == 0, output + result.stderr
    assert "FAILED" not in output
    for page in PAGES:
        row = re.search(
            rf"^\| {re.escape(page)} \| (coordinator|handler) \| ([\d.]+) \| ([\d.]+) \| (\d+) \| ([\d.]+) \|$",
            output,
            flags=re.MULTILINE,
        )
        assert row, page
        _persona, p50, p95, queries, ratio = row.groups()
        assert 0 < float(p50) <= float(p95)
        assert int(queries) >= 1
    assert re.search(r"Throughput .*: request detail \d+/s, bare view \d+/s, ratio [\d.]+ \(non-200: 0\)", output)
    assert "The three slowest queries" in output
    assert "Buffers: shared" in output
    assert re.search(r"Database as built: 300 requests, [\d,]+ mails; .* per million requests [\d.]+ GB", output)
    assert re.search(r"Pruned [\d,]+ delivered mails older than \d+ days", output)
    created = re.search(r"^Database (\S+_bench_pages_\d+) created; it is dropped at the end\.$", output, re.MULTILINE)
    name = created.group(1)
    assert f"Database {name} dropped." in output
    assert not database_exists(name)


def test_a_kept_world_is_measured_again_with_here():
    command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "bench_pages"]
    tiny = ["--authorities", "50", "--users", "120", "--requests", "150", "--registers", "20"]
    quick = ["--iterations", "1", "--seconds", "1", "--no-prune"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "imi.settings.test"}
    result = subprocess.run([*command, *tiny, *quick, "--keep"], env=env, capture_output=True, text=True, timeout=600)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr
    name = re.search(r"^Database (\S+) created; it is kept", result.stdout, re.MULTILINE).group(1)
    try:
        assert database_exists(name)
        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
        env = {**env, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "imi.settings.bench", "SECRET_KEY": "bench"}
        again = subprocess.run([*command, "--here", *quick], env=env, capture_output=True, text=True, timeout=600)  # noqa: S603
        assert again.returncode == 0, again.stdout + again.stderr
        assert "| request detail | handler |" in again.stdout
        assert "Database as built: 150 requests" in again.stdout
    finally:
        drop(name)
    assert not database_exists(name)


def admin_connection():
    config = settings.DATABASES["default"]
    conn = psycopg2.connect(dbname="postgres", user=config["USER"], host=config["HOST"], port=config["PORT"] or None)
    conn.autocommit = True
    return conn


def database_exists(name):
    conn = admin_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
            return cursor.fetchone()[0] == 1
    finally:
        conn.close()


def drop(name):
    conn = admin_connection()
    try:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        conn.close()
