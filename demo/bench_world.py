# ruff: noqa: S608 (the SQL here is made of this module's constants and whole numbers, never of input)
"""A world of the real IMI's size for the page benchmark, built in bulk SQL on top of the demo world.

    python manage.py bench_world --authorities 20000 --users 50000 --requests 1000000

The demo world (``seed_demo``) gives the content (countries, areas, question
sets), the personas and one row of every kind; this module clones those rows
by the thousand with ``INSERT … SELECT … FROM generate_series`` (never the
ORM row by row). A cloned row takes every column of its template except those
given, so a column added later to a model gets a sensible value without a
change here.

The whole build is one transaction with ``session_replication_role = replica``
(no foreign-key triggers: checking millions of deferred constraints at COMMIT
takes longer than the load) and without the secondary indexes of the tables it
fills (dropped before, built again after: one sort per index instead of millions
of insertions). The search documents are written by the services that write
them in production; the statistics and visibility maps are brought up to date
at the end, as autovacuum would.

Randomness is a hash of the row number (``pg_temp.pick``): the same sizes build
the same world.
"""

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction

from authorities.models import Authority, Competence, LegislativeArea, Role, User
from authorities.services import authority_search_refresh
from core import content_loader
from core.models import OutboxMessage, SearchWord
from registers.models import Register
from requests_app.models import Event, InformationRequest, Message, RequestQuestion, Status

PASSWORD = "Bench-IMI-2026"  # noqa: S105 (the fictitious bench accounts' password, printed by the benchmark)
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# The personas of the demo world the pages are measured for (demo/content/world/bg.yaml).
COORDINATOR = "petar.georgiev@bg.demo.imi.test"
HANDLER = "maria.ivanova@bg.demo.imi.test"
# The handler's authority takes part in this share of the requests: a busy authority, as the real ones are.
HANDLER_SHARE = 0.004
# An authority with a name nobody else has, for the "rare name" search (and its misspelling).
RARE_NAME = "Hafnarfjörður Falconry and Beekeeping Licensing Office"
RARE_QUERY = "hafnarfjordur beekeeping"
TYPO_QUERY = "hafnarfjodur bekeeping licensng"
LIST_QUERY = "Kowalczyk"

# Authorities are named as the search benchmark names them, from its vocabulary (kinds, topics, cities).
VOCABULARY = Path(__file__).resolve().parent / "content" / "bench_search.yaml"

# The fields registers are named after.
FIELDS = [
    "Labour",
    "Health",
    "Education",
    "Tourism",
    "Architecture",
    "Pharmacy",
    "Construction",
    "Transport",
    "Veterinary Services",
    "Trade Registration",
    "Nursing",
    "Engineering",
    "Social Security",
    "Consumer Protection",
    "Notaries",
    "Accountancy",
    "Dentistry",
    "Midwifery",
    "Statistics",
    "Public Procurement",
]
FIRST_NAMES = [
    "Maria", "Ivan", "Anna", "Jan", "Elena", "Piotr", "Sofia", "Lars", "Ioana", "Jānis", "Kadri", "Pedro",
    "Mette", "Georgi", "Ana", "Tomas", "Eva", "Mihai", "Liis", "Andris", "Nuno", "Hanne", "Dimitar", "Zofia",
]  # fmt: skip
LAST_NAMES = [
    "Ivanova", "Popescu", "Nielsen", "Tamm", "Bērziņš", "Silva", "Kowalczyk", "Novak", "Müller", "Rossi",
    "Dubois", "García", "Papadopoulos", "Horváth", "Jensen", "Kask", "Ozola", "Santos", "Dimitrov", "Radu",
    "Virtanen", "Murphy", "Borg", "Janssens", "Andersson", "Horvat", "Kovács", "Petrov", "Costa", "Lepik",
]  # fmt: skip
SUMMARIES = [
    "Qualification of a tourist guide",
    "Registration of a posted worker",
    "Professional card of a nurse",
    "Is this company allowed to provide building services?",
    "Diploma of an architect",
    "Disciplinary record of a doctor",
    "Authorisation of a temporary work agency",
    "Certificate of good standing of a pharmacist",
    "Recognition of a dentist's training",
    "Licence of a travel agency",
]

# Where a request is in its life, by age: (oldest age in days, [(status, share)...]).
STATES_BY_AGE = [
    (
        30,
        [
            (Status.DRAFT, 0.05),
            (Status.AWAITING_ACCEPTANCE, 0.25),
            (Status.OPEN, 0.35),
            (Status.CLARIFICATION_REQUESTED, 0.05),
            (Status.REPLIED, 0.15),
            (Status.WITHDRAWN, 0.05),
            (Status.CLOSED, 0.10),
        ],
    ),
    (
        120,
        [
            (Status.DRAFT, 0.02),
            (Status.AWAITING_ACCEPTANCE, 0.04),
            (Status.OPEN, 0.12),
            (Status.CLARIFICATION_REQUESTED, 0.03),
            (Status.REPLIED, 0.15),
            (Status.REFERRED, 0.02),
            (Status.WITHDRAWN, 0.05),
            (Status.CLOSED, 0.57),
        ],
    ),
    (
        None,
        [
            (Status.OPEN, 0.003),
            (Status.REPLIED, 0.012),
            (Status.REFERRED, 0.005),
            (Status.WITHDRAWN, 0.06),
            (Status.CLOSED, 0.92),
        ],
    ),
]
# The timeline of a request in each state: (action, from, to, side that acts, the request's time column).
CREATE = ("create", "", Status.DRAFT, "requester", "created_at")
SEND = ("send", Status.DRAFT, Status.AWAITING_ACCEPTANCE, "requester", "sent_at")
ACCEPT = ("accept", Status.AWAITING_ACCEPTANCE, Status.OPEN, "responder", "accepted_at")
REPLY = ("reply", Status.OPEN, Status.REPLIED, "responder", "replied_at")
TIMELINES = {
    Status.DRAFT: [CREATE],
    Status.AWAITING_ACCEPTANCE: [CREATE, SEND],
    Status.OPEN: [CREATE, SEND, ACCEPT],
    Status.REPLIED: [CREATE, SEND, ACCEPT, REPLY],
    Status.CLARIFICATION_REQUESTED: [
        CREATE, SEND, ACCEPT, REPLY,
        ("request_clarification", Status.REPLIED, Status.CLARIFICATION_REQUESTED, "requester", "updated_at"),
    ],
    Status.REFERRED: [
        CREATE, SEND, ACCEPT, REPLY, ("refer", Status.REPLIED, Status.REFERRED, "requester", "updated_at"),
    ],
    Status.CLOSED: [CREATE, SEND, ACCEPT, REPLY, ("close", Status.REPLIED, Status.CLOSED, "requester", "closed_at")],
    Status.WITHDRAWN: [
        CREATE, SEND, ("withdraw", Status.AWAITING_ACCEPTANCE, Status.WITHDRAWN, "requester", "closed_at"),
    ],
}  # fmt: skip
ANSWERED = (Status.REPLIED, Status.CLARIFICATION_REQUESTED, Status.REFERRED, Status.CLOSED)
ACCEPTED = (Status.OPEN, *ANSWERED)

