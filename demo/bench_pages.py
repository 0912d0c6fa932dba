"""The page benchmark: every page of a coordinator's and a handler's day, served as in production, timed.

``make bench-pages`` runs ``python manage.py bench_pages``, which

1. creates a database of its own beside the configured one (``<name>_bench_pages_<pid>``),
   migrates it and builds a world of the real IMI's size in it (``demo.bench_world``);
2. serves it with gunicorn, two workers, as the Dockerfile does, under
   ``imi.settings.bench``: the production settings plus a bare logged-in view
   (``bare_view``) and a middleware counting each response's queries;
3. logs the personas in (a session each, written as a login writes it: the
   coordinator's authenticator exists, so the MFA check lets them through), asks
   every page in turn, several rounds, on kept-alive connections, and prints p50
   and p95 per page, the queries of each page and its ratio to the bare view
   measured in the same run; then requests per second of the request page against
   the bare view under concurrent clients; the database's size per million
   requests, total and the outbox; and the query plans (EXPLAIN ANALYZE, BUFFERS)
   of the three slowest queries;
4. drops the database, whatever happened.
"""

import json
import math
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse

EXPLAIN_HEADER = "X-Bench-Explain"
QUERIES_HEADER = "X-Bench-Queries"
MANAGE = Path(settings.BASE_DIR) / "manage.py"


# Served by the benchmark's gunicorn (imi.settings.bench) ---------------------


@login_required
def bare_view(request):
    """What every page costs at least: the middleware, the session and the user, and nothing of its own."""
    return HttpResponse("ok", content_type="text/plain")


class QueryCountMiddleware:
    """Says how many queries a response took (header ``X-Bench-Queries``).

    Asked with ``X-Bench-Explain``, it also runs EXPLAIN (ANALYZE, BUFFERS) on the
    response's slowest read, on the same connection (so with its session settings),
    and writes it to a file in ``BENCH_EXPLAIN_DIR``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = []

        def record(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append((time.perf_counter() - started, sql, params, context["cursor"]))

        with connection.execute_wrapper(record):
            response = self.get_response(request)
        response[QUERIES_HEADER] = str(len(queries))
        if request.headers.get(EXPLAIN_HEADER) and os.environ.get("BENCH_EXPLAIN_DIR"):
            self.explain(request, queries)
        return response

    def explain(self, request, queries):
        reads = [q for q in queries if q[1].lstrip().upper().startswith(("SELECT", "WITH"))]
        if not reads:
            return
        seconds, sql, params, cursor = max(reads, key=lambda q: q[0])
        text = cursor.cursor.mogrify(sql, params).decode() if params else sql
        with connection.cursor() as explain:
            explain.execute("EXPLAIN (ANALYZE, BUFFERS) " + text)
            plan = "\n".join(row[0] for row in explain.fetchall())
        record = {"path": request.get_full_path(), "ms": seconds * 1000, "sql": text, "plan": plan}
        folder = Path(os.environ["BENCH_EXPLAIN_DIR"])
        (folder / f"{os.getpid()}-{time.time_ns()}.json").write_text(json.dumps(record))


# The benchmark -----------------------------------------------------------------


@dataclass
class Page:
    persona: str
    name: str
    url: str


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def database_url_named(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One kept-alive connection of one persona to the benchmark's server."""

    def __init__(self, port, cookie):
        self.port, self.cookie = port, cookie
        self.connection = HTTPConnection("127.0.0.1", port, timeout=120)

    def get(self, url, headers=None):
        started = time.perf_counter()
        self.connection.request("GET", url, headers={"Cookie": self.cookie, **(headers or {})})
        response = self.connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = HTTPConnection("127.0.0.1", self.port, timeout=120)
        return response.status, elapsed, int(response.getheader(QUERIES_HEADER) or 0)


def session_cookie(user):
    """A logged-in session for ``user``, as the login writes it; the cookie's header value."""
    from django.test import Client as DjangoClient

    client = DjangoClient()
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[0])
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def pages_of_the_day():
    """The pages measured, per persona, with the URLs of this world; and the personas' cookies."""
    from django.urls import reverse

    from authorities.models import User
    from demo import bench_world
    from requests_app.models import InformationRequest, Status

    coordinator = User.objects.get(email=bench_world.COORDINATOR)
    handler = User.objects.get(email=bench_world.HANDLER)
    received = InformationRequest.objects.filter(responding_authority=handler.authority_id)
    # A received request with messages, as a handler opens most; in a tiny world, whatever of hers there is.
    detail = (
        received.filter(status=Status.OPEN, messages__isnull=False).order_by("-created_at").first()
        or received.order_by("-created_at").first()
        or InformationRequest.objects.filter(requesting_authority=handler.authority_id).order_by("-created_at").first()
    )
    directory = reverse("authorities:directory")
    requests_list = reverse("requests:list")
    pages = [
        Page("coordinator", "request list", requests_list),
        Page("coordinator", "list text search", f"{requests_list}?q={quote(bench_world.LIST_QUERY)}"),
        Page("coordinator", "coordination (referred + overdue)", reverse("requests:coordination")),
        Page("coordinator", "activity, coordination scope", reverse("requests:activity") + "?scope=coordination"),
        Page("handler", "My tasks (home)", reverse("home")),
        Page("handler", "activity", reverse("requests:activity")),
        Page("handler", "request detail", reverse("requests:detail", args=[detail.pk])),
        Page("handler", "directory search, a rare name", f"{directory}?q={quote(bench_world.RARE_QUERY)}"),
        Page("handler", "directory search with typos", f"{directory}?q={quote(bench_world.TYPO_QUERY)}"),
        Page("handler", "registers directory", reverse("registers:list")),
        Page("handler", "bare logged-in view", reverse("bench_bare")),
    ]
    cookies = {"coordinator": session_cookie(coordinator), "handler": session_cookie(handler)}
    return pages, cookies


