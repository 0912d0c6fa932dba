"""Measure the directory search (authorities and registers) on a directory of realistic size.

    python manage.py bench_search --authorities 20000 --registers 5000

Creates that many authorities and registers, spread over the 30 countries, with
names built from words of the six languages (Cyrillic and accents included),
competences and keywords, all from ``demo/content/bench_search.yaml``; fills
their search documents in one UPDATE per table (the text computed as the
services compute it, ``unaccent`` applied by PostgreSQL; PostgreSQL generates the
``search_vector`` from it), collects their words for typo correction
(``search_words_rebuild``), merges the GIN indexes' pending lists as autovacuum
would, and runs ANALYZE. Then runs the
queries of that file, as users type them, through ``authorities_search`` and
``registers_search``, evaluating the first page (25 rows) several times each,
and prints the median and 95th percentile per kind and the plans of a few
searches: the correction of the typed words, then the search itself.

Everything it creates is rolled back at the end: the database is left as it was,
but for the rolled-back rows, dead until (auto)vacuum removes them: where
autovacuum is off, VACUUM the directory tables between runs, or each run reads
the dead rows of the ones before and looks slower.
"""

import math
import random
import statistics
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from authorities.models import Authority, Competence, Country, LegislativeArea
from authorities.selectors import authorities_search
from authorities.services import authority_search_refresh, authority_search_text
from core import content_loader
from core.models import SearchWord
from core.search import search_words_rebuild
from registers.models import Register
from registers.selectors import registers_search
from registers.services import register_search_refresh, register_search_text

CODES = [code for code, _name in settings.LANGUAGES]
PAGE = 25
BATCH = 2000
INDEXES = {"authorities": "authority_search_vector", "registers": "register_search_vector"}
VOCABULARY = Path(__file__).resolve().parents[2] / "content" / "bench_search.yaml"

KEYS = (
    "country_languages",
    "cities",
    "kinds",
    "national",
    "local",
    "topics",
    "register_kinds",
    "register_description",
    "professions",
    "queries",
    "explained",
)


def vocabulary_read(path=VOCABULARY):
    """The words and queries of ``bench_search.yaml``, checked; raises ``ContentError`` listing every problem.

    Returns the file's data with each city as (native spelling, Latin spelling)
    and each explained search as (kind, query).
    """
    path = Path(path)
    problems = content_loader.Problems()
    data = content_loader.entry(content_loader.read(path), path.name, problems, required=KEYS)
    if data is None:
        problems.raise_any()
    countries = set(Country.objects.values_list("code", flat=True))
    areas = set(LegislativeArea.objects.values_list("code", flat=True))

    def mapping(key):
        if isinstance(data[key], dict) and data[key]:
            return data[key]
        problems.add(key, "expected a mapping")
        return {}

    def listing(key):
        if isinstance(data[key], list) and data[key]:
            return data[key]
        problems.add(key, "expected a list")
        return []

    for code, language in mapping("country_languages").items():
        if language not in CODES:
            problems.add(f"country_languages, {code}", f"{language!r} is not one of {', '.join(CODES)}")

    cities = {}
    for code, names in mapping("cities").items():
        where = f"cities, {code}"
        if not isinstance(names, list) or not names:
            problems.add(where, "expected a list of cities")
            continue
        cities[code] = []
        for number, name in enumerate(names, start=1):
            if isinstance(name, dict):
                name = content_loader.entry(name, f"{where}, city {number}", problems, required=("native", "latin"))
                cities[code].append((name["native"], name["latin"]) if name else None)
            else:
                name = content_loader.string(name, f"{where}, city {number}", problems)
                cities[code].append((name, name))
    if missing := sorted(countries - set(cities)):
        problems.add("cities", f"no cities for {', '.join(missing)}")

    kinds = mapping("kinds")
    for kind, names in kinds.items():
        content_loader.texts(names, f"kinds, {kind}", problems)
    for key in ("national", "local"):
        if unknown := [kind for kind in listing(key) if kind not in kinds]:
            problems.add(key, f"unknown kinds {', '.join(map(str, unknown))}")

    def known_areas(codes, where):
        if not isinstance(codes, list) or not codes or not set(codes) <= areas:
            problems.add(where, f"expected a list of legislative areas ({', '.join(sorted(areas))})")

    for number, topic in enumerate(listing("topics"), start=1):
        where = f"topics, topic {number}"
        topic = content_loader.entry(
            topic, where, problems, required=("forms", "areas", "keywords"), optional=("ministry",)
        )
        if topic is None:
            continue
        content_loader.texts(topic["forms"], f"{where}, forms", problems)
        content_loader.texts(topic["keywords"], f"{where}, keywords", problems)
        known_areas(topic["areas"], f"{where}, areas")
        ministry = topic.get("ministry", {})
        if not isinstance(ministry, dict) or not set(ministry) <= set(CODES):
            problems.add(f"{where}, ministry", f"expected a name in some of {', '.join(CODES)}")

    for number, names in enumerate(listing("register_kinds"), start=1):
        content_loader.texts(names, f"register_kinds, kind {number}", problems)
    content_loader.texts(data["register_description"], "register_description", problems)
    for number, profession in enumerate(listing("professions"), start=1):
        where = f"professions, profession {number}"
        profession = content_loader.entry(profession, where, problems, required=("area", "plural", "singular"))
        if profession is None:
            continue
        known_areas([profession["area"]], f"{where}, area")
        for key in ("plural", "singular"):
            content_loader.texts(profession[key], f"{where}, {key}", problems)

    for number, query in enumerate(listing("queries"), start=1):
        content_loader.string(query, f"queries, query {number}", problems)
    explained = []
    for number, search in enumerate(listing("explained"), start=1):
        where = f"explained, search {number}"
        search = content_loader.entry(search, where, problems, required=("search", "query"))
        if search is None:
            continue
        if search["search"] not in INDEXES:
            problems.add(where, f"search: expected {' or '.join(INDEXES)}")
        content_loader.string(search["query"], f"{where}, query", problems)
        explained.append((search["search"], search["query"]))
    problems.raise_any()
    return {**data, "cities": cities, "explained": explained}