# The tables the build fills: their secondary indexes are dropped during the load and built again after.
FILLED = [Authority, Competence, User, Role, Register, Register.legislative_areas.through]
FILLED += [InformationRequest, RequestQuestion, Event, Message, OutboxMessage]
# The tables whose statistics the build takes at the end, as autovacuum would soon after: those it fills
# and the search words, which the services write while they index the new authorities and registers.
ANALYZED = [*FILLED, SearchWord]


@dataclass
class Sizes:
    authorities: int = 20_000
    users: int = 50_000
    requests: int = 1_000_000
    registers: int = 5_000
    years: int = 5
    mails_per_request: float = 6.0

    @classmethod
    def add_arguments(cls, parser):
        """The sizes as command-line options (bench_world, bench_pages), defaulting to the real IMI's."""
        defaults = cls()
        parser.add_argument("--authorities", type=int, default=defaults.authorities)
        parser.add_argument("--users", type=int, default=defaults.users)
        parser.add_argument("--requests", type=int, default=defaults.requests)
        parser.add_argument("--registers", type=int, default=defaults.registers)
        parser.add_argument("--years", type=int, default=defaults.years, help="Over how many years the requests run.")
        parser.add_argument("--mails-per-request", type=float, default=defaults.mails_per_request)

    @classmethod
    def from_options(cls, options):
        return cls(**{name: options[name] for name in cls.__dataclass_fields__})

    def as_arguments(self):
        """The options that build a world of these sizes."""
        arguments = []
        for name in self.__dataclass_fields__:
            arguments += [f"--{name.replace('_', '-')}", str(getattr(self, name))]
        return arguments


@dataclass
class Report:
    """What the build did and how long each step took."""

    steps: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def step(self, name, started):
        self.steps.append((name, time.perf_counter() - started))


def world_build(*, sizes, log=print):
    """Extend the demo world (seeded first if missing) to ``sizes``; returns a ``Report``."""
    if not User.objects.filter(email=HANDLER).exists():
        call_command("seed_demo", verbosity=0)
    report = Report()
    with transaction.atomic(), connection.cursor() as cursor:
        builder = _Builder(cursor, sizes, report, log)
        builder.run()
    started = time.perf_counter()
    # What autovacuum does soon after: statistics, and the visibility map index-only scans need.
    # (Inside a transaction, the tests', only the statistics: VACUUM cannot run there.)
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for model in ANALYZED:
            cursor.execute(f"{command} {model._meta.db_table}")
    report.step(command, started)
    report.counts = {
        "authorities": Authority.objects.count(),
        "users": User.objects.count(),
        "registers": Register.objects.count(),
        "requests": InformationRequest.objects.count(),
        "questions": RequestQuestion.objects.count(),
        "events": Event.objects.count(),
        "messages": Message.objects.count(),
        "mails": OutboxMessage.objects.count(),
    }
    return report


def clone(cursor, model, *, template, rows, overrides, where=""):
    """INSERT rows of ``model`` copied from its row ``template``, one per row of ``rows`` (a FROM item, alias s).

    ``overrides`` maps columns to SQL expressions (over ``s`` and the template ``t``); every other column
    takes the template's value. Returns the number of rows inserted.
    """
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    unknown = set(overrides) - set(columns)
    if unknown:
        raise ValueError(f"{model._meta.db_table} has no column {', '.join(sorted(unknown))}")
    table = model._meta.db_table
    values = ", ".join(overrides.get(column, f't."{column}"') for column in columns)
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(connection.ops.quote_name(column) for column in columns)}) "
        f"SELECT {values} FROM {table} AS t, {rows} WHERE t.id = {int(template)} {where}"
    )
    return cursor.rowcount


def vocabulary():
    """The search benchmark's words: kinds of body and topics in every language, cities, countries' languages.

    Cities as ``{country code: [[native, Latin], ...]}``.
    """
    data = content_loader.read(VOCABULARY)
    data["cities"] = {
        str(code): [[city["native"], city["latin"]] if isinstance(city, dict) else [city, city] for city in names]
        for code, names in data["cities"].items()
    }
    return data


def _cap(text):
    return text[:1].upper() + text[1:]


def _array(values):
    quoted = ", ".join("'" + value.replace("'", "''") + "'" for value in values)
    return f"ARRAY[{quoted}]::text[]"