class Server:
    """gunicorn as the Dockerfile starts it (its limits from GUNICORN_CMD_ARGS), two workers, on a free port."""

    def __init__(self, *, workers, explain_dir):
        self.port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "imi.settings.bench",
            "BENCH_EXPLAIN_DIR": str(explain_dir),
            "GUNICORN_CMD_ARGS": os.environ.get(
                "GUNICORN_CMD_ARGS",
                "--limit-request-line 4094 --limit-request-fields 50 --limit-request-field_size 8190 --timeout 30",
            ),
        }
        command = [sys.executable, "-m", "gunicorn", "imi.wsgi:application"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), "--timeout", "300"]
        command += ["--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)  # noqa: S603 (our own command)

    def wait(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn stopped before it served")
            try:
                socket.create_connection(("127.0.0.1", self.port), 1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not listen in time")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def throughput(port, cookie, url, *, clients, seconds):
    """Requests per second ``clients`` concurrent kept-alive clients get from ``url``; and the non-200 answers."""
    counts, errors = [0] * clients, [0] * clients
    stop = time.monotonic() + seconds

    def work(number):
        client = Client(port, cookie)
        while time.monotonic() < stop:
            status, _ms, _queries = client.get(url)
            counts[number] += 1
            errors[number] += status != 200

    threads = [threading.Thread(target=work, args=(number,)) for number in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started), sum(errors)


def load():
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def measure(*, iterations, clients, seconds, workers, prune=False, out=print):
    """Serve the current database and measure every page; prints the figures, returns False if a page failed.

    With ``prune``, then prunes the delivered mails as the nightly task does and reports the size again.
    """
    pages, cookies = pages_of_the_day()
    explain_dir = Path(tempfile.mkdtemp(prefix="bench-explain-"))
    server = Server(workers=workers, explain_dir=explain_dir)
    ok = True
    try:
        server.wait()
        out(f"Served by gunicorn ({workers} workers) on 127.0.0.1:{server.port}; load average before: {load()}")
        users = {persona: Client(server.port, cookie) for persona, cookie in cookies.items()}
        # Warming up: each page on each worker, and every page must answer 200.
        statuses = {}
        for _round in range(2 * workers):
            for page in pages:
                statuses[page.name] = users[page.persona].get(page.url)[0]
        for page in pages:
            if statuses[page.name] != 200:
                ok = False
                out(f"FAILED: {page.persona} {page.name} {page.url} answered {statuses[page.name]}")
        times = {page.name: [] for page in pages}
        queries = {page.name: 0 for page in pages}
        shuffle = random.Random(2026)  # noqa: S311 (an order of pages, not a secret)
        for _round in range(iterations):
            order = list(pages)
            shuffle.shuffle(order)
            for page in order:
                status, ms, count = users[page.persona].get(page.url)
                times[page.name].append(ms)
                queries[page.name] = count
                ok = ok and status == 200
        bare = statistics.median(times["bare logged-in view"])
        out(f"Load average after the pages: {load()}")
        out("")
        out(f"| page ({iterations} rounds) | persona | p50 ms | p95 ms | queries | p50 × bare |")
        out("| --- | --- | ---: | ---: | ---: | ---: |")
        for page in pages:
            values = times[page.name]
            p50 = statistics.median(values)
            out(
                f"| {page.name} | {page.persona} | {p50:.1f} | {percentile(values, 0.95):.1f} | "
                f"{queries[page.name]} | {p50 / bare:.1f} |"
            )

        detail = next(page for page in pages if page.name == "request detail")
        bare_page = pages[-1]
        bare_rate, bare_errors = throughput(
            server.port, cookies["handler"], bare_page.url, clients=clients, seconds=seconds
        )
        detail_rate, detail_errors = throughput(
            server.port, cookies["handler"], detail.url, clients=clients, seconds=seconds
        )
        ok = ok and not bare_errors and not detail_errors
        out("")
        out(
            f"Throughput ({clients} clients, {seconds} s each): request detail {detail_rate:.0f}/s, "
            f"bare view {bare_rate:.0f}/s, ratio {detail_rate / bare_rate:.2f} "
            f"(non-200: {detail_errors + bare_errors}); load average {load()}"
        )

        # The plans: the slowest read of each page, asked once more.
        for page in pages[:-1]:
            users[page.persona].get(page.url, headers={EXPLAIN_HEADER: "1"})
        plans = [json.loads(path.read_text()) for path in explain_dir.glob("*.json")]
        plans.sort(key=lambda plan: plan["ms"], reverse=True)
        out("")
        out("The three slowest queries (the slowest of each page, explained on the same connection):")
        for plan in plans[:3]:
            out("")
            out(f"{plan['path']}: {plan['ms']:.1f} ms")
            out(plan["sql"])
            out(plan["plan"])
    finally:
        server.stop()
        for path in explain_dir.glob("*"):
            path.unlink()
        explain_dir.rmdir()

    out("")
    out(f"Database as built: {database_size()}")
    if prune:
        from core.tasks import prune_delivered_mails

        started = time.perf_counter()
        pruned = prune_delivered_mails()
        elapsed = time.perf_counter() - started
        out(
            f"Pruned {pruned:,} delivered mails older than {settings.IMI_SENT_MAIL_KEEP_DAYS} days "
            f"(the nightly task) in {elapsed:.0f} s; then: {database_size(compacted=True)}"
        )
    return ok


def database_size(*, compacted=False):
    """The database's size and the outbox's, now and per million requests.

    ``compacted``: the outbox counted as a fresh copy of its rows with its indexes, what it shrinks to once
    the space of deleted rows is reused (VACUUM FULL would show it too, but waits for every transaction
    open on the server, the other databases' included, to end).
    """
    from core.models import OutboxMessage
    from requests_app.models import InformationRequest

    table = OutboxMessage._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database()), pg_total_relation_size(%s)", [table])
        total, outbox = cursor.fetchone()
        if compacted:
            cursor.execute(f"CREATE TEMP TABLE bench_outbox_copy (LIKE {table} INCLUDING INDEXES)")
            cursor.execute(f"INSERT INTO bench_outbox_copy SELECT * FROM {table}")  # noqa: S608 (a model's table)
            cursor.execute("SELECT pg_total_relation_size('bench_outbox_copy')")
            copy = cursor.fetchone()[0]
            cursor.execute("DROP TABLE bench_outbox_copy")
            total, outbox = total - outbox + copy, copy
    requests = InformationRequest.objects.count()
    mails = OutboxMessage.objects.count()
    per_million = 1_000_000 / max(requests, 1)
    return (
        f"{requests:,} requests, {mails:,} mails; {total / 2**20:,.0f} MB, of which the outbox "
        f"{outbox / 2**20:,.0f} MB ({100 * outbox / total:.0f} %); per million requests "
        f"{total * per_million / 2**30:.2f} GB, the outbox {outbox * per_million / 2**30:.2f} GB"
        + (" (the outbox compacted)" if compacted else "")
    )


class BenchDatabase:
    """A database of the benchmark's own, beside the configured one, dropped at the end.

    Named after the run's process, so that two runs on one server never meet.
    """

    def __init__(self, *, keep=False):
        self.keep = keep
        self.url = os.environ["DATABASE_URL"]
        self.name = f"{settings.DATABASES['default']['NAME']}_bench_pages_{os.getpid()}"

    def admin(self, statement):
        import psycopg2

        config = settings.DATABASES["default"]
        params = {"dbname": "postgres", "user": config["USER"], "host": config["HOST"] or None}
        params |= {"password": config["PASSWORD"] or None, "port": config["PORT"] or None}
        conn = psycopg2.connect(**{key: value for key, value in params.items() if value})
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute(statement)
        finally:
            conn.close()

    def __enter__(self):
        self.admin(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc):
        if not self.keep:
            self.admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def env(self):
        return {
            **os.environ,
            "DATABASE_URL": database_url_named(self.url, self.name),
            "DJANGO_SETTINGS_MODULE": "imi.settings.bench",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }


def run(*, world_args, measure_args, keep=False, out=print):
    """Create the database, build the world, measure in it, drop it (unless ``keep``).

    Returns False if a page failed.
    """
    with BenchDatabase(keep=keep) as database:
        env = database.env()
        if keep:
            out(f"Database {database.name} created; it is kept: measure it again with --here, drop it yourself.")
        else:
            out(f"Database {database.name} created; it is dropped at the end.")
        manage = [sys.executable, str(MANAGE)]
        subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)  # noqa: S603 (our own command)
        subprocess.run([*manage, "bench_world", *world_args], env=env, check=True)  # noqa: S603
        result = subprocess.run([*manage, "bench_pages", "--here", *measure_args], env=env)  # noqa: S603
        if not keep:
            out(f"Database {database.name} dropped.")
    return result.returncode == 0