def _cap(text):
    return text[:1].upper() + text[1:]


class Rollback(Exception):
    pass


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def bulk_document_update(table, documents):
    """Write the search documents of many rows in one UPDATE, through unaccent as the services do."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS t SET search_document = unaccent(d.text) "  # noqa: S608 (a model's own table name)
            "FROM unnest(%s::bigint[], %s::text[]) AS d(id, text) WHERE t.id = d.id",
            [list(documents), list(documents.values())],
        )


class Command(BaseCommand):
    help = "Time the directory search of authorities and registers on generated data (rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--authorities", type=int, default=20_000)
        parser.add_argument("--registers", type=int, default=5_000)
        parser.add_argument("--repeat", type=int, default=3, help="Timed runs of each query of each kind.")
        parser.add_argument("--seed", type=int, default=2026, help="Seed of the generated names.")

    def handle(self, *args, authorities, registers, repeat, seed, **options):
        try:
            self.words = vocabulary_read()
        except content_loader.ContentError as error:
            raise CommandError("\n".join(["bench_search.yaml cannot be used:", *error.errors])) from error
        self.random = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
        try:
            with translation.override("en"), transaction.atomic():
                self.run(authorities, registers, repeat)
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: the database is unchanged.")

    # Data -------------------------------------------------------------------

    def run(self, authority_count, register_count, repeat):
        self.countries = list(Country.objects.order_by("code"))
        self.areas = {area.code: area for area in LegislativeArea.objects.all()}
        self.stdout.write(
            f"Search benchmark: {authority_count} authorities and {register_count} registers "
            f"over {len(self.countries)} countries, {len(self.words['queries'])} queries, {repeat} timed runs each"
        )
        started = time.perf_counter()
        authorities = self.create_authorities(authority_count)
        registers = self.create_registers(register_count, authorities)
        created = time.perf_counter() - started

        started = time.perf_counter()
        bulk_document_update(Authority._meta.db_table, {a.pk: a.document for a in authorities})
        bulk_document_update(Register._meta.db_table, {r.pk: r.document for r in registers})
        words = sum(search_words_rebuild(model) for model in (Authority, Register))
        documents = time.perf_counter() - started

        started = time.perf_counter()
        with connection.cursor() as cursor:
            # What autovacuum does soon after bulk writes: move the GIN indexes' pending entries into the
            # index proper (else every index scan reads the whole pending list), then the statistics.
            for index in INDEXES.values():
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            for model in (Authority, Competence, Register, Register.legislative_areas.through, SearchWord):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
        analyzed = time.perf_counter() - started
        self.stdout.write(
            f"Created in {created:.1f} s; search documents and their {words} words in {documents:.1f} s "
            "(one UPDATE per table, then search_words_rebuild); "
            f"GIN pending lists merged and ANALYZE in {analyzed:.1f} s."
        )
        self.check_documents(authorities, registers)
        self.stdout.write(
            f"Directory now: {Authority.objects.count()} authorities, {Register.objects.count()} registers."
        )
        self.time_queries(repeat)
        self.explain()

    def pick_city(self, code):
        return self.random.choice(self.words["cities"][code])

    def authority_names(self, topic, kind, city):
        native, latin = city
        names = {}
        for lang in CODES:
            override = topic.get("ministry", {}).get(lang) if kind == "ministry" else None
            if override:
                names[lang] = override
                continue
            form = topic["forms"][lang]
            # Danish and Estonian compounds take the topic in lower case inside a word.
            lower = form.lower() if lang in ("da", "et") else form
            name = self.words["kinds"][kind][lang].format(t=lower, T=_cap(form), city=native if lang == "bg" else latin)
            names[lang] = _cap(name)
        return names

    def create_authorities(self, count):
        authorities, competences = [], []
        for index in range(count):
            country = self.countries[index % len(self.countries)]
            language = self.words["country_languages"].get(country.code)
            topic = self.random.choice(self.words["topics"])
            kind = self.random.choice(self.words["national" if self.random.random() < 0.3 else "local"])
            city = self.pick_city(country.code)
            names = self.authority_names(topic, kind, city)
            official = names[language] if language else names["en"]
            acronym = "".join(word[0] for word in official.replace("–", " ").split() if word[0].isupper())[:8]
            status = self.random.choices(
                [Authority.Status.VALIDATED, Authority.Status.PENDING, Authority.Status.SUSPENDED], [94, 4, 2]
            )[0]
            authority = Authority(
                official_name=official,
                display_name=names["en"],
                **{f"display_name_{lang}": names[lang] for lang in CODES},
                acronym=acronym,
                country=country,
                city=city[0],
                email=f"bench{index}@bench.invalid",
                website=f"https://authority-{index}.bench.example",
                languages=[language, "en"] if language else ["en"],
                status=status,
            )
            areas = topic["areas"][: self.random.choice([1, len(topic["areas"])])]
            # Keywords in English and in the country's language, where it is one of the six.
            keywords = ", ".join([topic["keywords"]["en"]] + ([topic["keywords"][language]] if language else []))
            authority.bench_competences = [(area, keywords) for area in areas]
            authorities.append(authority)
        Authority.objects.bulk_create(authorities, batch_size=BATCH)
        for authority in authorities:
            for area, keywords in authority.bench_competences:
                competences.append(
                    Competence(authority=authority, legislative_area=self.areas[area], keywords=keywords)
                )
            authority.document = authority_search_text(
                authority, [keywords for _area, keywords in authority.bench_competences]
            )
        Competence.objects.bulk_create(competences, batch_size=BATCH)
        return authorities

    def create_registers(self, count, authorities):
        validated = [a for a in authorities if a.status == Authority.Status.VALIDATED] or authorities
        registers, links = [], []
        today = timezone.localdate()
        for index in range(count):
            authority = self.random.choice(validated)
            country = authority.country
            language = self.words["country_languages"].get(country.code)
            area = self.random.choice(authority.bench_competences)[0]
            profession = self.random.choice([p for p in self.words["professions"] if p["area"] == area])
            plurals, singulars = profession["plural"], profession["singular"]
            template = self.random.choice(self.words["register_kinds"])
            names, descriptions = {}, {}
            for lang in CODES:
                country_name = getattr(country, f"name_{lang}")
                names[lang] = _cap(template[lang].format(p=plurals[lang], P=_cap(plurals[lang]), country=country_name))
                descriptions[lang] = self.words["register_description"][lang].format(
                    authority=getattr(authority, f"display_name_{lang}"), country=country_name
                )
            coverage = ", ".join(dict.fromkeys([singulars["en"], singulars[language or "en"]]))
            register = Register(
                name=names["en"],
                **{f"name_{lang}": names[lang] for lang in CODES},
                description=descriptions["en"],
                **{f"description_{lang}": descriptions[lang] for lang in CODES},
                country=country,
                authority=authority,
                url=f"https://register-{index}.bench.example/",
                coverage=coverage,
                languages=authority.languages,
                last_reviewed=today - timedelta(days=self.random.randrange(500)),
                is_retired=self.random.random() < 0.03,
            )
            register.bench_area = area
            registers.append(register)
        Register.objects.bulk_create(registers, batch_size=BATCH)
        through = Register.legislative_areas.through
        for register in registers:
            links.append(through(register_id=register.pk, legislativearea_id=self.areas[register.bench_area].pk))
            register.document = register_search_text(register)
        through.objects.bulk_create(links, batch_size=BATCH)
        return registers

    def check_documents(self, authorities, registers, sample=20):
        """The bulk documents must be those the services write: rebuild a sample through them and compare."""
        sid = transaction.savepoint()
        try:
            results = []
            for label, model, rows, refresh, argument in (
                ("authorities", Authority, authorities, authority_search_refresh, "authorities"),
                ("registers", Register, registers, register_search_refresh, "registers"),
            ):
                pks = [row.pk for row in self.random.sample(rows, min(sample, len(rows)))]
                bulk = dict(model.objects.filter(pk__in=pks).values_list("pk", "search_document"))
                refresh(**{argument: model.objects.filter(pk__in=pks)})
                served = dict(model.objects.filter(pk__in=pks).values_list("pk", "search_document"))
                same = sum(bulk[pk] == served[pk] for pk in pks)
                results.append(f"{same}/{len(pks)} {label}")
        finally:
            transaction.savepoint_rollback(sid)
        self.stdout.write(f"Search documents identical to the services' on a sample: {', '.join(results)}.")

    # Measures ---------------------------------------------------------------

    def time_queries(self, repeat):
        searches = {
            "authorities": lambda query: authorities_search(query=query),
            "registers": lambda query: registers_search(query=query),
        }
        times = {kind: [] for kind in searches}
        rows = {}
        queries = self.words["queries"]
        for query in queries:
            for kind, search in searches.items():
                runs = []
                for _run in range(repeat):
                    started = time.perf_counter()
                    found = len(list(search(query)[:PAGE]))
                    runs.append((time.perf_counter() - started) * 1000)
                times[kind].extend(runs)
                rows[query, kind] = (found, statistics.median(runs))

        width = max(len(query) for query in queries) + 2
        self.stdout.write("")
        self.stdout.write(
            f"{'query':<{width}}{'authorities':>12}{'median ms':>11}   {'registers':>10}{'median ms':>11}"
        )
        for query in queries:
            (a_found, a_ms), (r_found, r_ms) = rows[query, "authorities"], rows[query, "registers"]
            self.stdout.write(f"{query:<{width}}{a_found:>12}{a_ms:>11.1f}   {r_found:>10}{r_ms:>11.1f}")
        self.stdout.write("")
        self.stdout.write(
            f"{'kind':<12}{'queries':>8}{'runs':>7}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}  (first page of {PAGE})"
        )
        for kind, values in times.items():
            self.stdout.write(
                f"{kind:<12}{len(queries):>8}{len(values):>7}{statistics.median(values):>11.1f}"
                f"{percentile(values, 0.95):>9.1f}{max(values):>9.1f}"
            )

    def explain(self):
        for kind, query in self.words["explained"]:
            search = authorities_search if kind == "authorities" else registers_search
            with CaptureQueriesContext(connection) as lookups:
                results = search(query=query)[:PAGE]
            for lookup in lookups.captured_queries:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN ANALYZE " + lookup["sql"])
                    lines = [line for (line,) in cursor.fetchall()]
                self.stdout.write(f"\nQuery plan of the correction of the typed words {query!r} ({kind}):")
                self.stdout.write("\n".join(lines))
            plan = results.explain(analyze=True)
            used = "yes" if INDEXES[kind] in plan else "no"
            self.stdout.write(f"\nQuery plan of the {kind} search {query!r}:")
            self.stdout.write(plan)
            self.stdout.write(f"Full-text index {INDEXES[kind]} used: {used}")