def _cases(column, pairs, default):
    """A CASE picking a value by cumulative shares of a uniform fraction ``column``."""
    parts, total = [], 0.0
    for value, share in pairs:
        total += share
        parts.append(f"WHEN {column} < {total:.6f} THEN '{value}'")
    return f"CASE {' '.join(parts)} ELSE '{default}' END"


class _Builder:
    def __init__(self, cursor, sizes, report, log):
        self.cursor, self.sizes, self.report, self.log = cursor, sizes, report, log

    def sql(self, statement, params=None):
        self.cursor.execute(statement, params)
        return self.cursor.rowcount

    def all(self, statement, params=None):
        self.cursor.execute(statement, params)
        return self.cursor.fetchall()

    def one(self, statement, params=None):
        self.cursor.execute(statement, params)
        return self.cursor.fetchone()[0]

    def timed(self, name, function):
        started = time.perf_counter()
        count = function()
        self.report.step(f"{name} ({count:,} rows)" if isinstance(count, int) else name, started)
        self.log(f"  {self.report.steps[-1][0]}: {self.report.steps[-1][1]:.1f} s")

    def run(self):
        # Checks still pending from before (the demo world seeded in the same transaction, in the tests) now;
        # then no foreign-key triggers at all for the rows cloned from valid ones.
        self.sql("SET CONSTRAINTS ALL IMMEDIATE")
        self.sql("SET LOCAL session_replication_role = replica")
        # Deterministic "random" numbers from a row number and a salt.
        self.sql(
            "CREATE OR REPLACE FUNCTION pg_temp.pick(g bigint, salt int, n int) RETURNS int IMMUTABLE LANGUAGE sql "
            "AS $$ SELECT (abs(hashint8(g * 7919 + salt)) % greatest(n, 1))::int $$"
        )
        self.sql(
            "CREATE OR REPLACE FUNCTION pg_temp.frac(g bigint, salt int) RETURNS float8 IMMUTABLE LANGUAGE sql "
            "AS $$ SELECT (abs(hashint8(g * 7919 + salt)) % 1000000) / 1000000.0 $$"
        )
        self.persona_authority = User.objects.get(email=HANDLER).authority_id
        self.timed("secondary indexes dropped", self.drop_indexes)
        self.timed("authorities", self.authorities)
        self.timed("users", self.users)
        self.timed("registers", self.registers)
        self.timed("requests", self.requests)
        self.timed("questions", self.questions)
        self.timed("events", self.events)
        self.timed("messages", self.messages)
        self.timed("mails", self.mails)
        self.timed("search documents (the services)", self.search_documents)
        self.timed("indexes built again", self.create_indexes)

    # Indexes -----------------------------------------------------------------

    def drop_indexes(self):
        tables = [model._meta.db_table for model in FILLED]
        self.cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [tables],
        )
        self.indexes = self.cursor.fetchall()
        # A statistics target set on an index's column (a migration's ALTER INDEX … SET STATISTICS) is not
        # part of its definition: kept to be set again.
        self.cursor.execute(
            "SELECT a.attrelid::regclass::text, a.attnum, a.attstattarget FROM pg_index i "
            "JOIN pg_attribute a ON a.attrelid = i.indexrelid "
            "WHERE i.indrelid = ANY(%s::regclass[]) AND a.attstattarget > 0",
            [tables],
        )
        self.statistics_targets = self.cursor.fetchall()
        for name, _definition in self.indexes:
            self.sql(f"DROP INDEX {name}")
        return len(self.indexes)

    def create_indexes(self):
        self.sql("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in self.indexes:
            self.sql(definition)
        for name, column, target in self.statistics_targets:
            self.sql(f"ALTER INDEX {name} ALTER COLUMN {column} SET STATISTICS {target}")
        return len(self.indexes)

    # Directory ---------------------------------------------------------------

    def authorities(self):
        sizes = self.sizes
        words = vocabulary()
        template = Authority.objects.get(pk=self.persona_authority)
        self.first_authority = self.one("SELECT coalesce(max(id), 0) + 1 FROM authorities_authority")
        count = max(sizes.authorities - Authority.objects.count(), 0)
        kinds, topics = list(words["kinds"].items()), words["topics"]
        # The plan of each: its country, kind of body, topic and city (native and Latin spellings).
        cities = json.dumps(words["cities"], ensure_ascii=False).replace("'", "''")
        self.sql(
            f"CREATE TEMP TABLE bench_authority_plan ON COMMIT DROP AS SELECT s.g, c.id AS country, c.code, "
            f"c.name AS country_name, pg_temp.pick(s.g, 1, {len(kinds)}) + 1 AS kind, "
            f"pg_temp.pick(s.g, 2, {len(topics)}) + 1 AS topic, "
            f"'{cities}'::jsonb -> c.code -> pg_temp.pick(s.g, 6, "
            f"coalesce(jsonb_array_length('{cities}'::jsonb -> c.code), 1)) AS city "
            f"FROM generate_series(1, {count}) AS s(g) "
            f"JOIN authorities_country c ON c.id = (SELECT array_agg(id ORDER BY code) FROM authorities_country)"
            f"[pg_temp.pick(s.g, 3, (SELECT count(*)::int FROM authorities_country)) + 1]"
        )
        # Its name in every language, as the search benchmark makes them: the kind's pattern around the
        # topic's form in that language and the city (Bulgarian in Cyrillic, the others in Latin letters).
        names = []
        for code in LANGUAGE_CODES:
            pattern = _array([forms[code] for _kind, forms in kinds])
            form = _array([topic["forms"][code] for topic in topics])
            lower = _array([topic["forms"][code].lower() for topic in topics]) if code in ("da", "et") else form
            capital = _array([_cap(topic["forms"][code]) for topic in topics])
            ministry = _array([topic.get("ministry", {}).get(code, "") for topic in topics])
            city = "p.city ->> 0" if code == "bg" else "p.city ->> 1"
            name = (
                f"replace(replace(replace(({pattern})[p.kind], '{{t}}', ({lower})[p.topic]), '{{T}}', "
                f"({capital})[p.topic]), '{{city}}', coalesce({city}, p.country_name))"
            )
            name = f"upper(left({name}, 1)) || substr({name}, 2)"
            is_ministry = [number for number, (kind, _forms) in enumerate(kinds, start=1) if kind == "ministry"]
            if is_ministry:
                name = (
                    f"CASE WHEN p.kind = {is_ministry[0]} AND ({ministry})[p.topic] <> '' "
                    f"THEN ({ministry})[p.topic] ELSE {name} END"
                )
            # The rare name is the last authority's, in every language.
            names.append(f"CASE WHEN p.g = {count} THEN '{RARE_NAME}' ELSE {name} END AS name_{code}")
        language = "CASE p.code " + " ".join(
            f"WHEN '{country}' THEN n.name_{code}" for country, code in words["country_languages"].items()
        ) + " ELSE n.name_en END"  # fmt: skip
        rows = f"bench_authority_plan p CROSS JOIN LATERAL (SELECT {', '.join(names)}) AS n"
        overrides = {
            "official_name": language,
            "display_name": "n.name_en",
            "acronym": "''",
            "city": "coalesce(p.city ->> 0, p.country_name)",
            "email": "'authority' || p.g || '@bench.invalid'",
            "website": "'https://authority-' || p.g || '.bench.example'",
            "country_id": "p.country",
            "status": _cases("pg_temp.frac(p.g, 4)", [("validated", 0.95), ("pending", 0.03)], "suspended"),
            "coordinator_type": "'none'",
            "search_document": "''",
            "created_at": "now() - make_interval(days => pg_temp.pick(p.g, 5, 3650))",
            "updated_at": "now()",
        }
        overrides |= {f"display_name_{code}": f"n.name_{code}" for code in LANGUAGE_CODES}
        overrides["status"] = f"CASE WHEN p.g = {count} THEN 'validated' ELSE {overrides['status']} END"
        created = clone(self.cursor, Authority, template=template.pk, rows=rows, overrides=overrides) if count else 0
        # The competence keywords of each: its topic's, in English and in the country's language.
        keywords = "(" + _array([topic["keywords"]["en"] for topic in topics]) + ")[p.topic]"
        keywords += " || CASE p.code " + " ".join(
            f"WHEN '{country}' THEN ', ' || ({_array([t['keywords'][code] for t in topics])})[p.topic]"
            for country, code in words["country_languages"].items()
        ) + " ELSE '' END"  # fmt: skip
        self.competence_keywords = keywords
        # Every authority numbered (k) for picking; the areas with a question set numbered (a).
        self.sql(
            "CREATE TEMP TABLE bench_authority ON COMMIT DROP AS SELECT id, "
            "(row_number() OVER (ORDER BY id) - 1)::int AS k, NULL::bigint AS handler_id "
            "FROM authorities_authority WHERE coordinator_type = 'none'"
        )
        self.sql("CREATE UNIQUE INDEX ON bench_authority (k)")
        self.authority_count = self.one("SELECT count(*) FROM bench_authority")
        areas = list(
            LegislativeArea.objects.filter(question_sets__is_active=True, question_sets__questions__isnull=False)
            .distinct()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.areas = areas
        # Competences: each new authority in one or two of those areas, by its number.
        competence = Competence.objects.filter(authority=template).order_by("pk").first()
        for salt in (0, 1):
            clone(
                self.cursor,
                Competence,
                template=competence.pk,
                rows=(
                    f"(SELECT a.id AS authority, (ARRAY{areas}::bigint[])[(a.k + {salt} * (a.k / 3 + 1)) "
                    f"% {len(areas)} + 1] AS area, {self.competence_keywords} AS keywords "
                    f"FROM bench_authority a JOIN authorities_authority aa ON aa.id = a.id "
                    f"JOIN bench_authority_plan p ON aa.email = 'authority' || p.g || '@bench.invalid' "
                    f"WHERE a.id >= {self.first_authority} AND ({salt} = 0 OR a.k % 2 = 0)) AS s"
                ),
                overrides={
                    "authority_id": "s.authority",
                    "legislative_area_id": "s.area",
                    "keywords": "s.keywords",
                },
                where="ON CONFLICT DO NOTHING",
            )
        return created

    def users(self):
        sizes = self.sizes
        persona = User.objects.get(email=HANDLER)
        template = User.objects.filter(authority_id=self.persona_authority, is_lda=False).exclude(pk=persona.pk)
        template = template.order_by("pk").first()
        count = max(sizes.users - User.objects.count(), 0)
        first_user = self.one("SELECT coalesce(max(id), 0) + 1 FROM authorities_user")
        # User u belongs to the new authority u mod (their number): the first of each is its LDA.
        new_authorities = self.one("SELECT count(*) FROM bench_authority WHERE id >= %s", [self.first_authority])
        rows = (
            f"(SELECT g, a.id AS authority FROM generate_series(0, {count - 1}) AS g "
            f"JOIN bench_authority a ON a.k = (SELECT min(k) FROM bench_authority WHERE id >= {self.first_authority})"
            f" + g % {max(new_authorities, 1)}) AS s"
        )
        full_name = (
            f"({_array(FIRST_NAMES)})[pg_temp.pick(s.g, 11, {len(FIRST_NAMES)}) + 1] || ' ' || "
            f"({_array(LAST_NAMES)})[pg_temp.pick(s.g, 12, {len(LAST_NAMES)}) + 1]"
        )
        language = f"({_array(LANGUAGE_CODES)})[pg_temp.pick(s.g, 13, {len(LANGUAGE_CODES)}) + 1]"
        created = 0
        if count:
            created = clone(
                self.cursor,
                User,
                template=template.pk,
                rows=rows,
                overrides={
                    "email": "'user' || s.g || '@bench.invalid'",
                    "full_name": full_name,
                    "password": "''",
                    "authority_id": "s.authority",
                    "is_lda": f"s.g < {max(new_authorities, 1)}",
                    "is_superuser": "false",
                    "helpdesk_country_id": "NULL",
                    "preferred_language": language,
                    "last_login": "now() - make_interval(days => pg_temp.pick(s.g, 14, 200))",
                    "date_joined": "now() - make_interval(days => 200 + pg_temp.pick(s.g, 15, 1500))",
                    "absent_from": "NULL",
                    "absent_until": "NULL",
                    "sessions_revoked_at": "NULL",
                },
            )
        if created:
            # The password's hash, once: every bench account shares it.
            self.sql(
                "UPDATE authorities_user SET password = %s WHERE id >= %s",
                [make_password(PASSWORD), first_user],
            )
        # A handler in each area of the authority.
        role = Role.objects.filter(user=template).order_by("pk").first()
        clone(
            self.cursor,
            Role,
            template=role.pk,
            rows=(
                f"(SELECT u.id AS user_id, c.legislative_area_id AS area FROM authorities_user u "
                f"JOIN authorities_competence c ON c.authority_id = u.authority_id WHERE u.id >= {first_user}) AS s"
            ),
            overrides={"user_id": "s.user_id", "legislative_area_id": "s.area", "kind": "'handler'"},
        )
        # Who handles each authority's requests: the persona for hers, else its first handler.
        self.sql(
            "UPDATE bench_authority b SET handler_id = h.id FROM (SELECT u.authority_id, min(u.id) AS id "
            "FROM authorities_user u JOIN authorities_role r ON r.user_id = u.id AND r.kind = 'handler' "
            "GROUP BY u.authority_id) h WHERE h.authority_id = b.id"
        )
        self.sql("UPDATE bench_authority SET handler_id = %s WHERE id = %s", [persona.pk, self.persona_authority])
        self.sql("DELETE FROM bench_authority WHERE handler_id IS NULL")
        self.sql("UPDATE bench_authority b SET k = n.k FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1)::int k "
                 "FROM bench_authority) n WHERE n.id = b.id")  # fmt: skip
        self.authority_count = self.one("SELECT count(*) FROM bench_authority")
        # Per area, the competent authorities numbered (k), to pick a responder from.
        self.sql(
            "CREATE TEMP TABLE bench_competent ON COMMIT DROP AS SELECT c.legislative_area_id AS area, b.id, "
            "b.handler_id, (row_number() OVER (PARTITION BY c.legislative_area_id ORDER BY b.id) - 1)::int AS k "
            "FROM authorities_competence c JOIN bench_authority b ON b.id = c.authority_id "
            "JOIN authorities_authority a ON a.id = b.id AND a.status = 'validated'"
        )
        self.sql("CREATE UNIQUE INDEX ON bench_competent (area, k)")
        self.sql(
            "ALTER TABLE bench_competent ADD COLUMN rn int; UPDATE bench_competent b SET rn = n.rn FROM "
            "(SELECT area, k, (row_number() OVER (ORDER BY area, k) - 1)::int AS rn FROM bench_competent) n "
            "WHERE n.area = b.area AND n.k = b.k; CREATE UNIQUE INDEX ON bench_competent (rn)"
        )
        self.competent_count = self.one("SELECT count(*) FROM bench_competent")
        self.sql(
            "CREATE TEMP TABLE bench_area ON COMMIT DROP AS SELECT (row_number() OVER (ORDER BY area) - 1)::int "
            "AS a, area, count(*)::int AS n FROM bench_competent WHERE area = ANY(%s) GROUP BY area",
            [self.areas],
        )
        self.area_count = self.one("SELECT count(*) FROM bench_area")
        self.sql("ANALYZE bench_authority; ANALYZE bench_competent; ANALYZE bench_area")
        self.persona_areas = (
            self.one(
                "SELECT array_agg(area) FROM bench_area WHERE area IN (SELECT area FROM bench_competent WHERE id = %s)",
                [self.persona_authority],
            )
            or []
        )
        roles = Role.objects.filter(user=persona, legislative_area__in=self.areas)
        persona_areas = list(roles.values_list("legislative_area", flat=True))
        self.persona_areas = [area for area in self.persona_areas if area in persona_areas] or self.persona_areas
        return created

    def registers(self):
        template = Register.objects.order_by("pk").first()
        count = max(self.sizes.registers - Register.objects.count(), 0)
        if not template or not count:
            return 0
        first = self.one("SELECT coalesce(max(id), 0) + 1 FROM registers_register")
        name = (
            f"'Register of ' || ({_array(FIELDS)})[pg_temp.pick(s.g, 21, {len(FIELDS)}) + 1] || "
            f"' professionals, ' || c.name"
        )
        self.sql(
            f"CREATE TEMP TABLE bench_register_plan ON COMMIT DROP AS SELECT g, pg_temp.pick(g, 22, "
            f"{self.competent_count}) AS rn FROM generate_series(1, {count}) AS g; ANALYZE bench_register_plan"
        )
        rows = (
            "(SELECT p.g, b.id AS authority FROM bench_register_plan p JOIN bench_competent b ON b.rn = p.rn) AS s "
            "JOIN authorities_authority a ON a.id = s.authority JOIN authorities_country c ON c.id = a.country_id"
        )
        overrides = {
            "name": name,
            "description": "''",
            "country_id": "a.country_id",
            "authority_id": "s.authority",
            "url": "'https://register-' || s.g || '.bench.example/'",
            "coverage": "''",
            "is_retired": "pg_temp.frac(s.g, 24) < 0.03",
            "last_reviewed": "current_date - pg_temp.pick(s.g, 25, 500)",
            "search_document": "''",
        }
        overrides |= {f"name_{code}": "NULL" for code in LANGUAGE_CODES}
        overrides["name_en"] = name
        overrides |= {f"description_{code}": "NULL" for code in LANGUAGE_CODES}
        created = clone(self.cursor, Register, template=template.pk, rows=rows, overrides=overrides)
        through = Register.legislative_areas.through
        self.sql(
            f"INSERT INTO {through._meta.db_table} (register_id, legislativearea_id) "
            "SELECT DISTINCT ON (r.id) r.id, c.legislative_area_id FROM registers_register r "
            "JOIN authorities_competence c ON c.authority_id = r.authority_id WHERE r.id >= %s ORDER BY r.id, c.id",
            [first],
        )
        return created

    # Requests ----------------------------------------------------------------

    def requests(self):
        sizes = self.sizes
        template = InformationRequest.objects.filter(status=Status.CLOSED).order_by("pk").first()
        self.first_request = self.one("SELECT coalesce(max(id), 0) + 1 FROM requests_app_informationrequest")
        count = max(sizes.requests - InformationRequest.objects.count(), 0)
        days = 365 * sizes.years
        status = "CASE " + " ".join(
            f"WHEN {'true' if oldest is None else f's.age < {oldest}'} THEN "
            + _cases("pg_temp.frac(s.g, 31)", shares[:-1], shares[-1][0])
            for oldest, shares in STATES_BY_AGE
        ) + " END"  # fmt: skip
        areas = dict(self.all("SELECT area, n FROM bench_area ORDER BY a"))
        persona_k = dict(self.all("SELECT area, k FROM bench_competent WHERE id = %s", [self.persona_authority]))
        requester_k = self.one(
            "SELECT coalesce(max(k), 0) FROM bench_authority WHERE id = %s", [self.persona_authority]
        )
        persona_areas = [area for area in self.persona_areas if area in persona_k] or list(areas)[:1]
        # First the plan of each request, in plain arithmetic: an age (uniform over the years), an area, the
        # number of its requester and of a responder competent in the area; a share of them with the persona's
        # authority on one side or the other.
        area_of = f"(ARRAY{list(areas)}::bigint[])[pg_temp.pick(g, 37, {len(areas)}) + 1]"
        persona_area = f"(ARRAY{persona_areas}::bigint[])[pg_temp.pick(g, 36, {len(persona_areas)}) + 1]"
        count_of = "CASE p.area " + " ".join(f"WHEN {area} THEN {n}" for area, n in areas.items()) + " END"
        responder = f"pg_temp.pick(p.g, 38, {count_of})"
        k_of_persona = "CASE p.area " + " ".join(f"WHEN {area} THEN {k}" for area, k in persona_k.items())
        k_of_persona += f" ELSE {responder} END"
        self.sql(
            f"CREATE TEMP TABLE bench_plan ON COMMIT DROP AS SELECT p.g, p.age, p.area, "
            f"CASE WHEN p.persona AND p.responds THEN {k_of_persona} ELSE {responder} END "
            f"AS responder_k, CASE WHEN p.persona AND NOT p.responds THEN {requester_k} "
            f"ELSE pg_temp.pick(p.g, 39, {self.authority_count}) END AS requester_k "
            f"FROM (SELECT g, pg_temp.pick(g, 32, {days}) + pg_temp.frac(g, 33) AS age, "
            f"pg_temp.frac(g, 34) < {HANDLER_SHARE} AS persona, pg_temp.frac(g, 35) < 0.5 AS responds, "
            f"CASE WHEN pg_temp.frac(g, 34) < {HANDLER_SHARE} THEN {persona_area} ELSE {area_of} END AS area "
            f"FROM generate_series(1, {count}) AS g) AS p"
        )
        self.sql("ANALYZE bench_plan")
        rows = (
            "bench_plan p JOIN bench_competent rc ON rc.area = p.area AND rc.k = p.responder_k "
            "JOIN bench_authority rq ON rq.k = p.requester_k "
            "CROSS JOIN LATERAL (SELECT p.g, p.age, p.area, rq.id AS requester, rq.handler_id AS "
            "requester_handler, rc.id AS responder, rc.handler_id AS responder_handler, "
            "now() - make_interval(secs => p.age * 86400) AS created) AS s2 "
            f"CROSS JOIN LATERAL (SELECT s2.*, {status.replace('s.', 's2.')} AS status) AS s"
        )
        accepted = f"s.status IN ({', '.join(repr(str(v)) for v in ACCEPTED)})"
        answered = f"s.status IN ({', '.join(repr(str(v)) for v in ANSWERED)})"
        finished = "s.status IN ('closed', 'withdrawn')"

        # Each step a while after the one before, all within the request's age (so none in the future).
        def after(days, share):
            return f"make_interval(secs => least({days}, s.age * {share}) * 86400)"

        sent = f"(s.created + {after('1.0 / 24', 0.05)})"
        accepted_at = f"({sent} + {after('1 + pg_temp.pick(s.g, 40, 4)', 0.2)})"
        replied_at = f"({accepted_at} + {after('3 + pg_temp.pick(s.g, 41, 25)', 0.5)})"
        closed_at = (
            f"(CASE WHEN s.status = 'withdrawn' THEN {sent} + {after('2', 0.3)} "
            f"ELSE {replied_at} + {after('0.5 + pg_temp.pick(s.g, 42, 7)', 0.2)} END)"
        )
        block_after = f"interval '{settings.IMI_PERSONAL_DATA_BLOCK_MONTHS} months'"
        delete_after = f"interval '{settings.IMI_PERSONAL_DATA_DELETE_YEARS} years'"
        deleted = f"({finished} AND {closed_at} + {delete_after} < now())"
        subject = (
            f"({_array(FIRST_NAMES)})[pg_temp.pick(s.g, 43, {len(FIRST_NAMES)}) + 1] || ' ' || "
            f"({_array(LAST_NAMES)})[pg_temp.pick(s.g, 44, {len(LAST_NAMES)}) + 1]"
        )
        rated = "s.status = 'closed' AND pg_temp.frac(s.g, 48) < 0.3"
        first = self.first_request
        overrides = {
            # IMI-<year>-B<number>: the B keeps them apart from the demo's.
            "reference": f"'IMI-' || extract(year FROM s.created)::int || '-B' || lpad((s.g + {first})::text, 8, '0')",
            "legislative_area_id": "s.area",
            "requesting_authority_id": "s.requester",
            "responding_authority_id": "CASE WHEN s.status = 'draft' THEN NULL ELSE s.responder END",
            "created_by_id": "s.requester_handler",
            "requester_handler_id": "s.requester_handler",
            "responder_handler_id": f"CASE WHEN {accepted} THEN s.responder_handler END",
            "parent_id": "NULL",
            "summary": f"({_array(SUMMARIES)})[pg_temp.pick(s.g, 45, {len(SUMMARIES)}) + 1]",
            "summary_language": "'en'",
            "subject_name": f"CASE WHEN {deleted} THEN '' ELSE {subject} END",
            "subject_identifier": f"CASE WHEN {deleted} THEN '' ELSE 'ID-' || (1000000 + s.g) END",
            "subject_date_of_birth": (
                f"CASE WHEN {deleted} THEN NULL ELSE date '1960-01-01' + pg_temp.pick(s.g, 46, 15000) END"
            ),
            "subject_address": f"CASE WHEN {deleted} THEN '' ELSE pg_temp.pick(s.g, 47, 200) + 1 || ' Main Street' END",
            "status": "s.status",
            "proposed_deadline": f"CASE WHEN s.status = 'draft' THEN NULL ELSE ({sent})::date + 30 END",
            "agreed_deadline": f"CASE WHEN {accepted} THEN ({accepted_at})::date + 28 END",
            "deadline_reason": "''",
            "rating_timeliness": f"CASE WHEN {rated} THEN 'positive' ELSE '' END",
            "rating_effort": f"CASE WHEN {rated} THEN 'neutral' ELSE '' END",
            "created_at": "s.created",
            "updated_at": f"CASE WHEN {finished} THEN {closed_at} ELSE {replied_at} + {after('1', 0.1)} END",
            "sent_at": f"CASE WHEN s.status = 'draft' THEN NULL ELSE {sent} END",
            "responder_since": f"CASE WHEN s.status = 'draft' THEN NULL ELSE {sent} END",
            "accepted_at": f"CASE WHEN {accepted} THEN {accepted_at} END",
            "replied_at": f"CASE WHEN {answered} THEN {replied_at} END",
            "closed_at": f"CASE WHEN {finished} THEN {closed_at} END",
            "personal_data_blocked_at": (
                f"CASE WHEN {finished} AND {closed_at} + {block_after} < now() THEN {closed_at} + {block_after} END"
            ),
            "personal_data_deleted_at": f"CASE WHEN {deleted} THEN {closed_at} + {delete_after} END",
        }
        return clone(self.cursor, InformationRequest, template=template.pk, rows=rows, overrides=overrides)

    def new_requests(self, alias="r"):
        return f"{alias}.id >= {self.first_request}"

    def questions(self):
        template = RequestQuestion.objects.order_by("pk").first()
        # The questions of each area numbered; each request asks the first three of a rotating window.
        self.sql(
            "CREATE TEMP TABLE bench_question ON COMMIT DROP AS SELECT qs.legislative_area_id AS area, q.id, q.kind, "
            "(SELECT min(o.id) FROM requests_app_answeroption o WHERE o.question_id = q.id) AS option, "
            "(row_number() OVER (PARTITION BY qs.legislative_area_id ORDER BY qs.id, q.order, q.id) - 1)::int AS k, "
            "count(*) OVER (PARTITION BY qs.legislative_area_id)::int AS n "
            "FROM requests_app_question q JOIN requests_app_questionset qs ON qs.id = q.question_set_id "
            "WHERE qs.is_active"
        )
        answered = f"r.status IN ({', '.join(repr(str(v)) for v in ANSWERED)})"
        deleted = "r.personal_data_deleted_at IS NOT NULL"
        rows = (
            "requests_app_informationrequest r CROSS JOIN generate_series(0, 2) AS qn(i) "
            "JOIN LATERAL (SELECT * FROM bench_question bq WHERE bq.area = r.legislative_area_id "
            "AND bq.k = (pg_temp.pick(r.id, 51, bq.n) + qn.i) % bq.n AND qn.i < bq.n) AS s ON true"
        )
        text = "'The person is registered and entitled to practise without restriction since ' || (2000 + r.id % 20)"
        return clone(
            self.cursor,
            RequestQuestion,
            template=template.pk,
            rows=rows,
            where=f"AND {self.new_requests()}",
            overrides={
                "request_id": "r.id",
                "question_id": "s.id",
                "order": "qn.i",
                "answer_text": f"CASE WHEN {answered} AND NOT {deleted} AND s.kind = 'text' THEN {text} ELSE '' END",
                "answer_language": f"CASE WHEN {answered} AND s.kind = 'text' THEN 'en' ELSE '' END",
                "answer_yes_no": f"CASE WHEN {answered} AND s.kind = 'yes_no' THEN r.id % 5 <> 0 END",
                "answer_option_id": f"CASE WHEN {answered} AND s.kind = 'choice' THEN s.option END",
                "answer_date": f"CASE WHEN {answered} AND s.kind = 'date' THEN r.created_at::date - 400 END",
                "answer_file_id": "NULL",
                "answered_by_id": f"CASE WHEN {answered} THEN r.responder_handler_id END",
                "answered_at": f"CASE WHEN {answered} THEN r.replied_at END",
            },
        )

    def events(self):
        template = Event.objects.order_by("pk").first()
        steps = []
        for status, timeline in TIMELINES.items():
            for number, (action, source, target, side, column) in enumerate(timeline):
                steps.append(f"('{status}', {number}, '{action}', '{source}', '{target}', '{side}', '{column}')")
        self.sql(
            "CREATE TEMP TABLE bench_step (status text, number int, action text, source text, target text, "
            "side text, moment text) ON COMMIT DROP"
        )
        self.sql(f"INSERT INTO bench_step VALUES {', '.join(steps)}")
        moment = (
            "CASE st.moment WHEN 'created_at' THEN r.created_at WHEN 'sent_at' THEN r.sent_at "
            "WHEN 'accepted_at' THEN r.accepted_at WHEN 'replied_at' THEN r.replied_at "
            "WHEN 'closed_at' THEN r.closed_at ELSE r.updated_at END"
        )
        responder = "st.side = 'responder'"
        return clone(
            self.cursor,
            Event,
            template=template.pk,
            rows="requests_app_informationrequest r JOIN bench_step st ON st.status = r.status",
            where=f"AND {self.new_requests()}",
            overrides={
                "request_id": "r.id",
                "actor_id": f"CASE WHEN {responder} THEN r.responder_handler_id ELSE r.requester_handler_id END",
                "authority_id": f"CASE WHEN {responder} THEN r.responding_authority_id "
                "ELSE r.requesting_authority_id END",
                "action": "st.action",
                "from_status": "st.source",
                "to_status": "st.target",
                "note": "CASE WHEN st.action IN ('withdraw', 'request_clarification', 'refer') "
                "AND r.personal_data_deleted_at IS NULL THEN 'Please see the attached explanation.' ELSE '' END",
                "assignee_id": "NULL",
                "note_language": "'en'",
                "created_at": f"coalesce({moment}, r.created_at)",
            },
        )

    def messages(self):
        template = Message.objects.order_by("pk").first()
        if template is None:
            return 0
        # About one request in three has a message, one in ten two; none left after erasure.
        rows = (
            "requests_app_informationrequest r CROSS JOIN LATERAL generate_series(1, CASE "
            "WHEN pg_temp.frac(r.id, 61) < 0.1 THEN 2 WHEN pg_temp.frac(r.id, 61) < 0.33 THEN 1 ELSE 0 END) AS n"
        )
        responder = "n % 2 = 0 AND r.responder_handler_id IS NOT NULL"
        return clone(
            self.cursor,
            Message,
            template=template.pk,
            rows=rows,
            where=(f"AND {self.new_requests()} AND r.status <> 'draft' AND r.personal_data_deleted_at IS NULL"),
            overrides={
                "request_id": "r.id",
                "author_id": f"CASE WHEN {responder} THEN r.responder_handler_id ELSE r.requester_handler_id END",
                "authority_id": f"CASE WHEN {responder} THEN r.responding_authority_id "
                "ELSE r.requesting_authority_id END",
                "body": "'Could you also confirm the date of registration? Thank you for your help.'",
                "language": "'en'",
                "created_at": "r.created_at + make_interval(hours => 2 + n * 30)",
            },
        )

    def mails(self):
        template = OutboxMessage.objects.order_by("pk").first()
        if template is None or not self.sizes.mails_per_request:
            return 0
        whole = int(self.sizes.mails_per_request)
        extra = self.sizes.mails_per_request - whole
        # Each step told the other side: the mails of a request, delivered over its life.
        rows = (
            "requests_app_informationrequest r CROSS JOIN LATERAL generate_series(1, "
            f"{whole} + CASE WHEN pg_temp.frac(r.id, 71) < {extra:.4f} THEN 1 ELSE 0 END) AS n "
            "JOIN authorities_user u ON u.id = CASE WHEN n % 2 = 0 THEN r.requester_handler_id "
            "ELSE coalesce(r.responder_handler_id, r.requester_handler_id) END "
            "CROSS JOIN LATERAL (SELECT least(now(), r.created_at + make_interval(days => n * 3)) AS moment) AS s"
        )
        return clone(
            self.cursor,
            OutboxMessage,
            template=template.pk,
            rows=rows,
            where=f"AND {self.new_requests()} AND r.status <> 'draft'",
            overrides={
                "recipient_id": "u.id",
                "to_email": "u.email",
                "language": "u.preferred_language",
                "link": "'/requests/' || r.id || '/'",
                "state": "'sent'",
                "attempts": "1",
                "last_error": "''",
                "created_at": "s.moment",
                "next_attempt_at": "s.moment",
                "sent_at": "s.moment",
                "failed_at": "NULL",
                "seen_at": "NULL",
                "seen_by_id": "NULL",
            },
        )

    def search_documents(self):
        # Through the service, as any change of an authority does (it refreshes the registers of those too).
        self.sql(
            "CREATE INDEX bench_competence_authority ON authorities_competence (authority_id); "
            "CREATE INDEX bench_register_authority ON registers_register (authority_id)"
        )
        new = Authority.objects.filter(pk__gte=self.first_authority)
        authority_search_refresh(authorities=new)
        for model in (Authority, Register, Competence):
            self.sql(f"ANALYZE {model._meta.db_table}")
        self.sql("DROP INDEX bench_competence_authority; DROP INDEX bench_register_authority")
        return new.count()
